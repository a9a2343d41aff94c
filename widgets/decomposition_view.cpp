#include "decomposition_view.h"

#include "colour_scales.h"
#include "plot.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QLabel>
#include <QSignalBlocker>

#include <algorithm>
#include <array>

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
    layerChooser_ = new QComboBox(this);
    layerLabel_ = new QLabel(tr("Layer:"), this);
    headLabel_ = new QLabel(tr("Layer 1, head:"), this);
    controls_->addWidget(layerLabel_);
    controls_->addWidget(layerChooser_);
    controls_->addWidget(headLabel_);
    controls_->addWidget(headChooser_);
    layerLabel_->hide();
    layerChooser_->hide();
    connect(layerChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) {
            Selection next = selection_;
            next.layer = index;
            requestSelection(next);
        }
    });
    controls_->addWidget(new QLabel(tr("Sentence:"), this));
    controls_->addWidget(sentenceChooser_);
    controls_->addStretch(1);
    connect(headChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            selectHead(index);
    });
    connect(sentenceChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) {
            Selection next = selection_;
            next.sentence = index;
            requestSelection(next);
        }
    });
}

QString DecompositionView::explanation() const
{
    if (data_ && data_->config.pe == PositionScheme::Rope)
        return tr("RoPE adds no position vector: it turns each pair of a head's query and key coordinates by an "
                  "angle that grows with the position. The score still splits exactly: the content part is the "
                  "score the two words would get at the same position, the position part is what the turning "
                  "adds, and it depends only on how far apart they are. The middle chart shows which frequency "
                  "pairs carry that position part: fast pairs (left) tell near from far, slow pairs (right) "
                  "hardly turn over a sentence.");
    return tr("Because E and P are added, every attention score of the first layer splits exactly into four parts "
              "plus a bias: word with word, word with place, place with word, place with place. A content head "
              "gets its pattern from the first part, a position head from the last.");
}

QString DecompositionView::selectionCaption() const
{
    return tr("layer %1 · head %2").arg((ropeSplit() ? ropeLayer() : 0) + 1).arg(selectedHead() + 1);
}

void DecompositionView::selectHead(int head)
{
    Selection next = selection_;
    next.head = head;
    requestSelection(next);
}

int DecompositionView::selectedHead() const
{
    if (!data_ || data_->config.n_heads <= 0)
        return std::max(0, selection_.head);
    return std::clamp(selection_.head, 0, data_->config.n_heads - 1);
}

int DecompositionView::shownSentence() const { return selection_.sentence == 1 && data_ && data_->b ? 1 : 0; }

bool DecompositionView::hasPicture() const { return data_ && data_->config.n_layers > 0; }

QString DecompositionView::layoutKey() const
{
    if (!hasPicture())
        return QStringLiteral("message");
    const SentenceSnapshot& s = shown();
    const size_t bars = s.termShares.empty() ? s.headRoles.size() : s.termShares.size();
    return QStringLiteral("heads=%1 head=%2 sentence=%3 upwards=%4 exact=%5 bars=%6 rope=%7 layer=%8")
        .arg(data_->config.n_heads)
        .arg(selectedHead())
        .arg(shownSentence())
        .arg(s.length() > 5)
        .arg(s.trace->terms.has_value())
        .arg(bars)
        .arg(ropeSplit())
        .arg(ropeSplit() ? ropeLayer() : 0);
}

void DecompositionView::showSelection()
{
    if (!hasPicture())
        return;  // the message: the choosers keep what they showed
    const QSignalBlocker blockHeads(headChooser_), blockSentences(sentenceChooser_);
    const int heads = data_->config.n_heads;
    if (headChooser_->count() != heads) {
        headChooser_->clear();
        for (int h = 0; h < heads; ++h)
            headChooser_->addItem(QString::number(h + 1));
    }
    headChooser_->setCurrentIndex(selectedHead());
    const bool layers = ropeSplit() && shown().trace->ropeTerms.size() > 1;
    const QSignalBlocker blockLayers(layerChooser_);
    layerLabel_->setVisible(layers);
    layerChooser_->setVisible(layers);
    headLabel_->setText(layers ? tr("head:") : tr("Layer 1, head:"));
    if (layers) {
        const int count = static_cast<int>(shown().trace->ropeTerms.size());
        if (layerChooser_->count() != count) {
            layerChooser_->clear();
            for (int l = 0; l < count; ++l)
                layerChooser_->addItem(QString::number(l + 1));
        }
        layerChooser_->setCurrentIndex(ropeLayer());
    }
    QStringList sentences{tr("A: %1").arg(joinedTokens(data_->a.tokens))};
    if (data_->b)
        sentences << tr("B: %1").arg(joinedTokens(data_->b->tokens));
    if (sentenceChooser_->count() != sentences.size()) {
        sentenceChooser_->clear();
        sentenceChooser_->addItems(sentences);
    } else {
        for (int i = 0; i < sentences.size(); ++i)
            sentenceChooser_->setItemText(i, sentences[i]);
    }
    sentenceChooser_->setCurrentIndex(shownSentence());
}

const SentenceSnapshot& DecompositionView::shown() const { return shownSentence() == 1 ? *data_->b : data_->a; }

QString DecompositionView::headTitle() const
{
    const int head = selectedHead();
    const TermShares& share = shown().termShares[static_cast<size_t>(head)];
    return tr("Head %1 of layer 1 (%2): content %3 % · mixed %4 % · position %5 %")
        .arg(head + 1)
        .arg(shownSentence() == 0 ? tr("A") : tr("B"))
        .arg(100 * share.content, 0, 'f', 0)
        .arg(100 * share.mixed, 0, 'f', 0)
        .arg(100 * share.position, 0, 'f', 0);
}

namespace {
// The five terms of head h and their sum, the score.
std::array<const Matrix*, 6> termsOf(const SentenceSnapshot& s, size_t h)
{
    const LogitTerms& t = *s.trace->terms;
    return {&t.ee[h], &t.ep[h], &t.pe[h], &t.pp[h], &t.bias[h], &s.trace->layers[0].logits[h]};
}
}  // namespace

void DecompositionView::build()
{
    rotatedKeys_ = false;
    partsGrid_ = nullptr;
    partColumns_ = 6;
    headTitle_ = nullptr;
    partBar_ = nullptr;
    std::fill(std::begin(parts_), std::end(parts_), nullptr);
    std::fill(std::begin(partTitles_), std::end(partTitles_), nullptr);
    shareBars_.clear();
    pairBars_.clear();
    if (!hasPicture()) {
        showMessage(tr("The hand-made model has no attention, so there is nothing to decompose.\nPick a built-in "
                       "model."));
        return;
    }
    rotatedKeys_ = shown().length() > 5;

    const QFont font = resetPlot();
    if (ropeSplit()) {
        buildRope(font);
        return;
    }
    const PlotColours colours = plotColours(this);
    const SentenceSnapshot& s = shown();
    auto* top = new QCPLayoutGrid;
    auto* bottom = new QCPLayoutGrid;

    if (s.trace->terms) {
        const QStringList tokens = tokenTexts(s.tokens);
        const auto parts = termsOf(s, static_cast<size_t>(selectedHead()));
        headTitle_ = addTitle(plot_, 0, 0, headTitle(), colours, font, 2);
        plot_->plotLayout()->addElement(1, 0, top);
        plot_->plotLayout()->addElement(2, 0, bottom);
        const QString names[6] = {tr("word → word"), tr("word → place"), tr("place → word"),
                                  tr("place → place"), tr("bias"), tr("= score (sum)")};
        const QCPRange range(-data_->logitRange, data_->logitRange);
        auto* margins = new QCPMarginGroup(plot_);
        for (int c = 0; c < 6; ++c)  // query names beside the first map of a row (the fourth starts the second row of three)
            addPartMap(top, c, names[c], *parts[static_cast<size_t>(c)], range, tokens, c == 0 || c == 3, margins, font);
        top->setRowStretchFactor(0, 0.01);
        partsGrid_ = top;
        placeParts(6);
        partBar_ = addColourBar(plot_->plotLayout(), 1, 1, tr("score part"), divergingGradient(), range, colours, font);
        partBar_->setMinimumSize(70, 80);
        plot_->plotLayout()->setColumnStretchFactor(1, 0.01);
        plot_->plotLayout()->setRowStretchFactor(0, 0.01);
        arrange(plot_->size());  // six square maps are short: the bars get the rest
    } else {
        auto* note = new Title(
            plot_,
            data_->config.causal
                ? tr("No exact word / place split for this decoder yet: GPT-2 normalises E + P before its first "
                     "attention.")
                : tr("No exact split for this position scheme (RoPE rotates queries and keys)."),
            font);
        note->setTextColor(colours.subtle);
        top->addElement(0, 0, note);
        plot_->plotLayout()->addElement(0, 0, top);
        plot_->plotLayout()->addElement(1, 0, bottom);
        plot_->plotLayout()->setRowStretchFactor(0, 0.1);
    }
    addShareBars(bottom, font);
    plot_->replot();
}

QCPAxisRect* DecompositionView::addPartMap(QCPLayoutGrid* grid, int column, const QString& name, const Matrix& m,
                                           const QCPRange& range, const QStringList& tokens, bool queryNames,
                                           QCPMarginGroup* margins, const QFont& font)
{
    const PlotColours colours = plotColours(this);
    QFont bold = font;
    bold.setBold(true);
    auto* title = new Title(plot_, name, bold);
    title->setTextColor(colours.text);
    grid->addElement(0, column, title);
    partTitles_[column] = title;
    grid->setColumnStretchFactor(column, 1.0);
    auto* rect = new QCPAxisRect(plot_);
    grid->addElement(1, column, rect);
    // Same margins on every side for all maps: equal maps, although only some carry the query names.
    rect->setMarginGroup(QCP::msLeft | QCP::msRight | QCP::msTop | QCP::msBottom, margins);
    styleAxisRect(rect, colours, font);
    parts_[column] = addMatrixMap(rect, m, divergingGradient(), range);
    setTextTicks(rect->axis(QCPAxis::atBottom), tokens, rotatedKeys_ ? 90 : 0);
    setTextTicks(rect->axis(QCPAxis::atLeft), queryNames ? tokens : QStringList());
    if (queryNames)
        rect->axis(QCPAxis::atLeft)->setLabel(tr("query"));
    rect->axis(QCPAxis::atBottom)->setLabel(tr("key"));
    keepAspect(rect, rect->axis(QCPAxis::atBottom)->range(), rect->axis(QCPAxis::atLeft)->range(), AspectFit::ShrinkRect);
    return rect;
}

void DecompositionView::placeParts(int columns)
{
    if (!partsGrid_)
        return;
    for (int c = 0; c < 6; ++c) {
        for (QCPLayoutElement* element : {static_cast<QCPLayoutElement*>(partTitles_[c]),
                                          static_cast<QCPLayoutElement*>(parts_[c]->keyAxis()->axisRect())})
            if (element->layout() == partsGrid_)
                partsGrid_->take(element);
    }
    partsGrid_->simplify();
    for (int c = 0; c < 6; ++c) {
        const int row = 2 * (c / columns), column = c % columns;
        partsGrid_->addElement(row, column, partTitles_[c]);
        partsGrid_->addElement(row + 1, column, parts_[c]->keyAxis()->axisRect());
        partsGrid_->setRowStretchFactor(row, 0.01);
        partsGrid_->setRowStretchFactor(row + 1, 1.0);
        partsGrid_->setColumnStretchFactor(column, 1.0);
    }
    // The fourth map starts a row only when there are two.
    QCPAxis* fourth = parts_[3]->valueAxis();
    fourth->setTickLabels(columns == 3);
    fourth->setLabel(columns == 3 ? tr("query") : QString());
    partColumns_ = columns;
}

void DecompositionView::arrange(QSize plotSize)
{
    if (!parts_[0] || plot_->plotLayout()->rowCount() < 3)
        return;
    if (ropeSplit()) {
        // RoPE's three maps in one row, at most a third of the height; the bars take the rest.
        const double column = std::max(60.0, std::min((plotSize.width() - 100.0) / 3.0, plotSize.height() / 3.0));
        const double mapsRow = column + (rotatedKeys_ ? 80.0 : 50.0);
        const double barsRow = std::max(120.0, plotSize.height() - 40.0 - mapsRow);
        plot_->plotLayout()->setRowStretchFactor(1, mapsRow / barsRow);
        plot_->plotLayout()->setRowStretchFactor(2, 1.0);
        return;
    }
    // Six maps side by side when each gets cells wide enough for its key names; else two rows of three.
    const QFontMetrics metrics(plotFont());
    double widestKey = 0;
    const QStringList tokens = tokenTexts(shown().tokens);
    for (const QString& token : tokens)
        widestKey = std::max<double>(widestKey, metrics.horizontalAdvance(token));
    const double cell = rotatedKeys_ ? metrics.height() : widestKey + 8;
    const double needed = std::max(60.0, cell * tokens.size()) + metrics.horizontalAdvance(QStringLiteral("老鼠  query"));
    const int columns = 6 * needed + 100 <= plotSize.width() ? 6 : 3;
    if (columns != partColumns_)
        placeParts(columns);
    // The maps' rows as tall as one square map with its labels; the bars take the rest.
    const double column = std::max(60.0, (plotSize.width() - 100.0) / columns);
    // At most 60 % of the height (75 % for a long sentence, whose words need the rows): the
    // share bars below keep room for their scale.
    const double share = tokens.size() > 16 ? 0.75 : 0.6;
    const double mapsRow = std::min((6 / columns) * (column + (rotatedKeys_ ? 80.0 : 50.0)), share * (plotSize.height() - 40.0));
    const double barsRow = std::max(120.0, plotSize.height() - 40.0 - mapsRow);
    plot_->plotLayout()->setRowStretchFactor(1, mapsRow / barsRow);
    plot_->plotLayout()->setRowStretchFactor(2, 1.0);
}

void DecompositionView::afterLayout()
{
    // Each name centred over its map (the maps are narrower than their cells: one unit the same
    // length on both axes, and the first map's query names take room on the left of every cell).
    for (int c = 0; c < 6; ++c) {
        if (!parts_[c] || !partTitles_[c])
            continue;
        const QRect map = parts_[c]->keyAxis()->axisRect()->rect();
        const QRect title = partTitles_[c]->outerRect();
        // Its whole text's width (the size hint allows a narrow column 70 % of it).
        const QFont font = partTitles_[c]->property("orderlens.naturalFont").isValid()
                               ? partTitles_[c]->property("orderlens.naturalFont").value<QFont>()
                               : partTitles_[c]->font();
        const int width = std::max(map.width(), QFontMetrics(font).horizontalAdvance(partTitles_[c]->text()) + 4);
        partTitles_[c]->setOuterRect(QRect(map.center().x() - width / 2, title.top(), width, title.height()));
    }
}

void DecompositionView::refresh()
{
    if (shareBars_.empty())
        return;  // the message: nothing to update
    if (ropeSplit()) {
        refreshRope();
        return;
    }
    const SentenceSnapshot& s = shown();
    if (headTitle_) {
        headTitle_->setText(headTitle());
        const QStringList tokens = tokenTexts(s.tokens);
        const auto parts = termsOf(s, static_cast<size_t>(selectedHead()));
        const QCPRange range(-data_->logitRange, data_->logitRange);
        const QCPRange cells(-0.5, s.length() - 0.5);
        for (size_t c = 0; c < 6; ++c) {
            setMatrix(parts_[c], *parts[c]);
            parts_[c]->setDataRange(range);
            setTickLabels(parts_[c]->keyAxis(), tokens);
            if (c == 0 || c == 3)
                setTickLabels(parts_[c]->valueAxis(), tokens);
            keepAspect(parts_[c]->keyAxis()->axisRect(), cells, cells, AspectFit::ShrinkRect);
        }
        partBar_->setDataRange(range);
    }
    fillShareBars();
    plot_->replot();
}

void DecompositionView::addShareBars(QCPLayoutGrid* grid, const QFont& font)
{
    const PlotColours colours = plotColours(this);
    const SentenceSnapshot& s = shown();
    const bool exact = !s.termShares.empty();
    QCPAxisRect* rect =
        addTitledAxisRect(plot_, grid, 0, 0,
                          exact ? tr("Every head of layer 1: where its pattern comes from (exact split)")
                                : tr("Every head: position score from shuffling (1 = only position matters)"),
                          colours, font)
            .rect;
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    auto* legend = addInsetLegend(rect, Qt::AlignTop | Qt::AlignRight, colours, font);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    QStringList labels;
    if (exact) {
        const int heads = static_cast<int>(s.termShares.size());
        for (int h = 0; h < heads; ++h)
            labels << tr("head %1").arg(h + 1);
        QCPBars* below = nullptr;
        const std::pair<QString, QColor> stack[3] = {{tr("word → word (content)"), kContentColour},
                                                     {tr("mixed"), kMixedColour},
                                                     {tr("place → place (position)"), kPositionColour}};
        for (const auto& [name, colour] : stack) {
            auto* bars = new QCPBars(x, y);
            bars->setBrush(colour);
            bars->setPen(QPen(colours.background, 1));
            bars->setWidth(0.6);
            bars->setName(name);
            if (below)
                bars->moveAbove(below);
            below = bars;
            legend->addItem(new QCPPlottableLegendItem(legend, bars));
            shareBars_.push_back(bars);
        }
        auto* mark = new QCPItemRect(plot_);
        mark->setClipAxisRect(rect);
        mark->topLeft->setAxes(x, y);
        mark->bottomRight->setAxes(x, y);
        const int head = selectedHead();
        mark->topLeft->setCoords(head - 0.4, 1.0);
        mark->bottomRight->setCoords(head + 0.4, 0.0);
        mark->setPen(QPen(colours.text, 2));
        y->setLabel(tr("share of the pattern"));
        y->setRange(0, 1.35);
    } else {
        for (const auto& role : s.headRoles)
            labels << tr("L%1 H%2").arg(role.layer + 1).arg(role.head + 1);
        auto* bars = new QCPBars(x, y);
        bars->setBrush(kPositionColour);
        bars->setPen(Qt::NoPen);
        bars->setWidth(0.6);
        bars->setName(tr("position score"));
        legend->addItem(new QCPPlottableLegendItem(legend, bars));
        shareBars_.push_back(bars);
        y->setLabel(tr("position score"));
        y->setRange(0, 1.35);
    }
    fillShareBars();
    setTextTicks(x, labels, labels.size() > 8 ? 90 : 0);
    x->setRange(-0.6, labels.size() - 0.4);
    QSharedPointer<QCPAxisTickerFixed> fixed(new QCPAxisTickerFixed);
    fixed->setTickStep(0.25);
    y->setTicker(fixed);
}

void DecompositionView::fillShareBars()
{
    const SentenceSnapshot& s = shown();
    QVector<double> keys;
    if (!s.termShares.empty()) {
        QVector<double> content, mixed, position;
        for (size_t h = 0; h < s.termShares.size(); ++h) {
            keys << static_cast<double>(h);
            content << s.termShares[h].content;
            mixed << s.termShares[h].mixed;
            position << s.termShares[h].position;
        }
        shareBars_[0]->setData(keys, content, true);
        shareBars_[1]->setData(keys, mixed, true);
        shareBars_[2]->setData(keys, position, true);
    } else {
        QVector<double> values;
        for (const auto& role : s.headRoles) {
            keys << keys.size();
            values << role.positionScore;
        }
        shareBars_[0]->setData(keys, values, true);
    }
}

}  // namespace orderlens::widgets
