#include "heads_view.h"

#include "colour_scales.h"
#include "head_census.h"
#include "plot.h"
#include "plot_style.h"
#include "surgery_experiment.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>
#include <array>
#include <cmath>

namespace orderlens::widgets {

namespace {

// Okabe–Ito colours, one for what a head mostly looks at (CensusPattern order); grey for Broad.
QColor patternColour(CensusPattern p)
{
    switch (p) {
    case CensusPattern::First: return QColor(230, 159, 0);
    case CensusPattern::Special: return QColor(86, 180, 233);
    case CensusPattern::Punctuation: return QColor(204, 121, 167);
    case CensusPattern::Self: return QColor(213, 94, 0);
    case CensusPattern::Previous: return QColor(0, 114, 178);
    case CensusPattern::Next: return QColor(0, 158, 115);
    case CensusPattern::Broad: return QColor(150, 150, 150);
    }
    return QColor(150, 150, 150);
}

QString patternName(CensusPattern p)
{
    switch (p) {
    case CensusPattern::First: return HeadsView::tr("mostly first token");
    case CensusPattern::Special: return HeadsView::tr("mostly special");
    case CensusPattern::Punctuation: return HeadsView::tr("mostly punctuation");
    case CensusPattern::Self: return HeadsView::tr("mostly itself");
    case CensusPattern::Previous: return HeadsView::tr("mostly previous");
    case CensusPattern::Next: return HeadsView::tr("mostly next");
    case CensusPattern::Broad: return HeadsView::tr("spread out (all < 30 %)");
    }
    return {};
}

QStringList shareNames()
{
    return {HeadsView::tr("first"), HeadsView::tr("special"), HeadsView::tr("punct."),
            HeadsView::tr("self"),  HeadsView::tr("previous"), HeadsView::tr("next")};
}

std::array<double, 6> sharesOf(const CensusShares& s)
{
    return {s.first, s.special, s.punctuation, s.self, s.previous, s.next};
}

QString percentText(double share) { return QStringLiteral("%1 %").arg(100 * share, 0, 'f', 1); }

}  // namespace

HeadsView::HeadsView(QWidget* parent) : View(parent)
{
    status_ = new QLabel(this);
    progress_ = new QProgressBar(this);
    progress_->setTextVisible(false);
    progress_->setMaximumWidth(240);
    progress_->hide();
    stop_ = new QPushButton(tr("Stop"), this);
    stop_->setToolTip(tr("Stop the census: the view shows the sentences counted so far."));
    stop_->hide();
    run_ = new QPushButton(tr("Count again"), this);
    run_->setToolTip(tr("Run the census over the whole corpus again."));
    corpus_ = new QPushButton(tr("Corpus file…"), this);
    corpus_->setToolTip(tr("Count over your own sentences: a UTF-8 text file, one sentence a line."));
    controls_->addWidget(status_);
    controls_->addWidget(progress_);
    controls_->addWidget(stop_);
    controls_->addStretch(1);
    builtin_ = new QPushButton(tr("Built-in corpus"), this);
    builtin_->setToolTip(tr("Count over the built-in sentences again."));
    controls_->addWidget(run_);
    controls_->addWidget(corpus_);
    controls_->addWidget(builtin_);
    connect(stop_, &QPushButton::clicked, this, &HeadsView::stopCensusRequested);
    connect(run_, &QPushButton::clicked, this, &HeadsView::runCensusRequested);
    connect(corpus_, &QPushButton::clicked, this, &HeadsView::corpusRequested);
    connect(builtin_, &QPushButton::clicked, this, &HeadsView::builtinCorpusRequested);
    showSelection();
}

void HeadsView::showSelection()
{
    const bool running = progress_->isVisible();
    builtin_->setEnabled(!running && data_ && !data_->heads.corpus.empty());
}

QString HeadsView::explanation() const
{
    return tr("Where does each head look, over many sentences? Left: heads that attend alike sit close together. "
              "Middle: each head's share of attention on the first token, special tokens, punctuation, itself and "
              "its neighbours; the weighted shares count only what the head really moves (attention times the "
              "length of the value it carries), so a head that parks its attention on the first token without taking "
              "anything from it shows up pale there. Below: switch heads off and see whether the model can still tell "
              "猫追老鼠 from 老鼠追猫 — 50 % means it no longer sees the order.");
}

void HeadsView::setCensusProgress(int done, int total)
{
    const bool running = total > 0;
    progress_->setVisible(running);
    stop_->setVisible(running);
    run_->setEnabled(!running);
    corpus_->setEnabled(!running);
    builtin_->setEnabled(!running && data_ && !data_->heads.corpus.empty());
    if (running) {
        progress_->setRange(0, total);
        progress_->setValue(done);
        status_->setText(tr("Counting: %1 of %2 sentences").arg(done).arg(total));
    } else {
        status_->clear();
    }
}

QString HeadsView::headLabel(int layer, int head) const
{
    return QStringLiteral("%1·%2").arg(layer + 1).arg(head + 1);
}

QString HeadsView::layoutKey() const
{
    if (!data_ || !data_->heads.ready || !data_->heads.census)
        return QStringLiteral("message/") + QString::fromStdString(data_ ? data_->heads.error : std::string());
    const HeadCensus& c = *data_->heads.census;
    // The numbers are the model's and the corpus's, not the sentences': a keystroke leaves them.
    QString key = QString::fromStdString(c.modelId + "/" + data_->heads.corpus) +
                  QStringLiteral("/%1/%2/%3/%4").arg(c.sentences).arg(c.tokens).arg(c.cancelled).arg(c.mapExplained, 0, 'g', 17);
    if (const auto& e = data_->heads.experiment)
        key += QStringLiteral("/e%1/%2").arg(static_cast<int>(e->method)).arg(e->random.size());
    key += QStringLiteral("/s%1,%2").arg(selection_.layer).arg(selection_.head);
    for (const HeadId& h : selection_.surgery.heads)
        key += QStringLiteral("/%1,%2").arg(h.layer).arg(h.head);
    return key;
}

void HeadsView::refresh() {}  // the same census and selection: nothing to redraw

void HeadsView::build()
{
    cellTexts_.clear();
    shareMaps_.clear();
    mapLabels_.clear();
    if (!data_) {
        showMessage(tr("Type a sentence to load a model; the census then counts where its heads look."));
        return;
    }
    if (!data_->heads.error.empty()) {
        showMessage(tr("The head census could not be run: %1").arg(QString::fromStdString(data_->heads.error)));
        return;
    }
    if (!data_->heads.ready || !data_->heads.census) {
        showMessage(tr("Counting where every head looks over the corpus…"));
        return;
    }
    const HeadCensus& c = *data_->heads.census;
    if (c.rows.empty()) {
        showMessage(tr("This model has no attention heads to count."));
        return;
    }
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    const QString corpus = data_->heads.corpus.empty() ? tr("the built-in corpus")
                                                        : QString::fromStdString(data_->heads.corpus);
    QString heading = tr("Where each head looks: %1 sentences (%2 tokens) of %3, model intact")
                          .arg(c.sentences)
                          .arg(c.tokens)
                          .arg(corpus);
    if (c.cancelled)
        heading += tr(" — stopped early");
    addTitle(plot_, 0, 0, heading, colours, font, 1);
    auto* census = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(1, 0, census);
    plot_->plotLayout()->setRowStretchFactor(0, 0.01);
    buildCensus(census, colours, font);
    if (data_->heads.experiment) {
        auto* experiment = new QCPLayoutGrid;
        plot_->plotLayout()->addElement(2, 0, experiment);
        plot_->plotLayout()->setRowStretchFactor(1, 1.5);
        plot_->plotLayout()->setRowStretchFactor(2, 1);
        buildExperiment(experiment, colours, font);
    }
    plot_->replot();
}

void HeadsView::buildCensus(QCPLayoutGrid* grid, const PlotColours& colours, const QFont& font)
{
    const HeadCensus& c = *data_->heads.census;
    const int n = static_cast<int>(c.rows.size());
    const bool labelled = n <= 48;  // a label beside every point and in every cell while they fit

    // The map.
    const TitledAxisRect map = addTitledAxisRect(plot_, grid, 0, 0, tr("Heads that attend alike sit close"), colours, font);
    QCPAxis* mx = map.rect->axis(QCPAxis::atBottom);
    QCPAxis* my = map.rect->axis(QCPAxis::atLeft);
    mx->setLabel(tr("closer = attend more alike (the map keeps %1 %)").arg(100 * c.mapExplained, 0, 'f', 0));
    // The legend outside the map, where it hides no point.
    auto* legend = new QCPLegend;  // under the map, two entries a row
    map.cell->addElement(2, 0, legend);
    map.cell->setRowStretchFactor(2, 0.001);
    legend->setWrap(2);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(QBrush(colours.background));
    legend->setBorderPen(Qt::NoPen);
    legend->setTextColor(colours.text);
    legend->setFont(font);
    std::array<QCPGraph*, 7> byPattern{};
    double xmin = 0, xmax = 0, ymin = 0, ymax = 0;
    for (const HeadCensusRow& row : c.rows) {
        const CensusPattern p = dominantPattern(row.raw);
        QCPGraph*& g = byPattern[static_cast<size_t>(p)];
        if (!g) {
            g = plot_->addGraph(mx, my);
            g->setLineStyle(QCPGraph::lsNone);
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, patternColour(p), patternColour(p), 11));
            g->setName(patternName(p));
        }
        g->addData(row.mapX, row.mapY);
        xmin = std::min(xmin, row.mapX), xmax = std::max(xmax, row.mapX);
        ymin = std::min(ymin, row.mapY), ymax = std::max(ymax, row.mapY);
    }
    for (QCPGraph* g : byPattern)
        if (g)
            legend->addItem(new QCPPlottableLegendItem(legend, g));
    // Heads switched off in the window (the census itself is of the intact model).
    if (!selection_.surgery.empty()) {
        auto* off = plot_->addGraph(mx, my);
        off->setLineStyle(QCPGraph::lsNone);
        off->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, QPen(colours.text, 2.5), Qt::NoBrush, 16));
        off->setName(tr("switched off in the other views"));
        for (const HeadCensusRow& row : c.rows)
            if (selection_.surgery.contains(row.layer, row.head))
                off->addData(row.mapX, row.mapY);
        legend->addItem(new QCPPlottableLegendItem(legend, off));
    }
    for (const HeadCensusRow& row : c.rows) {
        const bool chosen = row.layer == selection_.layer && row.head == selection_.head;
        if (!labelled && !chosen)
            continue;
        auto* label = new Label(plot_);
        label->setClipAxisRect(map.rect);
        label->position->setAxes(mx, my);
        label->position->setCoords(row.mapX, row.mapY);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setPadding(QMargins(7, 0, 0, 2));
        label->setText(headLabel(row.layer, row.head));
        QFont f = font;
        f.setBold(chosen);
        label->setFont(f);
        label->setColor(colours.text);
        mapLabels_.push_back(label);
    }
    // Room around the points for their labels and the legend below them.
    const double spanX = std::max(xmax - xmin, 1e-3), spanY = std::max(ymax - ymin, 1e-3);
    mx->setRange(xmin - 0.08 * spanX, xmax + 0.25 * spanX);
    my->setRange(ymin - 0.08 * spanY, ymax + 0.25 * spanY);  // the labels stand above their points
    for (QCPAxis* axis : {mx, my}) {  // the map's axes have no unit: only distances on it mean something
        axis->setTickLabels(false);
        axis->setTicks(false);
        axis->grid()->setVisible(false);
    }

    // The shares, raw and weighted, on one scale, and the entropy.
    QStringList heads;
    Matrix raw(n, 6), weighted(n, 6);
    for (int i = 0; i < n; ++i) {
        const HeadCensusRow& row = c.rows[static_cast<size_t>(i)];
        heads << headLabel(row.layer, row.head);
        const auto r = sharesOf(row.raw), w = sharesOf(row.weighted);
        for (int j = 0; j < 6; ++j) {
            raw(i, j) = static_cast<float>(r[static_cast<size_t>(j)]);
            weighted(i, j) = static_cast<float>(w[static_cast<size_t>(j)]);
        }
    }
    const QCPRange range(0, 1);
    QCPColorGradient gradient = sequentialGradient();
    const struct {
        const Matrix* values;
        QString title;
    } tables[2] = {{&raw, tr("Share of attention")}, {&weighted, tr("Value-weighted share")}};
    QFont cellFont = font;
    cellFont.setBold(true);
    for (int t = 0; t < 2; ++t) {
        const TitledAxisRect cell = addTitledAxisRect(plot_, grid, 0, 1 + t, tables[t].title, colours, font);
        fitTitleToText(cell.title);
        QCPColorMap* m = addMatrixMap(cell.rect, *tables[t].values, gradient, range);
        shareMaps_.push_back(m);
        setTextTicks(cell.rect->axis(QCPAxis::atBottom), shareNames(), 90);
        setTextTicks(cell.rect->axis(QCPAxis::atLeft), t == 0 ? heads : QStringList());
        cell.rect->axis(QCPAxis::atLeft)->setLabel(t == 0 ? tr("layer · head") : QString());
        if (!labelled)
            continue;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < 6; ++j) {
                const double v = (*tables[t].values)(i, j);
                auto* text = new Label(plot_);
                text->setClipAxisRect(cell.rect);
                text->position->setAxes(m->keyAxis(), m->valueAxis());
                text->position->setCoords(j, i);
                text->setText(QString::number(std::lround(100 * v)));
                text->setFont(cellFont);
                text->setColor(readableTextOn(gradient.color(v, range)));
                cellTexts_.push_back(text);
            }
    }
    // Entropy: one bar a head, rows as in the tables.
    const TitledAxisRect entropy = addTitledAxisRect(plot_, grid, 0, 3, tr("Entropy"), colours, font);
    QCPAxis* ek = entropy.rect->axis(QCPAxis::atLeft);
    QCPAxis* ev = entropy.rect->axis(QCPAxis::atBottom);
    auto* bars = new QCPBars(ek, ev);
    bars->setPen(Qt::NoPen);
    bars->setBrush(colours.subtle);
    bars->setWidth(0.7);
    double most = 0.5;
    for (int i = 0; i < n; ++i) {
        bars->addData(i, c.rows[static_cast<size_t>(i)].entropy);
        most = std::max(most, c.rows[static_cast<size_t>(i)].entropy);
    }
    ek->setRange(-0.5, n - 0.5);
    ek->setRangeReversed(true);
    ek->setTickLabels(false);
    ek->setTicks(false);
    ek->grid()->setVisible(false);
    ev->setRange(0, most * 1.1);
    ev->setLabel(tr("bits"));
    ev->ticker()->setTickCount(3);
    addColourBar(grid, 0, 4, tr("share of the head's attention"), gradient, range, colours, font)->setMinimumSize(70, 100);
    grid->setColumnStretchFactor(0, 1.5);
    grid->setColumnStretchFactor(1, 1.25);  // with the row labels
    grid->setColumnStretchFactor(2, 1.1);
    grid->setColumnStretchFactor(3, 0.45);
    grid->setColumnStretchFactor(4, 0.01);
}

void HeadsView::buildExperiment(QCPLayoutGrid* grid, const PlotColours& colours, const QFont& font)
{
    const SurgeryExperiment& e = *data_->heads.experiment;
    QString method;
    switch (e.method) {
    case AblationMethod::Zero: method = tr("output zeroed"); break;
    case AblationMethod::Mean: method = tr("mean output"); break;
    case AblationMethod::Uniform: method = tr("uniform attention"); break;
    }
    QStringList positional;
    for (const HeadId& h : e.positional.heads)
        positional << headLabel(h.layer, h.head);
    QString heading = tr("Switch heads off (%1): can the model still tell 猫追老鼠 from 老鼠追猫? (%2 held-out reversal pairs)")
                          .arg(method)
                          .arg(e.reversalPairs);
    if (!positional.isEmpty())
        heading += QLatin1Char('\n') + tr("position heads of this model: %1; content: the mean of %3 sets of as many of its %2 heads (dots)")
                                           .arg(positional.join(QStringLiteral(", ")),
                                                e.randomPool == "content" ? tr("content") : tr("content and mixed"))
                                           .arg(e.random.size());
    else
        heading += QLatin1Char('\n') + tr("this model has no position head over the corpus: its order lives in heads that also read content");
    const TitledAxisRect chart = addTitledAxisRect(plot_, grid, 0, 0, heading, colours, font);
    QCPAxis* x = chart.rect->axis(QCPAxis::atBottom);
    QCPAxis* y = chart.rect->axis(QCPAxis::atLeft);
    struct Bar {
        QString label;
        double value;
        QColor colour;
    };
    std::vector<Bar> bars;
    bars.push_back({tr("none off"), e.intact.reversalNounAccuracy, colours.subtle});
    for (size_t i = 0; i < e.single.size(); ++i) {
        const HeadRole& role = e.roles[i];
        bars.push_back({headLabel(role.layer, role.head), e.single[i].reversalNounAccuracy, headKindColour(role.kind)});
    }
    const int groupStart = static_cast<int>(bars.size());
    if (!e.positional.heads.empty()) {
        bars.push_back({tr("position\nheads"), e.positional.reversalNounAccuracy, headKindColour(HeadKind::Positional)});
        if (!e.random.empty())
            bars.push_back({tr("content\nheads"), e.randomMean,
                            headKindColour(HeadKind::Content)});
    }
    QStringList labels;
    for (size_t i = 0; i < bars.size(); ++i) {
        labels << bars[i].label;
        auto* bar = new QCPBars(x, y);
        bar->setPen(Qt::NoPen);
        bar->setBrush(bars[i].colour);
        bar->setWidth(0.7);
        bar->addData(static_cast<double>(i), 100 * bars[i].value);
        // The value inside its bar, at the foot: never clipped by a short chart, never under the
        // dots of the content draws.
        auto* value = new Label(plot_);
        value->setClipAxisRect(chart.rect);
        value->position->setAxes(x, y);
        value->position->setCoords(static_cast<double>(i), 0);
        value->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        value->setPadding(QMargins(0, 0, 0, 3));
        value->setText(QString::number(100 * bars[i].value, 'f', 0));
        QFont bold = font;
        bold.setBold(true);
        value->setFont(bold);
        value->setColor(readableTextOn(bars[i].colour));
    }
    // Each content draw as a dot over its bar.
    if (!e.random.empty() && !e.positional.heads.empty()) {
        auto* draws = plot_->addGraph(x, y);
        draws->setLineStyle(QCPGraph::lsNone);
        draws->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colours.text, 1.5), colours.background, 7));
        for (const SurgeryRow& r : e.random)
            draws->addData(groupStart + 1, 100 * r.reversalNounAccuracy);
    }
    setTextTicks(x, labels);
    x->setRange(-0.6, bars.size() - 0.4);
    x->grid()->setVisible(false);
    if (groupStart > 1 && bars.size() > static_cast<size_t>(groupStart)) {  // the groups apart from the single heads
        auto* divider = new QCPItemStraightLine(plot_);
        divider->setClipAxisRect(chart.rect);
        divider->point1->setAxes(x, y);
        divider->point2->setAxes(x, y);
        divider->point1->setCoords(groupStart - 0.5, 0);
        divider->point2->setCoords(groupStart - 0.5, 1);
        divider->setPen(QPen(colours.subtle, 1, Qt::DotLine));
    }
    y->setRange(0, 108);
    QSharedPointer<QCPAxisTickerText> ticks(new QCPAxisTickerText);
    for (int v : {0, 50, 100})  // three ticks: legible on the shortest chart
        ticks->addTick(v, v == 50 ? tr("chance 50") : QString::number(v));
    y->setTicker(ticks);
    y->setLabel(tr("reversal accuracy (%)"));
    auto* chance = new QCPItemStraightLine(plot_);
    chance->setClipAxisRect(chart.rect);
    chance->point1->setAxes(x, y);
    chance->point2->setAxes(x, y);
    chance->point1->setCoords(0, 50);
    chance->point2->setCoords(1, 50);
    chance->setPen(QPen(colours.text, 1.5, Qt::DashLine));
}

void HeadsView::placeMapLabels()
{
    // Each label beside its point, on the first side where it covers no label placed before it
    // (the enlarged head's first); one that finds no free side is left out (the tables name
    // every head).
    std::vector<QRectF> placed;
    std::vector<Label*> order(mapLabels_.begin(), mapLabels_.end());
    std::stable_partition(order.begin(), order.end(), [](Label* l) { return l->font().bold(); });
    const Qt::Alignment sides[] = {Qt::AlignLeft | Qt::AlignBottom, Qt::AlignLeft | Qt::AlignTop,
                                   Qt::AlignRight | Qt::AlignBottom, Qt::AlignRight | Qt::AlignTop};
    for (Label* label : order) {
        const QPointF at = label->position->pixelPosition();
        const QRect room = label->clipAxisRect()->rect();
        const QFontMetricsF metrics(label->font());
        const QSizeF size(metrics.horizontalAdvance(label->text()) + 9, metrics.height() + 2);
        bool found = false;
        for (const Qt::Alignment side : sides) {
            const double x = side & Qt::AlignLeft ? at.x() : at.x() - size.width();
            const double y = side & Qt::AlignBottom ? at.y() - size.height() : at.y();
            const QRectF box(QPointF(x, y), size);
            if (!QRectF(room).contains(box) ||
                std::any_of(placed.begin(), placed.end(), [&](const QRectF& p) { return p.intersects(box); }))
                continue;
            label->setPositionAlignment(side);
            label->setPadding(side & Qt::AlignLeft ? QMargins(7, 0, 0, 2) : QMargins(0, 0, 7, 2));
            placed.push_back(box);
            found = true;
            break;
        }
        label->setVisible(found);
    }
}

void HeadsView::afterLayout()
{
    placeMapLabels();
    if (shareMaps_.empty() || cellTexts_.empty())
        return;
    const QCPColorMap* m = shareMaps_.front();
    const QRect rect = m->keyAxis()->axisRect()->rect();
    fitCellTexts(cellTexts_, QSizeF(rect.width() / 6.0, rect.height() / std::max(1, m->data()->valueSize())));
}

}  // namespace orderlens::widgets
