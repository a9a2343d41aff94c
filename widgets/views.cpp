#include "views.h"

#include "attention_view.h"
#include "decomposition_view.h"
#include "heads_view.h"
#include "pca_view.h"
#include "position_view.h"
#include "recoverability_view.h"
#include "residual_view.h"
#include "training_view.h"
#include "vectors_view.h"

namespace orderlens::widgets {

const QStringList& viewKeys()
{
    static const QStringList keys{"vectors",       "position", "pca",           "attention",
                                  "decomposition", "residual", "recoverability", "training",
                                  "heads"};
    return keys;
}

std::unique_ptr<View> createView(const QString& key)
{
    if (key == QLatin1String("vectors"))
        return std::make_unique<VectorsView>();
    if (key == QLatin1String("position"))
        return std::make_unique<PositionView>();
    if (key == QLatin1String("pca"))
        return std::make_unique<PcaView>();
    if (key == QLatin1String("attention"))
        return std::make_unique<AttentionView>();
    if (key == QLatin1String("decomposition"))
        return std::make_unique<DecompositionView>();
    if (key == QLatin1String("residual"))
        return std::make_unique<ResidualView>();
    if (key == QLatin1String("recoverability"))
        return std::make_unique<RecoverabilityView>();
    if (key == QLatin1String("training"))
        return std::make_unique<TrainingView>();
    if (key == QLatin1String("heads"))
        return std::make_unique<HeadsView>();
    return nullptr;
}

}  // namespace orderlens::widgets
