// The five shipped models (resources/models/*.safetensors): they label the showcase sentences,
// generalise to held-out events, the model without positions cannot tell a sentence from its
// reversal (and the test shows why), and trained models have positional heads.
#include "corpus.h"
#include "head_roles.h"
#include "model.h"
#include "shipped_models.h"
#include "residual.h"
#include "role_evaluation.h"
#include "roles.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

using namespace orderlens;

namespace {

using orderlens::testing::shipped;

class PositionedModel : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(PositionedModel, LabelsEveryShowcaseSentence)
{
    const Model& model = shipped(GetParam());
    EXPECT_EQ(toString(model.config().pe), GetParam());
    const Corpus corpus(model.vocabulary());
    const auto showcase = corpus.showcase();
    ASSERT_EQ(showcase.size(), 6u);
    for (const auto& s : showcase) {
        // Through the user's path: tokenize the text, trace it, read the predicted roles.
        const Trace trace = model.trace(s.text);
        ASSERT_EQ(trace.length(), static_cast<int>(s.roles.size())) << s.text;
        for (int t = 0; t < trace.length(); ++t)
            EXPECT_EQ(roleName(trace.predictedRole(t)), roleName(s.roles[static_cast<size_t>(t)]))
                << s.text << " token " << trace.tokens[static_cast<size_t>(t)].text;
    }
}

TEST_P(PositionedModel, MeetsTheAccuracyTargets)
{
    const RoleReport r = evaluateRoles(shipped(GetParam()), 1000);
    EXPECT_GE(r.heldOutAccuracy, 0.99);
    EXPECT_GE(r.reversalNounAccuracy, 0.97);
    EXPECT_EQ(r.showcaseCorrect, 6);
}

INSTANTIATE_TEST_SUITE_P(Shipped, PositionedModel, ::testing::Values("sinusoidal", "learned", "rope", "alibi"));

TEST(NoPositionModel, OutputsForAReversedSentenceAreTheSameRowsPermuted)
{
    // Without positions every layer is permutation-equivariant: reorder the words and every row
    // moves with its word, unchanged. So 猫 gets the same role in 猫追老鼠 and in 老鼠追猫.
    const Model& model = shipped("none");
    const Trace a = model.trace("猫追老鼠");  // 猫 追 老鼠
    const Trace b = model.trace("老鼠追猫");  // 老鼠 追 猫
    const std::vector<int> whereInB{2, 1, 0};  // row t of a is row whereInB[t] of b
    for (size_t l = 0; l < a.layers.size(); ++l)
        for (int t = 0; t < 3; ++t)
            EXPECT_LT((a.layers[l].output.row(t) - b.layers[l].output.row(whereInB[static_cast<size_t>(t)])).cwiseAbs().maxCoeff(),
                      1e-4f)
                << "layer " << l << " token " << t;
    for (int t = 0; t < 3; ++t) {
        EXPECT_LT((a.roleProbabilities.row(t) - b.roleProbabilities.row(whereInB[static_cast<size_t>(t)])).cwiseAbs().maxCoeff(),
                  1e-5f);
        EXPECT_EQ(a.predictedRole(t), b.predictedRole(whereInB[static_cast<size_t>(t)]));
    }
    // Hence at most one of the two sentences is right about 猫 (and about 老鼠).
    EXPECT_NE(a.predictedRole(0) == static_cast<int>(Role::Agent), b.predictedRole(2) == static_cast<int>(Role::Patient));

    // A model with positions does not keep the rows: 猫's final row moves with its position.
    const Model& sinusoidal = shipped("sinusoidal");
    const Trace sa = sinusoidal.trace("猫追老鼠"), sb = sinusoidal.trace("老鼠追猫");
    EXPECT_GT((sa.layers.back().output.row(0) - sb.layers.back().output.row(2)).norm(), 1.0f);
}

TEST(NoPositionModel, IsAtChanceOnTheNounsOfReversalPairs)
{
    const RoleReport r = evaluateRoles(shipped("none"), 200);
    EXPECT_LE(r.reversalNounAccuracy, 0.5 + 1e-9);
    EXPECT_GE(r.reversalNounAccuracy, 0.45);
    EXPECT_LT(r.showcaseCorrect, 6);
}

TEST(ShippedModels, SinusoidalAndLearnedHavePositionalHeads)
{
    for (const char* scheme : {"sinusoidal", "learned"}) {
        const Model& model = shipped(scheme);
        const auto roles = headRoles(model, model.trace("猫追老鼠"));
        int positional = 0;
        for (const auto& r : roles)
            positional += r.kind == HeadKind::Positional;
        EXPECT_GE(positional, 1) << scheme;
    }
    // The model without positions has none: nothing in it depends on position.
    const Model& none = shipped("none");
    for (const auto& r : headRoles(none, none.trace("猫追老鼠")))
        EXPECT_NE(r.kind, HeadKind::Positional);
}

TEST(ShippedModels, WordTableGroupsWordsByClass)
{
    // The masked-word objective makes words of one class alike: animals sit closer to animals
    // than to verbs (cosine similarity of word-table rows, averaged).
    const Model& model = shipped("sinusoidal");
    const Vocabulary& v = model.vocabulary();
    const Matrix& E = model.weights().wordTable;
    auto cosine = [&](int a, int b) { return E.row(a).dot(E.row(b)) / (E.row(a).norm() * E.row(b).norm()); };
    auto meanCosine = [&](const std::vector<int>& xs, const std::vector<int>& ys) {
        double sum = 0;
        int n = 0;
        for (int x : xs)
            for (int y : ys)
                if (x != y) {
                    sum += cosine(x, y);
                    ++n;
                }
        return sum / n;
    };
    const auto animals = v.idsOfClass("animal"), verbs = v.idsOfClass("verb");
    EXPECT_GT(meanCosine(animals, animals), meanCosine(animals, verbs) + 0.1);
    EXPECT_GT(meanCosine(verbs, verbs), meanCosine(animals, verbs) + 0.1);
}

TEST(ShippedModels, SinusoidalSumStillShowsTheWord)
{
    // Trained word rows end up near norm 1 while every sinusoidal row has norm sqrt(d/2) (5.66 at
    // d = 64). Added as stored, E + P was almost P: the input-stage nearest word was the same
    // word (。) for every token. The built-in multiplies the word row by sqrt(d_model) first.
    const Model& model = shipped("sinusoidal");
    const int d = model.config().d_model;
    EXPECT_FLOAT_EQ(model.config().embedding_scale, std::sqrt(static_cast<float>(d)));
    const Matrix& E = model.weights().wordTable;
    std::vector<float> ratios;  // ||scale * E[w]|| / ||P[p]||, the same for every position p
    for (Eigen::Index w = 0; w < E.rows(); ++w)
        ratios.push_back(model.config().embedding_scale * E.row(w).norm() / std::sqrt(static_cast<float>(d) / 2));
    std::nth_element(ratios.begin(), ratios.begin() + static_cast<std::ptrdiff_t>(ratios.size() / 2), ratios.end());
    const float median = ratios[ratios.size() / 2];
    std::printf("median ||scale * E|| / ||P||: %.3f\n", median);
    EXPECT_GT(median, 0.5f);

    // What the Residual view shows at the input: each token's nearest word is the token itself.
    const Trace trace = model.trace("猫追老鼠");
    const auto stages = residualStream(model, trace);
    ASSERT_FALSE(stages.empty());
    ASSERT_EQ(trace.length(), 3);
    for (int t = 0; t < trace.length(); ++t) {
        const auto& token = trace.tokens[static_cast<size_t>(t)];
        EXPECT_EQ(model.vocabulary().word(stages[0].nearestWord[static_cast<size_t>(t)]), token.text);
        // cosine(E + P, E) was 0.11-0.17 before the scale, 0.42-0.63 with it
        EXPECT_GT(stages[0].cosineToWord[static_cast<size_t>(t)], 0.3) << token.text;
        EXPECT_GT(stages[0].cosineToPosition[static_cast<size_t>(t)], 0.3) << token.text << ": the position shows too";
    }
}
