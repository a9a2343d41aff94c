// RoPE seen exactly (rope_terms.h): every layer's and head's logits split into content +
// position and into one term per frequency pair, each sum equal to the logits; content is the
// logit of query and key at the same position; the pair terms depend only on the offset; the
// shares and wavelengths of the snapshot and the JSON keys.
#include "rope_terms.h"
#include "shipped_models.h"
#include "snapshot.h"
#include "snapshot_json.h"
#include "trace_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <numbers>
#include <numeric>

namespace orderlens {
namespace {

constexpr float kTolerance = 1e-5f;

const Model& rope() { return testing::shipped("rope"); }

TEST(RopeTerms, ContentPlusPositionAndThePairsSumToTheLogits)
{
    for (const char* sentence : {"猫追老鼠", "老鼠被猫追", "大黑猫把小老鼠抓了"}) {
        const Trace trace = rope().trace(sentence);
        ASSERT_EQ(trace.ropeTerms.size(), trace.layers.size());
        const int pairs = rope().config().headDim() / 2;
        for (size_t l = 0; l < trace.layers.size(); ++l) {
            ASSERT_EQ(trace.ropeTerms[l].size(), static_cast<size_t>(rope().config().n_heads));
            for (size_t h = 0; h < trace.ropeTerms[l].size(); ++h) {
                const RopeHeadTerms& t = trace.ropeTerms[l][h];
                const Matrix& logits = trace.layers[l].logits[h];
                EXPECT_LE((t.content + t.position - logits).cwiseAbs().maxCoeff(), kTolerance) << l << " " << h;
                ASSERT_EQ(t.pairs.size(), static_cast<size_t>(pairs));
                Matrix sum = Matrix::Zero(logits.rows(), logits.cols());
                for (const Matrix& p : t.pairs)
                    sum += p;
                EXPECT_LE((sum - logits).cwiseAbs().maxCoeff(), kTolerance) << l << " " << h;
                ASSERT_EQ(t.pairPositions.size(), static_cast<size_t>(pairs));
                Matrix moved = Matrix::Zero(logits.rows(), logits.cols());
                for (const Matrix& p : t.pairPositions)
                    moved += p;
                EXPECT_LE((moved - t.position).cwiseAbs().maxCoeff(), kTolerance) << l << " " << h;
                // Not a trivial split: both parts move the logits.
                EXPECT_GT(t.position.cwiseAbs().maxCoeff(), 1e-3f);
                EXPECT_GT(t.content.cwiseAbs().maxCoeff(), 1e-3f);
            }
        }
    }
}

TEST(RopeTerms, ContentIsTheLogitAtTheSamePosition)
{
    // Layer 0 reads word rows only (RoPE adds no row), so with every token at position 0 its
    // logits are the unrotated q . k: the content term of the real positions.
    const Trace trace = rope().trace("猫追老鼠");
    const std::vector<int> ids = trace.tokenIds();
    const Trace same = rope().forward(ids, std::vector<int>(ids.size(), 0));
    for (size_t h = 0; h < trace.ropeTerms[0].size(); ++h)
        EXPECT_LE((trace.ropeTerms[0][h].content - same.layers[0].logits[h]).cwiseAbs().maxCoeff(), kTolerance);
}

TEST(RopeTerms, PairTermsDependOnlyOnTheOffset)
{
    // Moving the whole sentence along by 7 positions changes no offset: layer 0's pair terms stay.
    const Trace trace = rope().trace("猫追老鼠");
    const std::vector<int> ids = trace.tokenIds();
    std::vector<int> shifted(ids.size());
    std::iota(shifted.begin(), shifted.end(), 7);
    const Trace moved = rope().forward(ids, shifted, {}, true);
    ASSERT_FALSE(moved.ropeTerms.empty());
    for (size_t h = 0; h < trace.ropeTerms[0].size(); ++h)
        for (size_t i = 0; i < trace.ropeTerms[0][h].pairs.size(); ++i)
            EXPECT_LE((trace.ropeTerms[0][h].pairs[i] - moved.ropeTerms[0][h].pairs[i]).cwiseAbs().maxCoeff(), kTolerance)
                << "head " << h << " pair " << i;
}

TEST(RopeTerms, SharesSumToOne)
{
    const Trace trace = rope().trace("猫追老鼠");
    for (const auto& layer : trace.ropeTerms)
        for (const RopeHeadTerms& head : layer) {
            const RopeShares s = ropeShares(head);
            EXPECT_NEAR(s.content + s.position, 1.0, 1e-12);
            EXPECT_GT(s.position, 0.0);
            EXPECT_NEAR(std::accumulate(s.pairs.begin(), s.pairs.end(), 0.0), 1.0, 1e-12);
            for (double p : s.pairs)
                EXPECT_GE(p, 0.0);
        }
}

TEST(RopeTerms, Wavelengths)
{
    const std::vector<double> w = ropeWavelengths(16, 10000);
    ASSERT_EQ(w.size(), 8u);
    EXPECT_NEAR(w[0], 2 * std::numbers::pi, 1e-12);
    EXPECT_NEAR(w[7], 2 * std::numbers::pi * std::pow(10000.0, 14.0 / 16), 1e-6);
    for (size_t i = 1; i < w.size(); ++i)
        EXPECT_GT(w[i], w[i - 1]);
}

TEST(RopeTerms, OnlyForRope)
{
    for (const char* scheme : {"sinusoidal", "learned", "alibi", "none"}) {
        const Trace trace = testing::shipped(scheme).trace("猫追老鼠");
        EXPECT_TRUE(trace.ropeTerms.empty()) << scheme;
        const nlohmann::json j = traceToJson(trace, {});
        for (const auto& layer : j["layers"])
            EXPECT_FALSE(layer.contains("rope_terms")) << scheme;
    }
}

TEST(RopeTerms, TraceAndSnapshotJson)
{
    const Trace trace = rope().trace("猫追老鼠");
    const nlohmann::json j = traceToJson(trace, {});
    const int H = rope().config().n_heads, pairs = rope().config().headDim() / 2, T = trace.length();
    ASSERT_EQ(j["layers"].size(), trace.layers.size());
    for (size_t l = 0; l < trace.layers.size(); ++l) {
        const nlohmann::json& r = j["layers"][l]["rope_terms"];
        ASSERT_EQ(r["content"].size(), static_cast<size_t>(H));
        ASSERT_EQ(r["position"].size(), static_cast<size_t>(H));
        ASSERT_EQ(r["pairs"].size(), static_cast<size_t>(H));
        ASSERT_EQ(r["pairs"][0].size(), static_cast<size_t>(pairs));
        ASSERT_EQ(r["pairs"][0][0].size(), static_cast<size_t>(T));
        // The JSON keeps the exact sum: content + position == logits, entry by entry.
        for (int h = 0; h < H; ++h)
            for (int a = 0; a < T; ++a)
                for (int b = 0; b < T; ++b)
                    EXPECT_NEAR(r["content"][h][a][b].get<double>() + r["position"][h][a][b].get<double>(),
                                j["layers"][l]["logits"][h][a][b].get<double>(), 1e-5);
    }

    const ModelFacts facts = positionFacts(rope());
    SnapshotRequest request;
    request.sentenceA = "猫追老鼠";
    request.sentenceB = "老鼠追猫";
    const SnapshotResult result = analyse(rope(), facts, request);
    ASSERT_TRUE(result.snapshot);
    const nlohmann::json s = snapshotToJson(*result.snapshot);
    ASSERT_TRUE(s.contains("rope_shares"));
    ASSERT_EQ(s["rope_shares"].size(), 2u);  // A and B
    ASSERT_EQ(s["rope_shares"][0].size(), trace.layers.size() * static_cast<size_t>(H));
    EXPECT_EQ(s["rope_shares"][0][H]["layer"], 1);
    EXPECT_EQ(s["rope_shares"][0][H]["head"], 0);
    EXPECT_EQ(s["rope_shares"][0][0]["pairs"].size(), static_cast<size_t>(pairs));
    EXPECT_EQ(s["rope_wavelengths"].size(), static_cast<size_t>(pairs));

    const SnapshotResult other = analyse(testing::shipped("sinusoidal"), positionFacts(testing::shipped("sinusoidal")), request);
    EXPECT_FALSE(snapshotToJson(*other.snapshot).contains("rope_shares"));
}

}  // namespace
}  // namespace orderlens
