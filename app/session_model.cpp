#include "session_model.h"

#include "error_text.h"
#include "errors.h"
#include "head_census.h"
#include "model_catalog.h"
#include "surgery_experiment.h"
#include "threads.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QEventLoop>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace orderlens::app {

namespace {
// Mean ablation in the window: means over the showcase and this many held-out sentences.
constexpr int kWindowCorpusHeldOut = 60;
}  // namespace

SessionModel::SessionModel(QObject* parent) : QObject(parent)
{
    connect(&watcher_, &QFutureWatcher<Job>::finished, this, &SessionModel::finished);
    connect(&recoverabilityWatcher_, &QFutureWatcher<RecoverabilityFacts>::finished, this,
            &SessionModel::recoverabilityFinished);
    connect(&rolesWatcher_, &QFutureWatcher<RolesJob>::finished, this, &SessionModel::headRolesFinished);
    connect(&headsWatcher_, &QFutureWatcher<HeadsJob>::finished, this, &SessionModel::headsFinished);
    headsProgress_ = new QTimer(this);
    headsProgress_->setInterval(200);
    connect(headsProgress_, &QTimer::timeout, this, [this] {
        if (headsRunning_ && headsTotal_)
            emit censusProgress(headsDone_->load(), std::max(1, headsTotal_->load()));
    });
}

SessionModel::~SessionModel()
{
    if (cancelRecoverability_)
        cancelRecoverability_->store(true);
    cancelHeadRoles();
    if (cancelHeads_)
        cancelHeads_->store(true);
    watcher_.waitForFinished();
    recoverabilityWatcher_.waitForFinished();
    rolesWatcher_.waitForFinished();
    headsWatcher_.waitForFinished();
}

QString SessionModel::modelSpec() const { return state_.modelSpec.isEmpty() ? defaultModelSpec() : state_.modelSpec; }

void SessionModel::setSentenceA(const QString& text)
{
    if (text == state_.sentenceA)
        return;
    state_.sentenceA = text;
    schedule();  // the worker starts first; the window follows the state meanwhile
    emit stateChanged();
}

void SessionModel::setSentenceB(const QString& text)
{
    if (text == state_.sentenceB)
        return;
    state_.sentenceB = text;
    schedule();  // the worker starts first; the window follows the state meanwhile
    emit stateChanged();
}

void SessionModel::setCompare(bool on)
{
    if (on == state_.compare)
        return;
    state_.compare = on;
    emit stateChanged();
    schedule();
}

void SessionModel::setModelSpec(const QString& spec)
{
    if (spec == state_.modelSpec && !spec.isEmpty())
        return;
    state_.modelSpec = spec;
    emit stateChanged();
    schedule();
}

void SessionModel::reopenModel()
{
    if (state_.modelSpec.isEmpty() || !isDecoderFolder(state_.modelSpec))
        return;  // only decoders change with the arithmetic
    // The next job opens the folder again; a job running now keeps its model to itself (its epoch
    // is old), and the model open now is let go before the new one is read.
    ++modelEpoch_;
    modelSpecLoaded_.clear();
    decoder_.reset();
    schedule();
}

void SessionModel::setView(const QString& key)
{
    widgets::Selection next = state_.selection;
    next.view = key.toStdString();
    setSelection(next);
}

void SessionModel::setSelection(const widgets::Selection& selection)
{
    if (selection == state_.selection)
        return;
    const bool tracesChange = !(selection.surgery == state_.selection.surgery) ||
                                selection.mergeWords != state_.selection.mergeWords;  // the words are made with the traces
    state_.selection = selection;
    emit selectionChanged(state_.selection);
    emit stateChanged();
    if (tracesChange)
        schedule();  // other heads off: every trace changes
    startHeads();    // the Heads view came to the front, or the experiment's method changed
}

void SessionModel::showSnapshot(std::shared_ptr<const Model> model, const SessionState& state, SnapshotPtr snapshot)
{
    watcher_.waitForFinished();  // its finished() comes later and is dropped (handedOver_)
    ++modelEpoch_;
    handedOver_ = ++generation_;
    pending_ = false;
    model_ = std::move(model);
    decoder_.reset();
    auto facts = std::make_shared<ModelFacts>();
    if (snapshot) {
        facts->positions = snapshot->positions;
        facts->positions.alibiBias.clear();  // per sentence, not per model
        facts->recoverability = snapshot->recoverability;
    }
    facts_ = facts;
    previousShowRoles_ = showsRoles(state.modelSpec);
    modelSpecLoaded_ = state.modelSpec;
    state_ = state;
    current_ = std::move(snapshot);
    previous_ = current_;
    previousModel_ = model_;
    errorA_.clear();
    errorB_.clear();
    emit stateChanged();
    emit selectionChanged(state_.selection);
    emit errorsChanged(errorA_, errorB_);
    if (current_)
        emit dataChanged(current_);
}

void SessionModel::swapSentences()
{
    std::swap(state_.sentenceA, state_.sentenceB);
    emit stateChanged();
    schedule();
}

void SessionModel::setState(const SessionState& state)
{
    const bool selectionChanges = !(state.selection == state_.selection);
    state_ = state;
    if (selectionChanges)
        emit selectionChanged(state_.selection);
    emit stateChanged();
    schedule();
}

void SessionModel::useModel(std::shared_ptr<const Model> model, const QString& spec)
{
    watcher_.waitForFinished();
    ++modelEpoch_;  // the job that was running must not bring its own model back
    model_ = std::move(model);
    decoder_.reset();
    facts_.reset();
    modelSpecLoaded_ = spec;
    state_.modelSpec = spec;
    emit stateChanged();
    schedule();
}

void SessionModel::setHandmadeWord(const QString& word, const QVector<double>& row)
{
    state_.handmade.words[word.toStdString()] = std::vector<double>(row.begin(), row.end());
    emit stateChanged();
    schedule();
}

void SessionModel::setHandmadePosition(int position, const QVector<double>& row)
{
    state_.handmade.positions[position] = std::vector<double>(row.begin(), row.end());
    emit stateChanged();
    schedule();
}

void SessionModel::setHandmadeDimension(int dimension)
{
    if (dimension == state_.handmade.dimension)
        return;
    state_.handmade.dimension = dimension;
    emit stateChanged();
    schedule();
}

void SessionModel::schedule()
{
    ++generation_;
    if (running_) {
        pending_ = true;  // the running job's result will be dropped; this request follows it
        return;
    }
    start();
}

void SessionModel::start()
{
    cancelHeadRoles();  // a newer sentence: the roles of the one on screen are stale
    pending_ = false;
    running_ = true;
    emit busyChanged(true);
    const QString spec = modelSpec();
    const bool handmade = spec == QLatin1String("handmade");
    Job job;
    job.generation = generation_;
    job.modelEpoch = modelEpoch_;
    job.spec = spec;
    if (!handmade && spec == modelSpecLoaded_) {
        job.model = model_;
        job.decoder = decoder_;
        job.facts = facts_;
    }
    SnapshotRequest request;
    request.sentenceA = state_.sentenceA.toStdString();
    request.sentenceB = state_.sentenceB.toStdString();
    request.compare = state_.compare;
    request.showRoles = showsRoles(spec);
    request.mergeWords = state_.selection.mergeWords;
    job.showRoles = request.showRoles;
    if (job.model && job.model == previousModel_ && request.showRoles == previousShowRoles_)
        request.previous = previous_;
    if (job.decoder && previous_ && previous_->modelId == job.decoder->id())
        request.previous = previous_;
    const HandmadeTables tables = state_.handmade;
    const HeadSurgery surgery = state_.selection.surgery;
    if (!handmade && spec == meansSpec_)
        job.means = means_;
    watcher_.setFuture(QtConcurrent::run([job, request, handmade, tables, surgery]() mutable {
        try {
            if (handmade)
                job.model = buildHandmadeModel(tables);
            else if (!job.model && !job.decoder && isDecoderFolder(job.spec))
                job.decoder = DecoderModel::open(job.spec.toStdString());
            else if (!job.model && !job.decoder)
                job.model = loadModel(job.spec);
            if (!job.facts)
                job.facts = std::make_shared<const ModelFacts>(job.decoder ? positionFacts(*job.decoder)
                                                                           : positionFacts(*job.model));
        } catch (const std::exception& e) {
            job.model.reset();
            job.decoder.reset();
            job.modelError = userMessage(e);
            return job;
        }
        // Head surgery: the heads the model has (a session may name another model's), and for
        // mean ablation the means over the window's corpus, computed once per model.
        if (!surgery.empty()) {
            const ModelConfig c = job.decoder ? job.decoder->traceConfig() : job.model->config();
            auto ablation = std::make_shared<HeadAblation>();
            ablation->surgery.method = surgery.method;
            for (const HeadId& h : surgery.heads)
                if (h.layer < c.n_layers && h.head < c.n_heads)
                    ablation->surgery.heads.push_back(h);
            if (ablation->active() && surgery.method == AblationMethod::Mean) {
                try {
                    if (!job.means) {
                        const std::vector<std::string> corpus = defaultCensusCorpus(kWindowCorpusHeldOut);
                        job.means = std::make_shared<const HeadMeans>(job.decoder ? headMeans(*job.decoder, corpus)
                                                                                  : headMeans(*job.model, corpus));
                    }
                    ablation->means = *job.means;
                } catch (const Error&) {
                    ablation->surgery.method = AblationMethod::Zero;  // the corpus does not fit the model
                }
            }
            request.ablation = std::move(ablation);
        }
        // A large model's head roles come after the first picture (startHeadRoles).
        request.deferHeadRoles = job.model ? headRolesAreSlow(*job.model) : job.decoder && headRolesAreSlow(*job.decoder);
        job.result = job.decoder ? analyse(*job.decoder, *job.facts, request) : analyse(*job.model, *job.facts, request);
        return job;
    }));
}

void SessionModel::finished()
{
    Job job = watcher_.result();
    running_ = false;
    if (job.generation <= handedOver_) {  // a job from before showSnapshot(): its result is not wanted
        if (pending_)
            start();  // a change made after the handover
        else
            emit busyChanged(false);
        return;
    }
    if (job.result.snapshot && (job.model || job.decoder)) {
        previous_ = job.result.snapshot;
        previousModel_ = job.model;
        previousShowRoles_ = job.showRoles;
    }
    if ((job.model || job.decoder) && job.modelEpoch == modelEpoch_) {
        // The recoverability curve may have arrived while this job ran with the facts before it.
        const bool keepCurve = job.model && job.model == model_ && facts_ && facts_->recoverability.ready;
        model_ = job.model;
        decoder_ = job.decoder;
        if (!keepCurve)
            facts_ = job.facts;
        modelSpecLoaded_ = job.spec;
        if (job.means) {
            means_ = job.means;
            meansSpec_ = job.spec;
        } else if (meansSpec_ != job.spec) {
            means_.reset();
            meansSpec_.clear();
        }
        if (job.result.snapshot && facts_->recoverability.ready && !job.result.snapshot->recoverability.ready) {
            auto data = std::make_shared<Snapshot>(*job.result.snapshot);
            data->recoverability = facts_->recoverability;
            job.result.snapshot = data;
        }
    }
    if (job.generation == generation_) {
        if (!job.modelError.isEmpty()) {
            // The pictures stay those of the model that loaded last, so the session names it
            // again (the chooser must not show a model that is not on screen).
            const bool revert = (model_ || decoder_) && !modelSpecLoaded_.isEmpty() && modelSpecLoaded_ != job.spec;
            if (revert)
                state_.modelSpec = modelSpecLoaded_;
            emit modelFailed(tr("Model %1 could not be loaded: %2").arg(job.spec, job.modelError));
            if (revert)
                emit stateChanged();
        } else {
            errorA_ = job.result.errorA ? userMessage(*job.result.errorA) : QString();
            errorB_ = job.result.errorB ? userMessage(*job.result.errorB) : QString();
            emit errorsChanged(errorA_, errorB_);
            if (job.result.snapshot) {
                current_ = withHeads(job.result.snapshot);
                emit dataChanged(current_);
            }
        }
    }
    if (model_ && facts_ && !facts_->recoverability.ready)
        startRecoverability();
    startHeads();
    if (pending_ || job.generation != generation_)
        start();
    else {
        startHeadRoles();
        emit busyChanged(rolesRunning_);
    }
}

void SessionModel::cancelHeadRoles()
{
    if (cancelRoles_)
        cancelRoles_->store(true);
}

void SessionModel::startHeadRoles()
{
    const bool encoder = model_ && current_ && current_->modelId == model_->id();
    const bool decoder = decoder_ && current_ && current_->modelId == decoder_->id();
    if (rolesRunning_ || !(encoder || decoder) ||
        !(current_->a.headRolesPending || (current_->b && current_->b->headRolesPending)))
        return;
    rolesRunning_ = true;
    cancelRoles_ = std::make_shared<std::atomic<bool>>(false);
    rolesWatcher_.setFuture(QtConcurrent::run([model = encoder ? model_ : nullptr, decoder = encoder ? nullptr : decoder_,
                                               source = current_, cancel = cancelRoles_] {
        RolesJob job{source, nullptr};
        try {
            job.filled = model ? fillHeadRoles(*model, *source, cancel.get()) : fillHeadRoles(*decoder, *source, cancel.get());
        } catch (const std::exception&) {  // e.g. out of memory: the badges stay away, nothing else
        }
        return job;
    }));
}

void SessionModel::headRolesFinished()
{
    rolesRunning_ = false;
    const RolesJob job = rolesWatcher_.result();
    if (job.filled && job.source == current_) {
        if (previous_ == current_)
            previous_ = job.filled;  // the next keystroke reuses the unchanged sentence with its roles
        current_ = withHeads(job.filled);
        emit dataChanged(current_);
    }
    if (!running_) {
        startHeadRoles();  // the snapshot on screen may be newer than the one just finished
        emit busyChanged(rolesRunning_);
    }
}

void SessionModel::startRecoverability()
{
    if (model_ == recoverabilityFailed_)
        return;  // it failed for this model; the view keeps saying it is not available
    if (recoverabilityRunning_) {
        if (recoverabilityModel_ != model_)  // for an older model: stop it; its end starts this one
            cancelRecoverability_->store(true);
        return;
    }
    recoverabilityRunning_ = true;
    recoverabilityModel_ = model_;
    cancelRecoverability_ = std::make_shared<std::atomic<bool>>(false);
    recoverabilityWatcher_.setFuture(QtConcurrent::run([model = model_, cancel = cancelRecoverability_] {
        // One thread: the other core stays free for the traces of what the user types.
        const SerialEigen serial;
        try {
            return recoverabilityFacts(*model, cancel.get());
        } catch (const std::exception&) {  // e.g. out of memory: the curve is left out, nothing else
            RecoverabilityFacts failed;
            failed.failed = true;
            return failed;
        }
    }));
}

void SessionModel::recoverabilityFinished()
{
    recoverabilityRunning_ = false;
    const RecoverabilityFacts curve = recoverabilityWatcher_.result();
    if (curve.failed)
        recoverabilityFailed_ = recoverabilityModel_;
    if ((curve.ready || curve.failed) && recoverabilityModel_ == model_ && facts_) {
        auto facts = std::make_shared<ModelFacts>(*facts_);
        facts->recoverability = curve;
        facts_ = facts;
        if (current_ && current_->modelId == model_->id()) {
            auto data = std::make_shared<Snapshot>(*current_);
            data->recoverability = curve;
            current_ = data;
            emit dataChanged(current_);
        }
    }
    if (model_ && facts_ && !facts_->recoverability.ready)
        startRecoverability();
}

bool SessionModel::waitForIdle(int timeoutMs, bool withRecoverability)
{
    QElapsedTimer timer;
    timer.start();
    while (running_ || pending_ || rolesRunning_ || headsRunning_ || (withRecoverability && recoverabilityRunning_)) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        connect(this, &SessionModel::busyChanged, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

void SessionModel::setCensusCorpus(const QString& path)
{
    if (path == censusCorpus_)
        return;
    censusCorpus_ = path;
    startHeads(true);
}

void SessionModel::runCensus() { startHeads(true); }

void SessionModel::stopCensus()
{
    if (!headsRunning_)
        return;
    headsStoppedKey_ = headsRunningKey_;
    cancelHeads_->store(true);  // the census returns what it counted (HeadCensus::cancelled)
}

QString SessionModel::headsKey() const
{
    if (!model_ && !decoder_)
        return {};
    QString key = modelSpecLoaded_ + QLatin1Char('\n') + censusCorpus_;
    if (model_ && model_->config().n_roles > 0 && showsRoles(modelSpecLoaded_))  // the experiment's method
        key += QLatin1Char('\n') + QString::fromStdString(toString(state_.selection.surgery.method));
    return key;
}

void SessionModel::startHeads(bool force)
{
    const QString key = headsKey();
    if (key.isEmpty() || state_.selection.view != "heads")
        return;
    if (headsRunning_) {
        if (headsRunningKey_ != key)  // for an older model or corpus: stop it; its end starts this one
            cancelHeads_->store(true);
        return;
    }
    if (!force && (key == headsDoneKey_ || key == headsStoppedKey_))
        return;
    if (force)
        headsStoppedKey_.clear();
    headsRunning_ = true;
    headsRunningKey_ = key;
    cancelHeads_ = std::make_shared<std::atomic<bool>>(false);
    headsDone_ = std::make_shared<std::atomic<int>>(0);
    headsTotal_ = std::make_shared<std::atomic<int>>(0);
    headsProgress_->start();
    emit busyChanged(true);
    emit censusProgress(0, 1);
    const std::optional<AblationMethod> method =
        showsRoles(modelSpecLoaded_) ? std::optional(state_.selection.surgery.method) : std::nullopt;
    headsWatcher_.setFuture(QtConcurrent::run([key, model = model_, decoder = decoder_, path = censusCorpus_, method,
                                               cancel = cancelHeads_, done = headsDone_, total = headsTotal_] {
        HeadsJob job;
        job.key = key;
        // One thread: the other core stays free for the traces of what the user types.
        const SerialEigen serial;
        const auto progress = [&](int d, int t) {
            done->store(d);
            total->store(t);
        };
        try {
            std::vector<std::string> corpus;
            if (!path.isEmpty())
                corpus = readCorpusFile(QFile::encodeName(path).toStdString());
            job.facts = model ? headsFacts(*model, corpus, method, progress, cancel.get())
                              : headsFacts(*decoder, corpus, progress, cancel.get());
            job.facts.corpus = path.isEmpty() ? std::string() : QFileInfo(path).fileName().toStdString();
        } catch (const std::exception& e) {  // a corpus the model cannot read, out of memory
            job.facts = HeadsFacts();
            job.facts.error = userMessage(e).toStdString();
            job.facts.corpus = path.toStdString();
        }
        return job;
    }));
}

void SessionModel::headsFinished()
{
    headsRunning_ = false;
    headsProgress_->stop();
    emit censusProgress(0, 0);
    HeadsJob job = headsWatcher_.result();
    const bool stale = job.key != headsKey();
    if (!stale || job.key == headsStoppedKey_) {
        heads_ = std::move(job.facts);
        headsDoneKey_ = job.key;
    }
    if (!stale && current_) {
        current_ = withHeads(current_);
        emit dataChanged(current_);
    }
    startHeads();  // the model or corpus changed while it ran
    if (!headsRunning_)
        emit busyChanged(running_ || rolesRunning_);
}

SnapshotPtr SessionModel::withHeads(SnapshotPtr snapshot) const
{
    if (!snapshot || headsDoneKey_.isEmpty() || headsDoneKey_ != headsKey() ||
        (snapshot->heads.census == heads_.census && snapshot->heads.error == heads_.error && snapshot->heads.ready == heads_.ready))
        return snapshot;
    auto data = std::make_shared<Snapshot>(*snapshot);
    data->heads = heads_;
    return data;
}

}  // namespace orderlens::app
