#pragma once
// PCA: word points E (labelled), position points P joined in order, and the sums E + P with
// an arrow from each word, for both sentences on shared axes; choose the pair of components.
#include "view.h"

class QComboBox;

namespace orderlens::widgets {

class PcaView : public View {
    Q_OBJECT
public:
    explicit PcaView(QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("pca"); }
    QString title() const override { return tr("PCA"); }
    QString explanation() const override;
    QString selectionCaption() const override;

    void setComponents(int first, int second);  // 0-based
    int pointCount() const { return pointCount_; }  // points drawn (for tests)

protected:
    void rebuild() override;

private:
    QComboBox* pair_ = nullptr;
    int first_ = 0, second_ = 1;
    int pointCount_ = 0;
};

}  // namespace orderlens::widgets
