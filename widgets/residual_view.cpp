#include "residual_view.h"

#include "colour_scales.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <cmath>

namespace orderlens::widgets {

ResidualView::ResidualView(QWidget* parent) : View(parent) { controls_->addStretch(1); }

QString ResidualView::explanation() const
{
    return tr("Every layer adds its result to the vector it received instead of replacing it. So, layer after "
              "layer, each token's vector stays close to its own word, and the nearest word in the table is usually "
              "still the word itself: the meaning is not drowned by the position.");
}

void ResidualView::rebuild()
{
    if (!data_ || data_->a.residual.empty()) {
        showMessage(tr("Type a sentence to follow its vectors through the layers."));
        return;
    }
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    QFont cellFont = font;
    cellFont.setBold(true);  // read from the back of the room
    const auto sentences = data_->sentences();
    const int stages = static_cast<int>(data_->a.residual.size());
    QStringList stageNames;
    for (int s = 0; s < stages; ++s)
        stageNames << (s == 0 ? tr("input") : tr("layer %1").arg(s));

    auto* left = new QCPLayoutGrid;
    auto* right = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(0, 0, left);
    plot_->plotLayout()->addElement(0, 1, right);

    // Mean cosines per stage.
    auto title = [&](QCPLayoutGrid* grid, int row, const QString& text) {
        auto* element = new QCPTextElement(plot_, text, font);
        element->setTextColor(colours.text);
        QFont bold = font;
        bold.setBold(true);
        element->setFont(bold);
        grid->addElement(row, 0, element);
        grid->setRowStretchFactor(row, 0.01);
    };
    title(left, 0, tr("Mean cosine to the token's own E and P"));
    auto* cosRect = new QCPAxisRect(plot_);
    left->addElement(1, 0, cosRect);
    styleAxisRect(cosRect, colours, font);
    auto* legend = new QCPLegend;
    cosRect->insetLayout()->addElement(legend, Qt::AlignBottom | Qt::AlignRight);
    legend->setWrap(2);  // two entries a row: a low legend under the curves
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(QBrush(colours.background));
    legend->setBorderPen(QPen(colours.subtle));
    legend->setTextColor(colours.text);
    legend->setFont(font);
    title(left, 2, tr("Share of tokens still nearest to their own word"));
    auto* accRect = new QCPAxisRect(plot_);
    left->addElement(3, 0, accRect);
    styleAxisRect(accRect, colours, font);
    auto* group = new QCPBarsGroup(plot_);
    int index = 0;
    for (const SentenceData* s : sentences) {
        const QColor colour = sentenceColour(index);
        const QString name = index == 0 ? tr("A") : tr("B");
        QVector<double> keys, toWord, toPosition, accuracy;
        bool anyPosition = false;
        for (int st = 0; st < static_cast<int>(s->residual.size()); ++st) {
            const ResidualStage& stage = s->residual[static_cast<size_t>(st)];
            double word = 0, position = 0;
            int positionCount = 0;
            for (size_t t = 0; t < stage.cosineToWord.size(); ++t) {
                word += stage.cosineToWord[t];
                if (!std::isnan(stage.cosineToPosition[t])) {
                    position += stage.cosineToPosition[t];
                    ++positionCount;
                }
            }
            keys << st;
            toWord << word / std::max<size_t>(1, stage.cosineToWord.size());
            toPosition << (positionCount ? position / positionCount : std::nan(""));
            anyPosition = anyPosition || positionCount > 0;
            accuracy << stage.decodingAccuracy;
        }
        auto* wordGraph = plot_->addGraph(cosRect->axis(QCPAxis::atBottom), cosRect->axis(QCPAxis::atLeft));
        wordGraph->setData(keys, toWord, true);
        wordGraph->setPen(QPen(colour, 2.5));
        wordGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, colour, 8));
        wordGraph->setName(tr("%1: to own word E").arg(name));
        legend->addItem(new QCPPlottableLegendItem(legend, wordGraph));
        if (anyPosition) {
            auto* positionGraph = plot_->addGraph(cosRect->axis(QCPAxis::atBottom), cosRect->axis(QCPAxis::atLeft));
            positionGraph->setData(keys, toPosition, true);
            positionGraph->setPen(QPen(colour, 2, Qt::DashLine));
            positionGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, colour, colours.background, 8));
            positionGraph->setName(tr("%1: to own position P").arg(name));
            legend->addItem(new QCPPlottableLegendItem(legend, positionGraph));
        }
        auto* bars = new QCPBars(accRect->axis(QCPAxis::atBottom), accRect->axis(QCPAxis::atLeft));
        bars->setData(keys, accuracy, true);
        bars->setBrush(colour);
        bars->setPen(Qt::NoPen);
        bars->setWidth(0.35);
        bars->setBarsGroup(group);
        ++index;
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
    QCPColorGradient gradient = divergingGradient();
    int row = 0;
    index = 0;
    for (const SentenceData* s : sentences) {
        title(right, row++, tr("%1: nearest word at each stage\n(✓ its own word, ✗ another)").arg(index == 0 ? tr("A") : tr("B")));
        auto* rect = new QCPAxisRect(plot_);
        right->addElement(row++, 0, rect);
        styleAxisRect(rect, colours, font);
        Matrix cos(s->length(), static_cast<Eigen::Index>(s->residual.size()));
        for (int st = 0; st < cos.cols(); ++st)
            for (int t = 0; t < s->length(); ++t)
                cos(t, st) = static_cast<float>(s->residual[static_cast<size_t>(st)].cosineToWord[static_cast<size_t>(t)]);
        addMatrixMap(rect, cos, gradient, range);
        setTextTicks(rect->axis(QCPAxis::atLeft), s->tokens);
        setTextTicks(rect->axis(QCPAxis::atBottom), stageNames);
        for (int st = 0; st < cos.cols(); ++st)
            for (int t = 0; t < s->length(); ++t) {
                const QString nearest = s->nearestWords[static_cast<size_t>(st)].value(t);
                auto* text = new QCPItemText(plot_);
                text->setClipAxisRect(rect);
                text->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
                text->position->setCoords(st, t);
                const bool own = nearest == s->tokens[t];
                text->setText(own ? nearest + QStringLiteral(" ✓") : nearest + QStringLiteral(" ✗"));
                text->setFont(cellFont);
                text->setColor(readableTextOn(gradient.color(cos(t, st), range)));
            }
        ++index;
    }
    auto* bar = addColourBar(plot_->plotLayout(), 0, 2, tr("cosine to own word"), gradient, range, colours, font);
    bar->setMinimumSize(70, 100);
    plot_->plotLayout()->setColumnStretchFactor(2, 0.01);
    plot_->replot();
}

}  // namespace orderlens::widgets
