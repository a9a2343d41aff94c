// The trainer: it learns, it is deterministic (also across thread counts), it reports progress
// and stops when cancelled; Adam's schedule and clipping.
#include "adam.h"
#include "errors.h"
#include "role_evaluation.h"
#include "trainer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

using namespace orderlens;

namespace {

TrainOptions smallRun(PositionScheme scheme, int steps)
{
    TrainOptions o = defaultTrainOptions(scheme);
    o.steps = steps;
    o.batchSize = 16;
    o.warmupSteps = 10;
    o.architecture.d_model = 32;
    o.architecture.d_ff = 64;
    o.progressInterval = 5;
    return o;
}

bool sameWeights(const Model& a, const Model& b)
{
    const auto pa = grad::paramsFromWeights<float>(a.weights(), a.config());
    const auto pb = grad::paramsFromWeights<float>(b.weights(), b.config());
    std::vector<grad::Mat<float>> tensors;
    pa.forEach([&](const std::string&, const grad::Mat<float>& m) { tensors.push_back(m); });
    size_t i = 0;
    bool same = true;
    pb.forEach([&](const std::string&, const grad::Mat<float>& m) { same = same && m == tensors[i++]; });
    return same;
}

}  // namespace

TEST(Trainer, LearnsRolesAndReportsProgress)
{
    std::vector<TrainProgress> reports;
    const auto result = trainRoleModel(smallRun(PositionScheme::Sinusoidal, 200),
                                       [&](const TrainProgress& p) { reports.push_back(p); });
    ASSERT_EQ(reports.size(), 40u);
    EXPECT_EQ(reports.back().step, 200);
    EXPECT_EQ(reports.back().totalSteps, 200);
    for (size_t i = 1; i < reports.size(); ++i)
        EXPECT_GT(reports[i].step, reports[i - 1].step);
    EXPECT_LT(reports.back().loss, 0.6 * reports.front().loss);
    EXPECT_GT(reports.back().accuracy, 0.9);
    EXPECT_FALSE(result.cancelled);
    EXPECT_EQ(result.steps, 200);
    // The saved model is usable by the ordinary forward pass and carries the mask head.
    EXPECT_TRUE(result.model->weights().extra.count(grad::kMaskWeightName));
    const RoleReport report = evaluateRoles(*result.model, 300);
    EXPECT_GT(report.heldOutAccuracy, 0.9);
}

TEST(Trainer, ReportsReversalPairAccuracyOfTheWeightsAtThatStep)
{
    // Evaluated every reversalInterval steps and after the last; NaN in the reports between.
    for (const PositionScheme scheme : {PositionScheme::Sinusoidal, PositionScheme::None}) {
        TrainOptions o = smallRun(scheme, 60);
        o.reversalInterval = 20;
        std::vector<TrainProgress> reports;
        const auto result = trainRoleModel(o, [&](const TrainProgress& p) { reports.push_back(p); });
        ASSERT_EQ(reports.size(), 12u);
        for (const TrainProgress& p : reports)
            EXPECT_EQ(std::isfinite(p.reversalAccuracy), p.step % 20 == 0) << "step " << p.step;
        // The last figure is the final model's, as evaluateRoles computes it.
        const RoleReport report = evaluateRoles(*result.model, 10);
        EXPECT_DOUBLE_EQ(reports.back().reversalAccuracy, report.reversalNounAccuracy);
        if (scheme == PositionScheme::None) {
            // Without positions both sentences of a pair give each noun one role: right in at most one.
            for (const TrainProgress& p : reports)
                if (std::isfinite(p.reversalAccuracy))
                    EXPECT_LE(p.reversalAccuracy, 0.5 + 1e-12) << "step " << p.step;
        }
    }
    // Off when asked.
    TrainOptions off = smallRun(PositionScheme::Learned, 10);
    off.reversalInterval = 0;
    trainRoleModel(off, [](const TrainProgress& p) { EXPECT_TRUE(std::isnan(p.reversalAccuracy)); });
}

TEST(Trainer, SameSeedSameModelWithOneOrTwoThreads)
{
    TrainOptions o = smallRun(PositionScheme::Rope, 12);
    o.threads = 2;
    const auto a = trainRoleModel(o);
    const auto b = trainRoleModel(o);
    o.threads = 1;
    const auto c = trainRoleModel(o);
    o.seed = 2;
    const auto d = trainRoleModel(o);
    EXPECT_TRUE(sameWeights(*a.model, *b.model));
    EXPECT_TRUE(sameWeights(*a.model, *c.model));
    EXPECT_FALSE(sameWeights(*a.model, *d.model));
}

TEST(Trainer, StopsWhenCancelled)
{
    std::atomic<bool> cancel{false};
    int lastStep = 0;
    const auto result = trainRoleModel(smallRun(PositionScheme::Alibi, 1000), [&](const TrainProgress& p) {
        lastStep = p.step;
        if (p.step >= 10)
            cancel = true;
    }, &cancel);
    EXPECT_TRUE(result.cancelled);
    EXPECT_EQ(result.steps, 10);
    EXPECT_EQ(lastStep, 10);
    ASSERT_TRUE(result.model);
    EXPECT_EQ(result.model->config().pe, PositionScheme::Alibi);
}

TEST(Trainer, RejectsZeroSteps)
{
    TrainOptions o = smallRun(PositionScheme::None, 0);
    try {
        trainRoleModel(o);
        FAIL() << "zero steps accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
    }
}

TEST(Trainer, DefaultsAreTheBuiltinSizeWithEightHeadsForAlibi)
{
    EXPECT_EQ(defaultTrainOptions(PositionScheme::Sinusoidal).architecture.d_model, 64);
    EXPECT_EQ(defaultTrainOptions(PositionScheme::Sinusoidal).architecture.n_heads, 4);
    EXPECT_EQ(defaultTrainOptions(PositionScheme::Sinusoidal).architecture.n_layers, 2);
    EXPECT_EQ(defaultTrainOptions(PositionScheme::Alibi).architecture.n_heads, 8);
}

TEST(Adam, WarmUpThenCosineDecay)
{
    ModelConfig c;
    c.vocab = 10;
    c.d_model = 8;
    c.n_heads = 2;
    c.n_layers = 1;
    c.d_ff = 8;
    AdamSettings s;
    s.learningRate = 1e-2f;
    s.warmupSteps = 10;
    s.totalSteps = 110;
    s.finalFraction = 0.1f;
    const Adam adam(initialParams(c, 1), s);
    EXPECT_FLOAT_EQ(adam.learningRateAt(0), 1e-3f);
    EXPECT_FLOAT_EQ(adam.learningRateAt(9), 1e-2f);
    EXPECT_FLOAT_EQ(adam.learningRateAt(10), 1e-2f);
    EXPECT_LT(adam.learningRateAt(60), 1e-2f);
    EXPECT_GT(adam.learningRateAt(60), 1e-3f);
    EXPECT_NEAR(adam.learningRateAt(109), 1e-3f, 1e-7f);
}

TEST(Adam, ClipsTheGlobalNormAndStepsAgainstTheGradient)
{
    ModelConfig c;
    c.vocab = 10;
    c.d_model = 8;
    c.n_heads = 2;
    c.n_layers = 1;
    c.d_ff = 8;
    AdamSettings s;
    s.warmupSteps = 1;
    s.clipNorm = 1.0f;
    auto params = initialParams(c, 1);
    const auto before = params;
    Adam adam(params, s);
    auto grads = params.zerosLike();
    grads.wordTable(3, 2) = 30.0f;
    grads.wordTable(4, 1) = -40.0f;
    const double norm = adam.step(params, grads);
    EXPECT_NEAR(norm, 50.0, 1e-4);
    EXPECT_NEAR(grads.wordTable(3, 2), 30.0f / 50.0f, 1e-6);  // clipped in place
    // Adam's first step moves each touched entry by the learning rate, against the gradient.
    EXPECT_NEAR(params.wordTable(3, 2), before.wordTable(3, 2) - s.learningRate, 1e-6);
    EXPECT_NEAR(params.wordTable(4, 1), before.wordTable(4, 1) + s.learningRate, 1e-6);
    EXPECT_EQ(params.wordTable(5, 5), before.wordTable(5, 5));
}
