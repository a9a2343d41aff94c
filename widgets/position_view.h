#pragma once
// Positional encoding: the table the scheme adds (position x dimension), chosen dimensions as
// curves over position, and how similar positions are to each other. RoPE: rotation angles;
// ALiBi: the distance bias of each head.
#include "view.h"

class QSpinBox;
class QCPLayoutGrid;
class QCPItemStraightLine;
class QCPItemText;

namespace orderlens::widgets {

class PositionView : public View {
    Q_OBJECT
public:
    explicit PositionView(QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("position"); }
    QString title() const override { return tr("Positional encoding"); }
    QString explanation() const override;

protected:
    QString layoutKey() const override;
    void build() override;
    void refresh() override;
    void showSelection() override;

private:
    void buildTable(const QFont& font);
    void buildRope(const QFont& font);
    void buildAlibi(const QFont& font);
    // Fill an axis rect made by addTitledAxisRect.
    void addCurves(QCPAxisRect* rect, const Matrix& table, double extent, const QString& yLabel, const QFont& font);
    // The first dimension (RoPE: pair) drawn as a curve: the selection's, within the table.
    int firstDimension() const;
    void addSimilarity(QCPAxisRect* rect);

    QSpinBox* firstDimension_ = nullptr;
    // The table pictures do not depend on the sentences: a keystroke only moves the mark at the
    // end of sentence A.
    QCPItemStraightLine* endMark_ = nullptr;
    QCPItemText* endLabel_ = nullptr;
    double curveExtent_ = 1;
};

}  // namespace orderlens::widgets
