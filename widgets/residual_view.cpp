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

QString ResidualView::layoutKey() const
{
    if (!data_ || data_->a.residual.empty())
        return QStringLiteral("message");
    QString key = QString::number(data_->a.residual.size());
    for (const SentenceSnapshot* s : data_->sentences())
        key += s->hasPositionRows ? QStringLiteral("/p") : QStringLiteral("/-");
    return key;
}

void ResidualView::build()
{
    plots_.clear();
    if (data_ && data_->config.causal) {
        showMessage(tr("This view decodes every stage by its nearest word row, which is not computed for decoders\n"
                       "(a search of their whole vocabulary at every layer). The built-in models and BERT show it."));
        return;
    }
    if (!data_ || data_->a.residual.empty()) {
        showMessage(tr("Type a sentence to follow its vectors through the layers."));
        return;
    }
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    cellFont_ = font;
    cellFont_.setBold(true);  // read from the back of the room
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
    // The bars' own legend (A and B), above the bars: the scale goes past 1 to leave it room.
    auto* barLegend = addInsetLegend(accRect, Qt::AlignTop | Qt::AlignRight, colours, font);
    barLegend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    for (size_t index = 0; index < sentences.size(); ++index) {
        SentencePlot p;
        const QColor colour = sentenceColour(static_cast<int>(index));
        const QString name = index == 0 ? tr("A") : tr("B");
        p.toWord = plot_->addGraph(cosRect->axis(QCPAxis::atBottom), cosRect->axis(QCPAxis::atLeft));
        p.toWord->setPen(QPen(colour, 2.5));
        p.toWord->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, colour, 8));
        p.toWord->setName(tr("%1: to own word E").arg(name));
        legend->addItem(new QCPPlottableLegendItem(legend, p.toWord));
        if (sentences[index]->hasPositionRows) {
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
        p.decoded->setName(tr("%1: nearest word is its own").arg(name));
        barLegend->addItem(new QCPPlottableLegendItem(barLegend, p.decoded));
        plots_.push_back(std::move(p));
    }
    for (QCPAxisRect* rect : {cosRect, accRect}) {
        setTextTicks(rect->axis(QCPAxis::atBottom), stageNames);
        rect->axis(QCPAxis::atBottom)->setRange(-0.5, stages - 0.5);
    }
    cosRect->axis(QCPAxis::atLeft)->setRange(-0.55, 1.05);  // the legend lives below zero
    cosRect->axis(QCPAxis::atLeft)->setLabel(tr("cosine"));
    accRect->axis(QCPAxis::atLeft)->setRange(0, 1.45);
    QSharedPointer<QCPAxisTickerText> shares(new QCPAxisTickerText);
    for (double share : {0.0, 0.5, 1.0})
        shares->addTick(share, QString::number(share));
    accRect->axis(QCPAxis::atLeft)->setTicker(shares);
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

void ResidualView::refresh()
{
    if (plots_.empty())
        return build();
    fill();  // (only the lengths may change in place)
    plot_->replot();
}

void ResidualView::afterLayout()
{
    for (const SentencePlot& p : plots_) {
        if (!p.nearest || p.cells.empty())
            continue;
        const QCPColorMapData* cells = p.nearest->data();
        const QRect map = p.nearest->keyAxis()->axisRect()->rect();
        fitCellTexts(p.cells, QSizeF(map.width() / std::max(1.0, static_cast<double>(cells->keySize())),
                                     map.height() / std::max(1.0, static_cast<double>(cells->valueSize()))));
    }
}

void ResidualView::fill()
{
    const QCPRange range(-1, 1);
    QCPColorGradient gradient = divergingGradient();  // color() is not const
    const auto sentences = data_->sentences();
    for (size_t index = 0; index < sentences.size(); ++index) {
        const SentenceSnapshot& s = *sentences[index];
        SentencePlot& p = plots_[index];
        QVector<double> stageIndex, toWord, toPosition, accuracy;
        for (const StageSummary& stage : s.residualSummary) {
            stageIndex << stageIndex.size();
            toWord << stage.meanCosineToWord;
            toPosition << stage.meanCosineToPosition;
            accuracy << stage.decodingAccuracy;
        }
        p.toWord->setData(stageIndex, toWord, true);
        if (p.toPosition)
            p.toPosition->setData(stageIndex, toPosition, true);
        p.decoded->setData(stageIndex, accuracy, true);
        const int stages = static_cast<int>(s.residual.size()), length = s.length();
        Matrix cos(length, stages);
        for (int st = 0; st < stages; ++st)
            for (int t = 0; t < length; ++t)
                cos(t, st) = static_cast<float>(s.residual[static_cast<size_t>(st)].cosineToWord[static_cast<size_t>(t)]);
        setMatrix(p.nearest, cos);
        QCPAxis* stageAxis = p.nearest->keyAxis();
        QCPAxis* tokenAxis = p.nearest->valueAxis();
        tokenAxis->setRange(-0.5, length - 0.5);
        setTickLabels(tokenAxis, tokenTexts(s.tokens));
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
                const std::string& word = s.nearestWords[static_cast<size_t>(st)][static_cast<size_t>(t)];
                const QString nearest = QString::fromStdString(word);
                QCPItemText* text = p.cells[static_cast<size_t>(st * length + t)];
                const bool own = word == s.tokens[static_cast<size_t>(t)];
                text->position->setCoords(st, t);
                text->setText(own ? nearest + QStringLiteral(" ✓") : nearest + QStringLiteral(" ✗"));
                text->setColor(readableTextOn(gradient.color(cos(t, st), range)));
            }
    }
}

}  // namespace orderlens::widgets
