#pragma once
// Decomposition: a layer-0 head's logits split exactly into content→content, content→position,
// position→content, position→position and bias; and, for every head, how much of its
// pattern comes from content and how much from position.
#include "view.h"

#include <vector>

class QComboBox;
class QLabel;
class QCPAxisRect;
class QCPLayoutGrid;
class QCPMarginGroup;
class QCPRange;

namespace orderlens::widgets {

class Title;

class DecompositionView : public View {
    Q_OBJECT
public:
    explicit DecompositionView(QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("decomposition"); }
    QString title() const override { return tr("Decomposition"); }
    QString explanation() const override;
    QString selectionCaption() const override;

    // Asks the session for head `head` of layer 1 (the selection's head; its layer is Attention's).
    void selectHead(int head);
    // The layer-1 head drawn: the selection's head, clamped to the model's heads.
    int selectedHead() const;

protected:
    // What the picture was built for (refresh() updates it in place while it holds; the
    // sentence's length may change): heads, the head shown (its mark on the bars), the
    // sentence shown, key names upwards (more than five tokens), exact split, bar count.
    QString layoutKey() const override;
    void build() override;
    void refresh() override;
    void showSelection() override;
    void arrange(QSize plotSize) override;
    void afterLayout() override;

private:
    bool hasPicture() const;  // a model with attention: otherwise a message
    void addShareBars(QCPLayoutGrid* grid, const QFont& font);
    int shownSentence() const;  // the selection's sentence: 1 (B) only when B is present
    const SentenceSnapshot& shown() const;
    QString headTitle() const;
    void fillShareBars();
    // One titled map of a score part in column `column` of `grid` (row 0 its name, row 1 the map);
    // query names on its left when queryNames. Sets parts_ and partTitles_ of that column.
    QCPAxisRect* addPartMap(QCPLayoutGrid* grid, int column, const QString& name, const Matrix& m, const QCPRange& range,
                            const QStringList& tokens, bool queryNames, QCPMarginGroup* margins, const QFont& font);
    // RoPE (decomposition_view_rope.cpp): the exact content / position split of a head's
    // scores, the frequency pairs that carry the position part, every head's two shares.
    bool ropeSplit() const;
    void buildRope(const QFont& font);
    void refreshRope();
    void fillRopeBars();
    QString ropeHeadTitle() const;
    double ropeRange() const;  // one colour scale for A and B: the largest finite |content|, |position|, |score| of the layer
    // RoPE's split holds for every layer: the selection's layer, clamped to the layers traced.
    int ropeLayer() const;
    std::vector<QCPBars*> pairBars_;  // RoPE: the selected head's pair shares

    bool rotatedKeys_ = false;  // the built maps' key names are written upwards (long sentences)
    // The six maps side by side (6) or in two rows of three (3, narrow pictures), and the grid
    // that holds them with their names.
    int partColumns_ = 6;
    QCPLayoutGrid* partsGrid_ = nullptr;
    void placeParts(int columns);
    QCPTextElement* headTitle_ = nullptr;
    QCPColorMap* parts_[6] = {};
    Title* partTitles_[6] = {};
    QCPColorScale* partBar_ = nullptr;
    std::vector<QCPBars*> shareBars_;  // content, mixed, position (exact) or the position score

    QComboBox* headChooser_ = nullptr;
    QComboBox* sentenceChooser_ = nullptr;
    QComboBox* layerChooser_ = nullptr;  // RoPE only
    QLabel* headLabel_ = nullptr;
    QLabel* layerLabel_ = nullptr;
};

}  // namespace orderlens::widgets
