#include "position_view.h"

#include "colour_scales.h"
#include "plot.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace orderlens::widgets {

namespace {
// Okabe–Ito colours for the curves.
const QColor kCurveColours[4] = {QColor(0, 114, 178), QColor(230, 159, 0), QColor(0, 158, 115), QColor(204, 121, 167)};
}  // namespace

PositionView::PositionView(QWidget* parent) : View(parent)
{
    firstDimension_ = new QSpinBox(this);
    firstDimension_->setRange(1, 1);
    controls_->addWidget(new QLabel(tr("Curves from dimension:"), this));
    controls_->addWidget(firstDimension_);
    controls_->addStretch(1);
    connect(firstDimension_, &QSpinBox::valueChanged, this, [this](int value) {
        Selection next = selection_;
        next.dimension = value - 1;
        requestSelection(next);
    });
}

QString PositionView::explanation() const
{
    if (!data_)
        return {};
    switch (data_->config.pe) {
    case PositionScheme::Sinusoidal:
        return tr("Each row is the vector added at one position: early dimensions wave fast, later ones slowly, so "
                  "every position gets its own pattern. In the similarity map, every diagonal has one colour: how "
                  "alike two positions are depends only on how far apart they are.");
    case PositionScheme::Learned:
        return tr("These position vectors were learned in training, one row per position. The similarity map shows "
                  "which positions the model treats as alike; neighbours tend to be closer than distant places.");
    case PositionScheme::Rope:
        return tr("RoPE adds nothing to the word vectors: it turns each pair of query and key dimensions by an angle "
                  "that grows with the position. Attention then sees only the difference of the angles, i.e. the "
                  "distance between two tokens.");
    case PositionScheme::Alibi:
        return tr("ALiBi adds nothing to the word vectors: each head subtracts a penalty that grows with distance "
                  "from its attention scores. Steep heads look nearby, shallow heads look far; here one side is "
                  "charged double, so the heads also know left from right.");
    case PositionScheme::None:
        return tr("This model adds no position at all. Its input for 猫追老鼠 and 老鼠追猫 is the same set of rows in "
                  "another order, so it cannot tell who chases whom.");
    }
    return {};
}

QString PositionView::layoutKey() const
{
    if (!data_)
        return QStringLiteral("message");
    const PositionFacts& p = data_->positions;
    QString key = QStringLiteral("%1/%2/%3/%4/%5")
                      .arg(QString::fromStdString(data_->modelId))
                      .arg(static_cast<int>(data_->config.pe))
                      .arg(p.table.rows() + p.ropeAngles.rows())
                      .arg(p.table.cols() + p.ropeAngles.cols())
                      .arg(firstDimension());
    // The numbers too: two models of one name and shape (the hand-made one after an edit, two
    // trainings) have different tables; a keystroke leaves them alone.
    for (const Matrix* m : {&p.table, &p.similarity, &p.ropeCosines})
        key += QLatin1Char('/') + QString::number(qHashBits(m->data(), sizeof(float) * static_cast<size_t>(m->size())));
    if (data_->config.pe == PositionScheme::Alibi)  // its maps follow sentence A
        key += QLatin1Char('/') + joinedTokens(data_->a.tokens);
    return key;
}

int PositionView::firstDimension() const
{
    if (!data_)
        return 0;
    const Eigen::Index dims = data_->config.pe == PositionScheme::Rope ? data_->positions.ropeAngles.cols()
                                                                       : data_->positions.table.cols();
    return std::clamp(selection_.dimension, 0, std::max(0, static_cast<int>(dims) - 1));
}

void PositionView::showSelection()
{
    const QSignalBlocker quiet(firstDimension_);
    const Eigen::Index dims = !data_ ? 1
                              : data_->config.pe == PositionScheme::Rope ? data_->positions.ropeAngles.cols()
                                                                         : data_->positions.table.cols();
    firstDimension_->setRange(1, std::max(1, static_cast<int>(dims)));
    firstDimension_->setValue(firstDimension() + 1);
}

void PositionView::refresh()
{
    if (!endMark_)
        return build();
    const double last = data_->a.length() - 1;
    endMark_->point1->setCoords(last, 0);
    endMark_->point2->setCoords(last, 1);
    endLabel_->position->setCoords(last, -curveExtent_ * 1.05);
    plot_->replot();  // only the mark of the sentence's last position moved
}

void PositionView::build()
{
    endMark_ = nullptr;
    endLabel_ = nullptr;
    if (!data_) {
        showMessage(tr("Type a sentence to see the position table."));
        return;
    }
    const QFont font = resetPlot();
    switch (data_->config.pe) {
    case PositionScheme::Sinusoidal:
    case PositionScheme::Learned: buildTable(font); break;
    case PositionScheme::Rope: buildRope(font); break;
    case PositionScheme::Alibi: buildAlibi(font); break;  // its maps follow sentence A: rebuilt
    case PositionScheme::None:
        showMessage(tr("No position vectors: this model adds nothing for the place of a word.\n"
                       "Reordering a sentence only reorders its rows."));
        return;
    }
    plot_->replot();
}

void PositionView::addCurves(QCPAxisRect* rect, const Matrix& table, double extent, const QString& yLabel,
                             const QFont& font)
{
    const PlotColours colours = plotColours(this);
    const int dims = static_cast<int>(table.cols());
    const int first = firstDimension();
    auto* legend = addInsetLegend(rect, Qt::AlignTop | Qt::AlignRight, colours, font);
    // Four curves: two neighbouring dimensions from the chosen start, and two further on.
    std::vector<int> picks{first, first + 1, first + dims / 4, first + dims / 2};
    for (size_t i = 0; i < picks.size(); ++i) {
        const int dim = picks[i];
        if (dim < 0 || dim >= dims || std::count(picks.begin(), picks.begin() + static_cast<long>(i), dim))
            continue;
        auto* graph = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        QVector<double> x, y;
        for (int p = 0; p < table.rows(); ++p) {
            x << p;
            y << table(p, dim);
        }
        graph->setData(x, y, true);
        graph->setPen(QPen(kCurveColours[i % 4], 2));
        graph->setName(tr("dimension %1").arg(dim + 1));
        legend->addItem(new QCPPlottableLegendItem(legend, graph));
    }
    rect->axis(QCPAxis::atBottom)->setLabel(tr("position"));
    rect->axis(QCPAxis::atLeft)->setLabel(yLabel);
    rect->axis(QCPAxis::atBottom)->setRange(0, std::max<double>(1, static_cast<double>(table.rows() - 1)));
    rect->axis(QCPAxis::atLeft)->setRange(-extent * 1.1, extent * 1.1);
    // Mark where sentence A ends.
    auto* mark = new QCPItemStraightLine(plot_);
    mark->setClipAxisRect(rect);
    mark->point1->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    mark->point2->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    mark->point1->setCoords(data_->a.length() - 1, 0);
    mark->point2->setCoords(data_->a.length() - 1, 1);
    mark->setPen(QPen(colours.subtle, 1, Qt::DashLine));
    endMark_ = mark;
    mark->setLayer(QStringLiteral("overlay"));
    curveExtent_ = extent;
    auto* markLabel = new Label(plot_);
    endLabel_ = markLabel;
    markLabel->setLayer(QStringLiteral("overlay"));
    markLabel->setClipAxisRect(rect);
    markLabel->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    markLabel->position->setCoords(data_->a.length() - 1, -extent * 1.05);
    markLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    markLabel->setText(tr(" last token of A"));
    markLabel->setColor(colours.subtle);
    markLabel->setFont(font);
}

void PositionView::addSimilarity(QCPAxisRect* rect)
{
    addMatrixMap(rect, data_->positions.similarity, divergingGradient(), QCPRange(-1, 1));
    rect->axis(QCPAxis::atBottom)->setLabel(tr("position"));
    rect->axis(QCPAxis::atLeft)->setLabel(tr("position"));
    const int positions = static_cast<int>(data_->positions.similarity.rows());
    setIndexTicks(rect->axis(QCPAxis::atBottom), positions, positions > 20 ? 10 : 2);
    setIndexTicks(rect->axis(QCPAxis::atLeft), positions, positions > 20 ? 10 : 2);
    keepAspect(rect, rect->axis(QCPAxis::atBottom)->range(), rect->axis(QCPAxis::atLeft)->range(), AspectFit::ShrinkRect);
}

void PositionView::buildTable(const QFont& font)
{
    const PlotColours colours = plotColours(this);
    const Matrix& table = data_->positions.table;
    const bool learned = data_->config.pe == PositionScheme::Learned;
    auto* top = new QCPLayoutGrid;
    auto* bottom = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(0, 0, top);
    plot_->plotLayout()->addElement(1, 0, bottom);
    QCPAxisRect* rect =
        addTitledAxisRect(plot_, top, 0, 0,
                          learned ? tr("Learned position table P (row = position)")
                                  : tr("Sinusoidal position table P (row = position)"),
                          colours, font)
            .rect;
    const double extent = data_->positions.tableRange;
    addMatrixMap(rect, table, divergingGradient(), QCPRange(-extent, extent));
    rect->axis(QCPAxis::atBottom)->setLabel(tr("dimension"));
    rect->axis(QCPAxis::atLeft)->setLabel(tr("position"));
    rect->axis(QCPAxis::atBottom)->ticker()->setTickCount(8);
    rect->axis(QCPAxis::atLeft)->ticker()->setTickCount(5);
    addColourBar(top, 0, 1, tr("value"), divergingGradient(), QCPRange(-extent, extent), colours, font);
    addCurves(addTitledAxisRect(plot_, bottom, 0, 0, tr("Chosen dimensions over position"), colours, font).rect, table,
              extent, tr("value"), font);
    addSimilarity(addTitledAxisRect(plot_, bottom, 0, 1, tr("Similarity of positions (cosine)"), colours, font).rect);
    addColourBar(bottom, 0, 2, tr("cosine"), divergingGradient(), QCPRange(-1, 1), colours, font);
    bottom->setColumnStretchFactor(2, 0.01);
    top->setColumnStretchFactor(1, 0.01);
    bottom->setColumnStretchFactor(0, 1.6);
    bottom->setColumnStretchFactor(1, 1.0);
}

void PositionView::buildRope(const QFont& font)
{
    const PlotColours colours = plotColours(this);
    const Matrix& cosines = data_->positions.ropeCosines;
    auto* top = new QCPLayoutGrid;
    auto* bottom = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(0, 0, top);
    plot_->plotLayout()->addElement(1, 0, bottom);
    QCPAxisRect* rect =
        addTitledAxisRect(plot_, top, 0, 0, tr("RoPE: cosine of the rotation angle (row = position)"), colours, font)
            .rect;
    addMatrixMap(rect, cosines, divergingGradient(), QCPRange(-1, 1));
    rect->axis(QCPAxis::atBottom)->setLabel(tr("dimension pair"));
    rect->axis(QCPAxis::atLeft)->setLabel(tr("position"));
    addColourBar(top, 0, 1, tr("cos(angle)"), divergingGradient(), QCPRange(-1, 1), colours, font);
    // A decoder's own frequencies: each pair's wavelength with its rope_scaling and without.
    const std::vector<double>& scaled = data_->positions.ropeWavelengths;
    const std::vector<double>& unscaled = data_->positions.ropeUnscaledWavelengths;
    if (!scaled.empty() && scaled.size() == unscaled.size()) {
        const bool same = std::equal(scaled.begin(), scaled.end(), unscaled.begin(),
                                     [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(a, b); });
        QCPAxisRect* waves =
            addTitledAxisRect(plot_, top, 0, 2,
                              same ? tr("Wavelength of each pair (no rope_scaling)")
                                   : tr("Wavelengths: with and without rope_scaling"),
                              colours, font)
                .rect;
        auto* legend = addInsetLegend(waves, Qt::AlignBottom | Qt::AlignRight, colours, font);
        double highest = 1;
        for (int i = same ? 1 : 0; i < 2; ++i) {
            const std::vector<double>& values = i == 0 ? unscaled : scaled;
            auto* graph = plot_->addGraph(waves->axis(QCPAxis::atBottom), waves->axis(QCPAxis::atLeft));
            QVector<double> x, y;
            for (size_t k = 0; k < values.size(); ++k) {
                x << static_cast<double>(k);
                y << values[k];
                highest = std::max(highest, values[k]);
            }
            graph->setData(x, y, true);
            graph->setPen(QPen(kCurveColours[i == 0 ? 1 : 0], 2, i == 0 && !same ? Qt::DashLine : Qt::SolidLine));
            graph->setName(i == 0 ? tr("without scaling") : same ? tr("wavelength") : tr("as the model computes"));
            legend->addItem(new QCPPlottableLegendItem(legend, graph));
        }
        QCPAxis* y = waves->axis(QCPAxis::atLeft);
        y->setScaleType(QCPAxis::stLogarithmic);
        y->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        y->setNumberFormat(QStringLiteral("eb"));
        y->setNumberPrecision(0);
        y->setRange(1, highest * 3);
        y->setLabel(tr("positions per turn"));
        waves->axis(QCPAxis::atBottom)->setRange(-0.5, static_cast<double>(scaled.size()) - 0.5);
        waves->axis(QCPAxis::atBottom)->setLabel(tr("dimension pair"));
        top->setColumnStretchFactor(0, 1.6);
        top->setColumnStretchFactor(2, 1.0);
    }
    addCurves(addTitledAxisRect(plot_, bottom, 0, 0, tr("cos(angle) of chosen pairs over position"), colours, font).rect,
              cosines, 1.0, tr("cos(angle)"), font);
    addSimilarity(addTitledAxisRect(plot_, bottom, 0, 1, tr("Similarity of positions after rotation"), colours, font).rect);
    addColourBar(bottom, 0, 2, tr("mean cos"), divergingGradient(), QCPRange(-1, 1), colours, font);
    bottom->setColumnStretchFactor(2, 0.01);
    top->setColumnStretchFactor(1, 0.01);
    bottom->setColumnStretchFactor(0, 1.6);
    bottom->setColumnStretchFactor(1, 1.0);
}

void PositionView::buildAlibi(const QFont& font)
{
    const PlotColours colours = plotColours(this);
    const auto& biases = data_->positions.alibiBias;
    const int heads = static_cast<int>(biases.size());
    if (heads == 0)
        return;
    const double extent = data_->positions.alibiRange;
    const QCPRange range(-extent, extent);
    auto* layout = plot_->plotLayout();
    const int columns = std::min(heads, 4);
    auto* grid = new QCPLayoutGrid;
    layout->addElement(0, 0, grid);
    auto* margins = new QCPMarginGroup(plot_);
    for (int h = 0; h < heads; ++h) {
        const int r = 2 * (h / columns), c = h % columns;
        auto* title = new Title(plot_, tr("head %1 · slope %2").arg(h + 1).arg(
                                                    formatValue(data_->positions.alibiSlopes[static_cast<size_t>(h)], 3)),
                                         font);
        title->setTextColor(colours.text);
        grid->addElement(r, c, title);
        auto* rect = new QCPAxisRect(plot_);
        grid->addElement(r + 1, c, rect);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight | QCP::msTop | QCP::msBottom, margins);
        styleAxisRect(rect, colours, font);
        addMatrixMap(rect, biases[static_cast<size_t>(h)], divergingGradient(), range);
        setTextTicks(rect->axis(QCPAxis::atBottom), tokenTexts(data_->a.tokens));
        setTextTicks(rect->axis(QCPAxis::atLeft), tokenTexts(data_->a.tokens));
        rect->axis(QCPAxis::atBottom)->setLabel(tr("key"));
        if (c == 0)
            rect->axis(QCPAxis::atLeft)->setLabel(tr("query"));
        keepAspect(rect, rect->axis(QCPAxis::atBottom)->range(), rect->axis(QCPAxis::atLeft)->range(),
                   AspectFit::ShrinkRect);
        grid->setRowStretchFactor(r, 0.01);
    }
    addColourBar(plot_->plotLayout(), 0, 1, tr("bias added to the score"), divergingGradient(), range, colours, font);
    layout->setColumnStretchFactor(1, 0.01);
}

}  // namespace orderlens::widgets
