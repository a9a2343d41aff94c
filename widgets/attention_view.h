#pragma once
// Attention: every head of every layer as a grid (layers x heads) of attention maps, for
// sentence A, sentence B and their aligned difference (B reordered into A's tokens, minus A),
// each head badged with its role. Click a head to enlarge it with values in the cells; hover
// shows "query → key: value". What is shown comes from the selection: singleHead (the grid or
// one head), layer and head (the enlarged head), gridLayer (the grid's layer filter).
#include "view.h"

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QFontMetrics;
class QLabel;
class QPushButton;
class QCPAxisRect;
class QCPColorMap;
class QCPItemText;
class QCPLayoutElement;
class QCPTextElement;

namespace orderlens::widgets {

class AttentionView : public View {
    Q_OBJECT
public:
    enum Panel { PanelA = 0, PanelB = 1, PanelDifference = 2 };

    explicit AttentionView(QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("attention"); }
    QString title() const override { return tr("Attention"); }
    QString explanation() const override;
    QString selectionCaption() const override;

    // Requests for a new selection (the session decides; a view no session listens to takes it).
    void showGrid();                     // singleHead = false
    void showHead(int layer, int head);  // layer, head, singleHead = true
    // The selection as shown: layer, head and filter clamped to the model's shape.
    bool isEnlarged() const { return selection_.singleHead; }
    int selectedLayer() const { return shownLayer(); }
    int selectedHead() const { return shownHead(); }

    // What is drawn: the value of cell (query, key) of a head in a panel, read back from the
    // colour map; NaN when the panel or cell is not drawn.
    double drawnValue(Panel panel, int layer, int head, int query, int key) const;
    bool hasPanel(Panel panel) const;
    // Where one head's map is drawn in the current layout (plot pixels); empty when not drawn.
    QRectF mapPixelRect(Panel panel, int layer, int head) const;
    // The hover text at a point of the plot widget, empty outside every map.
    QString toolTipAt(const QPoint& plotPosition) const;

    // Grid mode: which layers are shown (-1: all). Big models read better one layer at a time.
    // Requests gridLayer = layer, singleHead = false.
    void setLayerFilter(int layer);
    int layerFilter() const { return shownGridLayer(); }
    // Grid mode: panels side by side in the current arrangement, and whether the maps are big
    // enough to carry token labels on their axes.
    int panelColumns() const { return columns_; }
    bool showsTokenLabels() const { return tokenLabels_; }
    // How the key names stand under the grid's maps: upright on one line, upright on two
    // staggered lines (every other name one line down), or not at all (the maps are too small).
    enum class KeyLabelMode { None, OneLine, Staggered };
    KeyLabelMode keyLabelMode(Panel panel) const;

protected:
    QString layoutKey() const override;
    void build() override;
    void refresh() override;
    void showSelection() override;
    void arrange(QSize plotSize) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void afterLayout() override;

private:
    void showLegend();  // the line under the picture: the badges (unless the picture explains them), notes
    QString legendNote_;
    bool freeCell_ = false;     // the grid has a free cell, where the badges are explained
    bool badgesShown_ = true;   // the last arrangement shows some badges
    // ± the aligned difference's colour scale: the selection's fixed scale, else the pair's.
    double differenceRange() const;
    // Whole words (Selection::mergeWords) and the snapshot has them: the panels show words.
    bool mergedWords() const;
    const std::optional<AlignedDifference>& difference() const;  // by word or by token, as the panels
    struct KeyLabels {
        KeyLabelMode mode = KeyLabelMode::None;
        QStringList texts;  // one per token, staggered ones with a leading line break
    };
    // Key names for maps whose cells are `cell` pixels wide, with gapCells empty cells between maps.
    static KeyLabels fitKeyLabels(const QStringList& tokens, double cell, int gapCells, const QFontMetrics& metrics);
    struct PanelGeometry {
        Panel panel = PanelA;
        QCPAxisRect* rect = nullptr;
        QCPColorMap* map = nullptr;
        QCPTextElement* title = nullptr;
        std::vector<QCPItemText*> badges;  // grid: one per shown head
        std::vector<QCPItemText*> values;  // one head: one per cell, shown when the cells hold them
        KeyLabels keyLabels;               // grid: the key names as laid out now
        int length = 0;      // tokens per side of one map
        int stride = 1;      // cells from one map to the next across (length + gap)
        int rowStride = 1;   // cells from one row of maps to the next (length + a larger gap: the badges)
        bool grid = true;
    };
    struct Hit {
        const PanelGeometry* geometry = nullptr;
        int layer = -1, head = -1, query = -1, key = -1;
    };
    Hit hitAt(const QPoint& plotPosition) const;
    const Matrix* headMatrix(Panel panel, int layer, int head) const;
    // The panel's token texts, as read from data_ at the last draw (null: no such panel).
    const QStringList* panelTokens(Panel panel) const;
    void readTokens();
    // The selection clamped to the model's shape: the enlarged head's layer and head, and the
    // grid's layer filter (-1: every layer).
    int shownLayer() const;
    int shownHead() const;
    int shownGridLayer() const;
    void buildGrid();
    void fillGrid();
    void placeGrid(int columns);
    // Names on the grid's axes for maps with cells of the given sizes (pixels, one per panel).
    // The token names one panel gets for cells of `cell` pixels: query names (left) and key
    // names (below), in a font small enough for the cells; `allowed` caps them (2: both, 1:
    // query names only, 0: none).
    struct TokenNames {
        bool query = false;
        KeyLabels keys;
        double pointSize = 0;
    };
    TokenNames chooseTokenNames(const PanelGeometry& panel, double cell, int allowed) const;
    // Whether names chosen before still fit cells of `cell` pixels.
    bool tokenNamesFit(const PanelGeometry& panel, const TokenNames& names, double cell) const;
    static bool keyLabelsFit(const QStringList& texts, bool staggered, double cell, int gapCells,
                             const QFontMetrics& metrics);
    // Puts names on the grid's axes for cells of the given sizes (pixels, one per panel): token
    // names as chooseTokenNames says, head and layer names thinned to fit, badges where they fit.
    std::vector<TokenNames> applyTokenLabels(const std::vector<double>& cells, int allowed);
    // Head names ("head 2", or 2 under a "head" title, every step-th one), layer names and badges
    // (word, letter or none) for maps of `cell` pixels.
    void applyHeadNames(PanelGeometry& p, double cell);
    // Lays the plot out at plotSize (without painting) and returns each panel's cell size.
    std::vector<double> measureCells(QSize plotSize);
    // The numbers of panels side by side to try, the one with the biggest maps first, each with
    // the cell size (pixels) it should give.
    std::vector<std::pair<int, double>> columnChoices(QSize plotSize) const;
    // arrange() for one spacing of the rows of maps and `columns` panels side by side (expected
    // to give cells of `estimate` pixels): names fitted.
    void arrangeCells(QSize plotSize, int columns, double estimate);
    int rowGapFor(int length) const;  // empty cells between two rows of maps
    // m(query, key) as drawn: NaN for a decoder's masked (future) cells.
    double cellValue(const Matrix& m, int query, int key) const;
    static QColor sinkBadgeColour(double share);
    bool badgeRows_ = true;           // the rows of maps leave room for the badges between them
    std::vector<Panel> wantedPanels() const;
    std::vector<int> shownLayers() const;
    QString panelName(Panel panel) const;
    void buildHead();

    QComboBox* mode_ = nullptr;
    QComboBox* layerFilterChooser_ = nullptr;
    QComboBox* layerChooser_ = nullptr;
    QComboBox* headChooser_ = nullptr;
    QComboBox* differenceScaleChooser_ = nullptr;
    QCheckBox* words_ = nullptr;
    QLabel* legend_ = nullptr;
    std::vector<QWidget*> gridControls_, headControls_;  // shown with the grid, with one head
    bool syncing_ = false;  // showSelection() is setting the combos: their handlers ask for nothing
    std::vector<PanelGeometry> panels_;
    QStringList tokensA_, tokensB_;  // (T) token texts of A and B at the last draw
    bool gridBuilt_ = false;  // the plot holds the grid (refresh() updates it in place)
    std::vector<QCPLayoutElement*> colourBars_;  // probability bar, difference bar (or null)
    QCPTextElement* badgeLegend_ = nullptr;        // in the picture when a panel cell is free
    int columns_ = 0;          // panels side by side now
    bool tokenLabels_ = false; // token names on the grid's axes now
    QSize arrangedFor_;
};

}  // namespace orderlens::widgets
