#pragma once
// The encoder of model.h as a differentiable function, templated on the scalar:
// training runs it in float, the gradient tests in double. One forward fills an
// EncoderCache (every intermediate a backward needs, as named buffers); one backward
// accumulates the gradient of
//   loss = roleWeight * sum_t CE(role head at t, role_t) + maskWeight * sum_masked CE(mask head, word)
// into an EncoderParams of the same shapes. Its forward is Model::forward's (tested).
// Supported: every position scheme, pre/post LayerNorm, GELU/ReLU; not token types or an
// embedding LayerNorm (BERT only).
#include "config.h"
#include "errors.h"
#include "grad_ops.h"
#include "model.h"
#include "positional_encoding.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace orderlens::grad {

// Names of the masked-word head in ModelWeights::extra: weight (vocab, d), bias (1, vocab).
inline const std::string kMaskWeightName = "mlm.weight";
inline const std::string kMaskBiasName = "mlm.bias";

template <class S>
struct LayerParams {
    Mat<S> queryWeight, queryBias, keyWeight, keyBias, valueWeight, valueBias, outputWeight, outputBias;
    Mat<S> norm1Gain, norm1Bias, norm2Gain, norm2Bias;
    Mat<S> ffnInWeight, ffnInBias, ffnOutWeight, ffnOutBias;
};

// Every trainable tensor, with the shapes and names of model.h's tensorSlots plus the mask head.
template <class S>
struct EncoderParams {
    Mat<S> wordTable;       // (vocab, d)
    Mat<S> positionTable;   // (max_len, d) for learned positions; empty otherwise
    std::vector<LayerParams<S>> layers;
    Mat<S> finalNormGain, finalNormBias;  // (1, d) with pre-LN and final_norm
    Mat<S> roleWeight, roleBias;          // (n_roles, d), (1, n_roles)
    Mat<S> maskWeight, maskBias;          // (vocab, d), (1, vocab)

    // f(name, tensor&) for every tensor in a fixed order (empty ones included).
    template <class F>
    void forEach(F&& f)
    {
        f("embeddings.word", wordTable);
        f("embeddings.position", positionTable);
        for (size_t l = 0; l < layers.size(); ++l) {
            auto& L = layers[l];
            const std::string p = "layers." + std::to_string(l) + ".";
            f(p + "attention.query.weight", L.queryWeight);
            f(p + "attention.query.bias", L.queryBias);
            f(p + "attention.key.weight", L.keyWeight);
            f(p + "attention.key.bias", L.keyBias);
            f(p + "attention.value.weight", L.valueWeight);
            f(p + "attention.value.bias", L.valueBias);
            f(p + "attention.output.weight", L.outputWeight);
            f(p + "attention.output.bias", L.outputBias);
            f(p + "norm1.weight", L.norm1Gain);
            f(p + "norm1.bias", L.norm1Bias);
            f(p + "norm2.weight", L.norm2Gain);
            f(p + "norm2.bias", L.norm2Bias);
            f(p + "ffn.in.weight", L.ffnInWeight);
            f(p + "ffn.in.bias", L.ffnInBias);
            f(p + "ffn.out.weight", L.ffnOutWeight);
            f(p + "ffn.out.bias", L.ffnOutBias);
        }
        f("final_norm.weight", finalNormGain);
        f("final_norm.bias", finalNormBias);
        f("roles.weight", roleWeight);
        f("roles.bias", roleBias);
        f(kMaskWeightName, maskWeight);
        f(kMaskBiasName, maskBias);
    }
    template <class F>
    void forEach(F&& f) const
    {
        const_cast<EncoderParams*>(this)->forEach([&](const std::string& n, Mat<S>& m) { f(n, static_cast<const Mat<S>&>(m)); });
    }

    // Zeros of the same shapes (a gradient buffer).
    EncoderParams zerosLike() const
    {
        EncoderParams z = *this;
        z.forEach([](const std::string&, Mat<S>& m) { m.setZero(); });
        return z;
    }
};

// Throws Error(Usage) for what the trainer does not support.
inline void requireTrainable(const ModelConfig& c)
{
    if (c.type_vocab > 0 || c.embedding_norm)
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "training supports the built-in encoder family only "
                                                              "(no token types, no embedding LayerNorm)"),
                         {});
    if (c.n_layers < 1)
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "training needs at least one encoder layer"), {});
    if (c.n_roles < 1)
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "training needs a role head (n_roles > 0)"), {});
}

// ModelWeights (+ extra mask head) -> EncoderParams<S>. Tensors the config does not use stay empty;
// a missing mask head is created as zeros.
template <class S>
EncoderParams<S> paramsFromWeights(const ModelWeights& weights, const ModelConfig& config)
{
    ModelWeights copy = weights;
    std::map<std::string, const Matrix*> byName;
    for (const auto& slot : tensorSlots(copy, config))
        byName[slot.name] = slot.value;
    for (const auto& [name, m] : copy.extra)
        byName[name] = &m;
    EncoderParams<S> p;
    p.layers.resize(static_cast<size_t>(config.n_layers));
    p.forEach([&](const std::string& name, Mat<S>& m) {
        const auto it = byName.find(name);
        if (it != byName.end())
            m = it->second->template cast<S>();
    });
    if (p.maskWeight.size() == 0) {
        p.maskWeight = Mat<S>::Zero(config.vocab, config.d_model);
        p.maskBias = Mat<S>::Zero(1, config.vocab);
    }
    return p;
}

// EncoderParams<S> -> ModelWeights (as float), the mask head into extra.
template <class S>
ModelWeights weightsFromParams(const EncoderParams<S>& params, const ModelConfig& config)
{
    std::map<std::string, Matrix> byName;
    params.forEach([&](const std::string& name, const Mat<S>& m) {
        if (m.size() > 0)
            byName[name] = m.template cast<float>();
    });
    ModelWeights w;
    for (auto& slot : tensorSlots(w, config)) {
        const auto it = byName.find(slot.name);
        if (it == byName.end())
            throw usageError("internal: training parameters lack tensor '" + slot.name + "'");
        *slot.value = it->second;
    }
    w.extra[kMaskWeightName] = byName.at(kMaskWeightName);
    w.extra[kMaskBiasName] = byName.at(kMaskBiasName);
    return w;
}

// One sentence to learn from. inputIds may hold [MASK] where maskTargets names the hidden word.
struct TrainingExample {
    std::vector<int> inputIds;     // (T) ids fed to the model
    std::vector<int> roles;        // (T) role per token, -1 = not scored
    std::vector<int> maskTargets;  // (T) original id at masked tokens, -1 elsewhere (or empty)
};

template <class S>
struct LayerCache {
    Mat<S> input;                 // (T, d) rows entering the layer
    NormCache<S> norm1, norm2;
    Mat<S> attentionInput;        // (T, d) what Q, K, V read (LN1(x) pre-LN, x post-LN)
    Mat<S> q, k, v;               // (T, d), q and k rotated under RoPE
    std::vector<Mat<S>> attention;  // per head (T, T), row = query
    Mat<S> context;               // (T, d) heads' outputs side by side
    Mat<S> middle;                // (T, d) after the attention residual (post-LN: after LN1)
    Mat<S> ffnInput;              // (T, d) LN2(middle) pre-LN, middle post-LN
    Mat<S> hiddenPre, hidden;     // (T, d_ff) before / after the activation
    Mat<S> hiddenCdf;             // (T, d_ff) Phi(hiddenPre) for GELU's backward
    Mat<S> output;                // (T, d)
};

template <class S>
struct EncoderCache {
    std::vector<int> ids, positions;
    Mat<S> input;                 // (T, d) embedding_scale * E + P
    std::vector<LayerCache<S>> layers;
    NormCache<S> finalNorm;
    Mat<S> top;                   // (T, d) rows the heads read (after the final LayerNorm when used)
    Mat<S> roleProbabilities;     // (T, n_roles)
    Mat<S> roleLogits;            // (T, n_roles)
    std::vector<int> maskRows;    // token indices that are masked
    Mat<S> maskTop;               // (M, d) their rows of top
    Mat<S> maskLogits, maskProbabilities;  // (M, vocab)
};

// The constant position inputs of a model: the sinusoidal table and ALiBi's per-head biases.
template <class S>
struct PositionConstants {
    Mat<S> sinusoidal;             // (max_len, d) when pe == sinusoidal
    std::vector<float> slopes;     // per head when pe == alibi
    explicit PositionConstants(const ModelConfig& c)
    {
        if (c.pe == PositionScheme::Sinusoidal)
            sinusoidal = sinusoidalTable(c.max_len, c.d_model).template cast<S>();
        if (c.pe == PositionScheme::Alibi)
            slopes = alibiSlopes(c.n_heads);
    }
    Mat<S> alibi(int head, const std::vector<int>& positions) const
    {
        const auto T = static_cast<Eigen::Index>(positions.size());
        Mat<S> b(T, T);
        for (Eigen::Index a = 0; a < T; ++a)
            for (Eigen::Index c = 0; c < T; ++c)
                b(a, c) = static_cast<S>(alibiBias(slopes[static_cast<size_t>(head)], head, positions[static_cast<size_t>(a)],
                                                   positions[static_cast<size_t>(c)]));
        return b;
    }
};

// Forward pass of one sentence (positions 0..T-1). Fills cache; role probabilities in cache.roleProbabilities.
template <class S>
void encoderForward(const EncoderParams<S>& P, const ModelConfig& c, const PositionConstants<S>& pc,
                    const std::vector<int>& ids, const std::vector<int>& maskRows, EncoderCache<S>& cache)
{
    const auto T = static_cast<Eigen::Index>(ids.size());
    const int d = c.d_model, H = c.n_heads, dh = c.headDim();
    const S scale = S(1) / std::sqrt(static_cast<S>(dh));
    const S eps = static_cast<S>(c.ln_eps);
    const bool pre = c.norm == NormPlacement::Pre;
    cache.ids = ids;
    cache.positions.resize(ids.size());
    for (size_t t = 0; t < ids.size(); ++t)
        cache.positions[t] = static_cast<int>(t);
    const auto& positions = cache.positions;

    const S embeddingScale = static_cast<S>(c.embedding_scale);
    cache.input.resize(T, d);
    for (Eigen::Index t = 0; t < T; ++t) {
        cache.input.row(t) = embeddingScale * P.wordTable.row(ids[static_cast<size_t>(t)]);
        if (c.pe == PositionScheme::Sinusoidal)
            cache.input.row(t) += pc.sinusoidal.row(t);
        else if (c.pe == PositionScheme::Learned)
            cache.input.row(t) += P.positionTable.row(t);
    }
    cache.layers.resize(static_cast<size_t>(c.n_layers));
    const Mat<S> noBias;
    Mat<S> x = cache.input;
    for (int l = 0; l < c.n_layers; ++l) {
        const LayerParams<S>& w = P.layers[static_cast<size_t>(l)];
        LayerCache<S>& lc = cache.layers[static_cast<size_t>(l)];
        lc.input = x;
        lc.attentionInput = pre ? layerNormForward<S>(x, w.norm1Gain, w.norm1Bias, eps, lc.norm1) : x;
        lc.q = linearForward<S>(lc.attentionInput, w.queryWeight, w.queryBias);
        lc.k = linearForward<S>(lc.attentionInput, w.keyWeight, w.keyBias);
        lc.v = linearForward<S>(lc.attentionInput, w.valueWeight, w.valueBias);
        lc.context.resize(T, d);
        lc.attention.resize(static_cast<size_t>(H));
        for (int h = 0; h < H; ++h) {
            Mat<S> qh = lc.q.middleCols(h * dh, dh), kh = lc.k.middleCols(h * dh, dh);
            if (c.pe == PositionScheme::Rope) {
                ropeRotate<S>(qh, positions, c.rope_base, false);
                ropeRotate<S>(kh, positions, c.rope_base, false);
                lc.q.middleCols(h * dh, dh) = qh;
                lc.k.middleCols(h * dh, dh) = kh;
            }
            const Mat<S> vh = lc.v.middleCols(h * dh, dh);
            lc.context.middleCols(h * dh, dh) = attentionForward<S>(
                qh, kh, vh, c.pe == PositionScheme::Alibi ? pc.alibi(h, positions) : noBias, scale,
                lc.attention[static_cast<size_t>(h)]);
        }
        const Mat<S> attended = linearForward<S>(lc.context, w.outputWeight, w.outputBias);
        if (pre) {
            lc.middle = x + attended;
            lc.ffnInput = layerNormForward<S>(lc.middle, w.norm2Gain, w.norm2Bias, eps, lc.norm2);
        } else {
            lc.middle = layerNormForward<S>(Mat<S>(x + attended), w.norm1Gain, w.norm1Bias, eps, lc.norm1);
            lc.ffnInput = lc.middle;
        }
        lc.hiddenPre = linearForward<S>(lc.ffnInput, w.ffnInWeight, w.ffnInBias);
        lc.hidden = activationForward<S>(lc.hiddenPre, c.activation, &lc.hiddenCdf);
        const Mat<S> ffnOut = linearForward<S>(lc.hidden, w.ffnOutWeight, w.ffnOutBias);
        lc.output = pre ? Mat<S>(lc.middle + ffnOut)
                        : layerNormForward<S>(Mat<S>(lc.middle + ffnOut), w.norm2Gain, w.norm2Bias, eps, lc.norm2);
        x = lc.output;
    }
    const bool finalNorm = c.final_norm && pre;
    cache.top = finalNorm ? layerNormForward<S>(x, P.finalNormGain, P.finalNormBias, eps, cache.finalNorm) : x;
    cache.roleLogits = linearForward<S>(cache.top, P.roleWeight, P.roleBias);
    cache.roleProbabilities = cache.roleLogits;
    softmaxRowsInPlace(cache.roleProbabilities);
    cache.maskRows = maskRows;
    cache.maskTop.resize(static_cast<Eigen::Index>(maskRows.size()), d);
    for (size_t i = 0; i < maskRows.size(); ++i)
        cache.maskTop.row(static_cast<Eigen::Index>(i)) = cache.top.row(maskRows[i]);
    if (!maskRows.empty())
        cache.maskLogits = linearForward<S>(cache.maskTop, P.maskWeight, P.maskBias);
}

// The loss of one example and its gradient, accumulated into grads (same shapes as params).
// roleWeight / maskWeight scale each token's cross-entropy (e.g. 1 / tokens in the batch).
template <class S>
S encoderLossAndGradient(const EncoderParams<S>& P, const ModelConfig& c, const PositionConstants<S>& pc,
                         const TrainingExample& ex, S roleWeight, S maskWeight, EncoderParams<S>& G,
                         EncoderCache<S>& cache, bool computeGradient = true)
{
    const int H = c.n_heads, dh = c.headDim();
    const S scale = S(1) / std::sqrt(static_cast<S>(dh));
    const bool pre = c.norm == NormPlacement::Pre;
    std::vector<int> maskRows, maskTargets;
    for (size_t t = 0; t < ex.maskTargets.size(); ++t)
        if (ex.maskTargets[t] >= 0) {
            maskRows.push_back(static_cast<int>(t));
            maskTargets.push_back(ex.maskTargets[t]);
        }
    encoderForward<S>(P, c, pc, ex.inputIds, maskRows, cache);

    Mat<S> dRoleLogits, dMaskLogits;
    S loss = crossEntropy<S>(cache.roleLogits, ex.roles, roleWeight, dRoleLogits, cache.roleProbabilities);
    if (!maskRows.empty())
        loss += crossEntropy<S>(cache.maskLogits, maskTargets, maskWeight, dMaskLogits, cache.maskProbabilities);
    if (!computeGradient)
        return loss;

    Mat<S> dTop = linearBackward<S>(dRoleLogits, cache.top, P.roleWeight, G.roleWeight, G.roleBias);
    if (!maskRows.empty()) {
        const Mat<S> dMaskTop = linearBackward<S>(dMaskLogits, cache.maskTop, P.maskWeight, G.maskWeight, G.maskBias);
        for (size_t i = 0; i < maskRows.size(); ++i)
            dTop.row(maskRows[i]) += dMaskTop.row(static_cast<Eigen::Index>(i));
    }
    Mat<S> dx = c.final_norm && pre
                    ? layerNormBackward<S>(dTop, P.finalNormGain, cache.finalNorm, G.finalNormGain, G.finalNormBias)
                    : dTop;

    for (int l = c.n_layers - 1; l >= 0; --l) {
        const LayerParams<S>& w = P.layers[static_cast<size_t>(l)];
        LayerParams<S>& g = G.layers[static_cast<size_t>(l)];
        const LayerCache<S>& lc = cache.layers[static_cast<size_t>(l)];
        // output = middle + ffn (pre) or LN2(middle + ffn) (post)
        const Mat<S> dSum2 = pre ? dx : layerNormBackward<S>(dx, w.norm2Gain, lc.norm2, g.norm2Gain, g.norm2Bias);
        const Mat<S> dHidden = linearBackward<S>(dSum2, lc.hidden, w.ffnOutWeight, g.ffnOutWeight, g.ffnOutBias);
        const Mat<S> dHiddenPre = activationBackward<S>(dHidden, lc.hiddenPre, c.activation, &lc.hiddenCdf);
        const Mat<S> dFfnInput = linearBackward<S>(dHiddenPre, lc.ffnInput, w.ffnInWeight, g.ffnInWeight, g.ffnInBias);
        Mat<S> dMiddle = dSum2;
        if (pre)
            dMiddle += layerNormBackward<S>(dFfnInput, w.norm2Gain, lc.norm2, g.norm2Gain, g.norm2Bias);
        else
            dMiddle += dFfnInput;
        // middle = x + attended (pre) or LN1(x + attended) (post)
        const Mat<S> dSum1 = pre ? dMiddle : layerNormBackward<S>(dMiddle, w.norm1Gain, lc.norm1, g.norm1Gain, g.norm1Bias);
        const Mat<S> dContext = linearBackward<S>(dSum1, lc.context, w.outputWeight, g.outputWeight, g.outputBias);
        Mat<S> dq(dContext.rows(), dContext.cols()), dk(dq.rows(), dq.cols()), dv(dq.rows(), dq.cols());
        for (int h = 0; h < H; ++h) {
            Mat<S> dqh, dkh, dvh;
            attentionBackward<S>(Mat<S>(dContext.middleCols(h * dh, dh)), Mat<S>(lc.q.middleCols(h * dh, dh)),
                                 Mat<S>(lc.k.middleCols(h * dh, dh)), Mat<S>(lc.v.middleCols(h * dh, dh)),
                                 lc.attention[static_cast<size_t>(h)], scale, dqh, dkh, dvh);
            if (c.pe == PositionScheme::Rope) {
                ropeRotate<S>(dqh, cache.positions, c.rope_base, true);
                ropeRotate<S>(dkh, cache.positions, c.rope_base, true);
            }
            dq.middleCols(h * dh, dh) = dqh;
            dk.middleCols(h * dh, dh) = dkh;
            dv.middleCols(h * dh, dh) = dvh;
        }
        Mat<S> dAttentionInput = linearBackward<S>(dq, lc.attentionInput, w.queryWeight, g.queryWeight, g.queryBias);
        dAttentionInput += linearBackward<S>(dk, lc.attentionInput, w.keyWeight, g.keyWeight, g.keyBias);
        dAttentionInput += linearBackward<S>(dv, lc.attentionInput, w.valueWeight, g.valueWeight, g.valueBias);
        dx = dSum1;  // the residual path (post-LN: x enters LN1 through the sum)
        if (pre)
            dx += layerNormBackward<S>(dAttentionInput, w.norm1Gain, lc.norm1, g.norm1Gain, g.norm1Bias);
        else
            dx += dAttentionInput;
    }
    // input = embedding_scale * word row + position row
    const S embeddingScale = static_cast<S>(c.embedding_scale);
    for (size_t t = 0; t < ex.inputIds.size(); ++t) {
        G.wordTable.row(ex.inputIds[t]) += embeddingScale * dx.row(static_cast<Eigen::Index>(t));
        if (c.pe == PositionScheme::Learned)
            G.positionTable.row(static_cast<Eigen::Index>(t)) += dx.row(static_cast<Eigen::Index>(t));
    }
    return loss;
}

}  // namespace orderlens::grad
