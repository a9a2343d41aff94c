#include "trainer_backend.h"

#include "errors.h"

#include <QCoreApplication>

namespace orderlens::app {

namespace {

// Stands in until the trainer (issue 3) is merged: says plainly that training is unavailable.
class UnavailableTrainer : public TrainerBackend {
public:
    bool available() const override { return false; }
    QString unavailableReason() const override
    {
        return QCoreApplication::translate("orderlens::app::Trainer",
                                           "Training is not available in this build yet: the trainer has not been "
                                           "merged. The other views work with the models already shipped.");
    }
    std::shared_ptr<const Model> train(const TrainingRequest&, const std::function<bool(const TrainingProgress&)>&) override
    {
        throw usageError(unavailableReason().toStdString());
    }
};

}  // namespace

std::unique_ptr<TrainerBackend> makeTrainerBackend() { return std::make_unique<UnavailableTrainer>(); }

}  // namespace orderlens::app
