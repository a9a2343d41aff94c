#pragma once
// Heads: the head census and the head-surgery experiment (Snapshot::heads).
//  * a map of the heads, placed by how alike their attention is (mean Jensen–Shannon distance,
//    classical MDS), each point coloured by what the head mostly looks at;
//  * per head the six census shares, raw and value-norm weighted, on one colour scale, and
//    the entropy of its rows;
//  * for models with a role head, reversal-pair accuracy with no head off, each head off
//    alone, every position head off and as many content heads off instead.
// The census runs over a corpus, with the model intact; the window starts it when the view is
// first shown (progress and a stop button in the view's controls, not in the picture).
#include "view.h"

class QLabel;
class QProgressBar;
class QPushButton;

namespace orderlens::widgets {
struct PlotColours;
class Label;
}

namespace orderlens::widgets {

class HeadsView : public View {
    Q_OBJECT
public:
    explicit HeadsView(QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("heads"); }
    QString title() const override { return tr("Heads"); }
    QString explanation() const override;

    // The census the window is running: `done` of `total` sentences; total 0 when none runs.
    void setCensusProgress(int done, int total);

signals:
    void stopCensusRequested();
    void runCensusRequested();
    void corpusRequested();  // the user wants to choose a corpus file
    void builtinCorpusRequested();

protected:
    QString layoutKey() const override;
    void build() override;
    void refresh() override;
    void afterLayout() override;
    void showSelection() override;

private:
    void buildCensus(QCPLayoutGrid* grid, const PlotColours& colours, const QFont& font);
    void buildExperiment(QCPLayoutGrid* grid, const PlotColours& colours, const QFont& font);
    QString headLabel(int layer, int head) const;  // "1·2": layer 1, head 2, counted from 1

    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* stop_ = nullptr;
    QPushButton* run_ = nullptr;
    QPushButton* corpus_ = nullptr;
    QPushButton* builtin_ = nullptr;
    std::vector<QCPItemText*> cellTexts_;
    std::vector<QCPColorMap*> shareMaps_;
    std::vector<Label*> mapLabels_;  // beside the map's points, placed after each layout
    void placeMapLabels();
};

}  // namespace orderlens::widgets
