#pragma once
// Recoverability: how often the word and the position can be read back from the sum E + P
// (nearest neighbour), for random tables of width d = 2 … 1024, against concatenation [E; P];
// the current model's own tables marked.
#include "view.h"

namespace orderlens::widgets {

class RecoverabilityView : public View {
    Q_OBJECT
public:
    explicit RecoverabilityView(QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("recoverability"); }
    QString title() const override { return tr("Recoverability"); }
    QString explanation() const override;

protected:
    QString layoutKey() const override;
    void build() override;
    void refresh() override;
};

}  // namespace orderlens::widgets
