#pragma once
// Base of the eight views. A view's picture is a function of (snapshot, selection, size,
// palette, language): the window's tabs and `orderlens export` make it with the same code.
// It is drawn onto a single QCustomPlot under an optional row of controls (not part of the
// picture). The controls show the selection; changing one asks the session for a new
// selection (selectionRequested) and the view draws what the session then sets.
//
// Drawing verbs: draw() brings the picture up to date. It calls build() when the layout key
// changed (the picture is made from scratch) and refresh() otherwise (the same layout, new
// numbers, updated in place: a keystroke). arrange() adapts a built layout to a size;
// afterLayout() runs after every layout pass.
#include "selection.h"
#include "snapshot.h"

#include <QPointer>
#include <QWidget>

#include <qcustomplot.h>

#include <vector>

class QHBoxLayout;
class QLabel;
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

    // What to draw. Drawn now when visible, otherwise on the next show or draw().
    void setData(SnapshotPtr data);
    const SnapshotPtr& data() const { return data_; }
    void setSelection(const Selection& selection);
    const Selection& selection() const { return selection_; }

    // Greys the picture over and says why it no longer shows what was typed (the sentence
    // cannot be read, the model failed to load); an empty reason, or new data, clears it.
    void setOutOfDate(const QString& reason);
    QString outOfDateReason() const;

    // The caption line of exported pictures: sentences and model (set by the app); the
    // view's own selection is appended.
    void setCaption(const QString& caption);
    QString caption() const;

    // Brings the picture up to date with the snapshot and selection now (also when hidden).
    void draw();
    // Makes the picture anew, as a change of layout key does (tests compare it with refresh()).
    void drawFromScratch();
    // The picture (plot + caption) painted into logicalSize (painter coordinates), smooth.
    // transparent: neither the plot nor its axis rects paint a background.
    void paintPicture(QCPPainter* painter, QSize logicalSize, bool transparent = false);

    QCustomPlot* plot() const { return plot_; }
    bool isStale() const { return stale_; }
    // Lays the picture out for a plot of plotSize logical pixels, as an export of that size
    // would, without painting (tests read the geometry afterwards). An export whose word labels
    // would not all fit is laid out larger (up to twice, kMaxExportEnlargement) and painted
    // scaled down to its size; asExport false lays out at plotSize only, as the window does.
    void layoutAt(QSize plotSize, bool asExport = true);
    // Word labels too crowded to draw each one: how many times the tick spacing must grow
    // (1: every label is drawn). In the window, the view asks for a larger plot then (the tab
    // scrolls) until every word fits or the plot reaches kMaxGrownSide.
    double labelCrowding() const;
    static constexpr double kMaxExportEnlargement = 2.0;
    static constexpr int kMaxGrownSide = 6000;
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
    // The user picked something in this view (a control, a click): the session decides.
    void selectionRequested(const orderlens::widgets::Selection& selection);

protected:
    // What the layout of the picture depends on (sentences' count, model shape, the parts of
    // the selection that change which panels exist, …). Equal keys: refresh() may update the
    // built picture in place.
    virtual QString layoutKey() const = 0;
    // Clears and makes the picture from data_ and selection_ (data_ possibly null). One replot at the end.
    virtual void build() = 0;
    // Updates the picture build() made for the same layout key with the new data_ and
    // selection_, without creating layout elements. One replot at the end.
    virtual void refresh() { build(); }
    // Re-arranges the layout for a plot of plotSize (e.g. how many panels side by side);
    // called on resize and around exports, so every picture size gets its own arrangement.
    virtual void arrange(QSize plotSize) { Q_UNUSED(plotSize); }
    // Called after every layout, once the aspect is kept (e.g. to line colour bars up with maps).
    virtual void afterLayout() {}
    // Shows the selection in the view's own controls (called before drawing).
    virtual void showSelection() {}
    // Asks for a selection (a control changed): emits selectionRequested. A view no session
    // listens to (a test, a lone export) takes it at once.
    void requestSelection(const Selection& selection);
    // The picture must be made anew at the next draw (an option of the view's own changed).
    void invalidate();

    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    // Resets the plot to an empty layout with no axis rects; returns the font to draw with.
    QFont resetPlot();
    // Fonts of the picture, sized to be read from the back of a classroom: tick labels and
    // axis labels, and titles (bold, larger).
    QFont plotFont() const;
    QFont titleFont() const;
    // Keeps one unit the same length on both axes of rect (square cells, true angles), showing
    // at least the given ranges; re-applied at every layout, so exports of any size keep it.
    // Calling it again for the same rect replaces its ranges. ExpandRange shows more of the
    // axes where the rect has room to spare (scatter plots); ShrinkRect gives the spare room
    // back instead (centred across, at the bottom below), so labels on all four sides of a map
    // stay right next to it; ShrinkRectCentred also centres it up and down (one row of maps).
    enum class AspectFit { ExpandRange, ShrinkRect, ShrinkRectCentred };
    void keepAspect(QCPAxisRect* rect, const QCPRange& x, const QCPRange& y, AspectFit fit = AspectFit::ExpandRange);
    // One centred message when there is nothing to draw.
    void showMessage(const QString& message);

    QVBoxLayout* layout_ = nullptr;
    QHBoxLayout* controls_ = nullptr;  // views add their choosers here
    QCustomPlot* plot_ = nullptr;
    SnapshotPtr data_;
    Selection selection_;

private:
    void applyAspect();        // after every layout: the aspect, afterLayout(), the texts fitted
    void applyAspectRects();   // one unit the same length on both axes of the keepAspect rects
    bool fitTexts();           // titles, labels and legends fitted to their room; whether any changed
    bool refitting_ = false;
    // The plot laid out for a picture (export, layoutAt), not for the window: no growing.
    bool pictureLayout_ = false;
    bool growPending_ = false;
    void growForLabels();            // a larger minimum plot where word labels are crowded
    void layOutPlot(QSize plotSize);  // viewport and layout passes, as a replot does
    // The factor an export of plotSize is laid out larger by (after layOutPlot at plotSize).
    double enlargementFor(QSize plotSize);
    struct AspectRect {
        QPointer<QCPAxisRect> rect;
        QCPRange x, y;
        AspectFit fit = AspectFit::ExpandRange;
        bool widthBound = true;  // at the last layout, its width (not its height) set the scale
    };
    std::vector<AspectRect> aspect_;
    QLabel* outOfDate_ = nullptr;  // over the plot, created on first use
    // Draws now when visible (a fast frame while snapshots keep coming), else marks stale.
    void drawWhenVisible(bool fastFrame);
    // While the user types, each new snapshot is drawn without antialiasing (about half the
    // drawing time); once the snapshots stop for a moment the picture is redrawn smooth.
    // Pictures rendered for export are always smooth.
    void smoothen();
    QTimer* smoothen_ = nullptr;
    bool fastFrame_ = false;
    QString caption_;
    bool stale_ = false;
    bool built_ = false;  // the plot holds a picture made for builtKey_
    QString builtKey_;
    int rebuilds_ = 0, refreshes_ = 0;
};

// Token texts for labels and ticks.
QStringList tokenTexts(const std::vector<std::string>& tokens);
// Joined for a title: a space between two words of scripts written with spaces ("the cat"),
// none inside Chinese or a WordPiece word ("play" "##ing" → "playing").
QString joinedTokens(const std::vector<std::string>& tokens);
// For schemes that add no position row (rope, alibi, none): where the order goes instead.
QString noPositionVectorNote(PositionScheme scheme);
// The sentence as the model reads it: unknown characters as [UNK].
QString modelReading(const SentenceSnapshot& sentence);

}  // namespace orderlens::widgets
