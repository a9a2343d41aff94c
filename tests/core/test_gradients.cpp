// Every backward of grad_ops.h and the whole encoder's gradient against central finite
// differences in double precision, and the training forward against Model::forward.
#include "encoder_grad.h"
#include "grad_ops.h"
#include "layers.h"
#include "model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

using namespace orderlens;
using namespace orderlens::grad;
using MatD = Mat<double>;

namespace {

MatD randomMatrix(Eigen::Index rows, Eigen::Index cols, std::mt19937_64& rng, double scale = 1.0)
{
    std::normal_distribution<double> normal(0.0, scale);
    MatD m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = normal(rng);
    return m;
}

// Largest difference between the analytic gradient and central differences of f with respect
// to every entry of x, relative to the tensor's largest gradient entry (at least `floor`, so a
// gradient that is exactly zero, like a key bias's, is compared against rounding noise).
double maxGradientError(MatD& x, const MatD& analytic, const std::function<double()>& f, double floor = 1e-3)
{
    const double h = 1e-5;
    double worstDiff = 0, largest = floor;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        const double saved = x.data()[i];
        x.data()[i] = saved + h;
        const double up = f();
        x.data()[i] = saved - h;
        const double down = f();
        x.data()[i] = saved;
        const double numeric = (up - down) / (2 * h);
        const double a = analytic.data()[i];
        worstDiff = std::max(worstDiff, std::abs(a - numeric));
        largest = std::max({largest, std::abs(a), std::abs(numeric)});
    }
    return worstDiff / largest;
}

double weightedSum(const MatD& y, const MatD& r) { return y.cwiseProduct(r).sum(); }

constexpr double kTolerance = 1e-6;

}  // namespace

TEST(GradOps, Linear)
{
    std::mt19937_64 rng(1);
    MatD x = randomMatrix(5, 4, rng), w = randomMatrix(3, 4, rng), b = randomMatrix(1, 3, rng);
    const MatD r = randomMatrix(5, 3, rng);
    auto f = [&] { return weightedSum(linearForward<double>(x, w, b), r); };
    MatD dw = MatD::Zero(3, 4), db = MatD::Zero(1, 3);
    const MatD dx = linearBackward<double>(r, x, w, dw, db);
    EXPECT_LT(maxGradientError(x, dx, f), kTolerance);
    EXPECT_LT(maxGradientError(w, dw, f), kTolerance);
    EXPECT_LT(maxGradientError(b, db, f), kTolerance);
}

TEST(GradOps, LayerNorm)
{
    std::mt19937_64 rng(2);
    MatD x = randomMatrix(4, 6, rng, 2.0), g = randomMatrix(1, 6, rng), b = randomMatrix(1, 6, rng);
    const MatD r = randomMatrix(4, 6, rng);
    NormCache<double> cache;
    auto f = [&] {
        NormCache<double> c;
        return weightedSum(layerNormForward<double>(x, g, b, 1e-5, c), r);
    };
    layerNormForward<double>(x, g, b, 1e-5, cache);
    MatD dg = MatD::Zero(1, 6), db = MatD::Zero(1, 6);
    const MatD dx = layerNormBackward<double>(r, g, cache, dg, db);
    EXPECT_LT(maxGradientError(x, dx, f), kTolerance);
    EXPECT_LT(maxGradientError(g, dg, f), kTolerance);
    EXPECT_LT(maxGradientError(b, db, f), kTolerance);
    // The forward matches layers.h's float LayerNorm.
    const Matrix ref = layerNorm(x.cast<float>(), g.cast<float>(), b.cast<float>(), 1e-5f);
    EXPECT_LT((ref.cast<double>() - layerNormForward<double>(x, g, b, 1e-5, cache)).cwiseAbs().maxCoeff(), 1e-5);
}

class GradActivation : public ::testing::TestWithParam<Activation> {};

TEST_P(GradActivation, MatchesFiniteDifferencesAndLayersH)
{
    std::mt19937_64 rng(3);
    MatD x = randomMatrix(4, 7, rng, 1.5);
    const MatD r = randomMatrix(4, 7, rng);
    auto f = [&] { return weightedSum(activationForward<double>(x, GetParam()), r); };
    const MatD dx = activationBackward<double>(r, x, GetParam());
    EXPECT_LT(maxGradientError(x, dx, f), kTolerance);
    Matrix ref = x.cast<float>();
    activate(ref, GetParam());
    EXPECT_LT((ref.cast<double>() - activationForward<double>(x, GetParam())).cwiseAbs().maxCoeff(), 1e-5);
}
INSTANTIATE_TEST_SUITE_P(Both, GradActivation, ::testing::Values(Activation::Gelu, Activation::Relu));

TEST(GradOps, RopeBackwardIsTheTransposedRotation)
{
    std::mt19937_64 rng(4);
    const std::vector<int> positions{0, 1, 2, 5, 9};
    MatD x = randomMatrix(5, 8, rng);
    const MatD r = randomMatrix(5, 8, rng);
    auto f = [&] {
        MatD y = x;
        ropeRotate<double>(y, positions, 10000.f, false);
        return weightedSum(y, r);
    };
    MatD dx = r;
    ropeRotate<double>(dx, positions, 10000.f, true);
    EXPECT_LT(maxGradientError(x, dx, f), kTolerance);
    // Forward agrees with positional_encoding.h's applyRope.
    Matrix ref = x.cast<float>();
    applyRope(ref, positions, 10000.f);
    MatD y = x;
    ropeRotate<double>(y, positions, 10000.f, false);
    EXPECT_LT((ref.cast<double>() - y).cwiseAbs().maxCoeff(), 1e-5);
}

class GradAttention : public ::testing::TestWithParam<bool> {};

TEST_P(GradAttention, QueryKeyValue)
{
    std::mt19937_64 rng(5);
    const bool withBias = GetParam();
    MatD q = randomMatrix(5, 4, rng), k = randomMatrix(5, 4, rng), v = randomMatrix(5, 4, rng);
    const MatD bias = withBias ? alibiBiasMatrix(5, 0.5f, 0).cast<double>() : MatD();
    const MatD r = randomMatrix(5, 4, rng);
    const double scale = 0.5;
    auto f = [&] {
        MatD p;
        return weightedSum(attentionForward<double>(q, k, v, bias, scale, p), r);
    };
    MatD p;
    attentionForward<double>(q, k, v, bias, scale, p);
    MatD dq, dk, dv;
    attentionBackward<double>(r, q, k, v, p, scale, dq, dk, dv);
    EXPECT_LT(maxGradientError(q, dq, f), kTolerance);
    EXPECT_LT(maxGradientError(k, dk, f), kTolerance);
    EXPECT_LT(maxGradientError(v, dv, f), kTolerance);
    for (Eigen::Index row = 0; row < p.rows(); ++row)
        EXPECT_NEAR(p.row(row).sum(), 1.0, 1e-12);
}
INSTANTIATE_TEST_SUITE_P(WithAndWithoutAlibi, GradAttention, ::testing::Values(false, true));

TEST(GradOps, CrossEntropyIgnoresUnscoredRows)
{
    std::mt19937_64 rng(6);
    MatD logits = randomMatrix(4, 5, rng, 3.0);
    const std::vector<int> targets{2, -1, 0, 4};
    auto f = [&] {
        MatD d, p;
        return crossEntropy<double>(logits, targets, 0.7, d, p);
    };
    MatD d, p;
    const double loss = crossEntropy<double>(logits, targets, 0.7, d, p);
    EXPECT_LT(maxGradientError(logits, d, f), kTolerance);
    EXPECT_TRUE(d.row(1).isZero());
    double expected = 0;
    for (int r : {0, 2, 3})
        expected -= 0.7 * std::log(p(r, targets[static_cast<size_t>(r)]));
    EXPECT_NEAR(loss, expected, 1e-12);
}

// ---- the whole encoder ------------------------------------------------------------------

namespace {

struct Case {
    PositionScheme pe;
    NormPlacement norm;
    Activation activation;
    float embeddingScale = 1.0f;  // the word row is multiplied by this before the position row is added
};

ModelConfig tinyConfig(const Case& c)
{
    ModelConfig config;
    config.d_model = 8;
    config.n_heads = 2;
    config.n_layers = 2;
    config.d_ff = 12;
    config.max_len = 12;
    config.pe = c.pe;
    config.norm = c.norm;
    config.activation = c.activation;
    config.embedding_scale = c.embeddingScale;
    return config;
}

// A random model whose LayerNorm gains/biases and mask head are not the trivial 1/0.
template <class S>
EncoderParams<S> randomParams(const Model& model, std::uint64_t seed)
{
    auto p = paramsFromWeights<S>(model.weights(), model.config());
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 0.3);
    p.forEach([&](const std::string& name, Mat<S>& m) {
        const bool normTensor = name.find("norm") != std::string::npos;
        if (normTensor || name.rfind("mlm.", 0) == 0 || name.find(".bias") != std::string::npos)
            for (Eigen::Index i = 0; i < m.size(); ++i)
                m.data()[i] += static_cast<S>(normal(rng));
    });
    return p;
}

TrainingExample exampleFor(const Vocabulary& v)
{
    // 猫 [MASK] 老鼠 了 — the masked word is 追; roles AGENT ACTION PATIENT OTHER.
    TrainingExample ex;
    ex.inputIds = {v.id("猫"), Vocabulary::kMask, v.id("老鼠"), v.id("了")};
    ex.roles = {0, 1, 2, 3};
    ex.maskTargets = {-1, v.id("追"), -1, -1};
    return ex;
}

std::string caseName(const ::testing::TestParamInfo<Case>& info)
{
    return toString(info.param.pe) + "_" + toString(info.param.norm) + "_" + toString(info.param.activation) +
           (info.param.embeddingScale == 1.0f ? "" : "_scaled");
}

std::vector<Case> allCases()
{
    std::vector<Case> cases;
    for (auto pe : {PositionScheme::Sinusoidal, PositionScheme::Learned, PositionScheme::Rope, PositionScheme::Alibi,
                    PositionScheme::None})
        for (auto norm : {NormPlacement::Pre, NormPlacement::Post})
            for (auto act : {Activation::Gelu, Activation::Relu})
                cases.push_back({pe, norm, act});
    // d(word row) = embedding_scale * d(input row): checked with sqrt(d_model) (the sinusoidal
    // built-in's choice) and with a scale below 1, where the learned position rows share the input.
    cases.push_back({PositionScheme::Sinusoidal, NormPlacement::Pre, Activation::Gelu, std::sqrt(8.0f)});
    cases.push_back({PositionScheme::Learned, NormPlacement::Post, Activation::Relu, 0.4f});
    return cases;
}

}  // namespace

class WholeEncoder : public ::testing::TestWithParam<Case> {};

TEST_P(WholeEncoder, GradientOfEveryParameterMatchesFiniteDifferences)
{
    const Model model = Model::random(GetParam().pe, 11, tinyConfig(GetParam()));
    const ModelConfig& config = model.config();
    EncoderParams<double> params = randomParams<double>(model, 12);
    const PositionConstants<double> pc(config);
    const TrainingExample ex = exampleFor(model.vocabulary());
    EncoderParams<double> grads = params.zerosLike(), unused = params.zerosLike();
    EncoderCache<double> cache;
    encoderLossAndGradient<double>(params, config, pc, ex, 0.25, 0.5, grads, cache);
    auto loss = [&] {
        EncoderCache<double> c;
        return encoderLossAndGradient<double>(params, config, pc, ex, 0.25, 0.5, unused, c, false);
    };
    std::vector<MatD*> gradTensors;
    grads.forEach([&](const std::string&, MatD& g) { gradTensors.push_back(&g); });
    size_t index = 0, checked = 0;
    params.forEach([&](const std::string& name, MatD& p) {
        const MatD& g = *gradTensors[index++];
        if (p.size() == 0)
            return;
        ++checked;
        EXPECT_LT(maxGradientError(p, g, loss), kTolerance) << name;
    });
    EXPECT_GT(checked, 30u);
    if (config.pe == PositionScheme::Learned) {
        EXPECT_GT(grads.positionTable.row(1).norm(), 0.0);
    }
}

TEST_P(WholeEncoder, TrainingForwardAgreesWithModelForward)
{
    const Model random = Model::random(GetParam().pe, 21, tinyConfig(GetParam()));
    const EncoderParams<float> params = randomParams<float>(random, 22);
    const Model model("test", random.config(), std::make_shared<const Vocabulary>(random.vocabulary()),
                      weightsFromParams(params, random.config()));
    const Vocabulary& v = model.vocabulary();
    const std::vector<int> ids{v.id("大"), v.id("猫"), v.id("在"), v.id("追"), v.id("小"), v.id("老鼠"), v.id("。")};
    std::vector<int> positions(ids.size());
    for (size_t i = 0; i < ids.size(); ++i)
        positions[i] = static_cast<int>(i);
    const Trace reference = model.forward(ids, positions);
    EncoderCache<float> cache;
    encoderForward<float>(params, model.config(), PositionConstants<float>(model.config()), ids, {}, cache);
    ASSERT_EQ(cache.layers.size(), reference.layers.size());
    for (size_t l = 0; l < reference.layers.size(); ++l) {
        EXPECT_LT((cache.layers[l].output - reference.layers[l].output).cwiseAbs().maxCoeff(), 1e-4) << "layer " << l;
        for (size_t h = 0; h < reference.layers[l].attention.size(); ++h)
            EXPECT_LT((cache.layers[l].attention[h] - reference.layers[l].attention[h]).cwiseAbs().maxCoeff(), 1e-5);
    }
    EXPECT_LT((cache.roleProbabilities - reference.roleProbabilities).cwiseAbs().maxCoeff(), 1e-5);
}

INSTANTIATE_TEST_SUITE_P(AllSchemes, WholeEncoder, ::testing::ValuesIn(allCases()), caseName);

TEST(EncoderParams, RoundTripThroughModelWeightsKeepsEveryTensor)
{
    const Model random = Model::random(PositionScheme::Learned, 3, tinyConfig({PositionScheme::Learned, NormPlacement::Pre, Activation::Gelu}));
    const EncoderParams<float> params = randomParams<float>(random, 4);
    const ModelWeights w = weightsFromParams(params, random.config());
    ASSERT_TRUE(w.extra.count(kMaskWeightName));
    EXPECT_EQ(w.extra.at(kMaskWeightName).rows(), random.config().vocab);
    const EncoderParams<float> back = paramsFromWeights<float>(w, random.config());
    std::vector<const Mat<float>*> original;
    params.forEach([&](const std::string&, const Mat<float>& m) { original.push_back(&m); });
    size_t i = 0;
    back.forEach([&](const std::string& name, const Mat<float>& m) {
        EXPECT_EQ(m, *original[i++]) << name;
    });
}
