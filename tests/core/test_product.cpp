// The forward pass's products (core/kernels/product.h) against a double-precision loop, for every
// kernel this CPU has (AVX-512, AVX2, and none: the Eigen / OpenBLAS fallback), every weight type
// (float32, BF16, F16: the 16-bit words widened exactly), and shapes that hit every edge of the
// tiles: token counts on both sides of the dot/panel/BLAS switches and not a multiple of a panel,
// depths not a multiple of the vector width or of the depth slice, outputs not a multiple of a tile.
#include "kernels/product.h"
#include "layers.h"
#include "library_product.h"
#include "stored_matrix.h"

#include <gtest/gtest.h>

#include <Eigen/Core>

#include <omp.h>

#include <bit>
#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace orderlens;

namespace {

Matrix randomMatrix(Eigen::Index rows, Eigen::Index cols, std::mt19937& rng)
{
    std::normal_distribution<float> normal(0.0f, 1.0f);
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = normal(rng);
    return m;
}

// The 16-bit words of m (rounded to nearest even for BF16, Eigen's rounding for F16), and m
// replaced by exactly what they hold.
std::vector<uint16_t> toWords(Matrix& m, StoredMatrix::Kind kind)
{
    std::vector<uint16_t> words(static_cast<size_t>(m.size()));
    for (Eigen::Index i = 0; i < m.size(); ++i) {
        float& v = m.data()[i];
        if (kind == StoredMatrix::Kind::BF16) {
            const uint32_t bits = std::bit_cast<uint32_t>(v);
            const uint32_t rounded = bits + 0x7FFFu + ((bits >> 16) & 1u);
            words[static_cast<size_t>(i)] = static_cast<uint16_t>(rounded >> 16);
            v = std::bit_cast<float>(static_cast<uint32_t>(words[static_cast<size_t>(i)]) << 16);
        } else {
            const Eigen::half h(v);
            words[static_cast<size_t>(i)] = std::bit_cast<uint16_t>(h);
            v = static_cast<float>(h);
        }
    }
    return words;
}

// The largest |y - x W^T - b| over the largest |y| entry of the reference, in double.
double relativeError(const Matrix& y, const Matrix& x, const Matrix& w, const Matrix& b)
{
    double worst = 0, scale = 1e-30;
    for (Eigen::Index t = 0; t < x.rows(); ++t)
        for (Eigen::Index o = 0; o < w.rows(); ++o) {
            double s = b(0, o);
            for (Eigen::Index i = 0; i < x.cols(); ++i)
                s += double(x(t, i)) * double(w(o, i));
            worst = std::max(worst, std::abs(double(y(t, o)) - s));
            scale = std::max(scale, std::abs(s));
        }
    return worst / scale;
}

struct Shape {
    Eigen::Index tokens, depth, out;
};

// Token counts around the dot (<= 8), panel (<= 96) and BLAS switches and the 16-token panels;
// depths around 16 / 256; outputs around the tiles of 3 and 12 rows and their groups of 252.
const std::vector<Shape> kShapes = {
    {1, 16, 1},   {1, 17, 5},    {3, 64, 7},    {8, 100, 13},  {9, 64, 12},  {15, 33, 25},
    {16, 256, 24}, {17, 257, 37}, {31, 300, 253}, {33, 520, 50}, {64, 64, 64}, {96, 128, 30},
    {97, 80, 29}, {130, 70, 45},
};

class Product : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override
    {
        if (!kernels::useKernel(GetParam().c_str()))
            GTEST_SKIP() << "this CPU has no " << GetParam();
    }
    void TearDown() override { kernels::useKernel("avx512") || kernels::useKernel("avx2") || kernels::useKernel("none"); }
};

TEST_P(Product, Float32MatchesTheDoubleLoop)
{
    std::mt19937 rng(11);
    for (const Shape& s : kShapes) {
        const Matrix x = randomMatrix(s.tokens, s.depth, rng), w = randomMatrix(s.out, s.depth, rng),
                     b = randomMatrix(1, s.out, rng);
        EXPECT_LT(relativeError(linear(x, w, b), x, w, b), 1e-5)
            << GetParam() << " " << s.tokens << "x" << s.depth << " -> " << s.out;
    }
}

TEST_P(Product, SixteenBitWeightsAreWidenedExactly)
{
    std::mt19937 rng(12);
    for (const auto kind : {StoredMatrix::Kind::BF16, StoredMatrix::Kind::F16})
        for (const Shape& s : kShapes) {
            const Matrix x = randomMatrix(s.tokens, s.depth, rng), b = randomMatrix(1, s.out, rng);
            Matrix w = randomMatrix(s.out, s.depth, rng);
            const StoredMatrix stored(kind, s.out, s.depth, toWords(w, kind));
            EXPECT_LT(relativeError(linear(x, stored, b), x, w, b), 1e-5)
                << GetParam() << (kind == StoredMatrix::Kind::BF16 ? " BF16 " : " F16 ") << s.tokens << "x"
                << s.depth << " -> " << s.out;
        }
}

TEST_P(Product, StridedInputsAndTheTransposedProduct)
{
    // Rows of a wider matrix (the attention's per-head columns) and a b^T for the attention maps.
    std::mt19937 rng(13);
    const Matrix wide = randomMatrix(40, 200, rng), keys = randomMatrix(40, 200, rng);
    const Matrix a = wide.middleCols(64, 64), k = keys.middleCols(64, 64);
    const Matrix y = timesTransposed(wide.middleCols(64, 64), keys.middleCols(64, 64));
    EXPECT_LT(relativeError(y, a, k, Matrix::Zero(1, 40)), 1e-5) << GetParam();
}

TEST_P(Product, SplitAcrossThreadsGivesTheSameBits)
{
    // The output columns are split between the threads; each column's sum is done by one thread
    // in one order, so the result must not depend on how many threads there are.
    std::mt19937 rng(14);
    const Matrix x = randomMatrix(40, 768, rng), w = randomMatrix(1100, 768, rng), b = randomMatrix(1, 1100, rng);
    const Matrix both = linear(x, w, b);
    Matrix one;
    {
        const int before = omp_get_max_threads();
        omp_set_num_threads(1);
        one = linear(x, w, b);
        omp_set_num_threads(before);
    }
    EXPECT_EQ((both - one).cwiseAbs().maxCoeff(), 0.0f) << GetParam();
}

// Many tokens through a weight matrix go to oneDNN (library_product.h): every such shape, with
// and without a bias, strided rows, 16-bit weights widened first, and the attention's products on
// a head's own thread, against the double loop; and the same bits on a second run.
TEST(LibraryProduct, ManyTokensMatchTheDoubleLoop)
{
    if (!hasLibraryProduct())
        GTEST_SKIP() << "built without oneDNN";
    std::mt19937 rng(15);
    const std::vector<Shape> shapes = {{64, 512, 512}, {65, 768, 341}, {130, 300, 900}, {200, 1030, 257}, {513, 256, 1024}};
    for (const Shape& s : shapes) {
        const Matrix x = randomMatrix(s.tokens, s.depth, rng), w = randomMatrix(s.out, s.depth, rng),
                     b = randomMatrix(1, s.out, rng);
        const Matrix y = linear(x, w, b);
        EXPECT_LT(relativeError(y, x, w, b), 1e-5) << s.tokens << "x" << s.depth << " -> " << s.out;
        EXPECT_EQ((linear(x, w, b) - y).cwiseAbs().maxCoeff(), 0.0f) << "a second run differs";
        bool done = false;
        const Matrix none = linearInto(x, w.data(), s.out, s.depth, kernels::WeightType::F32, nullptr, &done);
        ASSERT_TRUE(done);
        EXPECT_LT(relativeError(none, x, w, Matrix::Zero(1, s.out)), 1e-5) << "no bias";
        Matrix w16 = w;
        const StoredMatrix stored(StoredMatrix::Kind::BF16, s.out, s.depth, toWords(w16, StoredMatrix::Kind::BF16));
        EXPECT_LT(relativeError(linear(x, stored, b), x, w16, b), 1e-5) << "BF16 " << s.tokens;
    }
    // Rows of a wider matrix (a head's columns), and a b^T on each thread of a team.
    const Matrix wide = randomMatrix(100, 900, rng), other = randomMatrix(700, 900, rng);
    const Matrix a = wide.middleCols(64, 800), bt = other.middleCols(64, 800);
    EXPECT_LT(relativeError(linear(wide.middleCols(64, 800), other.middleCols(64, 800), Matrix::Zero(1, 700)), a, bt,
                            Matrix::Zero(1, 700)),
              1e-5);
    const Matrix q = randomMatrix(80, 64, rng), k = randomMatrix(80, 64, rng);
    std::vector<Matrix> maps(4);
#pragma omp parallel for num_threads(2)
    for (int h = 0; h < 4; ++h)
        maps[size_t(h)] = timesTransposed(q, k);
    for (const Matrix& m : maps)
        EXPECT_LT(relativeError(m, q, k, Matrix::Zero(1, 80)), 1e-5);
}

INSTANTIATE_TEST_SUITE_P(EveryKernel, Product, ::testing::Values("avx512", "avx2", "none"),
                         [](const auto& info) { return info.param; });

}  // namespace
