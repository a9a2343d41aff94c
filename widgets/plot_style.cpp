#include "plot_style.h"

#include "plot.h"

#include <QCoreApplication>

#include <cmath>

namespace orderlens::widgets {

namespace {
QString trPlot(const char* text) { return QCoreApplication::translate("orderlens::widgets::PlotStyle", text); }
}  // namespace

PlotColours plotColours(const QWidget* widget)
{
    const QPalette palette = widget ? widget->palette() : QPalette();
    PlotColours c;
    c.background = palette.color(QPalette::Base);
    c.text = palette.color(QPalette::WindowText);
    c.dark = c.background.lightness() < 128;
    c.grid = c.dark ? QColor(80, 80, 80) : QColor(220, 220, 220);
    c.subtle = c.dark ? QColor(170, 170, 170) : QColor(90, 90, 90);
    return c;
}

void styleAxisRect(QCPAxisRect* rect, const PlotColours& colours, const QFont& font)
{
    QFont small = font;
    for (QCPAxis* axis : rect->axes()) {
        axis->setBasePen(QPen(colours.subtle, 1));
        axis->setTickPen(QPen(colours.subtle, 1));
        axis->setSubTickPen(QPen(colours.subtle, 1));
        axis->setTickLabelColor(colours.text);
        axis->setLabelColor(colours.text);
        axis->setTickLabelFont(small);
        axis->setLabelFont(font);
        axis->grid()->setPen(QPen(colours.grid, 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(QPen(colours.subtle, 1));
    }
    rect->setBackground(Qt::NoBrush);  // the plot's own background shows through: one fill, not two
}

TitledAxisRect addTitledAxisRect(QCustomPlot* plot, QCPLayoutGrid* parent, int row, int column, const QString& title,
                                 const PlotColours& colours, const QFont& font, double pointSizeDelta)
{
    TitledAxisRect made;
    made.cell = new QCPLayoutGrid;
    parent->addElement(row, column, made.cell);
    QFont bold = font;
    bold.setBold(true);
    if (pointSizeDelta != 0 && font.pointSizeF() > 0)
        bold.setPointSizeF(font.pointSizeF() + pointSizeDelta);
    made.title = new Title(plot, title, bold);
    made.title->setTextColor(colours.text);
    made.cell->addElement(0, 0, made.title);
    made.cell->setRowStretchFactor(0, 0.01);
    made.rect = new QCPAxisRect(plot);
    made.cell->addElement(1, 0, made.rect);
    styleAxisRect(made.rect, colours, font);
    return made;
}

void applyPlotStyle(QCustomPlot* plot, const PlotColours& colours, const QFont& font)
{
    plot->setBackground(QBrush(colours.background));
    plot->setFont(font);
    for (QCPAxisRect* rect : plot->axisRects())
        styleAxisRect(rect, colours, font);
    if (plot->legend) {
        plot->legend->setBrush(QBrush(colours.background));
        plot->legend->setBorderPen(QPen(colours.subtle));
        plot->legend->setTextColor(colours.text);
        plot->legend->setFont(font);
    }
}

QColor sentenceColour(int sentence) { return sentence == 0 ? QColor(0, 114, 178) : QColor(213, 94, 0); }

QColor roleColour(int role)
{
    switch (role) {
    case 0: return QColor(230, 159, 0);    // agent: orange
    case 1: return QColor(86, 180, 233);   // action: sky blue
    case 2: return QColor(0, 158, 115);    // patient: bluish green
    case 3: return QColor(150, 150, 150);  // other: grey
    default: return QColor(190, 190, 190);
    }
}

QString roleLabel(int role)
{
    switch (role) {
    case 0: return trPlot("施事 agent");
    case 1: return trPlot("动作 action");
    case 2: return trPlot("受事 patient");
    case 3: return trPlot("其他 other");
    default: return {};
    }
}

QColor headKindColour(HeadKind kind)
{
    switch (kind) {
    case HeadKind::Positional: return QColor(204, 121, 167);  // reddish purple
    case HeadKind::Content: return QColor(0, 158, 115);       // bluish green
    case HeadKind::Mixed: return QColor(120, 120, 120);
    }
    return QColor(120, 120, 120);
}

QString headKindShort(HeadKind kind)
{
    switch (kind) {
    case HeadKind::Positional: return trPlot("位");
    case HeadKind::Content: return trPlot("内");
    case HeadKind::Mixed: return trPlot("混");
    }
    return {};
}

QString headKindName(HeadKind kind)
{
    switch (kind) {
    case HeadKind::Positional: return trPlot("positional 位置头");
    case HeadKind::Content: return trPlot("content 内容头");
    case HeadKind::Mixed: return trPlot("mixed 混合");
    }
    return {};
}

QString headPatternName(HeadPattern pattern)
{
    switch (pattern) {
    case HeadPattern::PreviousToken: return trPlot("previous token");
    case HeadPattern::NextToken: return trPlot("next token");
    case HeadPattern::Self: return trPlot("self");
    case HeadPattern::FirstToken: return trPlot("first token");
    case HeadPattern::None: break;
    }
    return {};
}

QString headPatternSymbol(HeadPattern pattern)
{
    switch (pattern) {
    case HeadPattern::PreviousToken: return QStringLiteral("←");
    case HeadPattern::NextToken: return QStringLiteral("→");
    case HeadPattern::Self: return QStringLiteral("○");
    case HeadPattern::FirstToken: return QStringLiteral("⇤");
    case HeadPattern::None: break;
    }
    return {};
}

QCPColorMap* addMatrixMap(QCPAxisRect* rect, const Matrix& m, const QCPColorGradient& gradient, const QCPRange& range)
{
    auto* map = new QCPColorMap(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    const int rows = static_cast<int>(m.rows()), cols = static_cast<int>(m.cols());
    setMatrix(map, m);
    map->setGradient(gradient);
    map->setInterpolate(false);
    map->setAntialiased(false);  // cells are rectangles: the antialiased image path is many times slower
    map->setDataRange(range);
    rect->axis(QCPAxis::atBottom)->setRange(-0.5, std::max(cols, 1) - 0.5);
    rect->axis(QCPAxis::atLeft)->setRange(-0.5, std::max(rows, 1) - 0.5);
    rect->axis(QCPAxis::atLeft)->setRangeReversed(true);
    for (QCPAxis* axis : rect->axes()) {
        axis->grid()->setVisible(false);
        axis->setBasePen(Qt::NoPen);  // square cells may leave room around the map: no stray axis lines
    }
    return map;
}

void setIndexTicks(QCPAxis* axis, int count, int step)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < count; i += std::max(1, step))
        ticker->addTick(i, QString::number(i));
    axis->setTicker(ticker);
    axis->setSubTicks(false);
}

void fitTitleToText(QCPTextElement* title)
{
    const QFontMetrics metrics(title->font());
    const QRect text = metrics.boundingRect(QRect(0, 0, 100000, 100000), Qt::AlignCenter, title->text());
    const QMargins margins = title->margins();
    title->setMinimumSize(1, text.height() + margins.top() + margins.bottom());
}

void setMatrix(QCPColorMap* map, const Matrix& m)
{
    QCPColorMapData* cells = map->data();
    const int rows = static_cast<int>(m.rows()), cols = static_cast<int>(m.cols());
    if (cells->keySize() != std::max(cols, 1) || cells->valueSize() != std::max(rows, 1)) {
        cells->setSize(std::max(cols, 1), std::max(rows, 1));
        cells->setRange(QCPRange(0, std::max(cols - 1, 0)), QCPRange(0, std::max(rows - 1, 0)));
    }
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            cells->setCell(c, r, static_cast<double>(m(r, c)));
}

void setTickLabels(QCPAxis* axis, const QStringList& labels)
{
    auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(axis->ticker());
    if (!ticker) {
        setTextTicks(axis, labels, axis->tickLabelRotation());
        return;
    }
    ticker->clear();
    for (int i = 0; i < labels.size(); ++i)
        ticker->addTick(i, labels[i]);
}

void setTextTicks(QCPAxis* axis, const QStringList& labels, double rotation)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < labels.size(); ++i)
        ticker->addTick(i, labels[i]);
    axis->setTicker(ticker);
    axis->setSubTicks(false);
    axis->setTickLength(0, 3);
    axis->setTickLabelRotation(rotation);
    axis->grid()->setZeroLinePen(Qt::NoPen);
}

QCPColorScale* addColourBar(QCPLayoutGrid* grid, int row, int column, const QString& label,
                            const QCPColorGradient& gradient, const QCPRange& range, const PlotColours& colours,
                            const QFont& font)
{
    auto* scale = new QCPColorScale(grid->parentPlot());
    grid->addElement(row, column, scale);
    scale->setType(QCPAxis::atRight);
    scale->setGradient(gradient);
    scale->setDataRange(range);
    scale->setBarWidth(12);
    scale->axis()->setLabel(label);
    scale->axis()->setLabelColor(colours.text);
    scale->axis()->setTickLabelColor(colours.text);
    scale->axis()->setBasePen(QPen(colours.subtle));
    scale->axis()->setTickPen(QPen(colours.subtle));
    scale->axis()->setSubTickPen(QPen(colours.subtle));
    scale->axis()->setTickLabelFont(font);
    scale->axis()->setLabelFont(font);
    scale->axis()->ticker()->setTickCount(5);
    scale->setMaximumSize(QSize(90, QWIDGETSIZE_MAX));
    return scale;
}

QCPLegend* addInsetLegend(QCPAxisRect* rect, Qt::Alignment corner, const PlotColours& colours, const QFont& font)
{
    auto* legend = new QCPLegend;
    rect->insetLayout()->addElement(legend, corner);
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(QBrush(colours.background));
    legend->setBorderPen(QPen(colours.subtle));
    legend->setTextColor(colours.text);
    legend->setFont(font);
    return legend;
}

QCPTextElement* addTitle(QCustomPlot* plot, int row, int column, const QString& text, const PlotColours& colours,
                         const QFont& font, double pointSizeDelta)
{
    QFont titleFont = font;
    titleFont.setBold(true);
    titleFont.setPointSizeF(font.pointSizeF() + pointSizeDelta);
    auto* title = new Title(plot, text, titleFont);
    title->setTextColor(colours.text);
    plot->plotLayout()->addElement(row, column, title);
    return title;
}

QColor readableTextOn(QColor cell)
{
    const double luminance = 0.299 * cell.redF() + 0.587 * cell.greenF() + 0.114 * cell.blueF();
    return luminance > 0.55 ? QColor(20, 20, 20) : QColor(250, 250, 250);
}

QString formatValue(double value, int decimals)
{
    if (std::isnan(value))
        return QStringLiteral("–");
    QString s = QString::number(value, 'f', decimals);
    if (s.startsWith('-')) {
        bool allZero = true;
        for (const QChar ch : s.mid(1))
            if (ch.isDigit() && ch != '0')
                allZero = false;
        s = allZero ? s.mid(1) : QStringLiteral("−") + s.mid(1);
    }
    return s;
}

}  // namespace orderlens::widgets
