#include "recoverability_view.h"

#include "plot.h"
#include "plot_style.h"

#include <qcustomplot.h>

namespace orderlens::widgets {

namespace {
const QColor kWordColour(0, 114, 178);
const QColor kPositionColour(230, 159, 0);
}  // namespace

RecoverabilityView::RecoverabilityView(QWidget* parent) : View(parent) { controls_->addStretch(1); }

QString RecoverabilityView::explanation() const
{
    return tr("Can you still tell the word and the place from the sum alone? With few dimensions, adding mixes them "
              "up; with more dimensions random vectors are nearly at right angles and both can be read back almost "
              "perfectly, without doubling the width as stacking (concatenation) would.");
}

QString RecoverabilityView::layoutKey() const
{
    // The curves depend on the model, not the sentences: a keystroke leaves them as they are.
    if (!data_)
        return QStringLiteral("message");
    const RecoverabilityFacts& r = data_->recoverability;
    if (r.failed || !r.ready)
        return r.failed ? QStringLiteral("failed") : QStringLiteral("computing");
    QString key = QString::fromStdString(data_->modelId) + QStringLiteral("/%1/%2/%3").arg(r.vocab).arg(r.length).arg(r.hasCurrent);
    for (const std::vector<double>* curve : {&r.addWord, &r.addPosition, &r.concatWord, &r.concatPosition})
        for (double v : *curve)
            key += QLatin1Char('/') + QString::number(v, 'g', 17);
    for (int d : r.dims)
        key += QStringLiteral("/d%1").arg(d);
    return key + QStringLiteral("/%1/%2/%3")
                     .arg(r.currentDim)
                     .arg(r.currentAddWord, 0, 'g', 17)
                     .arg(r.currentAddPosition, 0, 'g', 17);
}

void RecoverabilityView::refresh() {}  // the same curves: nothing to redraw

void RecoverabilityView::build()
{
    if (data_ && data_->config.causal) {
        showMessage(tr("The recoverability curves are drawn for encoders (the built-in models and BERT);\n"
                       "they are not computed for decoders."));
        return;
    }
    if (data_ && data_->recoverability.failed) {
        showMessage(tr("The recoverability curves could not be computed for this model."));
        return;
    }
    if (!data_ || !data_->recoverability.ready) {
        showMessage(tr("Computing the recoverability curves…"));
        return;
    }
    const RecoverabilityFacts& r = data_->recoverability;
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    addTitle(plot_, 0, 0,
             tr("Reading word and position back from one vector (random tables: %1 words, %2 positions)")
                 .arg(r.vocab)
                 .arg(r.length),
             colours, font, 1);
    auto* rect = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(1, 0, rect);
    plot_->plotLayout()->setRowStretchFactor(0, 0.01);
    styleAxisRect(rect, colours, font);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    x->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int d : r.dims)
        ticker->addTick(d, QString::number(d));
    x->setTicker(ticker);
    x->setSubTicks(false);
    x->setLabel(tr("width d of each vector"));
    y->setLabel(tr("decoded correctly"));
    y->setRange(0, 1.05);
    auto* legend = addInsetLegend(rect, Qt::AlignBottom | Qt::AlignRight, colours, font);
    QVector<double> dims;
    for (int d : r.dims)
        dims << d;
    const struct {
        const std::vector<double>* values;
        QString name;
        QColor colour;
        Qt::PenStyle style;
        QCPScatterStyle::ScatterShape shape;
    } lines[4] = {
        {&r.addWord, tr("add: word"), kWordColour, Qt::SolidLine, QCPScatterStyle::ssCircle},
        {&r.addPosition, tr("add: position"), kPositionColour, Qt::SolidLine, QCPScatterStyle::ssCircle},
        {&r.concatWord, tr("concatenate (2d): word"), kWordColour, Qt::DashLine, QCPScatterStyle::ssSquare},
        {&r.concatPosition, tr("concatenate (2d): position"), kPositionColour, Qt::DashLine, QCPScatterStyle::ssSquare},
    };
    for (const auto& line : lines) {
        auto* graph = plot_->addGraph(x, y);
        graph->setData(dims, QVector<double>(line.values->begin(), line.values->end()), true);
        graph->setPen(QPen(line.colour, 2.2, line.style));
        graph->setScatterStyle(QCPScatterStyle(line.shape, line.colour, colours.background, 7));
        graph->setName(line.name);
        legend->addItem(new QCPPlottableLegendItem(legend, graph));
    }
    if (r.hasCurrent) {
        auto* current = plot_->addGraph(x, y);
        current->setLineStyle(QCPGraph::lsNone);
        current->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, colours.text, 16));
        current->addData(r.currentDim, r.currentAddWord);
        current->addData(r.currentDim, r.currentAddPosition);
        current->setName(tr("this model's own tables (d = %1)").arg(r.currentDim));
        legend->addItem(new QCPPlottableLegendItem(legend, current));
        // Each star its own label: the word read back (the higher of the two above its star,
        // the lower below, so two close values do not write over each other).
        const bool wordHigher = r.currentAddWord >= r.currentAddPosition;
        const struct {
            double value;
            QString text;
            bool above;
        } stars[2] = {
            {r.currentAddWord, tr("word %1 %").arg(100 * r.currentAddWord, 0, 'f', 0), wordHigher},
            {r.currentAddPosition, tr("position %1 %").arg(100 * r.currentAddPosition, 0, 'f', 0), !wordHigher},
        };
        for (const auto& star : stars) {
            auto* label = new Label(plot_);
            label->setClipAxisRect(rect);
            label->position->setAxes(x, y);
            label->position->setCoords(r.currentDim, star.value);
            label->setPositionAlignment(Qt::AlignLeft | (star.above ? Qt::AlignBottom : Qt::AlignTop));
            label->setPadding(QMargins(10, 0, 2, 0));  // clear of the star
            label->setText(star.text);
            label->setColor(colours.text);
            label->setFont(font);
        }
    }
    const double lo = dims.isEmpty() ? 2 : dims.front(), hi = dims.isEmpty() ? 1024 : dims.back();
    x->setRange(lo / 1.3, hi * 1.3);
    plot_->replot();
}

}  // namespace orderlens::widgets
