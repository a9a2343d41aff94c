#pragma once
// What the Training view needs from a trainer: train a built-in-size model for a position
// scheme, report progress (step, loss, accuracy) and stop when asked. makeTrainerBackend()
// returns the core trainer (core/trainer.h).
#include "model.h"

#include <QString>

#include <functional>
#include <limits>
#include <memory>

namespace orderlens::app {

struct TrainingRequest {
    QString scheme = QStringLiteral("sinusoidal");  // sinusoidal | learned | rope | alibi | none
    int seed = 1;
    int steps = 1500;
};

struct TrainingProgress {
    int step = 0, totalSteps = 0;
    double loss = 0;       // mean training loss since the previous report
    double accuracy = 0;   // role accuracy on the training sentences since the previous report, 0..1
    double reversalAccuracy = std::numeric_limits<double>::quiet_NaN();  // agents+patients of the reversal pairs; NaN between evaluations
};

class TrainerBackend {
public:
    virtual ~TrainerBackend() = default;
    virtual bool available() const = 0;
    virtual QString unavailableReason() const = 0;
    // Runs on a worker thread. `progress` returns false to cancel; then the result is null.
    // Throws orderlens::Error with a user-facing message on failure.
    virtual std::shared_ptr<const Model> train(const TrainingRequest& request,
                                               const std::function<bool(const TrainingProgress&)>& progress) = 0;
};

std::unique_ptr<TrainerBackend> makeTrainerBackend();

}  // namespace orderlens::app
