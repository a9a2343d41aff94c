// Head roles, residual stream and trace JSON: the analyses views are built on.
#include "decomposition.h"
#include "head_roles.h"
#include "layers.h"
#include "model.h"
#include "residual.h"
#include "threads.h"
#include "trace_json.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace orderlens;

TEST(HeadRoles, WithoutPositionsEveryHeadIsAContentHead)
{
    const Model model = Model::random(PositionScheme::None, 2);
    const Trace trace = model.trace("大猫在追小老鼠");
    const auto roles = headRoles(model, trace);
    ASSERT_EQ(roles.size(), static_cast<size_t>(model.config().n_layers * model.config().n_heads));
    for (const auto& r : roles) {
        EXPECT_EQ(r.kind, HeadKind::Content) << "layer " << r.layer << " head " << r.head;
        EXPECT_LT(r.ablationPositionScore, 1e-3);
    }
}

TEST(HeadRoles, WithoutWordInformationEveryLayerZeroHeadIsPositional)
{
    // A word table of zeros leaves only positions to attend by.
    Model model = Model::random(PositionScheme::Sinusoidal, 2);
    model.mutableWeights().wordTable.setZero();
    const Trace trace = model.trace("大猫在追小老鼠");
    const auto roles = headRoles(model, trace);
    for (const auto& r : roles) {
        EXPECT_EQ(r.kind, HeadKind::Positional) << "layer " << r.layer << " head " << r.head;
        EXPECT_GT(r.ablationPositionScore, 0.99);
        if (r.layer == 0) {
            EXPECT_GT(r.decompositionPositionShare, 0.99);
            EXPECT_LT(r.decompositionContentShare, 1e-6);
        }
    }
}

TEST(HeadRoles, ShareOfARandomHeadIsBetweenZeroAndOne)
{
    const Model model = Model::random(PositionScheme::Learned, 4);
    const Trace trace = model.trace("猫把老鼠抓了");
    for (int h = 0; h < model.config().n_heads; ++h) {
        const TermShares s = termShares(*trace.terms, h);
        EXPECT_NEAR(s.content + s.position + s.mixed, 1.0, 1e-9);
        EXPECT_GT(s.position, 0.0);
        EXPECT_GT(s.content, 0.0);
    }
}

TEST(HeadRoles, SameOnOneThreadAsOnSeveral)
{
    // The ablation forwards run in parallel for models big enough to pay for it; their sum must
    // not depend on the thread count.
    ModelConfig config;
    config.d_model = 384;
    config.d_ff = 768;
    config.n_heads = 4;
    config.n_layers = 2;
    const Model model = Model::random(PositionScheme::Learned, 7, config);
    const Trace trace = model.trace("大黑猫在追小白老鼠");
    const auto parallel = headRoles(model, trace, 4);
    std::vector<HeadRole> serial;
    {
        const SerialEigen one;
        serial = headRoles(model, trace, 4);
    }
    ASSERT_EQ(parallel.size(), serial.size());
    for (size_t i = 0; i < serial.size(); ++i) {
        EXPECT_EQ(parallel[i].ablationPositionScore, serial[i].ablationPositionScore) << i;
        EXPECT_EQ(parallel[i].kind, serial[i].kind) << i;
    }
}

// y = x W^T + b through every path of linear() (few rows of a wide matrix, Eigen, OpenBLAS when
// built with it, one thread and several) against a double-precision loop.
TEST(Linear, EveryPathMatchesADoubleLoop)
{
    struct Shape {
        Eigen::Index rows, in, out;
    };
    for (const Shape shape : {Shape{3, 16, 8}, Shape{5, 300, 700}, Shape{16, 256, 40}, Shape{17, 256, 40},
                              Shape{40, 64, 64}, Shape{200, 512, 600}}) {
        const Matrix x = Matrix::Random(shape.rows, shape.in), w = Matrix::Random(shape.out, shape.in),
                     b = Matrix::Random(1, shape.out);
        const Matrix y = linear(x, w, b);
        ASSERT_EQ(y.rows(), shape.rows);
        ASSERT_EQ(y.cols(), shape.out);
        double worst = 0;
        for (Eigen::Index t = 0; t < shape.rows; ++t)
            for (Eigen::Index j = 0; j < shape.out; ++j) {
                double sum = b(0, j);
                for (Eigen::Index k = 0; k < shape.in; ++k)
                    sum += double(x(t, k)) * double(w(j, k));
                worst = std::max(worst, std::abs(sum - double(y(t, j))));
            }
        EXPECT_LT(worst, 1e-4) << shape.rows << "x" << shape.in << " -> " << shape.out;
    }
}

struct PatternCase {
    const char* name;
    HeadPattern pattern;
    int offset;  // key = query + offset, or -100 for "first token"
};

class Patterns : public ::testing::TestWithParam<PatternCase> {};

TEST_P(Patterns, NamedFromTheAttentionMap)
{
    const int T = 6;
    Matrix a = Matrix::Constant(T, T, 0.02f);
    for (int q = 0; q < T; ++q) {
        const int k = GetParam().offset == -100 ? 0 : q + GetParam().offset;
        if (k >= 0 && k < T)
            a(q, k) = 0.9f;
    }
    double strength = 0;
    EXPECT_EQ(strongestPattern(a, &strength), GetParam().pattern);
    EXPECT_NEAR(strength, 0.9, 1e-6);
}

INSTANTIATE_TEST_SUITE_P(Heads, Patterns,
                         ::testing::Values(PatternCase{"previous", HeadPattern::PreviousToken, -1},
                                           PatternCase{"next", HeadPattern::NextToken, 1},
                                           PatternCase{"self", HeadPattern::Self, 0},
                                           PatternCase{"first", HeadPattern::FirstToken, -100}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Patterns, UniformAttentionHasNoPattern)
{
    const Matrix a = Matrix::Constant(5, 5, 0.2f);
    double strength = 1;
    EXPECT_EQ(strongestPattern(a, &strength), HeadPattern::None);
    EXPECT_EQ(strength, 0.0);
}

TEST(Residual, InputOfANoPositionModelDecodesEveryWord)
{
    const Model model = Model::random(PositionScheme::None, 3);
    const Trace trace = model.trace("老师喜欢学生");
    const auto stages = residualStream(model, trace);
    ASSERT_EQ(stages.size(), 1u + model.config().n_layers);
    EXPECT_EQ(stages[0].decodingAccuracy, 1.0);
    for (size_t t = 0; t < trace.tokens.size(); ++t) {
        EXPECT_NEAR(stages[0].cosineToWord[t], 1.0, 1e-5);
        EXPECT_TRUE(std::isnan(stages[0].cosineToPosition[t]));  // no position row at all
    }
}

TEST(Residual, NearestWordIsTheBruteForceNearest)
{
    const Model model = Model::random(PositionScheme::Sinusoidal, 5);
    const Trace trace = model.trace("老鼠追猫");
    const auto stages = residualStream(model, trace);
    const Matrix& table = model.weights().wordTable;
    for (size_t s = 0; s < stages.size(); ++s) {
        const Matrix& x = s == 0 ? trace.input : trace.layers[s - 1].output;
        for (int t = 0; t < trace.length(); ++t) {
            int best = 0;
            double bestCos = -2;
            for (int v = 0; v < table.rows(); ++v) {
                const double c = x.row(t).dot(table.row(v)) / (x.row(t).norm() * table.row(v).norm());
                if (c > bestCos + 1e-6) {
                    bestCos = c;
                    best = v;
                }
            }
            EXPECT_EQ(stages[s].nearestWord[static_cast<size_t>(t)], best) << "stage " << s << " token " << t;
        }
    }
}

TEST(Residual, CosinesMatchTheirDefinition)
{
    const Model model = Model::random(PositionScheme::Sinusoidal, 3);
    const Trace trace = model.trace("猫追老鼠");
    const auto stages = residualStream(model, trace);
    const auto& out = trace.layers[0].output;
    for (int t = 0; t < trace.length(); ++t) {
        const double expected = out.row(t).dot(trace.embedding.row(t)) / (out.row(t).norm() * trace.embedding.row(t).norm());
        EXPECT_NEAR(stages[1].cosineToWord[static_cast<size_t>(t)], expected, 1e-5);
    }
}

TEST(TraceJson, RoundTripsNumbersAndKeys)
{
    const Model model = Model::random(PositionScheme::Alibi, 1);
    const Trace trace = model.trace("猫追老鼠");
    const auto j = traceToJson(trace, headRoles(model, trace));
    for (const char* key : {"model", "tokens", "embedding", "position", "input", "layers", "roles", "head_roles"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["model"]["pe"], "alibi");
    EXPECT_FLOAT_EQ(j["embedding"][1][5].get<float>(), trace.embedding(1, 5));
    EXPECT_FLOAT_EQ(j["layers"][1]["attention"][3][2][0].get<float>(), trace.layers[1].attention[3](2, 0));
    EXPECT_TRUE(j["layers"][0].contains("terms"));
    EXPECT_FALSE(j["layers"][1].contains("terms"));
    // Without position vectors, the position key is all zeros (ALiBi biases logits instead).
    EXPECT_EQ(trace.position.cwiseAbs().maxCoeff(), 0.0f);
}
