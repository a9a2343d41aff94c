#pragma once
// The QCustomPlot of every view, and its text, made cheap to redraw on every keystroke.
//
//  * Plot paints all layers into one opaque buffer (the background is its first layer) and
//    copies that buffer to the screen. A plain QCustomPlot fills the widget with the background,
//    then blends two transparent buffers over it: three passes over every pixel instead of one.
//  * Label (a QCPItemText) and Title (a QCPTextElement) measure and lay out their text once per
//    text and font instead of at every replot; shaping Chinese text is the dearest part of a
//    redraw. Both place their text as their base classes do, to within a pixel's rounding;
//    vector pictures (SVG, PDF) use the base classes' own drawing.
#include <qcustomplot.h>

#include <vector>

namespace orderlens::widgets {

// Exactly n items in `items` (a view's labels or arrows, one per token): the last ones removed
// from the plot, or new ones made by make(). Returns whether any were made or removed.
template <typename Item, typename Make>
bool resizeItems(QCustomPlot* plot, std::vector<Item*>& items, size_t n, Make make)
{
    const bool changed = items.size() != n;
    while (items.size() > n) {
        plot->removeItem(items.back());
        items.pop_back();
    }
    while (items.size() < n)
        items.push_back(make());
    return changed;
}

class Plot : public QCustomPlot {
    Q_OBJECT
public:
    explicit Plot(QWidget* parent = nullptr);
    QBrush backgroundBrush() const { return mBackgroundBrush; }

protected:
    void paintEvent(QPaintEvent* event) override;
};

class Label : public QCPItemText {
    Q_OBJECT
public:
    explicit Label(QCustomPlot* plot);

protected:
    void draw(QCPPainter* painter) override;
};

class Title : public QCPTextElement {
    Q_OBJECT
public:
    Title(QCustomPlot* plot, const QString& text, const QFont& font);

    QSize minimumOuterSizeHint() const override;
    QSize maximumOuterSizeHint() const override;

protected:
    void draw(QCPPainter* painter) override;

private:
    QFont layoutFont() const;  // the font the view chose (the layout's), before any fitting
    QString layoutText() const;  // the text the view set, before any shortening
};

}  // namespace orderlens::widgets
