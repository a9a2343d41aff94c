#include "pca_view.h"

#include "plot.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QLabel>
#include <QSet>

#include <algorithm>

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

PcaView::Shape PcaView::shapeOf() const
{
    Shape shape;
    if (!data_ || data_->pcaComponents < 2)
        return shape;
    shape.components = data_->pcaComponents;
    shape.first = first_;
    shape.second = second_;
    QSet<QString> seen;
    for (const SentenceData* s : data_->sentences()) {
        shape.lengths.push_back(s->length());
        shape.positions = shape.positions || s->trace->position.cwiseAbs().maxCoeff() > 0;
        for (const QString& token : s->tokens)
            seen.insert(token);
    }
    shape.words = static_cast<int>(seen.size());
    return shape;
}

void PcaView::rebuild()
{
    pointCount_ = 0;
    shape_ = {};
    x_ = y_ = nullptr;
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
    shape_ = shapeOf();
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    addTitle(plot_, 0, 0, tr("E, P and E + P on their two main directions (PCA), A and B on shared axes"), colours,
             font, 2);
    auto* rect = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(1, 0, rect);
    plot_->plotLayout()->setRowStretchFactor(0, 0.01);
    styleAxisRect(rect, colours, font);
    x_ = rect->axis(QCPAxis::atBottom);
    y_ = rect->axis(QCPAxis::atLeft);

    auto* legend = new QCPLegend;
    rect->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(QBrush(colours.background));
    legend->setBorderPen(QPen(colours.subtle));
    legend->setTextColor(colours.text);
    legend->setFont(font);

    auto label = [&](const QColor& colour, Qt::Alignment alignment, bool bold) {
        auto* item = new Label(plot_);
        item->setClipAxisRect(rect);
        item->position->setAxes(x_, y_);
        item->setPositionAlignment(alignment);
        item->setColor(colour);
        QFont f = font;
        f.setBold(bold);
        item->setFont(f);
        item->setPadding(QMargins(4, 0, 4, 0));
        return item;
    };

    // Position path, in order, from the longer sentence (positions do not depend on the words).
    positionLabels_.clear();
    path_ = nullptr;
    if (shape_.positions) {
        path_ = new QCPCurve(x_, y_);
        path_->setPen(QPen(kPositionColour, 1.5));
        path_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, kPositionColour, kPositionColour, 8));
        path_->setName(tr("P positions (path in order)"));
        legend->addItem(new QCPPlottableLegendItem(legend, path_));
        const int longest = *std::max_element(shape_.lengths.begin(), shape_.lengths.end());
        for (int i = 0; i < longest; ++i)
            positionLabels_.push_back(label(kPositionColour, Qt::AlignLeft | Qt::AlignTop, false));
    }

    // Word points: one per distinct word (E does not depend on the sentence).
    words_ = new QCPGraph(x_, y_);
    words_->setLineStyle(QCPGraph::lsNone);
    words_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colours.text, colours.text, 9));
    words_->setName(tr("E words"));
    legend->addItem(new QCPPlottableLegendItem(legend, words_));
    wordLabels_.clear();
    for (int i = 0; i < shape_.words; ++i)
        wordLabels_.push_back(label(colours.text, Qt::AlignRight | Qt::AlignBottom, true));

    // Sums with arrows from their word.
    sums_.clear();
    arrows_.clear();
    sumLabels_.clear();
    for (size_t index = 0; index < shape_.lengths.size(); ++index) {
        const QColor colour = sentenceColour(static_cast<int>(index));
        auto* sums = new QCPGraph(x_, y_);
        sums->setLineStyle(QCPGraph::lsNone);
        sums->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, colour, colour, 10));
        legend->addItem(new QCPPlottableLegendItem(legend, sums));
        sums_.push_back(sums);
        if (!shape_.positions)
            continue;
        for (int i = 0; i < shape_.lengths[index]; ++i) {
            auto* arrow = new QCPItemLine(plot_);
            arrow->setClipAxisRect(rect);
            arrow->start->setAxes(x_, y_);
            arrow->end->setAxes(x_, y_);
            QColor faded = colour;
            faded.setAlpha(170);
            arrow->setPen(QPen(faded, 1));  // 1 px: the raster engine's fast line
            arrow->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 7, 9));
            arrows_.push_back(arrow);
            sumLabels_.push_back(label(colour, Qt::AlignLeft | Qt::AlignBottom, false));
        }
    }
    fill();
    plot_->replot();
}

bool PcaView::refresh()
{
    if (!x_ || !data_ || data_->pcaComponents < 2 || !(shapeOf() == shape_))
        return false;
    fill();
    plot_->replot();
    return true;
}

void PcaView::fill()
{
    auto ratio = [&](int c) { return 100.0 * data_->pcaExplainedRatio[static_cast<size_t>(c)]; };
    x_->setLabel(tr("PC%1 (%2 % of the variance)").arg(first_ + 1).arg(ratio(first_), 0, 'f', 1));
    y_->setLabel(tr("PC%1 (%2 % of the variance)").arg(second_ + 1).arg(ratio(second_), 0, 'f', 1));
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
    };

    const auto sentences = data_->sentences();
    if (path_) {
        const SentenceData* longest = sentences.front();
        for (const SentenceData* s : sentences)
            if (s->length() > longest->length())
                longest = s;
        QVector<double> t, px, py;
        for (int i = 0; i < longest->length(); ++i) {
            t << i;
            px << longest->pcaPosition(i, first_);
            py << longest->pcaPosition(i, second_);
            extend(px.back(), py.back());
            place(positionLabels_[static_cast<size_t>(i)], px.back(), py.back(), tr("#%1").arg(i));
        }
        path_->setData(t, px, py);
        pointCount_ += longest->length();
    }

    QSet<QString> seen;
    QVector<double> wx, wy;
    for (const SentenceData* s : sentences)
        for (int i = 0; i < s->length(); ++i) {
            if (seen.contains(s->tokens[i]))
                continue;
            seen.insert(s->tokens[i]);
            wx << s->pcaEmbedding(i, first_);
            wy << s->pcaEmbedding(i, second_);
            extend(wx.back(), wy.back());
            place(wordLabels_[static_cast<size_t>(wx.size() - 1)], wx.back(), wy.back(), s->tokens[i]);
        }
    words_->setData(wx, wy);
    pointCount_ += static_cast<int>(wx.size());

    size_t item = 0;
    for (size_t index = 0; index < sentences.size(); ++index) {
        const SentenceData* s = sentences[index];
        QCPGraph* sums = sums_[index];
        sums->setName(index == 0 ? tr("E + P in A: %1").arg(s->tokens.join(QString()))
                                 : tr("E + P in B: %1").arg(s->tokens.join(QString())));
        QVector<double> sx, sy;
        for (int i = 0; i < s->length(); ++i) {
            sx << s->pcaInput(i, first_);
            sy << s->pcaInput(i, second_);
            extend(sx.back(), sy.back());
            if (path_) {
                QCPItemLine* arrow = arrows_[item];
                arrow->start->setCoords(s->pcaEmbedding(i, first_), s->pcaEmbedding(i, second_));
                arrow->end->setCoords(sx.back(), sy.back());
                place(sumLabels_[item], sx.back(), sy.back(), tr("%1@%2").arg(s->tokens[i]).arg(i));
                ++item;
            }
        }
        sums->setData(sx, sy);
        pointCount_ += s->length();
    }
    const double padX = std::max(1e-3, (maxX - minX) * 0.12), padY = std::max(1e-3, (maxY - minY) * 0.12);
    x_->setRange(minX - padX, maxX + padX * 2.5);  // room on the right for the legend
    y_->setRange(minY - padY, maxY + padY * 1.5);
}

}  // namespace orderlens::widgets
