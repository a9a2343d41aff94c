#include "decomposition_view.h"

#include "colour_scales.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QLabel>

namespace orderlens::widgets {

namespace {
const QColor kContentColour(0, 158, 115);
const QColor kMixedColour(150, 150, 150);
const QColor kPositionColour(204, 121, 167);
}  // namespace

DecompositionView::DecompositionView(QWidget* parent) : View(parent)
{
    headChooser_ = new QComboBox(this);
    sentenceChooser_ = new QComboBox(this);
    controls_->addWidget(new QLabel(tr("Layer 1, head:"), this));
    controls_->addWidget(headChooser_);
    controls_->addWidget(new QLabel(tr("Sentence:"), this));
    controls_->addWidget(sentenceChooser_);
    controls_->addStretch(1);
    connect(headChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!syncing_ && index >= 0) {
            head_ = index;
            redraw();
        }
    });
    connect(sentenceChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!syncing_ && index >= 0) {
            sentence_ = index;
            redraw();
        }
    });
}

QString DecompositionView::explanation() const
{
    if (data_ && data_->config.pe == PositionScheme::Rope)
        return tr("RoPE turns queries and keys instead of adding a position vector, so the score has no exact "
                  "content/position split. The bars below measure each head by shuffling: how much its attention "
                  "moves when positions move compared with when words move.");
    return tr("Because E and P are added, every attention score of the first layer splits exactly into four parts "
              "plus a bias: word with word, word with place, place with word, place with place. A content head "
              "gets its pattern from the first part, a position head from the last.");
}

QString DecompositionView::selectionCaption() const { return tr("layer 1 · head %1").arg(head_ + 1); }

void DecompositionView::selectHead(int head)
{
    head_ = head;
    redraw();
}

void DecompositionView::rebuild()
{
    if (!data_ || data_->config.n_layers == 0) {
        showMessage(tr("The hand-made model has no attention, so there is nothing to decompose.\nPick a built-in "
                       "model."));
        return;
    }
    syncing_ = true;
    const int heads = data_->config.n_heads;
    head_ = std::clamp(head_, 0, heads - 1);
    if (headChooser_->count() != heads) {
        headChooser_->clear();
        for (int h = 0; h < heads; ++h)
            headChooser_->addItem(QString::number(h + 1));
    }
    headChooser_->setCurrentIndex(head_);
    sentenceChooser_->clear();
    sentenceChooser_->addItem(tr("A: %1").arg(data_->a.tokens.join(QString())));
    if (data_->b)
        sentenceChooser_->addItem(tr("B: %1").arg(data_->b->tokens.join(QString())));
    sentence_ = std::clamp(sentence_, 0, sentenceChooser_->count() - 1);
    sentenceChooser_->setCurrentIndex(sentence_);
    syncing_ = false;

    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    const SentenceData& s = sentence_ == 1 && data_->b ? *data_->b : data_->a;
    auto* top = new QCPLayoutGrid;
    auto* bottom = new QCPLayoutGrid;

    if (s.trace->terms) {
        const LogitTerms& t = *s.trace->terms;
        const auto h = static_cast<size_t>(head_);
        const TermShares& share = s.termShares[h];
        addTitle(plot_, 0, 0,
                 tr("Head %1 of layer 1 (%2): content %3 % · mixed %4 % · position %5 %")
                     .arg(head_ + 1)
                     .arg(sentence_ == 0 ? tr("A") : tr("B"))
                     .arg(100 * share.content, 0, 'f', 0)
                     .arg(100 * share.mixed, 0, 'f', 0)
                     .arg(100 * share.position, 0, 'f', 0),
                 colours, font, 2);
        plot_->plotLayout()->addElement(1, 0, top);
        plot_->plotLayout()->addElement(2, 0, bottom);
        const Matrix* parts[6] = {&t.ee[h], &t.ep[h], &t.pe[h], &t.pp[h], &t.bias[h], &s.trace->layers[0].logits[h]};
        const QString names[6] = {tr("word → word"), tr("word → place"), tr("place → word"),
                                  tr("place → place"), tr("bias"), tr("= score (sum)")};
        const QCPRange range(-data_->logitRange, data_->logitRange);
        auto* margins = new QCPMarginGroup(plot_);
        QFont bold = font;
        bold.setBold(true);
        for (int c = 0; c < 6; ++c) {
            auto* title = new QCPTextElement(plot_, names[c], bold);
            title->setTextColor(colours.text);
            top->addElement(0, c, title);
            top->setColumnStretchFactor(c, 1.0);
            auto* rect = new QCPAxisRect(plot_);
            top->addElement(1, c, rect);
            // Same margins on every side for all six: equal maps, although only the first
            // carries the query labels.
            rect->setMarginGroup(QCP::msLeft | QCP::msRight | QCP::msTop | QCP::msBottom, margins);
            styleAxisRect(rect, colours, font);
            addMatrixMap(rect, *parts[c], divergingGradient(), range);
            setTextTicks(rect->axis(QCPAxis::atBottom), s.tokens, s.length() > 5 ? 90 : 0);
            setTextTicks(rect->axis(QCPAxis::atLeft), c == 0 ? s.tokens : QStringList());
            if (c == 0)
                rect->axis(QCPAxis::atLeft)->setLabel(tr("query"));
            rect->axis(QCPAxis::atBottom)->setLabel(tr("key"));
            keepAspect(rect, rect->axis(QCPAxis::atBottom)->range(), rect->axis(QCPAxis::atLeft)->range(), AspectFit::ShrinkRect);
        }
        top->setRowStretchFactor(0, 0.01);
        auto* bar = addColourBar(plot_->plotLayout(), 1, 1, tr("score part"), divergingGradient(), range, colours, font);
        bar->setMinimumSize(70, 80);
        plot_->plotLayout()->setColumnStretchFactor(1, 0.01);
        plot_->plotLayout()->setRowStretchFactor(0, 0.01);
        plot_->plotLayout()->setRowStretchFactor(1, 0.75);  // six square maps are short: the bars get the rest
    } else {
        auto* note = new QCPTextElement(
            plot_, tr("No exact split for this position scheme (RoPE rotates queries and keys)."), font);
        note->setTextColor(colours.subtle);
        top->addElement(0, 0, note);
        plot_->plotLayout()->addElement(0, 0, top);
        plot_->plotLayout()->addElement(1, 0, bottom);
        plot_->plotLayout()->setRowStretchFactor(0, 0.1);
    }
    addShareBars(bottom, font);
    plot_->replot();
}

void DecompositionView::addShareBars(QCPLayoutGrid* grid, const QFont& font)
{
    const PlotColours colours = plotColours(this);
    const SentenceData& s = sentence_ == 1 && data_->b ? *data_->b : data_->a;
    const bool exact = !s.termShares.empty();
    QCPAxisRect* rect =
        addTitledAxisRect(plot_, grid, 0, 0,
                          exact ? tr("Every head of layer 1: where its pattern comes from (exact split)")
                                : tr("Every head: position score from shuffling (1 = only position matters)"),
                          colours, font)
            .rect;
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    auto* legend = new QCPLegend;
    rect->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(QBrush(colours.background));
    legend->setBorderPen(QPen(colours.subtle));
    legend->setTextColor(colours.text);
    legend->setFont(font);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    QStringList labels;
    if (exact) {
        const int heads = static_cast<int>(s.termShares.size());
        QVector<double> keys, content, mixed, position;
        for (int h = 0; h < heads; ++h) {
            keys << h;
            content << s.termShares[static_cast<size_t>(h)].content;
            mixed << s.termShares[static_cast<size_t>(h)].mixed;
            position << s.termShares[static_cast<size_t>(h)].position;
            labels << tr("head %1").arg(h + 1);
        }
        QCPBars* below = nullptr;
        const std::tuple<QString, QColor, QVector<double>*> stack[3] = {
            {tr("word → word (content)"), kContentColour, &content},
            {tr("mixed"), kMixedColour, &mixed},
            {tr("place → place (position)"), kPositionColour, &position}};
        for (const auto& [name, colour, values] : stack) {
            auto* bars = new QCPBars(x, y);
            bars->setData(keys, *values, true);
            bars->setBrush(colour);
            bars->setPen(QPen(colours.background, 1));
            bars->setWidth(0.6);
            bars->setName(name);
            if (below)
                bars->moveAbove(below);
            below = bars;
            legend->addItem(new QCPPlottableLegendItem(legend, bars));
        }
        auto* mark = new QCPItemRect(plot_);
        mark->setClipAxisRect(rect);
        mark->topLeft->setAxes(x, y);
        mark->bottomRight->setAxes(x, y);
        mark->topLeft->setCoords(head_ - 0.4, 1.0);
        mark->bottomRight->setCoords(head_ + 0.4, 0.0);
        mark->setPen(QPen(colours.text, 2));
        y->setLabel(tr("share of the pattern"));
        y->setRange(0, 1.35);
    } else {
        QVector<double> keys, values;
        for (const auto& role : s.headRoles) {
            keys << keys.size();
            values << role.positionScore;
            labels << tr("L%1 H%2").arg(role.layer + 1).arg(role.head + 1);
        }
        auto* bars = new QCPBars(x, y);
        bars->setData(keys, values, true);
        bars->setBrush(kPositionColour);
        bars->setPen(Qt::NoPen);
        bars->setWidth(0.6);
        bars->setName(tr("position score"));
        legend->addItem(new QCPPlottableLegendItem(legend, bars));
        y->setLabel(tr("position score"));
        y->setRange(0, 1.35);
    }
    setTextTicks(x, labels, labels.size() > 8 ? 90 : 0);
    x->setRange(-0.6, labels.size() - 0.4);
    QSharedPointer<QCPAxisTickerFixed> fixed(new QCPAxisTickerFixed);
    fixed->setTickStep(0.25);
    y->setTicker(fixed);
}

}  // namespace orderlens::widgets
