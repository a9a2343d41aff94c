#include "pca_view.h"

#include "plot_style.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QLabel>
#include <QSet>

namespace orderlens::widgets {

namespace {
const QColor kPositionColour(230, 159, 0);
}

PcaView::PcaView(QWidget* parent) : View(parent)
{
    pair_ = new QComboBox(this);
    pair_->addItem(tr("PC1 and PC2"), QPoint(0, 1));
    pair_->addItem(tr("PC1 and PC3"), QPoint(0, 2));
    pair_->addItem(tr("PC2 and PC3"), QPoint(1, 2));
    controls_->addWidget(new QLabel(tr("Axes:"), this));
    controls_->addWidget(pair_);
    controls_->addStretch(1);
    connect(pair_, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QPoint p = pair_->itemData(index).toPoint();
        first_ = p.x();
        second_ = p.y();
        redraw();
    });
}

QString PcaView::explanation() const
{
    return tr("The vectors squeezed onto their two main directions. A word keeps one E point in both sentences; "
              "adding its position moves it along the arrow to E + P, so the same word at another place lands "
              "somewhere else, while staying near its word. The orange path visits the positions in order.");
}

QString PcaView::selectionCaption() const { return tr("PC%1 / PC%2").arg(first_ + 1).arg(second_ + 1); }

void PcaView::setComponents(int first, int second)
{
    for (int i = 0; i < pair_->count(); ++i)
        if (pair_->itemData(i).toPoint() == QPoint(first, second))
            pair_->setCurrentIndex(i);
}

void PcaView::rebuild()
{
    pointCount_ = 0;
    if (!data_ || data_->pcaComponents < 2) {
        showMessage(tr("PCA needs at least two dimensions and a few vectors."));
        return;
    }
    const int k = data_->pcaComponents;
    for (int i = 0; i < pair_->count(); ++i) {
        const QPoint p = pair_->itemData(i).toPoint();
        qobject_cast<QStandardItemModel*>(pair_->model())->item(i)->setEnabled(p.y() < k);
    }
    if (second_ >= k) {
        first_ = 0;
        second_ = 1;
    }
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    addTitle(plot_, 0, 0, tr("E, P and E + P on their two main directions (PCA), A and B on shared axes"), colours,
             font, 2);
    auto* rect = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(1, 0, rect);
    plot_->plotLayout()->setRowStretchFactor(0, 0.01);
    styleAxisRect(rect, colours, font);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    auto ratio = [&](int c) { return 100.0 * data_->pcaExplainedRatio[static_cast<size_t>(c)]; };
    x->setLabel(tr("PC%1 (%2 % of the variance)").arg(first_ + 1).arg(ratio(first_), 0, 'f', 1));
    y->setLabel(tr("PC%1 (%2 % of the variance)").arg(second_ + 1).arg(ratio(second_), 0, 'f', 1));

    auto* legend = new QCPLegend;
    rect->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(QBrush(colours.background));
    legend->setBorderPen(QPen(colours.subtle));
    legend->setTextColor(colours.text);
    legend->setFont(font);

    double minX = 0, maxX = 0, minY = 0, maxY = 0;
    auto extend = [&](double px, double py) {
        minX = std::min(minX, px);
        maxX = std::max(maxX, px);
        minY = std::min(minY, py);
        maxY = std::max(maxY, py);
    };
    auto label = [&](double px, double py, const QString& text, const QColor& colour, Qt::Alignment alignment,
                     bool bold) {
        auto* item = new QCPItemText(plot_);
        item->setClipAxisRect(rect);
        item->position->setAxes(x, y);
        item->position->setCoords(px, py);
        item->setPositionAlignment(alignment);
        item->setText(text);
        item->setColor(colour);
        QFont f = font;
        f.setBold(bold);
        item->setFont(f);
        item->setPadding(QMargins(4, 0, 4, 0));
    };

    // Position path, in order, from the longer sentence (positions do not depend on the words).
    const SentenceData* longest = &data_->a;
    for (const SentenceData* s : data_->sentences())
        if (s->length() > longest->length())
            longest = s;
    const bool hasPositions = longest->trace->position.cwiseAbs().maxCoeff() > 0;
    if (hasPositions) {
        auto* path = new QCPCurve(x, y);
        QVector<double> t, px, py;
        for (int i = 0; i < longest->length(); ++i) {
            t << i;
            px << longest->pcaPosition(i, first_);
            py << longest->pcaPosition(i, second_);
            extend(px.back(), py.back());
            label(px.back(), py.back(), tr("#%1").arg(i), kPositionColour, Qt::AlignLeft | Qt::AlignTop, false);
        }
        path->setData(t, px, py);
        path->setPen(QPen(kPositionColour, 1.5));
        path->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, kPositionColour, kPositionColour, 8));
        path->setName(tr("P positions (path in order)"));
        legend->addItem(new QCPPlottableLegendItem(legend, path));
        pointCount_ += longest->length();
    }

    // Word points: one per distinct word (E does not depend on the sentence).
    QSet<QString> seen;
    auto* words = new QCPGraph(x, y);
    words->setLineStyle(QCPGraph::lsNone);
    words->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colours.text, colours.text, 9));
    words->setName(tr("E words"));
    legend->addItem(new QCPPlottableLegendItem(legend, words));
    for (const SentenceData* s : data_->sentences())
        for (int i = 0; i < s->length(); ++i) {
            if (seen.contains(s->tokens[i]))
                continue;
            seen.insert(s->tokens[i]);
            const double px = s->pcaEmbedding(i, first_), py = s->pcaEmbedding(i, second_);
            words->addData(px, py);
            extend(px, py);
            label(px, py, s->tokens[i], colours.text, Qt::AlignRight | Qt::AlignBottom, true);
            ++pointCount_;
        }

    // Sums with arrows from their word.
    int index = 0;
    for (const SentenceData* s : data_->sentences()) {
        const QColor colour = sentenceColour(index);
        auto* sums = new QCPGraph(x, y);
        sums->setLineStyle(QCPGraph::lsNone);
        sums->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, colour, colour, 10));
        sums->setName(index == 0 ? tr("E + P in A: %1").arg(s->tokens.join(QString()))
                                 : tr("E + P in B: %1").arg(s->tokens.join(QString())));
        legend->addItem(new QCPPlottableLegendItem(legend, sums));
        for (int i = 0; i < s->length(); ++i) {
            const double ex = s->pcaEmbedding(i, first_), ey = s->pcaEmbedding(i, second_);
            const double sx = s->pcaInput(i, first_), sy = s->pcaInput(i, second_);
            sums->addData(sx, sy);
            extend(sx, sy);
            if (hasPositions) {
                auto* arrow = new QCPItemLine(plot_);
                arrow->setClipAxisRect(rect);
                arrow->start->setAxes(x, y);
                arrow->end->setAxes(x, y);
                arrow->start->setCoords(ex, ey);
                arrow->end->setCoords(sx, sy);
                QColor faded = colour;
                faded.setAlpha(170);
                arrow->setPen(QPen(faded, 1.2));
                arrow->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 7, 9));
                label(sx, sy, tr("%1@%2").arg(s->tokens[i]).arg(i), colour, Qt::AlignLeft | Qt::AlignBottom, false);
            }
            ++pointCount_;
        }
        ++index;
    }
    const double padX = std::max(1e-3, (maxX - minX) * 0.12), padY = std::max(1e-3, (maxY - minY) * 0.12);
    x->setRange(minX - padX, maxX + padX * 2.5);  // room on the right for the legend
    y->setRange(minY - padY, maxY + padY * 1.5);
    plot_->replot();
}

}  // namespace orderlens::widgets
