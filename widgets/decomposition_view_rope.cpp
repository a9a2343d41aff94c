// DecompositionView for RoPE models: the exact split of a layer-1 head's scores into content
// (the score at the same position) and position (what the rotation adds), the frequency pairs
// that carry the position part, and every head's content and position shares.
#include "decomposition_view.h"

#include "colour_scales.h"
#include "plot.h"
#include "plot_style.h"
#include "rope_terms.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace orderlens::widgets {

namespace {
const QColor kContentColour(0, 158, 115);
const QColor kPositionColour(204, 121, 167);

// The three maps of head h of layer `layer`: content, position and their sum, the score. A
// decoder's future cells (-infinity in its logits, NaN in its terms) are NaN: not data, drawn grey.
std::array<Matrix, 3> ropeMapsOf(const SentenceSnapshot& s, size_t layer, size_t h)
{
    const RopeHeadTerms& t = s.trace->ropeTerms[layer][h];
    std::array<Matrix, 3> maps{t.content, t.position, s.trace->layers[layer].logits[h]};
    for (Matrix& m : maps)
        m = m.unaryExpr([](float v) { return std::isfinite(v) ? v : std::numeric_limits<float>::quiet_NaN(); });
    return maps;
}
}  // namespace

bool DecompositionView::ropeSplit() const
{
    return hasPicture() && !shown().trace->ropeTerms.empty() && !shown().ropeShares.empty();
}

int DecompositionView::ropeLayer() const
{
    const auto layers = static_cast<int>(shown().trace->ropeTerms.size());
    return std::clamp(selection_.layer, 0, std::max(0, layers - 1));
}

double DecompositionView::ropeRange() const
{
    double range = 1e-6;
    const auto layer = static_cast<size_t>(ropeLayer());
    for (const SentenceSnapshot* s : data_->sentences())
        if (s->trace->ropeTerms.size() > layer)
            for (size_t h = 0; h < s->trace->ropeTerms[layer].size(); ++h)
                for (const Matrix& m : ropeMapsOf(*s, layer, h))
                    range = std::max(range, maxFiniteAbs(m));
    return range;
}

QString DecompositionView::ropeHeadTitle() const
{
    const int head = selectedHead();
    const RopeShares& share =
        shown().ropeShares[static_cast<size_t>(ropeLayer() * data_->config.n_heads + head)];  // layer-major
    return tr("Head %1 of layer %2 (%3): content %4 % · position %5 % (exact, RoPE)")
        .arg(head + 1)
        .arg(ropeLayer() + 1)
        .arg(shownSentence() == 0 ? tr("A") : tr("B"))
        .arg(100 * share.content, 0, 'f', 0)
        .arg(100 * share.position, 0, 'f', 0);
}

void DecompositionView::buildRope(const QFont& font)
{
    const PlotColours colours = plotColours(this);
    const SentenceSnapshot& s = shown();
    const QStringList tokens = tokenTexts(s.tokens);
    const auto maps = ropeMapsOf(s, static_cast<size_t>(ropeLayer()), static_cast<size_t>(selectedHead()));
    headTitle_ = addTitle(plot_, 0, 0, ropeHeadTitle(), colours, font, 2);
    auto* top = new QCPLayoutGrid;
    auto* bottom = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(1, 0, top);
    plot_->plotLayout()->addElement(2, 0, bottom);
    const QString names[3] = {tr("content (one position)"), tr("+ position (the turning)"),
                              tr("= score (sum)")};
    const QCPRange range(-ropeRange(), ropeRange());
    auto* margins = new QCPMarginGroup(plot_);
    for (int c = 0; c < 3; ++c) {
        QCPAxisRect* rect = addPartMap(top, c, names[c], maps[static_cast<size_t>(c)], range, tokens, c == 0, margins, font);
        if (c == 0) {
            // Room for the query names and the axis title at full size, before any fitting
            // shrinks them (the margin group gives the same left margin to all three maps).
            const QFontMetrics metrics(font);
            int widest = 0;
            for (const QString& token : tokens)
                widest = std::max(widest, metrics.horizontalAdvance(token));
            rect->setMinimumMargins(QMargins(widest + 2 * metrics.height() + 12, 0, 0, 0));
        }
    }
    top->setRowStretchFactor(0, 0.01);
    partBar_ = addColourBar(plot_->plotLayout(), 1, 1, tr("score part"), divergingGradient(), range, colours, font);
    partBar_->setMinimumSize(70, 80);
    plot_->plotLayout()->setColumnStretchFactor(1, 0.01);
    plot_->plotLayout()->setRowStretchFactor(0, 0.01);

    // Which frequency pairs carry the position part of the head shown.
    // The model's own wavelengths (a checkpoint's rope_theta and rope_scaling), else the scheme's.
    const std::vector<double> wavelengths = !data_->positions.ropeWavelengths.empty()
                                                ? data_->positions.ropeWavelengths
                                                : ropeWavelengths(data_->config.headDim(), data_->config.rope_base);
    QCPAxisRect* pairs =
        addTitledAxisRect(plot_, bottom, 0, 0, tr("Head %1: position part by frequency pair").arg(selectedHead() + 1),
                          colours, font)
            .rect;
    QStringList pairLabels;
    for (double w : wavelengths)  // 6, 20, 63, 199, 628, 2k, 6k, 20k
        pairLabels << (w < 1000 ? QString::number(w, 'f', 0)
                       : w < 1e6 ? tr("%1k").arg(QString::number(w / 1000, 'f', 0))
                                 : tr("%1M").arg(QString::number(w / 1e6, 'f', 0)));
    auto* pairBars = new QCPBars(pairs->axis(QCPAxis::atBottom), pairs->axis(QCPAxis::atLeft));
    pairBars->setBrush(kPositionColour);
    pairBars->setPen(Qt::NoPen);
    pairBars->setWidth(0.7);
    pairBars_.push_back(pairBars);
    setTextTicks(pairs->axis(QCPAxis::atBottom), pairLabels, pairLabels.size() > 12 ? 90 : 0);
    pairs->axis(QCPAxis::atBottom)->setRange(-0.6, static_cast<double>(pairLabels.size()) - 0.4);
    pairs->axis(QCPAxis::atBottom)->setLabel(tr("frequency pair: its wavelength in positions (fast → slow)"));
    pairs->axis(QCPAxis::atLeft)->setLabel(tr("share"));
    pairs->axis(QCPAxis::atLeft)->setRange(0, 1.05);

    // Every head of layer 1: content and position shares, stacked.
    QCPAxisRect* heads =
        addTitledAxisRect(plot_, bottom, 0, 1, tr("Layer %1: content and position of each head").arg(ropeLayer() + 1),
                          colours, font)
            .rect;
    auto* legend = addInsetLegend(heads, Qt::AlignTop | Qt::AlignRight, colours, font);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    QCPBars* below = nullptr;
    const std::pair<QString, QColor> stack[2] = {{tr("content"), kContentColour}, {tr("position"), kPositionColour}};
    for (const auto& [name, colour] : stack) {
        auto* bars = new QCPBars(heads->axis(QCPAxis::atBottom), heads->axis(QCPAxis::atLeft));
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
    QStringList headLabels;
    for (int h = 0; h < data_->config.n_heads; ++h)
        headLabels << tr("head %1").arg(h + 1);
    setTextTicks(heads->axis(QCPAxis::atBottom), headLabels, headLabels.size() > 8 ? 90 : 0);
    heads->axis(QCPAxis::atBottom)->setRange(-0.6, headLabels.size() - 0.4);
    heads->axis(QCPAxis::atLeft)->setLabel(tr("share of the pattern"));
    heads->axis(QCPAxis::atLeft)->setRange(0, 1.35);
    auto* mark = new QCPItemRect(plot_);
    mark->setClipAxisRect(heads);
    mark->topLeft->setAxes(heads->axis(QCPAxis::atBottom), heads->axis(QCPAxis::atLeft));
    mark->bottomRight->setAxes(heads->axis(QCPAxis::atBottom), heads->axis(QCPAxis::atLeft));
    mark->topLeft->setCoords(selectedHead() - 0.4, 1.0);
    mark->bottomRight->setCoords(selectedHead() + 0.4, 0.0);
    mark->setPen(QPen(colours.text, 2));
    for (QCPAxisRect* rect : {pairs, heads}) {
        QSharedPointer<QCPAxisTickerFixed> fixed(new QCPAxisTickerFixed);
        fixed->setTickStep(0.25);
        rect->axis(QCPAxis::atLeft)->setTicker(fixed);
    }
    fillRopeBars();
    arrange(plot_->size());
    plot_->replot();
}

void DecompositionView::fillRopeBars()
{
    const SentenceSnapshot& s = shown();
    const int H = data_->config.n_heads;
    QVector<double> keys, content, position;
    const size_t first = static_cast<size_t>(ropeLayer() * H);
    for (int h = 0; h < H; ++h) {
        keys << h;
        content << s.ropeShares[first + static_cast<size_t>(h)].content;
        position << s.ropeShares[first + static_cast<size_t>(h)].position;
    }
    shareBars_[0]->setData(keys, content, true);
    shareBars_[1]->setData(keys, position, true);
    const std::vector<double>& shares = s.ropeShares[first + static_cast<size_t>(selectedHead())].pairs;
    QVector<double> pairKeys, pairValues;
    for (size_t i = 0; i < shares.size(); ++i) {
        pairKeys << static_cast<double>(i);
        pairValues << shares[i];
    }
    pairBars_[0]->setData(pairKeys, pairValues, true);
}

void DecompositionView::refreshRope()
{
    const SentenceSnapshot& s = shown();
    headTitle_->setText(ropeHeadTitle());
    const QStringList tokens = tokenTexts(s.tokens);
    const auto maps = ropeMapsOf(s, static_cast<size_t>(ropeLayer()), static_cast<size_t>(selectedHead()));
    const QCPRange range(-ropeRange(), ropeRange());
    const QCPRange cells(-0.5, s.length() - 0.5);
    for (size_t c = 0; c < 3; ++c) {
        setMatrix(parts_[c], maps[c]);
        parts_[c]->setDataRange(range);
        setTickLabels(parts_[c]->keyAxis(), tokens);
        if (c == 0)
            setTickLabels(parts_[c]->valueAxis(), tokens);
        keepAspect(parts_[c]->keyAxis()->axisRect(), cells, cells, AspectFit::ShrinkRect);
    }
    partBar_->setDataRange(range);
    fillRopeBars();
    plot_->replot();
}

}  // namespace orderlens::widgets
