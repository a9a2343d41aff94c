#include "residual_view.h"

#include "colour_scales.h"
#include "plot.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <cmath>

namespace orderlens::widgets {

ResidualView::ResidualView(QWidget* parent) : View(parent) { controls_->addStretch(1); }

QString ResidualView::explanation() const
{
    return tr("Every layer adds its result to the vector it received instead of replacing it. At the input each "
              "token is nearest to its own word. Through the layers its cosine to its own word holds while its cosine "
              "to its position falls; where the nearest word changes, it is usually a word of the same kind: the "
              "layers add what the word does in this sentence.");
}

namespace {

// Mean cosines to the own word and own position (NaN without positions) and the decoding
// accuracy of every stage.
struct StageSummary {
    QVector<double> stages, toWord, toPosition, accuracy;
    bool anyPosition = false;
};

StageSummary summarise(const SentenceData& s)
{
    StageSummary out;
    for (int st = 0; st < static_cast<int>(s.residual.size()); ++st) {
        const ResidualStage& stage = s.residual[static_cast<size_t>(st)];
        double word = 0, position = 0;
        int positionCount = 0;
        for (size_t t = 0; t < stage.cosineToWord.size(); ++t) {
            word += stage.cosineToWord[t];
            if (!std::isnan(stage.cosineToPosition[t])) {
                position += stage.cosineToPosition[t];
                ++positionCount;
            }
        }
        out.stages << st;
        out.toWord << word / std::max<size_t>(1, stage.cosineToWord.size());
        out.toPosition << (positionCount ? position / positionCount : std::nan(""));
        out.anyPosition = out.anyPosition || positionCount > 0;
        out.accuracy << stage.decodingAccuracy;
    }
    return out;
}

}  // namespace

ResidualView::Shape ResidualView::shapeOf() const
{
    Shape shape;
    if (!data_ || data_->a.residual.empty())
        return shape;
    shape.stages = static_cast<int>(data_->a.residual.size());
    for (const SentenceData* s : data_->sentences())
        shape.positions.push_back(summarise(*s).anyPosition);
    return shape;
}

void ResidualView::rebuild()
{
    plots_.clear();
    shape_ = {};
    if (!data_ || data_->a.residual.empty()) {
        showMessage(tr("Type a sentence to follow its vectors through the layers."));
        return;
    }
    shape_ = shapeOf();
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    cellFont_ = font;
    cellFont_.setBold(true);  // read from the back of the room
    const auto sentences = data_->sentences();
    const int stages = shape_.stages;
    QStringList stageNames;
    for (int s = 0; s < stages; ++s)
        stageNames << (s == 0 ? tr("input") : tr("layer %1").arg(s));

    auto* left = new QCPLayoutGrid;
    auto* right = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(0, 0, left);
    plot_->plotLayout()->addElement(0, 1, right);

    // Mean cosines per stage.
    auto title = [&](QCPLayoutGrid* grid, int row, const QString& text) {
        QFont bold = font;
        bold.setBold(true);
        auto* element = new Title(plot_, text, bold);
        element->setTextColor(colours.text);
        grid->addElement(row, 0, element);
        grid->setRowStretchFactor(row, 0.01);
    };
    title(left, 0, tr("Mean cosine to the token's own E and P"));
    auto* cosRect = new QCPAxisRect(plot_);
    left->addElement(1, 0, cosRect);
    styleAxisRect(cosRect, colours, font);
    auto* legend = addInsetLegend(cosRect, Qt::AlignBottom | Qt::AlignRight, colours, font);
    legend->setWrap(2);  // two entries a row: a low legend under the curves
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    title(left, 2, tr("Share of tokens still nearest to their own word"));
    auto* accRect = new QCPAxisRect(plot_);
    left->addElement(3, 0, accRect);
    styleAxisRect(accRect, colours, font);
    auto* group = new QCPBarsGroup(plot_);
    for (size_t index = 0; index < sentences.size(); ++index) {
        SentencePlot p;
        const QColor colour = sentenceColour(static_cast<int>(index));
        const QString name = index == 0 ? tr("A") : tr("B");
        p.toWord = plot_->addGraph(cosRect->axis(QCPAxis::atBottom), cosRect->axis(QCPAxis::atLeft));
        p.toWord->setPen(QPen(colour, 2.5));
        p.toWord->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, colour, 8));
        p.toWord->setName(tr("%1: to own word E").arg(name));
        legend->addItem(new QCPPlottableLegendItem(legend, p.toWord));
        if (shape_.positions[index]) {
            p.toPosition = plot_->addGraph(cosRect->axis(QCPAxis::atBottom), cosRect->axis(QCPAxis::atLeft));
            p.toPosition->setPen(QPen(colour, 2, Qt::DashLine));
            p.toPosition->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, colour, colours.background, 8));
            p.toPosition->setName(tr("%1: to own position P").arg(name));
            legend->addItem(new QCPPlottableLegendItem(legend, p.toPosition));
        }
        p.decoded = new QCPBars(accRect->axis(QCPAxis::atBottom), accRect->axis(QCPAxis::atLeft));
        p.decoded->setBrush(colour);
        p.decoded->setPen(Qt::NoPen);
        p.decoded->setWidth(0.35);
        p.decoded->setBarsGroup(group);
        plots_.push_back(std::move(p));
    }
    for (QCPAxisRect* rect : {cosRect, accRect}) {
        setTextTicks(rect->axis(QCPAxis::atBottom), stageNames);
        rect->axis(QCPAxis::atBottom)->setRange(-0.5, stages - 0.5);
    }
    cosRect->axis(QCPAxis::atLeft)->setRange(-0.55, 1.05);  // the legend lives below zero
    cosRect->axis(QCPAxis::atLeft)->setLabel(tr("cosine"));
    accRect->axis(QCPAxis::atLeft)->setRange(0, 1.05);
    accRect->axis(QCPAxis::atLeft)->setLabel(tr("decoded"));
    left->setRowStretchFactor(1, 1.4);

    // Nearest word of every token at every stage, coloured by the cosine to its own word.
    const QCPRange range(-1, 1);
    QCPColorGradient gradient = divergingGradient();  // color() is not const
    int row = 0;
    for (size_t index = 0; index < sentences.size(); ++index) {
        SentencePlot& p = plots_[index];
        title(right, row++, tr("%1: nearest word at each stage\n(✓ its own word, ✗ another)").arg(index == 0 ? tr("A") : tr("B")));
        auto* rect = new QCPAxisRect(plot_);
        right->addElement(row++, 0, rect);
        styleAxisRect(rect, colours, font);
        p.nearest = addMatrixMap(rect, Matrix::Zero(1, stages), gradient, range);
        setTextTicks(rect->axis(QCPAxis::atLeft), {});
        setTextTicks(rect->axis(QCPAxis::atBottom), stageNames);
    }
    auto* bar = addColourBar(plot_->plotLayout(), 0, 2, tr("cosine to own word"), gradient, range, colours, font);
    bar->setMinimumSize(70, 100);
    plot_->plotLayout()->setColumnStretchFactor(2, 0.01);
    fill();
    plot_->replot();
}

bool ResidualView::refresh()
{
    if (plots_.empty() || !(shapeOf() == shape_))
        return false;  // (only the lengths may change in place)
    fill();
    plot_->replot();
    return true;
}

void ResidualView::fill()
{
    const QCPRange range(-1, 1);
    QCPColorGradient gradient = divergingGradient();  // color() is not const
    const auto sentences = data_->sentences();
    for (size_t index = 0; index < sentences.size(); ++index) {
        const SentenceData& s = *sentences[index];
        SentencePlot& p = plots_[index];
        const StageSummary summary = summarise(s);
        p.toWord->setData(summary.stages, summary.toWord, true);
        if (p.toPosition)
            p.toPosition->setData(summary.stages, summary.toPosition, true);
        p.decoded->setData(summary.stages, summary.accuracy, true);
        const int stages = static_cast<int>(s.residual.size()), length = s.length();
        Matrix cos(length, stages);
        for (int st = 0; st < stages; ++st)
            for (int t = 0; t < length; ++t)
                cos(t, st) = static_cast<float>(s.residual[static_cast<size_t>(st)].cosineToWord[static_cast<size_t>(t)]);
        setMatrix(p.nearest, cos);
        QCPAxis* stageAxis = p.nearest->keyAxis();
        QCPAxis* tokenAxis = p.nearest->valueAxis();
        tokenAxis->setRange(-0.5, length - 0.5);
        setTickLabels(tokenAxis, s.tokens);
        // One label a cell: made or removed when the sentence's length changed.
        resizeItems(plot_, p.cells, static_cast<size_t>(stages * length), [&] {
            auto* text = new Label(plot_);
            text->setClipAxisRect(p.nearest->keyAxis()->axisRect());
            text->position->setAxes(stageAxis, tokenAxis);
            text->setFont(cellFont_);
            return text;
        });
        for (int st = 0; st < stages; ++st)
            for (int t = 0; t < length; ++t) {
                const QString nearest = s.nearestWords[static_cast<size_t>(st)].value(t);
                QCPItemText* text = p.cells[static_cast<size_t>(st * length + t)];
                const bool own = nearest == s.tokens[t];
                text->position->setCoords(st, t);
                text->setText(own ? nearest + QStringLiteral(" ✓") : nearest + QStringLiteral(" ✗"));
                text->setColor(readableTextOn(gradient.color(cos(t, st), range)));
            }
    }
}

}  // namespace orderlens::widgets
