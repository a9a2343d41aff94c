// Recoverability: decoding the word and the position from E[w] + P[p] by nearest neighbour.
// Orthogonal tables decode perfectly; a hand-computed 2-D case gives 4/4 words and 3/4 positions;
// the GEMM decoder matches a slow brute-force twin; concatenation always decodes; random tables
// decode added vectors well at d = 1024 and badly at d = 2; bad tables are rejected.
#include "errors.h"
#include "recoverability.h"

#include "gaussian.h"

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace orderlens;

namespace {

using Index = Eigen::Index;

Matrix gaussian(Index rows, Index cols, uint64_t seed) { return testing_support::gaussian<Matrix>(rows, cols, seed); }

// Slow twin: every (w, p) pair, the 2-norm written out in double, first index on ties.
// concatenate: x = [E[w]; P[p]] against [E[w']; 0] and [0; P[p']], built as 2d vectors.
DecodingAccuracy bruteForceDecode(const Matrix& wordTable, const Matrix& positionTable, bool concatenate)
{
    const Index vocab = wordTable.rows(), length = positionTable.rows(), d = wordTable.cols();
    const Index width = concatenate ? 2 * d : d;
    const auto wordCandidate = [&](Index w) {
        std::vector<double> v(static_cast<size_t>(width), 0.0);
        for (Index j = 0; j < d; ++j)
            v[static_cast<size_t>(j)] = wordTable(w, j);
        return v;
    };
    const auto positionCandidate = [&](Index p) {
        std::vector<double> v(static_cast<size_t>(width), 0.0);
        for (Index j = 0; j < d; ++j)
            v[static_cast<size_t>(concatenate ? d + j : j)] = positionTable(p, j);
        return v;
    };
    const auto squaredDistance = [](const std::vector<double>& a, const std::vector<double>& b) {
        double sum = 0;
        for (size_t j = 0; j < a.size(); ++j)
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        return sum;
    };
    long correctWord = 0, correctPosition = 0;
    for (Index w = 0; w < vocab; ++w) {
        for (Index p = 0; p < length; ++p) {
            std::vector<double> x(static_cast<size_t>(width), 0.0);
            const std::vector<double> e = wordCandidate(w), pos = positionCandidate(p);
            for (Index j = 0; j < width; ++j)
                x[static_cast<size_t>(j)] = e[static_cast<size_t>(j)] + pos[static_cast<size_t>(j)];
            Index bestWord = 0, bestPosition = 0;
            double bestWordDistance = std::numeric_limits<double>::infinity(), bestPositionDistance = bestWordDistance;
            for (Index c = 0; c < vocab; ++c) {
                const double distance = squaredDistance(x, wordCandidate(c));
                if (distance < bestWordDistance) {
                    bestWordDistance = distance;
                    bestWord = c;
                }
            }
            for (Index c = 0; c < length; ++c) {
                const double distance = squaredDistance(x, positionCandidate(c));
                if (distance < bestPositionDistance) {
                    bestPositionDistance = distance;
                    bestPosition = c;
                }
            }
            correctWord += bestWord == w;
            correctPosition += bestPosition == p;
        }
    }
    const double queries = static_cast<double>(vocab * length);
    return {correctWord / queries, correctPosition / queries};
}

void expectBadInput(const std::function<void()>& call)
{
    try {
        call();
        ADD_FAILURE() << "no error thrown";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadInput) << e.what();
    }
}

TEST(Recoverability, HandComputedTwoDimensionalCase)
{
    // E = {[1, 0], [0, 1]}, P = {[0.1, 0], [0, 0.9]}. The four sums and their nearest rows:
    //   E0+P0 = [1.1, 0]  -> word 0 (0.01 vs 2.21), position 0 (1.00 vs 2.02)   both right
    //   E0+P1 = [1, 0.9]  -> word 0 (0.81 vs 1.01), position 1 (1.62 vs 1.00)   both right
    //   E1+P0 = [0.1, 1]  -> word 1 (1.81 vs 0.01), position 1 (1.00 vs 0.02)   position wrong
    //   E1+P1 = [0, 1.9]  -> word 1 (4.61 vs 0.81), position 1 (3.62 vs 1.00)   both right
    Matrix wordTable(2, 2), positionTable(2, 2);
    wordTable << 1, 0, 0, 1;
    positionTable << 0.1f, 0, 0, 0.9f;
    const DecodingAccuracy added = decodeAdded(wordTable, positionTable);
    EXPECT_DOUBLE_EQ(added.word, 1.0);
    EXPECT_DOUBLE_EQ(added.position, 0.75);
    const DecodingAccuracy concatenated = decodeConcatenated(wordTable, positionTable);
    EXPECT_DOUBLE_EQ(concatenated.word, 1.0);
    EXPECT_DOUBLE_EQ(concatenated.position, 1.0);
}

struct OrthogonalCase {
    int vocab, length;
    float wordScale, positionScale;
};

class OrthogonalTables : public ::testing::TestWithParam<OrthogonalCase> {};

// Words and positions on different axes of R^(V+L): the sum keeps both exactly.
TEST_P(OrthogonalTables, DecodeEverything)
{
    const OrthogonalCase& c = GetParam();
    const Index d = c.vocab + c.length;
    const Matrix identity = Matrix::Identity(d, d);
    const Matrix wordTable = c.wordScale * identity.topRows(c.vocab);
    const Matrix positionTable = c.positionScale * identity.bottomRows(c.length);
    const DecodingAccuracy added = decodeAdded(wordTable, positionTable);
    EXPECT_DOUBLE_EQ(added.word, 1.0);
    EXPECT_DOUBLE_EQ(added.position, 1.0);
    const DecodingAccuracy concatenated = decodeConcatenated(wordTable, positionTable);
    EXPECT_DOUBLE_EQ(concatenated.word, 1.0);
    EXPECT_DOUBLE_EQ(concatenated.position, 1.0);
}

INSTANTIATE_TEST_SUITE_P(Recoverability, OrthogonalTables,
                         ::testing::Values(OrthogonalCase{5, 3, 1.f, 1.f}, OrthogonalCase{12, 7, 3.f, 1.f},
                                           OrthogonalCase{4, 16, 1.f, 0.25f}, OrthogonalCase{1, 1, 2.f, 2.f}));

struct TwinCase {
    int vocab, length, d;
    uint64_t seed;
};

class MatchesBruteForce : public ::testing::TestWithParam<TwinCase> {};

TEST_P(MatchesBruteForce, AddedAndConcatenated)
{
    const TwinCase& c = GetParam();
    const Matrix wordTable = gaussian(c.vocab, c.d, c.seed);
    const Matrix positionTable = 0.8f * gaussian(c.length, c.d, c.seed + 1);
    const DecodingAccuracy fast = decodeAdded(wordTable, positionTable, c.vocab * c.length);
    const DecodingAccuracy slow = bruteForceDecode(wordTable, positionTable, false);
    EXPECT_DOUBLE_EQ(fast.word, slow.word);
    EXPECT_DOUBLE_EQ(fast.position, slow.position);
    // low widths make mistakes, so the comparison is not between two perfect scores
    if (c.d <= 4) {
        EXPECT_LT(slow.word, 1.0);
        EXPECT_LT(slow.position, 1.0);
    }
    const DecodingAccuracy fastConcatenated = decodeConcatenated(wordTable, positionTable, c.vocab * c.length);
    const DecodingAccuracy slowConcatenated = bruteForceDecode(wordTable, positionTable, true);
    EXPECT_DOUBLE_EQ(fastConcatenated.word, slowConcatenated.word);
    EXPECT_DOUBLE_EQ(fastConcatenated.position, slowConcatenated.position);
}

INSTANTIATE_TEST_SUITE_P(Recoverability, MatchesBruteForce,
                         ::testing::Values(TwinCase{37, 11, 2, 1}, TwinCase{37, 11, 4, 2}, TwinCase{20, 30, 3, 3},
                                           TwinCase{50, 8, 16, 4}, TwinCase{1, 6, 8, 5}));

TEST(Recoverability, SampledQueriesAreDeterministicAndRepresentative)
{
    const Matrix wordTable = gaussian(300, 6, 7);       // 300 x 40 = 12000 pairs
    const Matrix positionTable = gaussian(40, 6, 8);
    const DecodingAccuracy all = decodeAdded(wordTable, positionTable, 12000);
    const DecodingAccuracy sampled = decodeAdded(wordTable, positionTable, 4096, 3);
    const DecodingAccuracy again = decodeAdded(wordTable, positionTable, 4096, 3);
    EXPECT_EQ(sampled.word, again.word);
    EXPECT_EQ(sampled.position, again.position);
    // 4096 samples: standard error <= 0.008, so 0.04 is five of them
    EXPECT_NEAR(sampled.word, all.word, 0.04);
    EXPECT_NEAR(sampled.position, all.position, 0.04);
    EXPECT_LT(all.word, 0.9);  // d = 6 for 300 words: far from perfect, so the comparison means something
}

TEST(Recoverability, CurveForFiftyWordsAndThirtyTwoPositions)
{
    const std::vector<int> dims = defaultRecoverabilityDims();
    ASSERT_EQ(dims, (std::vector<int>{2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}));
    const std::vector<RecoverabilityPoint> curve = recoverabilityCurve(50, 32, dims, 1);
    ASSERT_EQ(curve.size(), dims.size());
    for (size_t i = 0; i < curve.size(); ++i) {
        EXPECT_EQ(curve[i].d, dims[i]);
        // concatenation keeps both halves apart: always exact on random (distinct) rows
        EXPECT_DOUBLE_EQ(curve[i].concatWord, 1.0) << "d = " << dims[i];
        EXPECT_DOUBLE_EQ(curve[i].concatPosition, 1.0) << "d = " << dims[i];
    }
    EXPECT_LT(curve.front().addWord, 0.5);
    EXPECT_LT(curve.front().addPosition, 0.5);
    EXPECT_GT(curve.back().addWord, 0.99);
    EXPECT_GT(curve.back().addPosition, 0.99);
    // wider vectors keep more: d = 1024 beats d = 2 by a wide margin, and the trend rises
    EXPECT_GT(curve[4].addWord, curve[0].addWord);
    EXPECT_GT(curve[8].addWord, curve[4].addWord - 0.01);

    const std::vector<RecoverabilityPoint> again = recoverabilityCurve(50, 32, {1024, 2}, 1);
    EXPECT_EQ(again[0].addWord, curve.back().addWord);  // a point does not depend on the other dims
    EXPECT_EQ(again[1].addPosition, curve.front().addPosition);
}

TEST(Recoverability, BadTablesAreRejected)
{
    const Matrix table = gaussian(5, 4, 1);
    expectBadInput([&] { decodeAdded(Matrix(0, 4), table); });
    expectBadInput([&] { decodeAdded(table, Matrix(0, 4)); });
    expectBadInput([&] { decodeAdded(table, gaussian(5, 3, 2)); });
    expectBadInput([&] { decodeConcatenated(table, gaussian(5, 3, 2)); });
    expectBadInput([&] { decodeAdded(Matrix(5, 0), Matrix(5, 0)); });
    expectBadInput([&] { decodeAdded(table, table, 0); });
    expectBadInput([&] { recoverabilityCurve(0, 8, {4}); });
    expectBadInput([&] { recoverabilityCurve(8, 0, {4}); });
    expectBadInput([&] { recoverabilityCurve(8, 8, {4, 0}); });
}

}  // namespace
