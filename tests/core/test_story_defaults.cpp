// The defaults that make a picture tell its story: the PCA pair chosen from the data (the one on
// which the drawn points stand furthest apart, checked against a slow search here), and the
// aligned difference matched by what the model reads (ids), not by the text typed.
#include "alignment.h"
#include "model.h"
#include "shipped_models.h"
#include "snapshot.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

using namespace orderlens;

namespace {

using orderlens::testing::shipped;

SnapshotPtr snapshotOf(const Model& model, const std::string& a, const std::string& b)
{
    SnapshotRequest request;
    request.sentenceA = a;
    request.sentenceB = b;
    request.compare = true;
    SnapshotResult result = analyse(model, positionFacts(model), request);
    EXPECT_FALSE(result.errorA || result.errorB);
    return result.snapshot;
}

// The drawn points of the PCA view on axes (i, j): E of each distinct word, P of each position
// (when the scheme adds one), E + P of each token; with a flag telling same-vector points apart.
struct Drawn {
    std::vector<std::pair<double, double>> xy;
    std::vector<std::string> name;  // "E 猫", "P 2", "猫@2": points with one name are one vector
};
Drawn drawnPoints(const Snapshot& s, int i, int j)
{
    Drawn d;
    bool positions = false;
    for (const SentenceSnapshot* x : s.sentences())
        positions = positions || x->hasPositionRows;
    for (const SentenceSnapshot* x : s.sentences())
        for (int t = 0; t < x->length(); ++t) {
            d.xy.push_back({x->pcaEmbedding(t, i), x->pcaEmbedding(t, j)});
            d.name.push_back("E " + x->tokens[static_cast<size_t>(t)]);
            if (positions) {
                d.xy.push_back({x->pcaPosition(t, i), x->pcaPosition(t, j)});
                d.name.push_back("P " + std::to_string(t));
            }
            d.xy.push_back({x->pcaInput(t, i), x->pcaInput(t, j)});
            d.name.push_back(positions ? x->tokens[static_cast<size_t>(t)] + "@" + std::to_string(t)
                                       : "E " + x->tokens[static_cast<size_t>(t)]);
        }
    return d;
}

// Closest two differently named points, over the RMS radius of all points (the chooser's score).
double separation(const Drawn& d)
{
    double spread = 0;
    for (const auto& [x, y] : d.xy)
        spread += x * x + y * y;
    const double radius = std::sqrt(spread / static_cast<double>(d.xy.size()));
    double nearest = std::numeric_limits<double>::infinity();
    for (size_t a = 0; a < d.xy.size(); ++a)
        for (size_t b = a + 1; b < d.xy.size(); ++b)
            if (d.name[a] != d.name[b])
                nearest = std::min(nearest, std::hypot(d.xy[a].first - d.xy[b].first, d.xy[a].second - d.xy[b].second));
    return nearest / radius;
}

}  // namespace

TEST(PcaPair, ChoosesThePairThatKeepsDifferentPointsApart)
{
    // Three axes: on (0, 1) points 0 and 1 coincide; on (0, 2) and (1, 2) they part, (1, 2) most.
    Matrix p(4, 3);
    p << 1, 0, 0,   //
        1, 0, 0.2,  //
        -1, 1, -1,  //
        -1, -1, 0.8;
    EXPECT_EQ(choosePcaPair(p, {0, 1, 2, 3}), std::make_pair(1, 2));
    // Points 0 and 1 declared one vector: nothing coincides on (0, 1) any more, the first pair wins ties.
    Matrix q(3, 3);
    q << 1, 0, 0,  //
        -1, 1, 0,  //
        0, -1, 0;
    EXPECT_EQ(choosePcaPair(q, {0, 1, 2}), std::make_pair(0, 1));
    // Two axes, or one vector only: the first two.
    EXPECT_EQ(choosePcaPair(Matrix::Random(5, 2), {0, 1, 2, 3, 4}), std::make_pair(0, 1));
    EXPECT_EQ(choosePcaPair(Matrix::Zero(3, 3), {0, 0, 0}), std::make_pair(0, 1));
}

TEST(PcaPair, SinusoidalShowcaseOpensOnThePairWhereTheSameWordAtTwoPlacesParts)
{
    const SnapshotPtr s = snapshotOf(shipped("sinusoidal"), "猫追老鼠", "老鼠追猫");
    ASSERT_TRUE(s);
    ASSERT_EQ(s->pcaComponents, 3);
    const std::pair<int, int> chosen{s->pcaDefaultFirst, s->pcaDefaultSecond};
    // The slow search over every pair agrees with the snapshot's choice.
    double best = -1;
    std::pair<int, int> slow{0, 1};
    for (int i = 0; i < 3; ++i)
        for (int j = i + 1; j < 3; ++j) {
            const double score = separation(drawnPoints(*s, i, j));
            std::printf("PC%d/PC%d: closest two points %.4f of the radius\n", i + 1, j + 1, score);
            if (score > best * (1 + 1e-9)) {
                best = score;
                slow = {i, j};
            }
        }
    EXPECT_EQ(chosen, slow);
    // The complaint this default answers: on PC1/PC2, 猫@0 and 猫@2 fall on one spot.
    EXPECT_NE(chosen, std::make_pair(0, 1));
    EXPECT_GT(best, 3 * separation(drawnPoints(*s, 0, 1)));
}

TEST(PcaPair, IsInTheRangeForEveryScheme)
{
    for (const char* scheme : {"sinusoidal", "learned", "rope", "alibi", "none"}) {
        const SnapshotPtr s = snapshotOf(shipped(scheme), "猫追老鼠", "老鼠追猫");
        ASSERT_TRUE(s);
        EXPECT_GE(s->pcaDefaultFirst, 0) << scheme;
        EXPECT_LT(s->pcaDefaultFirst, s->pcaDefaultSecond) << scheme;
        EXPECT_LT(s->pcaDefaultSecond, s->pcaComponents) << scheme;
    }
}

TEST(AlignedDifference, MatchesTokensByWhatTheModelReads)
{
    // 🐱 and 🐭 are outside the lexicon: both sentences read [UNK] 追 [UNK], one input twice.
    const SnapshotPtr same = snapshotOf(shipped("sinusoidal"), "🐱追🐭", "🐭追🐱");
    ASSERT_TRUE(same && same->difference);
    EXPECT_TRUE(same->difference->sameInput);
    EXPECT_EQ(same->difference->bIndexOfA, (std::vector<int>{0, 1, 2}));
    EXPECT_EQ(same->difference->maxAbsAttention, 0.0);
    for (const auto& layer : same->difference->logits)
        for (const Matrix& m : layer)
            EXPECT_EQ(m.cwiseAbs().maxCoeff(), 0.0f);
    // A real reversal is not the same input, and with positions its difference is not zero.
    const SnapshotPtr reversed = snapshotOf(shipped("sinusoidal"), "猫追老鼠", "老鼠追猫");
    ASSERT_TRUE(reversed && reversed->difference);
    EXPECT_FALSE(reversed->difference->sameInput);
    EXPECT_EQ(reversed->difference->bIndexOfA, (std::vector<int>{2, 1, 0}));
    EXPECT_GT(reversed->difference->maxAbsAttention, 0.05);
    // Different ids at one place: no permutation, no difference.
    const SnapshotPtr other = snapshotOf(shipped("sinusoidal"), "猫追老鼠", "狗追老鼠");
    ASSERT_TRUE(other);
    EXPECT_FALSE(other->difference);
}
