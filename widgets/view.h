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

signals:
    void explanationChanged();
    void captionChanged();

protected:
    // Clears and redraws the plot from data_ (with data_ possibly null). One replot at the end.
    virtual void rebuild() = 0;
    void redraw();  // rebuild now (or mark stale when hidden)
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;
    // Resets the plot to an empty layout with no axis rects; returns the font to draw with.
    QFont resetPlot();
    // Keeps one unit the same length on both axes of rect (square cells, true angles), showing
    // at least the given ranges; re-applied at every layout, so exports of any size keep it.
    void keepAspect(QCPAxisRect* rect, const QCPRange& x, const QCPRange& y);
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
    };
    std::vector<AspectRect> aspect_;
    QString caption_;
    bool stale_ = false;
};

}  // namespace orderlens::widgets
