// Position schemes against their formulas and their defining invariants.
#include "positional_encoding.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

using namespace orderlens;

class SinusoidalFormula : public ::testing::TestWithParam<std::tuple<int, int, int>> {};

TEST_P(SinusoidalFormula, MatchesInterleavedFormula)
{
    const auto [length, d, stride] = GetParam();
    const Matrix table = sinusoidalTable(length, d);
    ASSERT_EQ(table.rows(), length);
    ASSERT_EQ(table.cols(), d);
    for (int pos = 0; pos < length; pos += stride)
        for (int j = 0; j < d; ++j) {
            const int i = j / 2;
            const double angle = pos / std::pow(10000.0, 2.0 * i / d);
            const double expected = j % 2 == 0 ? std::sin(angle) : std::cos(angle);
            ASSERT_NEAR(table(pos, j), expected, 1e-6) << "pos " << pos << " dim " << j;
        }
}

INSTANTIATE_TEST_SUITE_P(Shapes, SinusoidalFormula,
                         ::testing::Values(std::make_tuple(64, 64, 1), std::make_tuple(512, 768, 7),
                                           std::make_tuple(10, 2, 1), std::make_tuple(100, 6, 3)));

TEST(Sinusoidal, KnownValues)
{
    const Matrix t = sinusoidalTable(4, 4);
    EXPECT_FLOAT_EQ(t(0, 0), 0.0f);
    EXPECT_FLOAT_EQ(t(0, 1), 1.0f);
    EXPECT_NEAR(t(1, 0), std::sin(1.0), 1e-7);
    EXPECT_NEAR(t(1, 2), std::sin(1.0 / 100.0), 1e-7);  // 10000^(2/4) = 100
    EXPECT_NEAR(t(3, 3), std::cos(3.0 / 100.0), 1e-7);
}

TEST(Sinusoidal, DotProductDependsOnlyOnOffset)
{
    const int d = 64;
    const Matrix t = sinusoidalTable(128, d);
    for (int offset : {0, 1, 2, 5, 17, 40}) {
        const double reference = t.row(0).cast<double>().dot(t.row(offset).cast<double>());
        for (int pos = 1; pos + offset < 128; pos += 3) {
            const double v = t.row(pos).cast<double>().dot(t.row(pos + offset).cast<double>());
            ASSERT_NEAR(v, reference, 1e-4) << "offset " << offset << " at " << pos;
        }
    }
    // And it is not constant across offsets (otherwise it would say nothing about order).
    EXPECT_GT(std::abs(t.row(0).dot(t.row(1)) - t.row(0).dot(t.row(10))), 1.0f);
}

TEST(Rope, QueryKeyDotDependsOnlyOnOffset)
{
    const int dh = 16;
    Matrix q = Matrix::Random(1, dh), k = Matrix::Random(1, dh);
    auto rotatedDot = [&](int pq, int pk) {
        Matrix qq = q, kk = k;
        applyRope(qq, {pq}, 10000.f);
        applyRope(kk, {pk}, 10000.f);
        return qq.row(0).dot(kk.row(0));
    };
    for (int offset : {-7, -1, 0, 1, 3, 12}) {
        const float reference = rotatedDot(20, 20 + offset);
        for (int p = 0; p < 40; p += 5)
            if (p + offset >= 0) {
                ASSERT_NEAR(rotatedDot(p, p + offset), reference, 2e-5) << "offset " << offset << " at " << p;
            }
    }
    EXPECT_GT(std::abs(rotatedDot(0, 0) - rotatedDot(0, 3)), 1e-3f);
}

TEST(Rope, RotationKeepsNorms)
{
    Matrix x = Matrix::Random(5, 8);
    const Vector before = x.rowwise().norm();
    applyRope(x, {0, 1, 2, 30, 500}, 10000.f);
    for (int r = 0; r < 5; ++r)
        EXPECT_NEAR(x.row(r).norm(), before(r), 1e-5);
}

TEST(Alibi, SlopesForEightHeads)
{
    const auto slopes = alibiSlopes(8);
    ASSERT_EQ(slopes.size(), 8u);
    for (int h = 0; h < 8; ++h)
        EXPECT_FLOAT_EQ(slopes[static_cast<size_t>(h)], 1.0f / static_cast<float>(1 << (h + 1)));
    EXPECT_FLOAT_EQ(slopes.front(), 0.5f);
    EXPECT_FLOAT_EQ(slopes.back(), 1.0f / 256.0f);
}

TEST(Alibi, BiasIsMinusSlopeTimesDistanceChargedOnOneSide)
{
    const Matrix even = alibiBiasMatrix(5, 0.25f, 0), odd = alibiBiasMatrix(5, 0.25f, 1);
    EXPECT_FLOAT_EQ(even(0, 0), 0.0f);
    EXPECT_FLOAT_EQ(even(3, 1), -0.5f);   // key before the query: slope x distance
    EXPECT_FLOAT_EQ(even(1, 3), -1.0f);   // key after: charged double
    EXPECT_FLOAT_EQ(odd(3, 1), -1.0f);
    EXPECT_FLOAT_EQ(odd(1, 3), -0.5f);
    EXPECT_TRUE(even.isApprox(odd.transpose()));
}

TEST(Alibi, DirectionalBiasTellsASentenceFromItsMirror)
{
    // Reversal maps (q, k) to (T-1-q, T-1-k); a symmetric |q-k| bias would not change.
    const int T = 3;
    const Matrix b = alibiBiasMatrix(T, 0.5f, 0);
    Matrix mirrored(T, T);
    for (int q = 0; q < T; ++q)
        for (int k = 0; k < T; ++k)
            mirrored(q, k) = b(T - 1 - q, T - 1 - k);
    EXPECT_GT((mirrored - b).cwiseAbs().maxCoeff(), 0.1f);
}
