#include "pca_view.h"

#include "plot.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QLabel>
#include <QSet>
#include <QSignalBlocker>

#include <algorithm>

namespace orderlens::widgets {

namespace {
const QColor kPositionColour(230, 159, 0);
}

PcaView::PcaView(QWidget* parent) : View(parent)
{
    pair_ = new QComboBox(this);
    pair_->addItem(tr("Best for positions"), QPoint(-1, -1));  // text set by showSelection()
    pair_->addItem(tr("PC1 and PC2"), QPoint(0, 1));
    pair_->addItem(tr("PC1 and PC3"), QPoint(0, 2));
    pair_->addItem(tr("PC2 and PC3"), QPoint(1, 2));
    controls_->addWidget(new QLabel(tr("Axes:"), this));
    controls_->addWidget(pair_);
    controls_->addStretch(1);
    connect(pair_, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QPoint p = pair_->itemData(index).toPoint();
        Selection next = selection_;
        next.pcaFirst = p.x();
        next.pcaSecond = p.y();
        requestSelection(next);
    });
}

QString PcaView::explanation() const
{
    bool positions = !data_;
    if (data_)
        for (const SentenceSnapshot* s : data_->sentences())
            positions = positions || s->hasPositionRows;
    if (!positions)
        return tr("The word vectors squeezed onto two main directions (PCA). This scheme adds no position vector "
                  "to the word: the input of the first layer is E itself, so the same word lands on one point "
                  "in both sentences. Where the order comes in, the model has to find it inside attention "
                  "(RoPE rotates queries and keys, ALiBi biases the scores; none has no order at all).");
    return tr("The vectors squeezed onto two main directions (PCA); unless you pick a pair, the one on which the "
              "points stand furthest apart, named in the title. A word keeps one E point in both sentences; "
              "adding its position moves it along the arrow to E + P, so the same word at another place lands "
              "somewhere else, while staying near its word. The orange path visits the positions in order.");
}

QString PcaView::selectionCaption() const { return tr("PC%1 / PC%2").arg(first() + 1).arg(second() + 1); }

void PcaView::setComponents(int first, int second)
{
    Selection next = selection_;
    next.pcaFirst = first;
    next.pcaSecond = second;
    requestSelection(next);
}

bool PcaView::automaticAxes() const { return selection_.pcaFirst < 0; }

std::pair<int, int> PcaView::components() const
{
    const int k = data_ ? data_->pcaComponents : 3;
    int first = selection_.pcaFirst, second = selection_.pcaSecond;
    if (automaticAxes()) {
        first = data_ ? data_->pcaDefaultFirst : 0;
        second = data_ ? data_->pcaDefaultSecond : 1;
    }
    if (first < 0 || second <= first || second >= std::max(2, k))
        return {0, 1};  // two components only (or a pair out of range): the first two, and the chooser says so
    return {first, second};
}

void PcaView::showSelection()
{
    const QSignalBlocker quiet(pair_);
    const int k = data_ ? data_->pcaComponents : 3;
    pair_->setItemText(0, tr("Best for positions (PC%1 and PC%2)").arg(first() + 1).arg(second() + 1));
    for (int i = 0; i < pair_->count(); ++i) {
        const QPoint p = pair_->itemData(i).toPoint();
        qobject_cast<QStandardItemModel*>(pair_->model())->item(i)->setEnabled(p.y() < k);
        if (automaticAxes() ? i == 0 : p == QPoint(first(), second()))
            pair_->setCurrentIndex(i);
    }
}

QString PcaView::layoutKey() const
{
    if (!data_ || data_->pcaComponents < 2)
        return QStringLiteral("message");
    bool positions = false;
    for (const SentenceSnapshot* s : data_->sentences())
        positions = positions || s->hasPositionRows;
    return QStringLiteral("%1/%2/%3/%4/%5/%6")
        .arg(automaticAxes())
        .arg(data_->pcaComponents)
        .arg(first())
        .arg(second())
        .arg(positions)
        .arg(data_->sentences().size());
}

void PcaView::build()
{
    pointCount_ = 0;
    rect_ = nullptr;
    legend_ = nullptr;
    path_ = nullptr;
    words_ = nullptr;
    sums_.clear();
    positionLabels_.clear();
    wordLabels_.clear();
    sumLabels_.clear();
    arrows_.clear();
    if (!data_ || data_->pcaComponents < 2) {
        showMessage(tr("PCA needs at least two dimensions and a few vectors."));
        return;
    }
    bool positions = false;
    for (const SentenceSnapshot* s : data_->sentences())
        positions = positions || s->hasPositionRows;
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    const QString pairText = tr("PC%1 and PC%2").arg(first() + 1).arg(second() + 1);
    QString title;
    if (!positions)
        title = tr("Word vectors on %1 (PCA), A and B on shared axes\nthis scheme adds no position vector, so "
                   "E + P = E").arg(pairText);
    else if (automaticAxes() && (first() != 0 || second() != 1))
        title = tr("E, P and E + P on %1 (PCA), the pair that keeps the points apart\nA and B on shared axes")
                    .arg(pairText);
    else if (first() == 0 && second() == 1)
        title = tr("E, P and E + P on their two main directions (PCA), A and B on shared axes");
    else
        title = tr("E, P and E + P on %1 (PCA), A and B on shared axes").arg(pairText);
    addTitle(plot_, 0, 0, title, colours, font, 2);
    rect_ = new QCPAxisRect(plot_);
    plot_->plotLayout()->setRowStretchFactor(0, 0.01);
    styleAxisRect(rect_, colours, font);
    QCPAxis* x = rect_->axis(QCPAxis::atBottom);
    QCPAxis* y = rect_->axis(QCPAxis::atLeft);

    // The legend in a row of its own above the points: inside the plot it covered points and labels.
    auto* legend = new QCPLegend;
    legend_ = legend;
    plot_->plotLayout()->addElement(1, 0, legend);
    plot_->plotLayout()->addElement(2, 0, rect_);
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    legend->setTextColor(colours.text);
    legend->setFont(font);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(2);
    legend->setMargins(QMargins(12, 0, 12, 0));
    plot_->plotLayout()->setRowStretchFactor(1, 0.01);

    // Position path, in order, from the longer sentence (positions do not depend on the words).
    if (positions) {
        path_ = new QCPCurve(x, y);
        path_->setPen(QPen(kPositionColour, 1.5));
        path_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, kPositionColour, kPositionColour, 8));
        path_->setName(tr("P positions (path in order)"));
        legend->addItem(new QCPPlottableLegendItem(legend, path_));
    }

    // Word points: one per distinct word (E does not depend on the sentence).
    words_ = new QCPGraph(x, y);
    words_->setLineStyle(QCPGraph::lsNone);
    words_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colours.text, colours.text, 9));
    words_->setName(tr("E words"));
    legend->addItem(new QCPPlottableLegendItem(legend, words_));

    // Sums, with arrows from their word (made by fill(), one per token).
    for (int index = 0; index < static_cast<int>(data_->sentences().size()); ++index) {
        const QColor colour = sentenceColour(index);
        auto* sums = new QCPGraph(x, y);
        sums->setLineStyle(QCPGraph::lsNone);
        sums->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, colour, colour, 10));
        legend->addItem(new QCPPlottableLegendItem(legend, sums));
        sums_.push_back(sums);
    }
    sumLabels_.resize(sums_.size());
    arrows_.resize(sums_.size());
    fill();
    arrange(plot_->size());
    plot_->replot();
}

void PcaView::arrange(QSize plotSize)
{
    if (!legend_ || legend_->itemCount() == 0)
        return;
    const QFontMetrics metrics(legend_->font());
    int widest = 0;
    for (int i = 0; i < legend_->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend_->item(i)))
            widest = std::max(widest, metrics.horizontalAdvance(item->plottable()->name()) + 60);
    const int wrap = 2 * widest + 24 <= plotSize.width() ? 2 : 1;
    if (legend_->wrap() != wrap) {
        legend_->setWrap(wrap);
        legend_->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    }
}

void PcaView::refresh()
{
    if (!rect_)
        return build();
    fill();
    arrange(plot_->size());
    plot_->replot();
}

QCPItemText* PcaView::addLabel(const QColor& colour, Qt::Alignment alignment, bool bold)
{
    auto* item = new Label(plot_);
    item->setClipAxisRect(rect_);
    item->position->setAxes(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
    item->setPositionAlignment(alignment);
    item->setColor(colour);
    QFont f = plotFont();
    f.setBold(bold);
    item->setFont(f);
    item->setPadding(QMargins(4, 0, 4, 0));
    return item;
}

QCPItemLine* PcaView::addArrow(const QColor& colour)
{
    auto* arrow = new QCPItemLine(plot_);
    arrow->setClipAxisRect(rect_);
    arrow->start->setAxes(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
    arrow->end->setAxes(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
    QColor faded = colour;
    faded.setAlpha(170);
    arrow->setPen(QPen(faded, 1));  // 1 px: the raster engine's fast line
    arrow->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 7, 9));
    return arrow;
}

void PcaView::fill()
{
    QCPAxis* x = rect_->axis(QCPAxis::atBottom);
    QCPAxis* y = rect_->axis(QCPAxis::atLeft);
    const PlotColours colours = plotColours(this);
    const int pcX = first(), pcY = second();
    auto ratio = [&](int c) { return 100.0 * data_->pcaExplainedRatio[static_cast<size_t>(c)]; };
    x->setLabel(tr("PC%1 (%2 % of the variance)").arg(pcX + 1).arg(ratio(pcX), 0, 'f', 1));
    y->setLabel(tr("PC%1 (%2 % of the variance)").arg(pcY + 1).arg(ratio(pcY), 0, 'f', 1));
    pointCount_ = 0;
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
    auto extend = [&](double px, double py) {
        minX = std::min(minX, px);
        maxX = std::max(maxX, px);
        minY = std::min(minY, py);
        maxY = std::max(maxY, py);
    };
    auto place = [](QCPItemText* item, double px, double py, const QString& text) {
        item->position->setCoords(px, py);
        item->setText(text);
        // Where it belongs, and on which side of its point it goes first (placeLabels).
        item->setProperty("anchor", QPointF(px, py));
        if (!item->property("side").isValid())
            item->setProperty("side", static_cast<int>(item->positionAlignment()));
    };

    const auto sentences = data_->sentences();
    bool resized = false;
    if (path_) {
        const SentenceSnapshot* longest = sentences.front();
        for (const SentenceSnapshot* s : sentences)
            if (s->length() > longest->length())
                longest = s;
        resized |= resizeItems(plot_, positionLabels_, static_cast<size_t>(longest->length()),
                    [&] { return addLabel(kPositionColour, Qt::AlignLeft | Qt::AlignTop, false); });
        QVector<double> t, px, py;
        for (int i = 0; i < longest->length(); ++i) {
            t << i;
            px << longest->pcaPosition(i, pcX);
            py << longest->pcaPosition(i, pcY);
            extend(px.back(), py.back());
            place(positionLabels_[static_cast<size_t>(i)], px.back(), py.back(), tr("#%1").arg(i));
        }
        path_->setData(t, px, py);
        pointCount_ += longest->length();
    }

    QSet<std::string> seen;
    QVector<double> wx, wy;
    QStringList wordNames;
    for (const SentenceSnapshot* s : sentences)
        for (int i = 0; i < s->length(); ++i) {
            if (seen.contains(s->tokens[i]))
                continue;
            seen.insert(s->tokens[i]);
            wx << s->pcaEmbedding(i, pcX);
            wy << s->pcaEmbedding(i, pcY);
            wordNames << QString::fromStdString(s->tokens[i]);
            extend(wx.back(), wy.back());
        }
    resized |= resizeItems(plot_, wordLabels_, static_cast<size_t>(wx.size()),
                [&] { return addLabel(colours.text, Qt::AlignRight | Qt::AlignBottom, true); });
    for (qsizetype i = 0; i < wx.size(); ++i)
        place(wordLabels_[static_cast<size_t>(i)], wx[i], wy[i], wordNames[i]);
    words_->setData(wx, wy);
    pointCount_ += static_cast<int>(wx.size());

    for (size_t index = 0; index < sentences.size(); ++index) {
        const SentenceSnapshot* s = sentences[index];
        const QColor colour = sentenceColour(static_cast<int>(index));
        QCPGraph* sums = sums_[index];
        if (path_)
            sums->setName(index == 0 ? tr("E + P in A: %1").arg(abbreviated(joinedTokens(s->tokens)))
                                     : tr("E + P in B: %1").arg(abbreviated(joinedTokens(s->tokens))));
        else  // no P row: the input is the word vector itself
            sums->setName(index == 0 ? tr("input (= E) in A: %1").arg(abbreviated(joinedTokens(s->tokens)))
                                     : tr("input (= E) in B: %1").arg(abbreviated(joinedTokens(s->tokens))));
        const auto arrowsWanted = static_cast<size_t>(path_ ? s->length() : 0);
        resized |= resizeItems(plot_, arrows_[index], arrowsWanted, [&] { return addArrow(colour); });
        resized |= resizeItems(plot_, sumLabels_[index], arrowsWanted,
                    [&] { return addLabel(colour, Qt::AlignLeft | Qt::AlignBottom, false); });
        QVector<double> sx, sy;
        for (int i = 0; i < s->length(); ++i) {
            sx << s->pcaInput(i, pcX);
            sy << s->pcaInput(i, pcY);
            extend(sx.back(), sy.back());
            if (path_) {
                const auto at = static_cast<size_t>(i);
                arrows_[index][at]->start->setCoords(s->pcaEmbedding(i, pcX), s->pcaEmbedding(i, pcY));
                arrows_[index][at]->end->setCoords(sx.back(), sy.back());
                place(sumLabels_[index][at], sx.back(), sy.back(), tr("%1@%2").arg(QString::fromStdString(s->tokens[i])).arg(i));
            }
        }
        sums->setData(sx, sy);
        pointCount_ += s->length();
    }
    if (resized) {
        // Overlapping labels are drawn in the order a fresh picture makes them.
        std::vector<QCPAbstractItem*> order(positionLabels_.begin(), positionLabels_.end());
        order.insert(order.end(), wordLabels_.begin(), wordLabels_.end());
        for (size_t index = 0; index < arrows_.size(); ++index) {
            order.insert(order.end(), arrows_[index].begin(), arrows_[index].end());
            order.insert(order.end(), sumLabels_[index].begin(), sumLabels_[index].end());
        }
        for (QCPAbstractItem* item : order)
            item->setLayer(item->layer());  // to the end of its layer
    }
    const double padX = std::max(1e-3, (maxX - minX) * 0.12), padY = std::max(1e-3, (maxY - minY) * 0.12);
    x->setRange(minX - padX, maxX + padX * 1.5);  // room on the right for the labels
    y->setRange(minY - padY, maxY + padY * 1.2);
}

void PcaView::afterLayout() { placeLabels(); }

void PcaView::placeLabels()
{
    if (!rect_)
        return;
    QCPAxis* x = rect_->axis(QCPAxis::atBottom);
    QCPAxis* y = rect_->axis(QCPAxis::atLeft);
    const QRectF inside = QRectF(rect_->rect()).adjusted(2, 2, -2, -2);
    std::vector<QRectF> taken;
    std::vector<QCPItemText*> order(wordLabels_.begin(), wordLabels_.end());
    order.insert(order.end(), positionLabels_.begin(), positionLabels_.end());
    for (const auto& labels : sumLabels_)
        order.insert(order.end(), labels.begin(), labels.end());
    const Qt::Alignment sides[] = {Qt::AlignLeft | Qt::AlignBottom,  Qt::AlignRight | Qt::AlignBottom,
                                   Qt::AlignLeft | Qt::AlignTop,     Qt::AlignRight | Qt::AlignTop,
                                   Qt::AlignLeft | Qt::AlignVCenter, Qt::AlignRight | Qt::AlignVCenter,
                                   Qt::AlignHCenter | Qt::AlignBottom, Qt::AlignHCenter | Qt::AlignTop};
    QSet<QString> written;  // text@pixel of the labels placed: a second one at the same point is left out
    for (QCPItemText* label : order) {
        const QPointF anchor = label->property("anchor").toPointF();
        if (label->text().isEmpty())
            continue;
        const QPointF at(x->coordToPixel(anchor.x()), y->coordToPixel(anchor.y()));
        const QString key = label->text() + QStringLiteral("@%1,%2").arg(qRound(at.x())).arg(qRound(at.y()));
        const bool word = std::find(wordLabels_.begin(), wordLabels_.end(), label) != wordLabels_.end();
        if (written.contains(key)) {
            label->setVisible(false);
            continue;
        }
        const QFontMetricsF metrics(label->font());
        const QSizeF size(metrics.horizontalAdvance(label->text()) + label->padding().left() + label->padding().right(),
                          metrics.height() + label->padding().top() + label->padding().bottom());
        auto boxAt = [&](Qt::Alignment a, double push) {
            const double dx = a & Qt::AlignRight ? -size.width() - push : a & Qt::AlignHCenter ? -size.width() / 2 : push;
            const double dy = a & Qt::AlignBottom ? -size.height() - push : a & Qt::AlignVCenter ? -size.height() / 2 : push;
            return QRectF(at + QPointF(dx, dy), size);
        };
        auto free = [&](const QRectF& box) {
            if (!inside.contains(box))
                return false;
            for (const QRectF& other : taken)
                if (box.intersects(other))
                    return false;
            return true;
        };
        const auto own = static_cast<Qt::Alignment>(label->property("side").toInt());
        std::vector<Qt::Alignment> tried{own};
        for (Qt::Alignment a : sides)
            if (a != own)
                tried.push_back(a);
        bool placed = false;
        QRectF box;
        for (double push : {0.0, 0.5 * size.height(), 1.0 * size.height()}) {
            for (Qt::Alignment a : tried)
                if (free(box = boxAt(a, push))) {
                    placed = true;
                    break;
                }
            if (placed)
                break;
        }
        if (!placed && !word) {
            label->setVisible(false);
            continue;
        }
        if (!placed)
            box = boxAt(own, 0);
        label->setVisible(true);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->position->setCoords(x->pixelToCoord(box.left()), y->pixelToCoord(box.top()));
        taken.push_back(box.adjusted(-1, -1, 1, 1));
        written.insert(key);
    }
}

}  // namespace orderlens::widgets
