#include "snapshot.h"

#include "alignment.h"
#include "decomposition.h"
#include "errors.h"
#include "head_census.h"
#include "head_roles.h"
#include "decoder.h"
#include "model.h"
#include "pca.h"
#include "positional_encoding.h"
#include "recoverability.h"
#include "residual.h"
#include "surgery_experiment.h"
#include "threads.h"

#include <optional>
#include <numbers>
#include <algorithm>
#include <cmath>
#include <limits>

namespace orderlens {

namespace {


// Per head, layer-major: the mean attention of queries 1..T-1 on the first token (the attention
// sink of decoders; [CLS] for BERT).
std::vector<double> firstTokenShares(const Trace& trace)
{
    std::vector<double> out;
    for (const LayerTrace& layer : trace.layers)
        for (const Matrix& attention : layer.attention)
            out.push_back(patternStrength(attention, HeadPattern::FirstToken));
    return out;
}

int headRoleShuffles(const Model& model)
{
    return model.config().n_layers * model.config().n_heads > 32 ? 1 : 4;
}

SentenceSnapshot describe(const Model& model, std::shared_ptr<const Trace> trace, bool showRoles, bool deferRoles,
                          const HeadAblation* ablation)
{
    SentenceSnapshot s;
    s.trace = trace;
    for (const auto& token : trace->tokens) {
        s.tokens.push_back(token.text);
        s.roles.push_back(showRoles ? trace->predictedRole(static_cast<int>(s.roles.size())) : -1);
    }
    s.hasPositionRows = maxFiniteAbs(trace->position) > 0;
    s.firstTokenShare = firstTokenShares(*trace);
    if (model.config().n_layers > 0) {
        if (deferRoles)
            s.headRolesPending = true;
        else
            s.headRoles = headRoles(model, *trace, headRoleShuffles(model), 1, ablation);
    }
    if (trace->terms)
        for (int h = 0; h < model.config().n_heads; ++h)
            s.termShares.push_back(termShares(*trace->terms, h));
    for (const auto& layer : trace->ropeTerms)
        for (const RopeHeadTerms& head : layer)
            s.ropeShares.push_back(ropeShares(head));
    s.residual = residualStream(model, *trace);
    s.residualSummary = summariseResidual(s.residual);
    for (const auto& stage : s.residual) {
        std::vector<std::string> words;
        for (int id : stage.nearestWord)
            words.push_back(model.vocabulary().word(id));
        s.nearestWords.push_back(std::move(words));
    }
    return s;
}

bool sameTokens(const std::vector<Token>& x, const std::vector<Token>& y)
{
    return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const Token& p, const Token& q) {
        return p.id == q.id && p.position == q.position && p.type == q.type && p.text == q.text;
    });
}

}  // namespace

const HeadRole* SentenceSnapshot::headRole(int layer, int head) const
{
    for (const auto& role : headRoles)
        if (role.layer == layer && role.head == head)
            return &role;
    return nullptr;
}

std::vector<const SentenceSnapshot*> Snapshot::sentences() const
{
    std::vector<const SentenceSnapshot*> out{&a};
    if (b)
        out.push_back(&*b);
    return out;
}

std::pair<int, int> choosePcaPair(const Matrix& points, const std::vector<int>& distinct)
{
    const auto k = static_cast<int>(points.cols());
    const Eigen::Index n = points.rows();
    std::pair<int, int> best{0, 1};
    if (k < 3 || n < 2)
        return best;
    double bestScore = -1;
    for (int first = 0; first < k; ++first)
        for (int second = first + 1; second < k; ++second) {
            double spread = 0;
            for (Eigen::Index i = 0; i < n; ++i)
                spread += double(points(i, first)) * points(i, first) + double(points(i, second)) * points(i, second);
            const double radius = std::sqrt(spread / static_cast<double>(n));
            if (!(radius > 0))
                continue;
            double nearest = std::numeric_limits<double>::infinity();
            for (Eigen::Index i = 0; i < n; ++i)
                for (Eigen::Index j = i + 1; j < n; ++j) {
                    if (distinct[static_cast<size_t>(i)] == distinct[static_cast<size_t>(j)])
                        continue;
                    const double dx = double(points(i, first)) - points(j, first);
                    const double dy = double(points(i, second)) - points(j, second);
                    nearest = std::min(nearest, dx * dx + dy * dy);
                }
            if (!std::isfinite(nearest))
                return best;  // every point is one vector: nothing to keep apart
            const double score = std::sqrt(nearest) / radius;
            if (score > bestScore * (1 + 1e-9)) {
                bestScore = score;
                best = {first, second};
            }
        }
    return best;
}

Matrix cosineMatrix(const Matrix& m)
{
    Vector norms = m.rowwise().norm();
    Matrix out = m * m.transpose();
    for (Eigen::Index i = 0; i < out.rows(); ++i)
        for (Eigen::Index j = 0; j < out.cols(); ++j) {
            const float n = norms(i) * norms(j);
            out(i, j) = n > 1e-12f ? out(i, j) / n : 0.f;
        }
    return out;
}

std::vector<StageSummary> summariseResidual(const std::vector<ResidualStage>& stages)
{
    std::vector<StageSummary> out;
    for (const ResidualStage& stage : stages) {
        StageSummary s;
        s.name = stage.name;
        double word = 0, position = 0;
        int withPosition = 0;
        for (size_t t = 0; t < stage.cosineToWord.size(); ++t) {
            word += stage.cosineToWord[t];
            if (t < stage.cosineToPosition.size() && !std::isnan(stage.cosineToPosition[t])) {
                position += stage.cosineToPosition[t];
                ++withPosition;
            }
        }
        s.meanCosineToWord = word / static_cast<double>(std::max<size_t>(1, stage.cosineToWord.size()));
        s.meanCosineToPosition =
            withPosition > 0 ? position / withPosition : std::numeric_limits<double>::quiet_NaN();
        s.decodingAccuracy = stage.decodingAccuracy;
        out.push_back(s);
    }
    return out;
}

ModelFacts positionFacts(const Model& model)
{
    ModelFacts facts;
    const ModelConfig& c = model.config();
    PositionFacts& p = facts.positions;
    p.scheme = c.pe;
    const int shown = std::min(c.max_len, kPositionsShown);
    if (c.pe == PositionScheme::Sinusoidal || c.pe == PositionScheme::Learned) {
        p.table = model.positionTable().topRows(shown);
        p.similarity = cosineMatrix(p.table);
        const double extent = maxFiniteAbs(p.table);
        p.tableRange = extent > 0 ? extent : 1.0;
    } else if (c.pe == PositionScheme::Rope) {
        p.ropeAngles = ropeAngles(shown, c.headDim(), c.rope_base);
        p.ropeCosines = p.ropeAngles.array().cos().matrix();
        // Similarity of positions i and j as RoPE sees it: the mean cosine of the angle between them.
        p.similarity = Matrix(shown, shown);
        for (int i = 0; i < shown; ++i)
            for (int j = 0; j < shown; ++j)
                p.similarity(i, j) = (p.ropeAngles.row(i) - p.ropeAngles.row(j)).array().cos().mean();
    } else if (c.pe == PositionScheme::Alibi) {
        p.alibiSlopes = alibiSlopes(c.n_heads);
    }
    return facts;
}

RecoverabilityFacts recoverabilityFacts(const Model& model, const std::atomic<bool>* cancel)
{
    const ModelConfig& c = model.config();
    const int shown = std::min(c.max_len, kPositionsShown);
    auto cancelled = [cancel] { return cancel && cancel->load(); };
    RecoverabilityFacts r;
    r.vocab = c.vocab;
    r.length = shown;
    for (const int d : defaultRecoverabilityDims()) {  // one width at a time, so a cancel is heard
        if (cancelled())
            return {};
        const RecoverabilityPoint point = recoverabilityCurve(c.vocab, shown, {d}).front();
        r.dims.push_back(point.d);
        r.addWord.push_back(point.addWord);
        r.addPosition.push_back(point.addPosition);
        r.concatWord.push_back(point.concatWord);
        r.concatPosition.push_back(point.concatPosition);
    }
    const Matrix table = positionFacts(model).positions.table;  // empty for rope, alibi, none
    if (table.size() && table.cwiseAbs().maxCoeff() > 0 && !cancelled()) {
        // Nearest-row decoding by distance depends on how long the word rows are next to the
        // position rows: decode from the rows the forward pass really adds.
        const float scale = c.embedding_scale;
        const Matrix& stored = model.weights().wordTable;
        const DecodingAccuracy own = scale == 1.0f ? decodeAdded(stored, table) : decodeAdded(Matrix(scale * stored), table);
        r.hasCurrent = true;
        r.currentDim = c.d_model;
        r.currentAddWord = own.word;
        r.currentAddPosition = own.position;
    }
    r.ready = !cancelled();
    return r;
}

ModelFacts modelFacts(const Model& model)
{
    ModelFacts facts = positionFacts(model);
    facts.recoverability = recoverabilityFacts(model);
    return facts;
}

HeadsFacts headsFacts(const Model& model, const std::vector<std::string>& corpus, std::optional<AblationMethod> experiment,
                      const std::function<void(int, int)>& progress, const std::atomic<bool>* cancel)
{
    HeadsFacts facts;
    auto census = std::make_shared<HeadCensus>(
        headCensus(model, corpus.empty() ? defaultCensusCorpus() : corpus, progress, cancel));
    if (!census->cancelled && experiment && model.config().n_roles > 0)
        facts.experiment = std::make_shared<const SurgeryExperiment>(surgeryExperiment(model, *experiment));
    facts.census = std::move(census);
    facts.ready = true;
    return facts;
}

HeadsFacts headsFacts(const DecoderModel& model, const std::vector<std::string>& corpus,
                      const std::function<void(int, int)>& progress, const std::atomic<bool>* cancel)
{
    HeadsFacts facts;
    facts.census = std::make_shared<const HeadCensus>(
        headCensus(model, corpus.empty() ? defaultCensusCorpus() : corpus, progress, cancel));
    facts.ready = true;
    return facts;
}

namespace {
// Runs build() (which returns the snapshot) into result: an error becomes result.errorA, never a throw.
template <typename Build>
void buildGuarded(SnapshotResult& result, Build&& build)
{
    try {
        result.snapshot = build();
    } catch (const Error& e) {
        result.errorA = e;
    } catch (const std::exception& e) {
        result.errorA = inputError(std::string("the analysis failed: ") + e.what());
    }
}

// What every snapshot adds to its sentences' descriptions: the position facts, the PCA of the
// vectors drawn (A and B on shared axes) and the colour ranges shared by A and B.
void completeSnapshot(Snapshot& snapshot, const ModelFacts& facts, const Trace& traceA, const Trace* traceB)
{
    Snapshot* data = &snapshot;
    const ModelConfig& c = snapshot.config;
    data->positions = facts.positions;
    if (c.pe == PositionScheme::Alibi) {
        double extent = 0;
        for (int h = 0; h < c.n_heads; ++h) {
            data->positions.alibiBias.push_back(
                alibiBiasMatrix(traceA.length(), data->positions.alibiSlopes[static_cast<size_t>(h)], h));
            extent = std::max(extent, maxFiniteAbs(data->positions.alibiBias.back()));
        }
        data->positions.alibiRange = extent > 0 ? extent : 1.0;
    }
    data->recoverability = facts.recoverability;

    // PCA of every vector drawn (E, P, E + P of both sentences), so A and B share axes.
    std::vector<const Trace*> traces{&traceA};
    if (traceB)
        traces.push_back(traceB);
    Eigen::Index rows = 0;
    for (const Trace* t : traces)
        rows += 3 * t->length();
    Matrix points(rows, c.d_model);
    Eigen::Index at = 0;
    for (const Trace* t : traces) {
        points.middleRows(at, t->length()) = t->embedding;
        points.middleRows(at + t->length(), t->length()) = t->position;
        points.middleRows(at + 2 * t->length(), t->length()) = t->input;
        at += 3 * t->length();
    }
    const int k = std::min<int>({3, c.d_model, static_cast<int>(rows) - 1});
    if (k >= 1) {
        const PcaResult fit = pca(points, k);
        data->pcaComponents = k;
        for (int i = 0; i < k; ++i)
            data->pcaExplainedRatio.push_back(fit.totalVariance > 0 ? fit.explainedVariance(i) / fit.totalVariance
                                                                    : 0.0);
        for (SentenceSnapshot* s : {&data->a, data->b ? &*data->b : nullptr}) {
            if (!s)
                continue;
            s->pcaEmbedding = project(fit, s->trace->embedding);
            s->pcaPosition = project(fit, s->trace->position);
            s->pcaInput = project(fit, s->trace->input);
        }
        // The drawn points (E, P where the scheme adds one, E + P), each d-space vector once.
        const bool positionsDrawn = data->a.hasPositionRows || (data->b && data->b->hasPositionRows);
        std::map<std::vector<float>, int> ids;
        std::vector<int> distinct;
        std::vector<Eigen::Index> drawn;
        Eigen::Index start = 0;
        for (const Trace* t : traces) {
            for (Eigen::Index local = 0; local < 3 * t->length(); ++local) {
                const bool isPosition = local >= t->length() && local < 2 * t->length();
                if (isPosition && !positionsDrawn)
                    continue;
                const Eigen::Index r = start + local;
                std::vector<float> key(static_cast<size_t>(c.d_model));
                for (int col = 0; col < c.d_model; ++col)
                    key[static_cast<size_t>(col)] = points(r, col);
                distinct.push_back(ids.emplace(std::move(key), static_cast<int>(ids.size())).first->second);
                drawn.push_back(r);
            }
            start += 3 * t->length();
        }
        if (k >= 3 && drawn.size() <= 4096) {
            const Matrix coordinates = project(fit, points(drawn, Eigen::all));
            const auto [first, second] = choosePcaPair(coordinates, distinct);
            data->pcaDefaultFirst = first;
            data->pcaDefaultSecond = second;
        }
    }

    // Colour ranges shared by A and B.
    double vectors = 0, logits = 0;
    for (const Trace* t : traces) {
        vectors = std::max({vectors, maxFiniteAbs(t->embedding), maxFiniteAbs(t->position), maxFiniteAbs(t->input)});
        if (t->terms)
            for (int h = 0; h < c.n_heads; ++h)
                for (const auto* term : {&t->terms->ee, &t->terms->ep, &t->terms->pe, &t->terms->pp,
                                         &t->terms->bias})
                    logits = std::max(logits, maxFiniteAbs((*term)[static_cast<size_t>(h)]));
        if (!t->layers.empty())
            for (const auto& m : t->layers.front().logits)
                logits = std::max(logits, maxFiniteAbs(m));
    }
    data->vectorRange = vectors > 0 ? vectors : 1.0;
    data->logitRange = logits > 0 ? logits : 1.0;
    data->differenceRange = std::max(0.05, data->difference ? data->difference->maxAbsAttention : 0.0);
}
}  // namespace

SnapshotResult analyse(const Model& model, const ModelFacts& facts, const SnapshotRequest& request)
{
    // Small models: every product serial (ablation traces, PCA, residual decoding); handing
    // tiny products to OpenMP threads costs far more than it saves on a busy machine.
    const SerialEigen serial(model.config().d_model < 256);
    SnapshotResult result;
    const HeadAblation* ablation = request.ablation && request.ablation->active() ? request.ablation.get() : nullptr;
    const HeadSurgery surgery = ablation ? ablation->surgery : HeadSurgery{};
    // A sentence the previous snapshot already describes (same tokens, same heads off), or null.
    auto described = [&](const std::vector<Token>& tokens) -> const SentenceSnapshot* {
        if (!request.previous || !(request.previous->surgery == surgery))
            return nullptr;
        for (const SentenceSnapshot* s : request.previous->sentences())
            if (sameTokens(s->trace->tokens, tokens))
                return s;
        return nullptr;
    };
    std::shared_ptr<const Trace> traceA, traceB;
    const SentenceSnapshot* knownA = nullptr;
    const SentenceSnapshot* knownB = nullptr;
    try {
        std::vector<Token> tokens = model.checkedTokens(request.sentenceA);
        knownA = described(tokens);
        traceA = knownA ? knownA->trace : std::make_shared<const Trace>(model.trace(std::move(tokens), ablation));
    } catch (const Error& e) {
        result.errorA = e;
        return result;
    }
    if (request.compare) {
        try {
            std::vector<Token> tokens = model.checkedTokens(request.sentenceB);
            knownB = described(tokens);
            traceB = knownB ? knownB->trace : std::make_shared<const Trace>(model.trace(std::move(tokens), ablation));
        } catch (const Error& e) {
            result.errorB = e;
        }
    }
    buildGuarded(result, [&]() -> SnapshotPtr {
        auto data = std::make_shared<Snapshot>();
        const ModelConfig& c = model.config();
        data->modelId = model.id();
        data->config = c;
        data->handmade = model.id() == "handmade";
        data->surgery = surgery;
        if (ablation)
            data->ablation = request.ablation;
        // A and B are independent: one thread each when threads are allowed (large models).
        SentenceSnapshot b;
        const int fresh = (knownA ? 0 : 1) + (traceB && !knownB ? 1 : 0);
        if (knownA)
            data->a = *knownA;
        if (knownB)
            b = *knownB;
        parallelFor(fresh, true, [&](int i) {
            if (i == 0 && !knownA)
                data->a = describe(model, traceA, request.showRoles, request.deferHeadRoles, ablation);
            else
                b = describe(model, traceB, request.showRoles, request.deferHeadRoles, ablation);
        });
        if (traceB) {
            data->b = std::move(b);
            data->difference = alignedDifference(*traceA, *traceB);
        }
        if (request.mergeWords) {
            // Always made anew: a sentence taken from the previous snapshot may have the same
            // tokens and other spaces ("猫 追 老鼠" after "猫追老鼠"), so other words.
            data->a.words = std::make_shared<const WordLevel>(wordLevel(*traceA, request.sentenceA));
            if (data->b)
                data->b->words = std::make_shared<const WordLevel>(wordLevel(*traceB, request.sentenceB));
            if (data->b)
                data->wordDifference = wordDifference(*data->a.words, *data->b->words);
            data->wordDifferenceRange = std::max(0.05, data->wordDifference ? data->wordDifference->maxAbsAttention : 0.0);
        } else {
            data->a.words.reset();
            if (data->b)
                data->b->words.reset();
        }
        completeSnapshot(*data, facts, *traceA, traceB.get());
        return data;
    });
    return result;
}

SnapshotPtr fillHeadRoles(const Model& model, const Snapshot& snapshot, const std::atomic<bool>* cancel)
{
    auto data = std::make_shared<Snapshot>(snapshot);
    std::vector<SentenceSnapshot*> pending;
    for (SentenceSnapshot* s : {&data->a, data->b ? &*data->b : nullptr})
        if (s && s->headRolesPending && s->trace)
            pending.push_back(s);
    parallelFor(static_cast<int>(pending.size()), true, [&](int i) {
        if (cancel && cancel->load())
            return;
        SentenceSnapshot& s = *pending[static_cast<size_t>(i)];
        s.headRoles = headRoles(model, *s.trace, headRoleShuffles(model), 1, data->ablation.get());
        s.headRolesPending = false;
    });
    if (cancel && cancel->load())
        return nullptr;
    return data;
}

bool headRolesAreSlow(const Model& model)
{
    return model.config().n_layers * model.config().n_heads > 32;
}

bool headRolesAreSlow(const DecoderModel& model)
{
    return model.config().n_layers * model.config().n_heads > 32;
}

SnapshotPtr fillHeadRoles(const DecoderModel& model, const Snapshot& snapshot, const std::atomic<bool>* cancel)
{
    auto data = std::make_shared<Snapshot>(snapshot);
    for (SentenceSnapshot* s : {&data->a, data->b ? &*data->b : nullptr}) {
        if (cancel && cancel->load())
            return nullptr;
        if (s && s->headRolesPending && s->trace) {
            s->headRoles = headRoles(model, *s->trace, s->ropeShares, headRolesAreSlow(model) ? 1 : 4, 1,
                                     data->ablation.get());
            s->headRolesPending = false;
        }
    }
    if (cancel && cancel->load())
        return nullptr;
    return data;
}

ModelFacts positionFacts(const DecoderModel& model)
{
    ModelFacts facts;
    const DecoderConfig& c = model.config();
    PositionFacts& p = facts.positions;
    p.scheme = c.rotary() ? PositionScheme::Rope : PositionScheme::Learned;
    if (!c.rotary()) {
        const int shown = std::min<int>(static_cast<int>(model.weights().positionTable.rows()), kPositionsShown);
        p.table = model.weights().positionTable.topRows(shown);
        p.similarity = cosineMatrix(p.table);
        const double extent = maxFiniteAbs(p.table);
        p.tableRange = extent > 0 ? extent : 1.0;
        return facts;
    }
    const int shown = kPositionsShown;
    const DecoderConfig::Frequencies frequencies = c.ropeFrequencies(shown);
    const std::vector<double> unscaled = c.unscaledFrequencies();
    const auto pairs = static_cast<Eigen::Index>(frequencies.inverse.size());
    p.ropeAngles = Matrix(shown, pairs);
    for (int position = 0; position < shown; ++position)
        for (Eigen::Index i = 0; i < pairs; ++i)
            p.ropeAngles(position, i) = static_cast<float>(position * frequencies.inverse[static_cast<size_t>(i)]);
    p.ropeCosines = p.ropeAngles.array().cos().matrix();
    p.similarity = Matrix(shown, shown);
    for (int i = 0; i < shown; ++i)
        for (int j = 0; j < shown; ++j)
            p.similarity(i, j) = (p.ropeAngles.row(i) - p.ropeAngles.row(j)).array().cos().mean();
    for (size_t i = 0; i < frequencies.inverse.size(); ++i) {
        p.ropeWavelengths.push_back(2 * std::numbers::pi / frequencies.inverse[i]);
        p.ropeUnscaledWavelengths.push_back(i < unscaled.size() ? 2 * std::numbers::pi / unscaled[i] : 0.0);
    }
    return facts;
}

SnapshotResult analyse(const DecoderModel& model, const ModelFacts& facts, const SnapshotRequest& request)
{
    const SerialEigen serial(model.config().d_model < 256);
    SnapshotResult result;
    const HeadAblation* ablation = request.ablation && request.ablation->active() ? request.ablation.get() : nullptr;
    const HeadSurgery surgery = ablation ? ablation->surgery : HeadSurgery{};
    // A sentence the previous snapshot holds (the same ids and texts, the same heads off), or null.
    auto described = [&](const HfEncoding& encoding) -> const SentenceSnapshot* {
        if (!request.previous || !(request.previous->surgery == surgery))
            return nullptr;
        const std::vector<int> ids = encoding.ids();
        for (const SentenceSnapshot* s : request.previous->sentences()) {
            const std::vector<Token>& tokens = s->trace->tokens;
            bool same = tokens.size() == ids.size() && !s->nextTokens.empty();
            for (size_t i = 0; same && i < ids.size(); ++i)
                same = tokens[i].id == ids[i] &&
                       (i >= encoding.readings.size() || tokens[i].text == encoding.readings[i].text);
            if (same)
                return s;
        }
        return nullptr;
    };
    auto describeSentence = [&](const HfEncoding& encoding) {
        DecoderTrace trace = model.forward(encoding, 5, ablation);
        if (ropeTermsAreSmall(model.config(), trace.trace.length()))
            trace.trace.ropeTerms = decoderRopeTerms(model, trace);
        SentenceSnapshot s;
        auto shared = std::make_shared<const Trace>(std::move(trace.trace));
        s.trace = shared;
        for (const Token& token : shared->tokens) {
            s.tokens.push_back(token.text);
            s.roles.push_back(-1);
        }
        s.hasPositionRows = maxFiniteAbs(shared->position) > 0;
        s.firstTokenShare = firstTokenShares(*shared);
        for (const auto& layer : shared->ropeTerms)
            for (const RopeHeadTerms& head : layer)
                s.ropeShares.push_back(ropeShares(head));
        // Head kinds: RoPE's exact shares where they are kept, else the shuffles (one of each
        // kind for big models, as for encoders; after the first picture when asked).
        const bool exact = s.ropeShares.size() == size_t(model.config().n_layers) * size_t(model.config().n_heads);
        if (!exact && request.deferHeadRoles)
            s.headRolesPending = true;
        else
            s.headRoles = headRoles(model, *shared, s.ropeShares, headRolesAreSlow(model) ? 1 : 4, 1, ablation);
        s.nextTokens = std::move(trace.nextTokens);
        return s;
    };
    std::optional<HfEncoding> encodingA, encodingB;
    try {
        encodingA = model.encode(request.sentenceA);
    } catch (const Error& e) {
        result.errorA = e;
        return result;
    }
    if (request.compare) {
        try {
            encodingB = model.encode(request.sentenceB);
        } catch (const Error& e) {
            result.errorB = e;
        }
    }
    buildGuarded(result, [&]() -> SnapshotPtr {
        auto data = std::make_shared<Snapshot>();
        data->modelId = model.id();
        data->config = model.traceConfig();
        data->surgery = surgery;
        if (ablation)
            data->ablation = request.ablation;
        const SentenceSnapshot* knownA = described(*encodingA);
        const SentenceSnapshot* knownB = encodingB ? described(*encodingB) : nullptr;
        data->a = knownA ? *knownA : describeSentence(*encodingA);
        if (encodingB) {
            data->b = knownB ? *knownB : describeSentence(*encodingB);
            data->difference = alignedDifference(*data->a.trace, *data->b->trace);
            if (data->difference) {
                // A cell is data only where the query sees the key in A and in B.
                AlignedDifference& d = *data->difference;
                const std::vector<int>& at = d.bIndexOfA;
                const auto T = static_cast<Eigen::Index>(at.size());
                const float nan = std::numeric_limits<float>::quiet_NaN();
                d.maxAbsAttention = 0;
                for (auto* maps : {&d.attention, &d.logits})
                    for (auto& layer : *maps)
                        for (Matrix& m : layer)
                            for (Eigen::Index q = 0; q < T; ++q)
                                for (Eigen::Index k = 0; k < T; ++k)
                                    if (k > q || at[static_cast<size_t>(k)] > at[static_cast<size_t>(q)] ||
                                        !std::isfinite(m(q, k)))
                                        m(q, k) = nan;
                for (const auto& layer : d.attention)
                    for (const Matrix& m : layer)
                        d.maxAbsAttention = std::max(d.maxAbsAttention, maxFiniteAbs(m));
            }
        }
        completeSnapshot(*data, facts, *data->a.trace, data->b ? data->b->trace.get() : nullptr);
        return data;
    });
    return result;
}

std::shared_ptr<const Model> buildHandmadeModel(const HandmadeTables& tables)
{
    const Model base = Model::handmade();
    const int d = tables.dimension == 2 ? 2 : 3;
    ModelConfig config = base.config();
    config.d_model = d;
    config.d_ff = d;
    ModelWeights weights;
    tensorSlots(weights, config);
    weights.wordTable = base.weights().wordTable.leftCols(d);
    weights.positionTable = base.weights().positionTable.leftCols(d);
    const Vocabulary& vocabulary = base.vocabulary();
    for (const auto& [word, row] : tables.words) {
        const int id = vocabulary.id(word);
        if (id < 0)
            continue;
        for (int col = 0; col < d && col < static_cast<int>(row.size()); ++col)
            weights.wordTable(id, col) = static_cast<float>(row[static_cast<size_t>(col)]);
    }
    for (const auto& [position, row] : tables.positions) {
        if (position < 0 || position >= config.max_len)
            continue;
        for (int col = 0; col < d && col < static_cast<int>(row.size()); ++col)
            weights.positionTable(position, col) = static_cast<float>(row[static_cast<size_t>(col)]);
    }
    return std::make_shared<const Model>("handmade", config, std::make_shared<const Vocabulary>(vocabulary),
                                         std::move(weights));
}

}  // namespace orderlens
