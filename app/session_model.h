#pragma once
// The view-model: owns the session (sentences, model, options, selection) and the current
// snapshot the views draw. Every change schedules the model work off the GUI thread (QtConcurrent); only
// the latest request's result is shown, so typing never waits for the model.
#include "decoder.h"
#include "snapshot.h"
#include "session.h"

#include <QFutureWatcher>
#include <QObject>

class QTimer;

#include <memory>

namespace orderlens::app {

class SessionModel : public QObject {
    Q_OBJECT
public:
    explicit SessionModel(QObject* parent = nullptr);
    ~SessionModel() override;

    const SessionState& state() const { return state_; }
    QString modelSpec() const;  // the effective spec (default when the session names none)
    SnapshotPtr current() const { return current_; }
    const widgets::Selection& selection() const { return state_.selection; }
    std::shared_ptr<const Model> model() const { return model_; }
    QString errorA() const { return errorA_; }
    QString errorB() const { return errorB_; }
    bool isBusy() const { return running_; }

    void setSentenceA(const QString& text);
    void setSentenceB(const QString& text);
    void setCompare(bool on);
    // Opens the decoder folder of the model spec again (after useBf16Products changed).
    void reopenModel();
    void setModelSpec(const QString& spec);
    void setView(const QString& key);
    // What the views show; views ask through their selectionRequested signal.
    void setSelection(const widgets::Selection& selection);
    void swapSentences();
    void setState(const SessionState& state);
    // Use an in-memory model (e.g. one just trained) under a name.
    void useModel(std::shared_ptr<const Model> model, const QString& spec);

    // Shows a snapshot computed elsewhere (`orderlens export --view window`): no model work is
    // scheduled; the state names the sentences and model it was made from.
    void showSnapshot(std::shared_ptr<const Model> model, const SessionState& state, SnapshotPtr snapshot);

    void setHandmadeWord(const QString& word, const QVector<double>& row);
    void setHandmadePosition(int position, const QVector<double>& row);
    void setHandmadeDimension(int dimension);

    // The Heads view's census (and, for built-ins, the surgery experiment) runs in the background
    // while that view is in front, once per model, corpus and method. Progress: censusProgress.
    // path empty: the built-in corpus; else a text file, one sentence a line.
    void setCensusCorpus(const QString& path);
    QString censusCorpus() const { return censusCorpus_; }
    void runCensus();   // again, also after stopCensus()
    void stopCensus();  // the view shows what was counted; not started again until runCensus()
    bool isCensusRunning() const { return headsRunning_; }

    // Waits (running the event loop) until no work is pending. For tests, export and the
    // benchmark. withRecoverability: also wait for the background recoverability curve.
    bool waitForIdle(int timeoutMs = 30000, bool withRecoverability = true);

signals:
    void stateChanged();
    void selectionChanged(const orderlens::widgets::Selection& selection);
    void dataChanged(const orderlens::SnapshotPtr& data);
    void errorsChanged(const QString& errorA, const QString& errorB);  // user-facing, translated
    void modelFailed(const QString& message);
    void busyChanged(bool busy);
    void censusProgress(int done, int total);  // total 0: no census runs

private:
    struct Job {
        quint64 generation = 0;
        quint64 modelEpoch = 0;  // useModel() since the job started: its model is not adopted
        QString spec;
        std::shared_ptr<const Model> model;  // loaded model (or null when loading failed)
        std::shared_ptr<const DecoderModel> decoder;  // or the decoder loaded (a causal language model)
        std::shared_ptr<const ModelFacts> facts;
        QString modelError;
        bool showRoles = true;
        std::shared_ptr<const HeadMeans> means;  // mean ablation's means of job.model / job.decoder
        SnapshotResult result;
    };
    void schedule();
    void start();
    void finished();
    // The recoverability curve of the current model, in the background after its first picture
    // (seconds for a large vocabulary); the views get it in a fresh snapshot when it is ready.
    void startRecoverability();
    void recoverabilityFinished();
    // The head roles a large model's snapshot left out (SnapshotRequest::deferHeadRoles), filled in
    // after its first picture; a newer sentence cancels them.
    void startHeadRoles();
    void headRolesFinished();
    void cancelHeadRoles();
    // The census of the Heads view (setCensusCorpus).
    QString headsKey() const;  // what the census on screen must be of: model, corpus, method
    void startHeads(bool force = false);
    void headsFinished();
    SnapshotPtr withHeads(SnapshotPtr snapshot) const;  // the census attached when it is of this model

    SessionState state_;
    SnapshotPtr current_;
    // The newest result and what it was made with: the next job reuses its unchanged sentence.
    SnapshotPtr previous_;
    std::shared_ptr<const Model> previousModel_;
    bool previousShowRoles_ = true;
    std::shared_ptr<const Model> model_;
    std::shared_ptr<const DecoderModel> decoder_;  // the decoder on screen (model_ is null then)
    std::shared_ptr<const ModelFacts> facts_;
    QString modelSpecLoaded_;
    // Mean ablation's head means (over the window's corpus) for the loaded model, once computed.
    std::shared_ptr<const HeadMeans> means_;
    QString meansSpec_;
    QString errorA_, errorB_;
    quint64 generation_ = 0;
    quint64 modelEpoch_ = 0;
    quint64 handedOver_ = 0;  // generation of the last showSnapshot(): jobs up to it are dropped
    bool running_ = false;
    bool pending_ = false;
    QFutureWatcher<Job> watcher_;
    QFutureWatcher<RecoverabilityFacts> recoverabilityWatcher_;
    std::shared_ptr<const Model> recoverabilityModel_;   // the model the running (or last) curve is for
    std::shared_ptr<const Model> recoverabilityFailed_;  // the curve could not be computed for it
    std::shared_ptr<std::atomic<bool>> cancelRecoverability_;
    bool recoverabilityRunning_ = false;
    struct RolesJob {
        SnapshotPtr source;  // the snapshot the roles were computed for
        SnapshotPtr filled;  // it with the roles, or null when cancelled
    };
    QFutureWatcher<RolesJob> rolesWatcher_;
    std::shared_ptr<std::atomic<bool>> cancelRoles_;
    bool rolesRunning_ = false;
    struct HeadsJob {
        QString key;
        HeadsFacts facts;
    };
    QFutureWatcher<HeadsJob> headsWatcher_;
    QString censusCorpus_;
    HeadsFacts heads_;        // the last census finished
    QString headsDoneKey_;    // what it is of
    QString headsRunningKey_;
    QString headsStoppedKey_; // stopped by the user: not started again on its own
    bool headsRunning_ = false;
    std::shared_ptr<std::atomic<bool>> cancelHeads_;
    std::shared_ptr<std::atomic<int>> headsDone_, headsTotal_;
    QTimer* headsProgress_ = nullptr;
};

}  // namespace orderlens::app
