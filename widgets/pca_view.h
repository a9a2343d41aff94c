#pragma once
// PCA: word points E (labelled), position points P joined in order, and the sums E + P with
// an arrow from each word, for both sentences on shared axes; choose the pair of components.
#include "view.h"

#include <vector>

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
    QString layoutKey() const override;
    void build() override;
    void refresh() override;
    void showSelection() override;
    // Labels pushed apart after each layout (placeLabels).
    void afterLayout() override;
    // The legend's entries two a row when two fit across the picture, else one a row.
    void arrange(QSize plotSize) override;

private:
    // The pair drawn: the selection's, the snapshot's default pair when the selection leaves it
    // to the data, or PC1 / PC2 when the snapshot has fewer components.
    std::pair<int, int> components() const;
    bool automaticAxes() const;  // the selection leaves the pair to the data
    int first() const { return components().first; }
    int second() const { return components().second; }
    void fill();  // data_ into the objects below, and the axis ranges
    QCPItemText* addLabel(const QColor& colour, Qt::Alignment alignment, bool bold);
    QCPItemLine* addArrow(const QColor& colour);
    // Each label beside its point where it overlaps no label placed before it and stays inside
    // the plot: tried at its own side first, then the other sides and corners, a step further
    // out each round. Word labels go first, then positions, then sums; a position or sum label
    // with no free place (a crowded long sentence) is left out, a second label of one point
    // (the same word at the same place in A and B) too. Deterministic: the same picture every time.
    void placeLabels();

    QComboBox* pair_ = nullptr;
    int pointCount_ = 0;
    QCPAxisRect* rect_ = nullptr;
    QCPLegend* legend_ = nullptr;
    QCPCurve* path_ = nullptr;
    QCPGraph* words_ = nullptr;
    std::vector<QCPGraph*> sums_;  // per sentence
    std::vector<QCPItemText*> positionLabels_, wordLabels_;
    std::vector<std::vector<QCPItemText*>> sumLabels_;  // per sentence
    std::vector<std::vector<QCPItemLine*>> arrows_;
};

}  // namespace orderlens::widgets
