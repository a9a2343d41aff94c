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
    case 0: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "施事 agent"));
    case 1: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "动作 action"));
    case 2: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "受事 patient"));
    case 3: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "其他 other"));
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

QString headKindWord(HeadKind kind)
{
    switch (kind) {
    case HeadKind::Positional: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "position"));
    case HeadKind::Content: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "content"));
    case HeadKind::Mixed: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "mixed"));
    }
    return {};
}

QString headKindShort(HeadKind kind)
{
    switch (kind) {
    case HeadKind::Positional: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "P"));
    case HeadKind::Content: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "C"));
    case HeadKind::Mixed: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "M"));
    }
    return {};
}

QString headKindName(HeadKind kind)
{
    switch (kind) {
    case HeadKind::Positional: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "position head"));
    case HeadKind::Content: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "content head"));
    case HeadKind::Mixed: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "mixed head"));
    }
    return {};
}

bool patternIsStrong(const HeadRole& role)
{
    return role.pattern != HeadPattern::None && role.patternStrength >= kStrongPattern;
}

QString headPatternName(HeadPattern pattern)
{
    switch (pattern) {
    case HeadPattern::PreviousToken: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "previous token"));
    case HeadPattern::NextToken: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "next token"));
    case HeadPattern::Self: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "self"));
    case HeadPattern::FirstToken: return trPlot(QT_TRANSLATE_NOOP("orderlens::widgets::PlotStyle", "first token"));
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

namespace {
const char* kAllLabels = "orderlens.labels";      // an axis's full list of text tick labels
const char* kLabelStep = "orderlens.labelStep";   // every n-th of them drawn now
const char* kNaturalFont = "orderlens.naturalFont";  // the font the view chose, before fitting
const char* kCrowding = "orderlens.crowding";        // labelCrowding() as last fitted

void setLabelTicks(QCPAxis* axis, const QStringList& labels, int step)
{
    auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(axis->ticker());
    if (!ticker)
        return;
    ticker->clear();
    for (int i = 0; i < labels.size(); i += std::max(1, step))
        ticker->addTick(i, labels[i]);
    axis->setProperty(kLabelStep, step);
}

// QCPAxis computes its ticks while the margins are laid out; labels fitted after the layout are
// taken into the ticks drawn now.
struct TickAccess : QCPAxis {
    static void recompute(QCPAxis* axis) { (axis->*(&TickAccess::setupTickVectors))(); }
};
}  // namespace

void setTickLabels(QCPAxis* axis, const QStringList& labels)
{
    auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(axis->ticker());
    if (!ticker) {
        setTextTicks(axis, labels, axis->tickLabelRotation());
        return;
    }
    axis->setProperty(kAllLabels, labels);
    setLabelTicks(axis, labels, axis->property(kLabelStep).isValid() ? axis->property(kLabelStep).toInt() : 1);
}

namespace {
// Number ticks (QCustomPlot's own tickers): fewer of them where their labels would touch.
bool fitNumberTicks(QCPAxis* axis)
{
    if (qSharedPointerDynamicCast<QCPAxisTickerText>(axis->ticker()) || !axis->visible() || !axis->tickLabels() ||
        !axis->axisRect())
        return false;
    QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
    const char* kNaturalCount = "orderlens.tickCount";
    if (!axis->property(kNaturalCount).isValid())
        axis->setProperty(kNaturalCount, ticker->tickCount());
    const int natural = axis->property(kNaturalCount).toInt();
    const int before = ticker->tickCount();
    ticker->setTickCount(natural);
    TickAccess::recompute(axis);
    const QFontMetricsF metrics(axis->tickLabelFont());
    const bool horizontal = axis->orientation() == Qt::Horizontal && std::abs(axis->tickLabelRotation()) < 1;
    auto touching = [&] {
        const QVector<double> ticks = axis->tickVector();
        const QVector<QString> labels = axis->tickVectorLabels();
        for (int i = 0; i + 1 < std::min(ticks.size(), labels.size()); ++i) {
            const double gap = std::abs(axis->coordToPixel(ticks[i + 1]) - axis->coordToPixel(ticks[i]));
            const double need = horizontal ? (metrics.horizontalAdvance(labels[i]) + metrics.horizontalAdvance(labels[i + 1])) / 2 + 4
                                           : 0.85 * metrics.height() + 1;
            if (gap < need)
                return true;
        }
        return false;
    };
    for (int count = natural - 1; count >= 2 && touching(); --count) {
        ticker->setTickCount(count);
        TickAccess::recompute(axis);
    }
    bool changed = ticker->tickCount() != before;
    // A fixed step (0.25 …) ignores the count: it doubles instead.
    if (auto fixed = qSharedPointerDynamicCast<QCPAxisTickerFixed>(ticker)) {
        const char* kNaturalStep = "orderlens.tickStep";
        if (!axis->property(kNaturalStep).isValid())
            axis->setProperty(kNaturalStep, fixed->tickStep());
        const double stepBefore = fixed->tickStep();
        fixed->setTickStep(axis->property(kNaturalStep).toDouble());
        TickAccess::recompute(axis);
        for (int doubling = 0; doubling < 4 && touching(); ++doubling) {
            fixed->setTickStep(2 * fixed->tickStep());
            TickAccess::recompute(axis);
        }
        changed = changed || fixed->tickStep() != stepBefore;
    }
    return changed;
}
}  // namespace

bool fitLegend(QCPLegend* legend, const QRect& room)
{
    if (!legend->visible() || legend->itemCount() == 0 || room.width() < 10)
        return false;
    if (!legend->property(kNaturalFont).isValid()) {
        legend->setProperty(kNaturalFont, legend->font());
        legend->setProperty("orderlens.wrap", legend->wrap());
        legend->setProperty("orderlens.fillOrder", static_cast<int>(legend->fillOrder()));
    }
    const QFont natural = legend->property(kNaturalFont).value<QFont>();
    const int naturalWrap = legend->property("orderlens.wrap").toInt();
    const auto naturalOrder = static_cast<QCPLayoutGrid::FillOrder>(legend->property("orderlens.fillOrder").toInt());
    const QFont fontBefore = legend->font();
    const int wrapBefore = legend->wrap();
    const auto orderBefore = legend->fillOrder();
    auto fits = [&](const QFont& font, bool oneColumn) {
        legend->setFont(font);
        legend->setWrap(oneColumn ? 0 : naturalWrap);
        legend->setFillOrder(oneColumn ? QCPLayoutGrid::foRowsFirst : naturalOrder, true);
        const QSize size = legend->minimumOuterSizeHint();
        return size.width() + 4 <= room.width() && size.height() + 4 <= room.height();
    };
    const bool alreadyOneColumn = naturalOrder == QCPLayoutGrid::foRowsFirst && naturalWrap == 0;
    bool done = false;
    for (bool oneColumn : {false, true}) {
        if (done || (oneColumn && alreadyOneColumn))
            continue;
        QFont font = natural;
        while (!(done = fits(font, oneColumn)) && natural.pointSizeF() > 0 &&
               font.pointSizeF() > 0.7 * natural.pointSizeF())
            font.setPointSizeF(font.pointSizeF() - 0.5);
    }
    return legend->font() != fontBefore || legend->wrap() != wrapBefore || legend->fillOrder() != orderBefore;
}

bool fitTickLabels(QCPAxis* axis)
{
    const QVariant all = axis->property(kAllLabels);
    if (!all.isValid())
        return fitNumberTicks(axis);
    if (!axis->visible() || !axis->tickLabels() || !axis->axisRect())
        return false;
    const QStringList labels = all.toStringList();
    if (labels.size() < 2)
        return false;
    if (!axis->property(kNaturalFont).isValid())
        axis->setProperty(kNaturalFont, axis->tickLabelFont());
    const QFont natural = axis->property(kNaturalFont).value<QFont>();
    const double spacing = std::abs(axis->coordToPixel(1) - axis->coordToPixel(0));
    const double rotation = std::abs(axis->tickLabelRotation());
    const bool along = axis->orientation() == Qt::Horizontal && rotation < 1;  // text runs along the axis
    // Each label's extent along the axis, plus the gap two neighbours keep.
    auto extent = [&](const QFont& font) {
        const QFontMetricsF metrics(font);
        double widest = 0;
        for (const QString& label : labels)
            widest = std::max(widest, metrics.horizontalAdvance(label));
        const double glyphs = 0.85 * metrics.height();  // a line box less its leading
        if (along)
            return widest + 4;
        if (axis->orientation() == Qt::Horizontal && rotation < 89)
            return glyphs / std::sin(rotation * M_PI / 180.0) + 2;
        return glyphs + 1;
    };
    QFont font = natural;
    const double smallest = natural.pointSizeF() > 0 ? std::max(7.0, natural.pointSizeF() - 2.5) : 0;
    while (font.pointSizeF() > smallest && extent(font) > spacing)
        font.setPointSizeF(std::max(smallest, font.pointSizeF() - 0.5));
    const int step = extent(font) <= spacing || spacing <= 0
                         ? 1
                         : static_cast<int>(std::ceil(extent(font) / std::max(1.0, spacing)));
    axis->setProperty(kCrowding, step > 1 ? extent(font) / std::max(0.5, spacing) : 1.0);
    const int before = axis->property(kLabelStep).isValid() ? axis->property(kLabelStep).toInt() : 1;
    const bool changed = step != before || font != axis->tickLabelFont();
    if (font != axis->tickLabelFont())
        axis->setTickLabelFont(font);
    if (step != before)
        setLabelTicks(axis, labels, step);
    if (changed)
        TickAccess::recompute(axis);
    return changed;
}

double labelCrowding(const QCPAxis* axis)
{
    if (!axis->visible() || !axis->tickLabels() || !axis->property(kAllLabels).isValid())
        return 1;
    return std::max(1.0, axis->property(kCrowding).isValid() ? axis->property(kCrowding).toDouble() : 1.0);
}

bool fitAxisTitle(QCPAxis* axis)
{
    const char* kNaturalLabel = "orderlens.naturalLabel";
    const char* kShownLabel = "orderlens.shownLabel";
    if (!axis->visible() || !axis->axisRect())
        return false;
    if (!axis->property(kNaturalLabel).isValid() || axis->label() != axis->property(kShownLabel).toString()) {
        axis->setProperty(kNaturalLabel, axis->label());
        axis->setProperty("orderlens.naturalLabelFont", axis->labelFont());
    }
    QString text = axis->property(kNaturalLabel).toString();
    if (text.isEmpty())
        return false;
    // Where only every n-th word has room (a long sentence in a small picture), the title says so.
    if (const int step = axis->property(kLabelStep).toInt(); step > 1 && axis->property(kAllLabels).isValid())
        text = QCoreApplication::translate("orderlens::widgets::PlotStyle", "%1 (one word in %n named)", nullptr, step)
                   .arg(text);
    const QFont natural = axis->property("orderlens.naturalLabelFont").value<QFont>();
    const double room = axis->orientation() == Qt::Horizontal ? axis->axisRect()->width() : axis->axisRect()->height();
    QFont font = natural;
    while (QFontMetricsF(font).horizontalAdvance(text) > room && natural.pointSizeF() > 0 &&
           font.pointSizeF() > 0.7 * natural.pointSizeF())
        font.setPointSizeF(font.pointSizeF() - 0.25);
    QString shown = text;
    if (QFontMetricsF(font).horizontalAdvance(text) > room)
        shown = QFontMetricsF(font).elidedText(text, Qt::ElideMiddle, std::max(0.0, room - 2));
    const bool changed = font != axis->labelFont() || shown != axis->label();
    if (font != axis->labelFont())
        axis->setLabelFont(font);
    if (shown != axis->label())
        axis->setLabel(shown);
    axis->setProperty(kShownLabel, shown);
    return changed;
}

void fitCellTexts(const std::vector<QCPItemText*>& texts, QSizeF cell)
{
    if (texts.empty())
        return;
    const char* kNaturalCellFont = "orderlens.naturalCellFont";
    QCPItemText* first = texts.front();
    if (!first->property(kNaturalCellFont).isValid())
        for (QCPItemText* text : texts)
            text->setProperty(kNaturalCellFont, text->font());
    QFont font = first->property(kNaturalCellFont).value<QFont>();
    auto fits = [&](const QFont& f) {
        const QFontMetricsF metrics(f);
        double widest = 0;
        for (const QCPItemText* text : texts)
            widest = std::max(widest, metrics.horizontalAdvance(text->text()) + text->padding().left() + text->padding().right());
        return widest + 4 <= cell.width() && 0.85 * metrics.height() + 2 <= cell.height();
    };
    const double smallest = std::max(6.0, font.pointSizeF() - 3);
    while (!fits(font) && font.pointSizeF() > smallest)
        font.setPointSizeF(std::max(smallest, font.pointSizeF() - 0.5));
    const bool shown = fits(font);
    for (QCPItemText* text : texts) {
        text->setVisible(shown);
        if (text->font() != font)
            text->setFont(font);
    }
}

QString abbreviated(const QString& sentence, int maxCharacters)
{
    if (sentence.size() <= maxCharacters)
        return sentence;
    const int head = (maxCharacters - 1) * 2 / 3, tail = maxCharacters - 1 - head;
    return sentence.left(head) + QStringLiteral("…") + sentence.right(tail);
}

bool fitTitleFont(QCPTextElement* title)
{
    const char* kNaturalText = "orderlens.naturalText";
    const char* kShownText = "orderlens.shownText";
    // A title shortened to nothing in a layout pass with no room (a first pass at a tiny size)
    // is fitted again from its own text, not left empty.
    const bool fitted = title->property(kShownText).isValid() && title->text() == title->property(kShownText).toString();
    if ((title->text().isEmpty() && !fitted) || title->textFlags() & Qt::TextWordWrap)
        return false;
    if (!title->property(kNaturalFont).isValid())
        title->setProperty(kNaturalFont, title->font());
    // The text the view set: unless it is the one shown after the last fitting, the view set a new one.
    if (!title->property(kNaturalText).isValid() || title->text() != title->property(kShownText).toString())
        title->setProperty(kNaturalText, title->text());
    const QFont natural = title->property(kNaturalFont).value<QFont>();
    const QString text = title->property(kNaturalText).toString();
    const double room = title->rect().width();
    auto width = [&](const QFont& font, const QString& t) {
        return QFontMetricsF(font).boundingRect(QRectF(0, 0, 100000, 100000), Qt::AlignCenter, t).width();
    };
    QFont font = natural;
    if (natural.pointSizeF() > 0 && room > 0)
        while (width(font, text) > room && font.pointSizeF() > 0.7 * natural.pointSizeF())
            font.setPointSizeF(font.pointSizeF() - 0.25);
    // Still too wide (a long sentence in a title): each line shortened in its middle.
    QString shown = text;
    if (room > 0 && width(font, text) > room) {
        const QFontMetricsF metrics(font);
        QStringList lines = text.split(QLatin1Char('\n'));
        for (QString& line : lines)
            line = metrics.elidedText(line, Qt::ElideMiddle, room - 2);
        shown = lines.join(QLatin1Char('\n'));
    }
    const bool changed = font != title->font() || shown != title->text();
    if (font != title->font())
        title->setFont(font);
    if (shown != title->text())
        title->setText(shown);
    title->setProperty(kShownText, shown);
    return changed;
}

void setTextTicks(QCPAxis* axis, const QStringList& labels, double rotation)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < labels.size(); ++i)
        ticker->addTick(i, labels[i]);
    axis->setTicker(ticker);
    axis->setProperty(kAllLabels, labels);
    axis->setProperty(kLabelStep, 1);
    axis->setProperty(kNaturalFont, QVariant());
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
    // Half a line above and below the bar: the labels of its two ends are centred on them and
    // would otherwise stick out of the picture (QCustomPlot then leaves them out).
    const int half = QFontMetrics(font).height() / 2 + 2;
    scale->setAutoMargins(QCP::msNone);
    scale->setMargins(QMargins(0, half, 0, half));
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
