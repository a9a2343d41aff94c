#pragma once
// Plot recipes shared by the views: palette-aware styling, matrix heatmaps with token
// labels, colour bars, role and sentence colours. Drawing only; no model math.
#include "head_roles.h"
#include "tensor.h"

#include <qcustomplot.h>

#include <QColor>
#include <QString>
#include <QStringList>

#include <vector>

namespace orderlens::widgets {

// Colours read from the widget's palette, so the views follow light and dark themes.
struct PlotColours {
    QColor background, text, grid, subtle;
    bool dark = false;
};
PlotColours plotColours(const QWidget* widget);

// Background, axes, tick labels and grid of every axis rect and colour scale in the plot.
void applyPlotStyle(QCustomPlot* plot, const PlotColours& colours, const QFont& font);
void styleAxisRect(QCPAxisRect* rect, const PlotColours& colours, const QFont& font);
// A bold title over a styled axis rect, stacked in a new cell at (row, column) of parent:
// the title in the cell's row 0 (kept to its text's height), the rect in row 1.
struct TitledAxisRect {
    QCPLayoutGrid* cell = nullptr;
    QCPTextElement* title = nullptr;
    QCPAxisRect* rect = nullptr;
};
TitledAxisRect addTitledAxisRect(QCustomPlot* plot, QCPLayoutGrid* parent, int row, int column, const QString& title,
                                 const PlotColours& colours, const QFont& font, double pointSizeDelta = 0);

// Okabe–Ito colours (safe for the common colour-vision deficiencies).
QColor sentenceColour(int sentence);   // 0 = A (blue), 1 = B (vermillion)
QColor roleColour(int role);           // orderlens::Role; grey for -1
QString roleLabel(int role);           // 施事 / 动作 / 受事 / 其他
QColor headKindColour(HeadKind kind);
QString headKindWord(HeadKind kind);   // a badge: "position" / "content" / "mixed" (位置 / 内容 / 混合)
QString headKindShort(HeadKind kind);  // a badge on a small map: P / C / M (位 / 内 / 混)
QString headKindName(HeadKind kind);   // "position head" … (位置头 …)
QString headPatternName(HeadPattern pattern);
QString headPatternSymbol(HeadPattern pattern);  // a short arrow for badges, empty for None
// Mean attention on the pattern's key at or above which a head's pattern is named: below it
// (every token spreading its attention), "→ next token" would tell a class about an order the
// head does not follow — the heads of a model without positions reach 0.4 to 0.5 by content.
inline constexpr double kStrongPattern = 0.6;
bool patternIsStrong(const HeadRole& role);  // a pattern, with patternStrength >= kStrongPattern

// A (rows x cols) matrix as cells centred on integers: column c at x = c, row r at y = r,
// row 0 at the top. The range is fixed (no rescale), so several maps can share one scale.
QCPColorMap* addMatrixMap(QCPAxisRect* rect, const Matrix& m, const QCPColorGradient& gradient, const QCPRange& range);
// New cells for a map made by addMatrixMap (resized when the matrix's shape changed).
void setMatrix(QCPColorMap* map, const Matrix& m);
// New labels for the integer ticks of an axis made by setTextTicks (rotation kept).
void setTickLabels(QCPAxis* axis, const QStringList& labels);
// Number ticks 0, step, 2 step, … below count only (no ticks beside a map that has room around it).
void setIndexTicks(QCPAxis* axis, int count, int step);
// A title whose column may be narrower than its text's natural width (equal columns); its
// height still fits every line. The text must then be short enough: tests check it is not clipped.
void fitTitleToText(QCPTextElement* title);
// Text tick labels at 0, 1, 2, … (token labels, position indices). After each layout the view
// fits them to the room between ticks (fitTickLabels).
void setTextTicks(QCPAxis* axis, const QStringList& labels, double rotation = 0);
// Labels of an axis made by setTextTicks that would touch at the laid-out tick spacing are drawn
// in a smaller font (at most 2.5 pt smaller), then, when even that does not fit, every n-th one
// (the first always). Returns whether the axis's ticks changed.
bool fitTickLabels(QCPAxis* axis);
// How many times wider the tick spacing of an axis made by setTextTicks must become for every
// label to be drawn at the smallest font fitTickLabels tries: 1 when none is left out.
double labelCrowding(const QCPAxis* axis);
// A legend inside rect that does not fit it: in a smaller font (down to 70 %), then one entry a
// row. Returns whether it changed (the rect's inset layout must then be laid out again).
bool fitLegend(QCPLegend* legend, const QRect& room);
// An axis's title longer than the axis: in a smaller font (down to 70 %), then shortened in its middle.
bool fitAxisTitle(QCPAxis* axis);
// Texts written in the cells of a map (values, nearest words), cells of the given size
// (pixels): in a smaller font where the cells are small (at most 3 pt smaller), hidden when even
// that does not fit — all of them, so a map never shows a few values and not others.
void fitCellTexts(const std::vector<QCPItemText*>& texts, QSizeF cell);
// A sentence for a title or a legend: longer than maxCharacters, its start and end with "…" between.
QString abbreviated(const QString& sentence, int maxCharacters = 24);
// A title wider than its laid-out room is drawn in a smaller font (down to 70 % of its own).
// Returns whether it changed.
bool fitTitleFont(QCPTextElement* title);
// A colour bar at (row, column) of a layout grid, titled with its quantity.
QCPColorScale* addColourBar(QCPLayoutGrid* grid, int row, int column, const QString& label,
                            const QCPColorGradient& gradient, const QCPRange& range, const PlotColours& colours,
                            const QFont& font);
// A legend inside rect at the given corner, in the plot's colours, on the legend layer.
QCPLegend* addInsetLegend(QCPAxisRect* rect, Qt::Alignment corner, const PlotColours& colours, const QFont& font);
// A bold title element at (row, column).
QCPTextElement* addTitle(QCustomPlot* plot, int row, int column, const QString& text, const PlotColours& colours,
                         const QFont& font, double pointSizeDelta = 1);
// Black or white, whichever reads better on the cell colour.
QColor readableTextOn(QColor cell);
// "0.60", "−0.10": a real minus sign and fixed decimals for cell values.
QString formatValue(double value, int decimals = 2);

}  // namespace orderlens::widgets
