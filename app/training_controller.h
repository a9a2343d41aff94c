#pragma once
// Runs trainer jobs off the GUI thread for the Training view: one run, or a run with
// positions followed by one without; progress arrives on the GUI thread; cancel stops the run.
#include "trainer_backend.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace orderlens::widgets {
class TrainingView;
}

namespace orderlens::app {

class SessionModel;

class TrainingController : public QObject {
    Q_OBJECT
public:
    TrainingController(std::unique_ptr<TrainerBackend> backend, widgets::TrainingView* view, SessionModel* session,
                       QObject* parent = nullptr);
    ~TrainingController() override;

private:
    struct Outcome {
        std::shared_ptr<const Model> model;
        QString error;
        bool cancelled = false;
    };
    void start(const TrainingRequest& request);
    void finished();

    std::unique_ptr<TrainerBackend> backend_;
    widgets::TrainingView* view_;
    SessionModel* session_;
    std::atomic<bool> cancel_{false};
    QFutureWatcher<Outcome> watcher_;
    TrainingRequest current_;
    bool queueWithoutPositions_ = false;
    std::shared_ptr<const Model> firstModel_;  // the run with positions: what "use" picks
    QString firstSpec_;
};

}  // namespace orderlens::app
