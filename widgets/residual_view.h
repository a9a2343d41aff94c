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
    QString layoutKey() const override;
    void build() override;
    void refresh() override;
    void afterLayout() override;  // the nearest words in a smaller font, or none, where the cells are small

private:
    void fill();

    struct SentencePlot {
        QCPGraph* toWord = nullptr;
        QCPGraph* toPosition = nullptr;  // null without positions
        QCPBars* decoded = nullptr;
        QCPColorMap* nearest = nullptr;
        std::vector<QCPItemText*> cells;  // [stage * length + token]
    };
    QFont cellFont_;
    std::vector<SentencePlot> plots_;
};

}  // namespace orderlens::widgets
