#pragma once
// Where every piece of text of a view is laid out, measured from the layout (not from pixels):
// axis tick labels and axis titles placed as QCustomPlot's axis painter places them (tick
// label fonts measured with QFontMetrics), titles and text items (View::textBoxes), legends,
// and the view's own widgets (labels, buttons, choosers) against the room they were given.
// Then the two faults a reader sees on a projector: a text clipped (or dropped) by its room,
// and two texts on top of each other.
#include "view.h"

#include <qcustomplot.h>

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QPolygonF>
#include <QTransform>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

namespace orderlens::testing {

struct PlacedText {
    QString kind;  // "tick", "axis title", "title", "item", "legend"
    QString text;
    QRectF rect;   // the text's box (plot pixels)
    QRectF room;   // where it may go; a box outside its room is clipped (or dropped by QCustomPlot)
    QPolygonF turned;  // a rotated text's own box (rect is the box around it); empty: rect
};

inline QString describePlaced(const PlacedText& t)
{
    return QStringLiteral("%1 '%2' at (%3, %4, %5 x %6) in (%7, %8, %9 x %10)")
        .arg(t.kind, QString(t.text).replace('\n', ' '))
        .arg(t.rect.x(), 0, 'f', 0)
        .arg(t.rect.y(), 0, 'f', 0)
        .arg(t.rect.width(), 0, 'f', 0)
        .arg(t.rect.height(), 0, 'f', 0)
        .arg(t.room.x(), 0, 'f', 0)
        .arg(t.room.y(), 0, 'f', 0)
        .arg(t.room.width(), 0, 'f', 0)
        .arg(t.room.height(), 0, 'f', 0);
}

// The tick labels and the title of one axis, as QCPAxisPainterPrivate::draw places them
// (QCustomPlot 2.1: anchor beside the tick, getTickLabelDrawOffset for the rotation; a label
// that would cross the viewport's edge across the axis is not drawn at all: dropped).
inline void addAxisTexts(const QCPAxis* axis, const QRectF& viewport, std::vector<PlacedText>& out)
{
    if (!axis->visible() || !axis->axisRect())
        return;
    const QRect r = axis->axisRect()->rect();
    const QCPAxis::AxisType type = axis->axisType();
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    const int offset = axis->offset();
    int margin = std::max(0, std::max(axis->tickLengthOut(), axis->subTickLengthOut()));
    const double rotation = axis->tickLabelRotation();
    const bool rotated = !qFuzzyIsNull(rotation);
    const bool flip = qFuzzyCompare(std::abs(rotation), 90.0);
    const double radians = rotation / 180.0 * M_PI;
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    if (axis->tickLabels() && axis->ticks() && !ticks.isEmpty() && axis->tickLabelSide() == QCPAxis::lsOutside) {
        margin += axis->tickLabelPadding();
        QFont font = axis->tickLabelFont();
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() + 0.05);  // as QCustomPlot measures it
        const QFontMetrics metrics(font);
        int across = 0;
        for (int i = 0; i < std::min(ticks.size(), labels.size()); ++i) {
            QString text = labels[i];
            if (text.isEmpty())
                continue;
            const double at = axis->coordToPixel(ticks[i]);
            QPointF anchor;
            switch (type) {
            case QCPAxis::atLeft: anchor = QPointF(r.left() - margin - offset, at); break;
            case QCPAxis::atRight: anchor = QPointF(r.right() + margin + offset, at); break;
            case QCPAxis::atTop: anchor = QPointF(at, r.top() - margin - offset); break;
            case QCPAxis::atBottom: anchor = QPointF(at, r.bottom() + margin + offset); break;
            }
            QRect bounds = metrics.boundingRect(0, 0, 0, 0, Qt::TextDontClip | Qt::AlignHCenter, text);
            bounds.moveTopLeft(QPoint(0, 0));
            const double w = bounds.width(), h = bounds.height();
            QTransform turn;
            turn.rotate(rotation);
            const QRectF turned = turn.mapRect(QRectF(bounds));
            int x = 0, y = 0;
            if (type == QCPAxis::atLeft) {
                if (rotated && rotation > 0) {
                    x = -std::cos(radians) * w;
                    y = flip ? -w / 2.0 : -std::sin(radians) * w - std::cos(radians) * h / 2.0;
                } else if (rotated) {
                    x = -std::cos(-radians) * w - std::sin(-radians) * h;
                    y = flip ? +w / 2.0 : +std::sin(-radians) * w - std::cos(-radians) * h / 2.0;
                } else {
                    x = -w;
                    y = -h / 2.0;
                }
            } else if (type == QCPAxis::atRight) {
                if (rotated && rotation > 0) {
                    x = +std::sin(radians) * h;
                    y = flip ? -w / 2.0 : -std::cos(radians) * h / 2.0;
                } else if (rotated) {
                    x = 0;
                    y = flip ? +w / 2.0 : -std::cos(-radians) * h / 2.0;
                } else {
                    x = 0;
                    y = -h / 2.0;
                }
            } else if (type == QCPAxis::atTop) {
                if (rotated && rotation > 0) {
                    x = -std::cos(radians) * w + std::sin(radians) * h / 2.0;
                    y = -std::sin(radians) * w - std::cos(radians) * h;
                } else if (rotated) {
                    x = -std::sin(-radians) * h / 2.0;
                    y = -std::cos(-radians) * h;
                } else {
                    x = -w / 2.0;
                    y = -h;
                }
            } else {
                if (rotated && rotation > 0) {
                    x = +std::sin(radians) * h / 2.0;
                    y = 0;
                } else if (rotated) {
                    x = -std::cos(-radians) * w - std::sin(-radians) * h / 2.0;
                    y = +std::sin(-radians) * w;
                } else {
                    x = -w / 2.0;
                    y = 0;
                }
            }
            const QPointF at0 = anchor + QPointF(x, y);
            // Staggered names start with line breaks: only their last line holds glyphs.
            int blankLines = 0;
            while (text.startsWith(QLatin1Char('\n'))) {
                text.remove(0, 1);
                ++blankLines;
            }
            const double blank = blankLines * metrics.lineSpacing();
            QTransform place;
            place.translate(at0.x(), at0.y());
            place.rotate(rotation);
            const QRectF glyphBox(0, blank, w, std::max(1.0, h - blank));
            const QRectF box = place.mapRect(glyphBox);
            const bool dropped = horizontal
                                     ? at0.x() + turned.left() + turned.width() > viewport.right() ||
                                           at0.x() + turned.left() < viewport.left()
                                     : at0.y() + turned.top() + turned.height() > viewport.bottom() ||
                                           at0.y() + turned.top() < viewport.top();
            // A dropped label is reported as clipped: its box is given no room.
            out.push_back({QStringLiteral("tick"), text, box, dropped ? QRectF() : viewport,
                           rotated && !flip ? place.map(QPolygonF(glyphBox)) : QPolygonF()});
            if (!dropped)
                across = std::max(across, static_cast<int>(horizontal ? turned.height() : turned.width()));
        }
        margin += across;
    }
    if (!axis->label().isEmpty()) {
        margin += axis->labelPadding();
        const QRect bounds = QFontMetrics(axis->labelFont()).boundingRect(0, 0, 0, 0, Qt::TextDontClip, axis->label());
        const double w = bounds.width(), h = bounds.height();
        QRectF box;
        switch (type) {
        case QCPAxis::atBottom: box = QRectF(r.left() + (r.width() - w) / 2, r.bottom() + offset + margin, w, h); break;
        case QCPAxis::atTop: box = QRectF(r.left() + (r.width() - w) / 2, r.top() - offset - margin - h, w, h); break;
        case QCPAxis::atLeft: box = QRectF(r.left() - offset - margin - h, r.bottom() - (r.height() + w) / 2, h, w); break;
        case QCPAxis::atRight: box = QRectF(r.right() + offset + margin, r.bottom() - (r.height() + w) / 2, h, w); break;
        }
        out.push_back({QStringLiteral("axis title"), axis->label(), box, viewport, {}});
    }
}

// Every text of the view's picture as laid out now (call View::layoutAt first).
inline std::vector<PlacedText> placedTexts(const widgets::View* view)
{
    std::vector<PlacedText> out;
    QCustomPlot* plot = view->plot();
    const QRectF viewport = plot->viewport();
    std::set<const QCPAxisRect*> rects;
    std::vector<const QCPAxis*> axes;
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
        if (!element || !element->visible())
            continue;
        if (auto* rect = qobject_cast<QCPAxisRect*>(element)) {
            if (rects.insert(rect).second)
                for (QCPAxis* axis : rect->axes())
                    axes.push_back(axis);
        } else if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
            axes.push_back(scale->axis());
        } else if (auto* legend = qobject_cast<QCPLegend*>(element);
                   legend && legend->itemCount() > 0 && !qobject_cast<QCPLayoutInset*>(legend->layout())) {
            QStringList names;  // a legend in a layout cell of its own
            for (int i = 0; i < legend->itemCount(); ++i)
                if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
                    names << item->plottable()->name();
            const QSize needed = legend->minimumOuterSizeHint();
            const QRectF at(legend->outerRect().topLeft(), QSizeF(std::max(needed.width(), legend->outerRect().width()),
                                                                   std::max(needed.height(), legend->outerRect().height())));
            out.push_back({QStringLiteral("legend"), names.join(QStringLiteral(" | ")), at, viewport, {}});
        }
    }
    for (const QCPAxis* axis : axes)
        addAxisTexts(axis, viewport, out);
    for (const auto& box : view->textBoxes())
        out.push_back({QStringLiteral("text"), box.text, box.rect, box.room, {}});
    // Legends: inside their axis rect (inset) or in a layout cell of their own.
    for (const QCPAxisRect* rect : rects)
        for (QCPLayoutElement* element : rect->insetLayout()->elements(false))
            if (auto* legend = qobject_cast<QCPLegend*>(element); legend && legend->visible() && legend->itemCount() > 0) {
                QStringList names;
                for (int i = 0; i < legend->itemCount(); ++i)
                    if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
                        names << item->plottable()->name();
                out.push_back({QStringLiteral("legend"), names.join(QStringLiteral(" | ")), legend->outerRect(),
                               rect->rect(), {}});
            }
    return out;
}

// Empty when no text is clipped and no two overlap; else one line per fault (at most `limit`).
inline QStringList textFaults(const std::vector<PlacedText>& texts, int limit = 6)
{
    QStringList faults;
    for (const PlacedText& t : texts)
        if (!t.room.adjusted(-1.5, -1.5, 1.5, 1.5).contains(t.rect) && faults.size() < limit)
            faults << (t.room.isEmpty() ? QStringLiteral("dropped: ") : QStringLiteral("clipped: ")) + describePlaced(t);
    for (size_t i = 0; i < texts.size(); ++i)
        for (size_t j = i + 1; j < texts.size(); ++j) {
            // Line boxes include the font's leading above and below the glyphs: the glyphs are
            // about 85 % of the box across the line.
            auto glyphs = [](const QRectF& r) {
                const double inset = 0.075 * std::min(r.width(), r.height());
                return r.adjusted(inset, inset, -inset, -inset);
            };
            const QRectF overlap = glyphs(texts[i].rect).intersected(glyphs(texts[j].rect));
            bool touching = overlap.width() > 1.5 && overlap.height() > 1.5;  // a pixel or two is rounding
            // Rotated labels (45°): their own boxes, not the upright boxes around them.
            if (touching && (!texts[i].turned.isEmpty() || !texts[j].turned.isEmpty())) {
                auto shape = [&](const PlacedText& t) {
                    if (t.turned.isEmpty())
                        return QPolygonF(glyphs(t.rect));
                    // The rotated box, less its leading across the line (as glyphs() does).
                    const QPointF c = t.turned.boundingRect().center();
                    QPolygonF p;
                    for (const QPointF& corner : t.turned)
                        p << c + 0.85 * (corner - c);
                    return p;
                };
                const QPolygonF common = shape(texts[i]).intersected(shape(texts[j]));
                double area = 0;
                for (int k = 0; k + 1 < common.size(); ++k)
                    area += common[k].x() * common[k + 1].y() - common[k + 1].x() * common[k].y();
                touching = std::abs(area) / 2 > 4;
            }
            if (touching && faults.size() < limit)
                faults << QStringLiteral("overlap: ") + describePlaced(texts[i]) + QStringLiteral(" and ") +
                              describePlaced(texts[j]);
        }
    return faults;
}

// Word labels thinned out: an axis of text tick labels (setTextTicks) that draws only every n-th
// of them because they do not fit (plot_style's fitTickLabels); a word must never be dropped.
inline QStringList thinnedLabelFaults(const widgets::View* view, int limit = 6)
{
    QStringList faults;
    for (QCPAxisRect* rect : view->plot()->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            const int step = axis->property("orderlens.labelStep").toInt();
            const QStringList labels = axis->property("orderlens.labels").toStringList();
            if (axis->visible() && axis->tickLabels() && step > 1 && faults.size() < limit)
                faults << QStringLiteral("thinned: every %1th of %2 labels ('%3', …) drawn, %4 px between ticks")
                              .arg(step)
                              .arg(labels.size())
                              .arg(labels.value(0))
                              .arg(std::abs(axis->coordToPixel(1) - axis->coordToPixel(0)), 0, 'f', 1);
        }
    return faults;
}

// Thinned word labels the picture does not own up to: an axis that draws every n-th word must
// say so in its title ("key (one word in 3 named)").
inline QStringList unsaidThinningFaults(const widgets::View* view)
{
    QStringList faults;
    for (QCPAxisRect* rect : view->plot()->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            const int step = axis->property("orderlens.labelStep").toInt();
            if (!axis->visible() || !axis->tickLabels() || step <= 1 || axis->label().isEmpty())
                continue;
            if (!axis->label().contains(QString::number(step)))
                faults << QStringLiteral("every %1th word drawn, but the axis title '%2' does not say so")
                              .arg(step)
                              .arg(axis->label());
        }
    return faults;
}

// The view's own widgets (labels, buttons, choosers) against the view: each inside it and
// given at least the width its text needs (the height a wrapped label needs).
inline QStringList widgetFaults(const widgets::View* view, int limit = 6)
{
    QStringList faults;
    const QRect inside = view->rect();
    auto check = [&](const QWidget* w, const QString& text, QSize needed) {
        if (!w->isVisibleTo(view) || faults.size() >= limit)
            return;
        const QRect at(w->mapTo(view, QPoint(0, 0)), w->size());
        const QString name = QStringLiteral("%1 '%2' at (%3, %4, %5 x %6)")
                                 .arg(QString::fromLatin1(w->metaObject()->className()), QString(text).replace('\n', ' '))
                                 .arg(at.x())
                                 .arg(at.y())
                                 .arg(at.width())
                                 .arg(at.height());
        if (!inside.adjusted(-1, -1, 1, 1).contains(at))
            faults << QStringLiteral("cut off by the view (%1 x %2): ").arg(inside.width()).arg(inside.height()) + name;
        else if (at.width() + 1 < needed.width() || at.height() + 1 < needed.height())
            faults << QStringLiteral("clipped (needs %1 x %2): ").arg(needed.width()).arg(needed.height()) + name;
    };
    // The picture itself: a view narrower than its controls pushes the plot out of sight.
    check(view->plot(), QStringLiteral("the picture"), QSize());
    for (const QLabel* label : view->findChildren<QLabel*>()) {
        if (label->text().isEmpty() || label->objectName() == QLatin1String("outOfDate"))
            continue;
        QSize needed = label->minimumSizeHint();
        if (label->wordWrap())
            needed = QSize(std::min(needed.width(), label->width()), label->heightForWidth(label->width()));
        check(label, label->text(), needed);
    }
    for (const QAbstractButton* button : view->findChildren<QAbstractButton*>())
        check(button, button->text(), button->minimumSizeHint());
    for (const QComboBox* combo : view->findChildren<QComboBox*>())
        check(combo, combo->currentText(), QSize(0, combo->minimumSizeHint().height()));
    return faults;
}

}  // namespace orderlens::testing
