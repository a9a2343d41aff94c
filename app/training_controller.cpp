#include "training_controller.h"

#include "error_text.h"
#include "session_model.h"
#include "training_view.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace orderlens::app {

TrainingController::TrainingController(std::unique_ptr<TrainerBackend> backend, widgets::TrainingView* view,
                                       SessionModel* session, QObject* parent)
    : QObject(parent), backend_(std::move(backend)), view_(view), session_(session)
{
    view_->setAvailability(backend_->available(), backend_->unavailableReason());
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &TrainingController::finished);
    connect(view_, &widgets::TrainingView::startRequested, this,
            [this](const QString& scheme, int seed, int steps, bool alsoWithout) {
                firstModel_.reset();
                queueWithoutPositions_ = alsoWithout;
                start({scheme, seed, steps});
            });
    connect(view_, &widgets::TrainingView::cancelRequested, this, [this] {
        queueWithoutPositions_ = false;
        cancel_ = true;
    });
    connect(view_, &widgets::TrainingView::useRequested, this, [this] {
        if (firstModel_)
            session_->useModel(firstModel_, firstSpec_);
    });
}

TrainingController::~TrainingController()
{
    cancel_ = true;
    watcher_.waitForFinished();
}

void TrainingController::start(const TrainingRequest& request)
{
    current_ = request;
    cancel_ = false;
    view_->startRun(tr("%1, seed %2").arg(request.scheme).arg(request.seed));
    QPointer<widgets::TrainingView> view = view_;
    TrainerBackend* backend = backend_.get();
    std::atomic<bool>* cancel = &cancel_;
    watcher_.setFuture(QtConcurrent::run([backend, request, view, cancel]() {
        Outcome outcome;
        try {
            outcome.model = backend->train(request, [view, cancel](const TrainingProgress& p) {
                QMetaObject::invokeMethod(
                    view.data(),
                    [view, p] {
                        if (!view)
                            return;
                        view->addPoint(p.step, p.loss, p.accuracy, p.reversalAccuracy);
                        view->setProgress(p.totalSteps ? double(p.step) / p.totalSteps : 0.0,
                                          TrainingController::tr("step %1 of %2 · loss %3 · accuracy %4 %")
                                              .arg(p.step)
                                              .arg(p.totalSteps)
                                              .arg(p.loss, 0, 'f', 3)
                                              .arg(100 * p.accuracy, 0, 'f', 1));
                    },
                    Qt::QueuedConnection);
                return !cancel->load();
            });
            outcome.cancelled = !outcome.model;
        } catch (const std::exception& e) {
            outcome.error = userMessage(e);
        }
        return outcome;
    }));
}

void TrainingController::finished()
{
    const Outcome outcome = watcher_.result();
    if (!outcome.error.isEmpty()) {
        view_->finishRun(tr("Training failed: %1").arg(outcome.error), static_cast<bool>(firstModel_));
        return;
    }
    if (outcome.cancelled) {
        view_->finishRun(tr("Cancelled."), static_cast<bool>(firstModel_));
        return;
    }
    if (!firstModel_) {
        firstModel_ = outcome.model;
        firstSpec_ = QStringLiteral("trained:%1-seed%2").arg(current_.scheme).arg(current_.seed);
    }
    if (queueWithoutPositions_) {
        queueWithoutPositions_ = false;
        start({QStringLiteral("none"), current_.seed, current_.steps});
        return;
    }
    view_->finishRun(tr("Done. \"Use this model\" shows the run with positions in every view."), true);
}

}  // namespace orderlens::app
