#pragma once
// Decomposition: a layer-0 head's logits split exactly into content→content, content→position,
// position→content, position→position and bias; and, for every head, how much of its
// pattern comes from content and how much from position.
#include "view.h"

class QComboBox;
class QCPLayoutGrid;

namespace orderlens::widgets {

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

private:
    void addShareBars(QCPLayoutGrid* grid, const QFont& font);

    QComboBox* headChooser_ = nullptr;
    QComboBox* sentenceChooser_ = nullptr;
    int head_ = 0;
    int sentence_ = 0;
    bool syncing_ = false;
};

}  // namespace orderlens::widgets
