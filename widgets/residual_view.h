#pragma once
// Residual: after each layer, how close every token's vector still is to its own word vector
// and to its own position vector (cosine), and whether the nearest word is still its own.
#include "view.h"

#include <vector>

namespace orderlens::widgets {

class ResidualView : public View {
    Q_OBJECT
public:
    explicit ResidualView(QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("residual"); }
    QString title() const override { return tr("Residual"); }
    QString explanation() const override;

protected:
    void rebuild() override;
    bool refresh() override;

private:
    // What the picture was built for: refresh() updates it in place while this holds.
    // (A sentence's length may change: its cells are made or removed.)
    struct Shape {
        int stages = 0;
        std::vector<bool> positions;  // per sentence: has a position curve
        bool operator==(const Shape&) const = default;
    };
    Shape shapeOf() const;
    void fill();

    struct SentencePlot {
        QCPGraph* toWord = nullptr;
        QCPGraph* toPosition = nullptr;  // null without positions
        QCPBars* decoded = nullptr;
        QCPColorMap* nearest = nullptr;
        std::vector<QCPItemText*> cells;  // [stage * length + token]
    };
    QFont cellFont_;
    Shape shape_;
    std::vector<SentencePlot> plots_;
};

}  // namespace orderlens::widgets
