#pragma once
// Base of the eight views. A view draws one ViewData snapshot onto a single QCustomPlot
// (its picture) under an optional row of controls (not part of the picture). The picture can
// be rendered at any size with a caption line, to a QImage or to PNG / SVG / PDF: the
// entry point export reuses.
#include "view_data.h"

#include <QImage>
#include <QPointer>

#include <qcustomplot.h>

#include <vector>
#include <QWidget>

class QHBoxLayout;
class QTimer;
class QVBoxLayout;

namespace orderlens::widgets {

class View : public QWidget {
    Q_OBJECT
public:
    explicit View(QWidget* parent = nullptr);

    virtual QString key() const = 0;          // stable id: "vectors", "position", "pca", …
    virtual QString title() const = 0;        // shown on the tab
    virtual QString explanation() const = 0;  // two or three plain sentences: what it shows, what to notice
    virtual QString selectionCaption() const { return {}; }  // e.g. "layer 1 · head 2"

    // Draws the snapshot now when visible, otherwise on the next show (or export).
    void setData(ViewDataPtr data);
    const ViewDataPtr& data() const { return data_; }

    // The caption line of exported pictures: sentences and model (set by the app); the
    // view's own selection is appended.
    void setCaption(const QString& caption);
    QString caption() const;

    // The picture (plot + caption) at pixelSize device pixels; scale enlarges text and lines
    // (1920x1080 at scale 2 lays out like 960x540). Transparent leaves the background empty.
    QImage renderToImage(QSize pixelSize, double scale = 1.0, bool transparent = false);
    // PNG / JPEG / SVG / PDF by the file's extension, written atomically (QSaveFile).
    // An empty pixelSize means the plot's current size. Returns false with *error set.
    bool saveAs(const QString& path, QSize pixelSize = QSize(), double scale = 1.0, QString* error = nullptr,
                bool transparent = false);
    // Paints plot and caption into logicalSize (painter coordinates).
    void renderPicture(QCPPainter* painter, QSize logicalSize);

    QCustomPlot* plot() const { return plot_; }
    bool isStale() const { return stale_; }
    // Rebuilds now if a snapshot arrived while hidden.
    void ensureDrawn();
    // Makes the picture anew from the current snapshot, as a change of options does (tests
    // compare it with the in-place update of a keystroke).
    void rebuildFromScratch() { redraw(); }

    // Lays the picture out for a plot of plotSize logical pixels, as an export of that size
    // would, without painting (tests read the geometry afterwards).
    void layoutAt(QSize plotSize);
    // Every piece of free text of the picture as laid out now: titles (text elements) and text
    // items. `room` is where the text may go (its layout cell, or the clipping rect); a text
    // wider or taller than its room is clipped.
    struct TextBox {
        QString text;
        QRectF rect;
        QRectF room;
    };
    std::vector<TextBox> textBoxes() const;
    // How many times the picture was built from scratch and updated in place (benchmark, tests).
    int rebuildCount() const { return rebuilds_; }
    int refreshCount() const { return refreshes_; }

signals:
    void explanationChanged();
    void captionChanged();

protected:
    // Clears and redraws the plot from data_ (with data_ possibly null). One replot at the end.
    virtual void rebuild() = 0;
    // Updates the picture already built from the new data_ without creating layout elements
    // (same layout: sentences, model shape and selection kind unchanged). Returns false when
    // the picture must be rebuilt instead. One replot at the end.
    virtual bool refresh() { return false; }
    // Re-arranges the layout for a plot of plotSize (e.g. how many panels side by side);
    // called on resize and around exports, so every picture size gets its own arrangement.
    virtual void arrange(QSize plotSize) { Q_UNUSED(plotSize); }
    void redraw();  // rebuild now (or mark stale when hidden)
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;
    // Resets the plot to an empty layout with no axis rects; returns the font to draw with.
    QFont resetPlot();
    // Fonts of the picture, sized to be read from the back of a classroom: tick labels and
    // axis labels, and titles (bold, larger).
    QFont plotFont() const;
    QFont titleFont() const;
    bool eventFilter(QObject* watched, QEvent* event) override;
    // Keeps one unit the same length on both axes of rect (square cells, true angles), showing
    // at least the given ranges; re-applied at every layout, so exports of any size keep it.
    // Calling it again for the same rect replaces its ranges. ExpandRange shows more of the
    // axes where the rect has room to spare (scatter plots); ShrinkRect gives the spare room
    // back instead (centred across, at the bottom below), so labels on all four sides of a map
    // stay right next to it; ShrinkRectCentred also centres it up and down (one row of maps).
    enum class AspectFit { ExpandRange, ShrinkRect, ShrinkRectCentred };
    void keepAspect(QCPAxisRect* rect, const QCPRange& x, const QCPRange& y, AspectFit fit = AspectFit::ExpandRange);
    // Called after every layout, once the aspect is kept (e.g. to line colour bars up with maps).
    virtual void afterLayout() {}
    // One centred message when there is nothing to draw.
    void showMessage(const QString& message);

    QVBoxLayout* layout_ = nullptr;
    QHBoxLayout* controls_ = nullptr;  // views add their choosers here
    QCustomPlot* plot_ = nullptr;
    ViewDataPtr data_;

private:
    void applyAspect();
    struct AspectRect {
        QPointer<QCPAxisRect> rect;
        QCPRange x, y;
        AspectFit fit = AspectFit::ExpandRange;
    };
    std::vector<AspectRect> aspect_;
    void build();
    // While the user types, each new snapshot is drawn without antialiasing (about half the
    // drawing time); once the snapshots stop for a moment the picture is redrawn smooth.
    // Pictures rendered for export are always smooth.
    void settle();
    QTimer* settle_ = nullptr;
    bool fastFrame_ = false;
    QString caption_;
    bool stale_ = false;
    bool built_ = false;  // the plot holds a picture of data_'s kind that refresh() may update
    int rebuilds_ = 0, refreshes_ = 0;
};

}  // namespace orderlens::widgets
