#include "trainer_backend.h"

#include "config.h"
#include "errors.h"
#include "trainer.h"

#include <atomic>

namespace orderlens::app {

namespace {

// The core trainer (core/trainer.h) behind the Training view: the options `orderlens train`
// uses for the scheme, with the request's seed and steps.
class CoreTrainer : public TrainerBackend {
public:
    bool available() const override { return true; }
    QString unavailableReason() const override { return {}; }
    std::shared_ptr<const Model> train(const TrainingRequest& request,
                                       const std::function<bool(const TrainingProgress&)>& progress) override
    {
        TrainOptions options = defaultTrainOptions(parsePositionScheme(request.scheme.toStdString()));
        if (request.seed < 0)
            throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "the training seed must not be negative"), {});
        options.seed = static_cast<std::uint64_t>(request.seed);
        options.steps = request.steps;
        options.progressInterval = 10;
        std::atomic<bool> cancel{false};
        const TrainResult result = trainRoleModel(
            options,
            [&](const TrainProgress& p) {
                if (progress && !progress({p.step, p.totalSteps, p.loss, p.accuracy, p.reversalAccuracy}))
                    cancel = true;
            },
            &cancel);
        return result.cancelled ? nullptr : result.model;
    }
};

}  // namespace

std::unique_ptr<TrainerBackend> makeTrainerBackend() { return std::make_unique<CoreTrainer>(); }

}  // namespace orderlens::app
