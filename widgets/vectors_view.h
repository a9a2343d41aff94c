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

    void selectToken(int sentence, int token);
    int selectedSentence() const { return sentence_; }
    int selectedToken() const { return token_; }

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
    void rebuild() override;
    bool refresh() override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    const SentenceData* sentence(int index) const;
    void syncControls();
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
    int sentence_ = -1, token_ = -1;
    bool syncing_ = false;
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
    // What the heatmaps and bars were built for: refresh() updates them in place while it holds.
    struct Shape {
        bool compare = false;
        int dimension = 0;
        bool handmade = false;
        float wordScale = 1.0f;  // named in the E title
        bool operator==(const Shape&) const = default;
    };
    Shape shape_;
    bool barsBuilt_ = false;
    QCPBars* bars_[3] = {nullptr, nullptr, nullptr};
    QCPTextElement* barTitle_ = nullptr;
    QCPColorScale* valueBar_ = nullptr;  // the heatmaps' colour bar
};

}  // namespace orderlens::widgets
