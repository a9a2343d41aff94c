#pragma once
// Vectors: the word rows E, the position rows P and their sums E + P for every token, as
// heatmaps (token x dimension) on one diverging scale shared by A and B; bars for a selected
// token. For the hand-made model (d = 2 or 3) the tables are editable and the addition is
// drawn as a parallelogram of arrows.
#include "view.h"

#include <QVector>

class QComboBox;
class QCPAxisRect;
class QCPBars;
class QCPItemRect;
class QCPTextElement;
class QCPColorMap;
class QCPLayoutGrid;
class QLabel;
class QTableWidget;
class QWidget;

namespace orderlens::widgets {

class VectorsView : public View {
    Q_OBJECT
public:
    enum Part { Word = 0, Position = 1, Sum = 2 };

    explicit VectorsView(QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("vectors"); }
    QString title() const override { return tr("Vectors"); }
    QString explanation() const override;
    QString selectionCaption() const override;

    // Asks the session to select a token (sentence 0 = A, 1 = B).
    void selectToken(int sentence, int token);
    // The token drawn as selected: the selection's, clamped to the snapshot (see shownToken()).
    int selectedSentence() const { return shownToken().sentence; }
    int selectedToken() const { return shownToken().token; }

    // Read back from what is drawn: a heatmap cell (NaN when not drawn) and the vectors of the
    // selected token's bars or arrows.
    double drawnCell(int sentence, Part part, int token, int dimension) const;
    QVector<double> drawnSelected(Part part) const;
    // The sum line under the arrows, e.g. "猫 + pos 2: [0.5, 0.3, −0.2] + … = [0.6, −0.1, 0.1]".
    QString sumText() const { return sumText_; }

signals:
    void handmadeWordEdited(const QString& word, const QVector<double>& row);
    void handmadePositionEdited(int position, const QVector<double>& row);
    void handmadeDimensionChanged(int dimension);

protected:
    // The heatmaps' layout: B present, d, the word scale (named in the E title), bars or
    // arrows; for the arrows (hand-made model) also the selected token's three vectors, as
    // the arrow panel is made for them.
    QString layoutKey() const override;
    void build() override;
    void refresh() override;
    void showSelection() override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    const SentenceSnapshot* sentence(int index) const;
    // selection_'s sentence and token clamped to the snapshot (B only when present, a token of
    // that sentence); token -1 picks the default: the first token of A, or for the hand-made
    // model the classic example, 猫 in third place (B first). {0, 0} without a snapshot.
    struct TokenChoice {
        int sentence = 0, token = 0;
    };
    TokenChoice shownToken() const;
    bool drawsArrows() const;  // the hand-made model (d <= 3): arrows instead of bars
    void fillTables();
    void addArrowPanel(QCPLayoutGrid* grid, const QFont& font);
    void addBarPanel(QCPLayoutGrid* grid, const QFont& font);
    void fillMaps();
    void fillBars();
    void selectRows();

    QComboBox* tokenChooser_ = nullptr;
    QComboBox* dimensionChooser_ = nullptr;
    QLabel* dimensionLabel_ = nullptr;
    QWidget* tablesBox_ = nullptr;
    QTableWidget* wordTable_ = nullptr;
    QTableWidget* positionTable_ = nullptr;
    bool syncing_ = false;
    TokenChoice shown_;  // shownToken() of the current draw
    QString sumText_;
    QVector<double> selectedRows_[3];
    struct MapRef {
        int sentence;
        Part part;
        QCPAxisRect* rect;
        QCPColorMap* map;
        QCPItemRect* mark;  // the selected token's row
    };
    std::vector<MapRef> maps_;
    QCPBars* bars_[3] = {nullptr, nullptr, nullptr};
    QCPTextElement* barTitle_ = nullptr;
    QCPColorScale* valueBar_ = nullptr;  // the heatmaps' colour bar
};

}  // namespace orderlens::widgets
