#pragma once
// Decomposition: a layer-0 head's logits split exactly into content→content, content→position,
// position→content, position→position and bias; and, for every head, how much of its
// pattern comes from content and how much from position.
#include "view.h"

#include <vector>

class QComboBox;
class QCPLayoutGrid;

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

    void selectHead(int head);
    int selectedHead() const { return head_; }

protected:
    void rebuild() override;
    bool refresh() override;
    void arrange(QSize plotSize) override;
    void afterLayout() override;

private:
    void addShareBars(QCPLayoutGrid* grid, const QFont& font);
    void syncChoosers();
    const SentenceData& shown() const;
    QString headTitle() const;
    void fillShareBars();

    // What the picture was built for: refresh() updates it in place while this holds (the
    // sentence's length may change).
    struct Shape {
        int heads = 0, head = 0, sentence = 0;
        bool rotatedKeys = false;  // key names written upwards (long sentences)
        bool exact = false;
        int bars = 0;  // heads (exact split) or layers x heads (shuffle scores)
        bool operator==(const Shape&) const = default;
    };
    Shape shapeOf() const;
    Shape shape_;
    QCPTextElement* headTitle_ = nullptr;
    QCPColorMap* parts_[6] = {};
    Title* partTitles_[6] = {};
    QCPColorScale* partBar_ = nullptr;
    std::vector<QCPBars*> shareBars_;  // content, mixed, position (exact) or the position score

    QComboBox* headChooser_ = nullptr;
    QComboBox* sentenceChooser_ = nullptr;
    int head_ = 0;
    int sentence_ = 0;
    bool syncing_ = false;
};

}  // namespace orderlens::widgets
