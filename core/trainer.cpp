#include "trainer.h"

#include "corpus.h"
#include "errors.h"
#include "role_evaluation.h"
#include "threads.h"

#include <chrono>
#include <cmath>
#include <thread>

namespace orderlens {

namespace {

// Standard normal from two uniforms (Box-Muller): the same numbers on every platform.
float normalSample(std::mt19937_64& rng)
{
    const double u1 = std::max(uniformUnit(rng), 1e-300), u2 = uniformUnit(rng);
    return static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2));
}

void fillNormal(grad::Mat<float>& m, float scale, std::mt19937_64& rng)
{
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = scale * normalSample(rng);
}

constexpr int kShards = 2;  // every minibatch splits into two fixed halves, whatever the thread count

struct Shard {
    grad::EncoderParams<float> grads;
    grad::EncoderCache<float> cache;
    double loss = 0;
    int correct = 0;
};

}  // namespace

TrainOptions defaultTrainOptions(PositionScheme scheme)
{
    TrainOptions o;
    o.scheme = scheme;
    // ALiBi's slopes are 2^(-8h/H): with 4 heads only the first is steep enough (1/4) to tell
    // "the key is before me" from "after me" across a short sentence, and the next is 1/16.
    // With 8 heads the slopes start at 1/2, 1/4, 1/8 for both directions, and the model learns order.
    if (scheme == PositionScheme::Alibi)
        o.architecture.n_heads = 8;
    // Fixed sinusoidal rows have norm sqrt(d/2) (5.66 at d = 64), while trained word rows stay
    // near norm 1: added as they are, E + P is almost P and the word hardly shows in the sum.
    // The original Transformer multiplies the word row by sqrt(d_model) before adding; so do we.
    if (scheme == PositionScheme::Sinusoidal)
        o.architecture.embedding_scale = std::sqrt(static_cast<float>(o.architecture.d_model));
    return o;
}

grad::EncoderParams<float> initialParams(const ModelConfig& c, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    const int d = c.d_model;
    const float inScale = 1.0f / std::sqrt(static_cast<float>(d));
    const float ffScale = 1.0f / std::sqrt(static_cast<float>(c.d_ff));
    const float residualScale = 1.0f / std::sqrt(2.0f * static_cast<float>(c.n_layers));
    grad::EncoderParams<float> p;
    auto zeros = [](int r, int k) { return grad::Mat<float>::Zero(r, k); };
    auto ones = [](int r, int k) { return grad::Mat<float>::Ones(r, k); };
    auto normal = [&](int r, int k, float scale) {
        grad::Mat<float> m(r, k);
        fillNormal(m, scale, rng);
        return m;
    };
    // Word and learned position rows start small, N(0, 0.1^2) as added (a stored word row is
    // multiplied by embedding_scale): what the rows end up holding is then what training put
    // there (words of one class end up alike), not the random start.
    p.wordTable = normal(c.vocab, d, 0.1f / c.embedding_scale);
    if (c.pe == PositionScheme::Learned)
        p.positionTable = normal(c.max_len, d, 0.1f);
    for (int l = 0; l < c.n_layers; ++l) {
        grad::LayerParams<float> L;
        L.queryWeight = normal(d, d, inScale);
        L.keyWeight = normal(d, d, inScale);
        L.valueWeight = normal(d, d, inScale);
        L.outputWeight = normal(d, d, inScale * residualScale);
        L.queryBias = L.keyBias = L.valueBias = L.outputBias = zeros(1, d);
        L.norm1Gain = L.norm2Gain = ones(1, d);
        L.norm1Bias = L.norm2Bias = zeros(1, d);
        L.ffnInWeight = normal(c.d_ff, d, inScale);
        L.ffnInBias = zeros(1, c.d_ff);
        L.ffnOutWeight = normal(d, c.d_ff, ffScale * residualScale);
        L.ffnOutBias = zeros(1, d);
        p.layers.push_back(std::move(L));
    }
    if (c.final_norm && c.norm == NormPlacement::Pre) {
        p.finalNormGain = ones(1, d);
        p.finalNormBias = zeros(1, d);
    }
    p.roleWeight = normal(c.n_roles, d, inScale);
    p.roleBias = zeros(1, c.n_roles);
    p.maskWeight = normal(c.vocab, d, inScale);
    p.maskBias = zeros(1, c.vocab);
    return p;
}

TrainResult trainRoleModel(const TrainOptions& options, const std::function<void(const TrainProgress&)>& onProgress,
                           const std::atomic<bool>* cancel)
{
    if (options.steps < 1)
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "the number of training steps must be at least 1 (got %1)"),
                         {std::to_string(options.steps)});
    if (options.batchSize < kShards)
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "the batch must hold at least %1 sentences"),
                         {std::to_string(kShards)});
    if (options.threads < 1)
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "training needs at least one thread"), {});
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };

    auto vocabulary = std::make_shared<const Vocabulary>(Vocabulary::builtin());
    ModelConfig config = options.architecture;
    config.vocab = vocabulary->size();
    config.pe = options.scheme;
    config.validate();
    grad::requireTrainable(config);
    const Corpus corpus(*vocabulary);
    const auto reversalPairs = options.reversalInterval > 0 ? corpus.reversalPairs()
                                                            : std::vector<std::pair<LabelledSentence, LabelledSentence>>{};
    const grad::PositionConstants<float> constants(config);

    grad::EncoderParams<float> params = initialParams(config, options.seed);
    AdamSettings adamSettings;
    adamSettings.learningRate = options.learningRate;
    adamSettings.warmupSteps = options.warmupSteps;
    adamSettings.totalSteps = options.steps;
    adamSettings.clipNorm = options.clipNorm;
    Adam adam(params, adamSettings);
    std::vector<Shard> shards(kShards);
    for (auto& s : shards)
        s.grads = params.zerosLike();

    // The data stream has its own generator, so the same seed gives the same sentences.
    std::mt19937_64 dataRng(options.seed * 0x9E3779B97F4A7C15ull + 1);
    TrainResult result;
    double windowLoss = 0, windowCorrect = 0, windowTokens = 0;
    int windowSteps = 0;
    const int threads = std::min(options.threads, kShards);
    for (int step = 0; step < options.steps; ++step) {
        if (cancel && cancel->load()) {
            result.cancelled = true;
            break;
        }
        std::vector<grad::TrainingExample> batch(static_cast<size_t>(options.batchSize));
        int tokens = 0, masked = 0;
        for (auto& ex : batch) {
            const LabelledSentence s = corpus.sample(dataRng);
            ex.inputIds = s.ids;
            ex.roles = s.roles;
            ex.maskTargets.assign(s.ids.size(), -1);
            if (uniformUnit(dataRng) < options.maskProbability) {
                const size_t t = uniformIndex(dataRng, s.ids.size());
                ex.maskTargets[t] = s.ids[t];
                ex.inputIds[t] = Vocabulary::kMask;
                ++masked;
            }
            tokens += static_cast<int>(s.ids.size());
        }
        const float roleWeight = 1.0f / static_cast<float>(tokens);
        const float maskWeight = masked > 0 ? options.maskLossWeight / static_cast<float>(masked) : 0.0f;
        const size_t half = batch.size() / kShards;
        auto runShard = [&](int s) {
            const SerialEigen serial;  // the products are tiny: OpenMP hand-offs would cost more than they save
            Shard& shard = shards[static_cast<size_t>(s)];
            shard.grads.forEach([](const std::string&, grad::Mat<float>& g) { g.setZero(); });
            shard.loss = 0;
            shard.correct = 0;
            const size_t begin = static_cast<size_t>(s) * half, end = s + 1 == kShards ? batch.size() : begin + half;
            for (size_t i = begin; i < end; ++i) {
                const auto& ex = batch[i];
                shard.loss += grad::encoderLossAndGradient<float>(params, config, constants, ex, roleWeight, maskWeight,
                                                                  shard.grads, shard.cache);
                for (size_t t = 0; t < ex.roles.size(); ++t) {
                    Eigen::Index best = 0;
                    shard.cache.roleProbabilities.row(static_cast<Eigen::Index>(t)).maxCoeff(&best);
                    shard.correct += best == ex.roles[t];
                }
            }
        };
        // The second half on a helper thread (a plain thread per step: it sleeps rather than
        // spins while waiting, which matters on a shared machine), the first half here.
        if (threads > 1) {
            std::thread helper(runShard, 1);
            runShard(0);
            helper.join();
        } else {
            runShard(0);
            runShard(1);
        }
        // Sum the halves in a fixed order: the same floats whatever ran them.
        std::vector<grad::Mat<float>*> second;
        shards[1].grads.forEach([&](const std::string&, grad::Mat<float>& g) { second.push_back(&g); });
        size_t index = 0;
        shards[0].grads.forEach([&](const std::string&, grad::Mat<float>& g) { g += *second[index++]; });
        const float lr = adam.learningRateAt(step);
        adam.step(params, shards[0].grads);

        const double loss = shards[0].loss + shards[1].loss;
        windowLoss += loss;
        windowCorrect += shards[0].correct + shards[1].correct;
        windowTokens += tokens;
        ++windowSteps;
        result.steps = step + 1;
        result.finalLoss = loss;
        const bool last = step + 1 == options.steps;
        if (onProgress && ((step + 1) % std::max(1, options.progressInterval) == 0 || last)) {
            TrainProgress progress{step + 1, options.steps, windowLoss / windowSteps,
                                   windowCorrect / std::max(1.0, windowTokens), lr, elapsed()};
            if (!reversalPairs.empty() && ((step + 1) % options.reversalInterval == 0 || last)) {
                const Model now("training", config, vocabulary, grad::weightsFromParams(params, config));
                progress.reversalAccuracy = reversalNounAccuracy(now, reversalPairs);
            }
            onProgress(progress);
            windowLoss = windowCorrect = windowTokens = 0;
            windowSteps = 0;
        }
    }
    result.seconds = elapsed();
    result.model = std::make_shared<const Model>("trained:" + toString(config.pe), config, vocabulary,
                                                 grad::weightsFromParams(params, config));
    return result;
}

}  // namespace orderlens
