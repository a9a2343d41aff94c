#include "analysis.h"

#include "alignment.h"
#include "decomposition.h"
#include "errors.h"
#include "head_roles.h"
#include "pca.h"
#include "positional_encoding.h"
#include "recoverability.h"
#include "residual.h"
#include "roles.h"
#include "threads.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace orderlens::app {

namespace {

QString trAnalysis(const char* text) { return QCoreApplication::translate("orderlens::app::Analysis", text); }

constexpr int kPositionsShown = 48;  // rows of the position table the views draw

// (n, n) cosine similarity of the rows of m; 0 where a row is zero.
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

widgets::SentenceData describe(const Model& model, std::shared_ptr<const Trace> trace, bool showRoles)
{
    widgets::SentenceData s;
    s.trace = trace;
    for (const auto& token : trace->tokens) {
        s.tokens << QString::fromStdString(token.text);
        s.roles.push_back(showRoles ? trace->predictedRole(static_cast<int>(s.roles.size())) : -1);
    }
    if (model.config().n_layers > 0) {
        const int heads = model.config().n_layers * model.config().n_heads;
        s.headRoles = headRoles(model, *trace, heads > 32 ? 1 : 4);
    }
    if (trace->terms)
        for (int h = 0; h < model.config().n_heads; ++h)
            s.termShares.push_back(termShares(*trace->terms, h));
    s.residual = residualStream(model, *trace);
    for (const auto& stage : s.residual) {
        QStringList words;
        for (int id : stage.nearestWord)
            words << QString::fromStdString(model.vocabulary().word(id));
        s.nearestWords.push_back(words);
    }
    return s;
}

double maxAbs(const Matrix& m) { return m.size() ? static_cast<double>(m.cwiseAbs().maxCoeff()) : 0.0; }

}  // namespace

ModelFacts positionFacts(const Model& model)
{
    ModelFacts facts;
    const ModelConfig& c = model.config();
    auto& p = facts.positions;
    p.scheme = c.pe;
    const int shown = std::min(c.max_len, kPositionsShown);
    if (c.pe == PositionScheme::Sinusoidal || c.pe == PositionScheme::Learned) {
        p.table = model.positionTable().topRows(shown);
        p.similarity = cosineMatrix(p.table);
    } else if (c.pe == PositionScheme::Rope) {
        p.ropeAngles = ropeAngles(shown, c.headDim(), c.rope_base);
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

widgets::RecoverabilityData recoverabilityFacts(const Model& model, const std::atomic<bool>* cancel)
{
    const ModelConfig& c = model.config();
    const int shown = std::min(c.max_len, kPositionsShown);
    auto cancelled = [cancel] { return cancel && cancel->load(); };
    widgets::RecoverabilityData r;
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

AnalysisResult analyse(const Model& model, const ModelFacts& facts, const AnalysisRequest& request)
{
    // Small models: every product serial (ablation traces, PCA, residual decoding); handing
    // tiny products to OpenMP threads costs far more than it saves on a busy machine.
    const SerialEigen serial(model.config().d_model < 256);
    AnalysisResult result;
    // A sentence the previous result already describes (same tokens), or null.
    auto described = [&](const std::vector<Token>& tokens) -> const widgets::SentenceData* {
        if (!request.previous)
            return nullptr;
        for (const widgets::SentenceData* s : request.previous->sentences()) {
            const std::vector<Token>& old = s->trace->tokens;
            const bool same = std::equal(old.begin(), old.end(), tokens.begin(), tokens.end(), [](const Token& x, const Token& y) {
                return x.id == y.id && x.position == y.position && x.type == y.type && x.text == y.text;
            });
            if (same)
                return s;
        }
        return nullptr;
    };
    std::shared_ptr<const Trace> traceA, traceB;
    const widgets::SentenceData* knownA = nullptr;
    const widgets::SentenceData* knownB = nullptr;
    try {
        std::vector<Token> tokens = model.checkedTokens(request.sentenceA.toStdString());
        knownA = described(tokens);
        traceA = knownA ? knownA->trace : std::make_shared<const Trace>(model.trace(std::move(tokens)));
    } catch (const Error& e) {
        result.errorA = QString::fromStdString(e.what());
        return result;
    }
    if (request.compare) {
        try {
            std::vector<Token> tokens = model.checkedTokens(request.sentenceB.toStdString());
            knownB = described(tokens);
            traceB = knownB ? knownB->trace : std::make_shared<const Trace>(model.trace(std::move(tokens)));
        } catch (const Error& e) {
            result.errorB = QString::fromStdString(e.what());
        }
    }
    try {
        auto data = std::make_shared<widgets::ViewData>();
        const ModelConfig& c = model.config();
        data->modelId = QString::fromStdString(model.id());
        data->config = c;
        data->handmade = model.id() == "handmade";
        // A and B are independent: one thread each when threads are allowed (large models).
        widgets::SentenceData b;
        const int fresh = (knownA ? 0 : 1) + (traceB && !knownB ? 1 : 0);
        if (knownA)
            data->a = *knownA;
        if (knownB)
            b = *knownB;
        parallelFor(fresh, true, [&](int i) {
            if (i == 0 && !knownA)
                data->a = describe(model, traceA, request.showRoles);
            else
                b = describe(model, traceB, request.showRoles);
        });
        if (traceB) {
            data->b = std::move(b);
            data->difference = alignedDifference(*traceA, *traceB);
        }
        data->positions = facts.positions;
        if (c.pe == PositionScheme::Alibi)
            for (int h = 0; h < c.n_heads; ++h)
                data->positions.alibiBias.push_back(
                    alibiBiasMatrix(traceA->length(), data->positions.alibiSlopes[static_cast<size_t>(h)], h));
        data->recoverability = facts.recoverability;

        // PCA of every vector drawn (E, P, E + P of both sentences), so A and B share axes.
        std::vector<const Trace*> traces{traceA.get()};
        if (traceB)
            traces.push_back(traceB.get());
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
            for (widgets::SentenceData* s : {&data->a, data->b ? &*data->b : nullptr}) {
                if (!s)
                    continue;
                s->pcaEmbedding = project(fit, s->trace->embedding);
                s->pcaPosition = project(fit, s->trace->position);
                s->pcaInput = project(fit, s->trace->input);
            }
        }

        // Colour ranges shared by A and B.
        double vectors = 0, logits = 0;
        for (const Trace* t : traces) {
            vectors = std::max({vectors, maxAbs(t->embedding), maxAbs(t->position), maxAbs(t->input)});
            if (t->terms)
                for (int h = 0; h < c.n_heads; ++h)
                    for (const auto* term : {&t->terms->ee, &t->terms->ep, &t->terms->pe, &t->terms->pp,
                                             &t->terms->bias})
                        logits = std::max(logits, maxAbs((*term)[static_cast<size_t>(h)]));
            if (!t->layers.empty())
                for (const auto& m : t->layers.front().logits)
                    logits = std::max(logits, maxAbs(m));
        }
        data->vectorRange = vectors > 0 ? vectors : 1.0;
        data->logitRange = logits > 0 ? logits : 1.0;
        data->differenceRange = std::max(0.05, data->difference ? data->difference->maxAbsAttention : 0.0);
        result.data = data;
    } catch (const std::exception& e) {
        result.errorA = trAnalysis("Analysis failed: %1").arg(QString::fromStdString(e.what()));
    }
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
    for (auto it = tables.words.begin(); it != tables.words.end(); ++it) {
        const int id = vocabulary.id(it.key().toStdString());
        if (id < 0)
            continue;
        for (int c = 0; c < d && c < it.value().size(); ++c)
            weights.wordTable(id, c) = static_cast<float>(it.value()[c]);
    }
    for (auto it = tables.positions.begin(); it != tables.positions.end(); ++it) {
        if (it.key() < 0 || it.key() >= config.max_len)
            continue;
        for (int c = 0; c < d && c < it.value().size(); ++c)
            weights.positionTable(it.key(), c) = static_cast<float>(it.value()[c]);
    }
    return std::make_shared<const Model>("handmade", config, std::make_shared<const Vocabulary>(vocabulary),
                                         std::move(weights));
}

}  // namespace orderlens::app
