#pragma once
// Residual: after each layer, how close every token's vector still is to its own word vector
// and to its own position vector (cosine), and whether the nearest word is still its own.
#include "view.h"

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
};

}  // namespace orderlens::widgets
