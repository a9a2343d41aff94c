// The labelled inexact mode for BF16 decoders (library_product.h, useBf16Products): each product's
// tokens are rounded to BF16 (to nearest, ties to even) and multiplied with the BF16 weights,
// summed in float32. The products must be exactly that arithmetic (against a double loop over
// the rounded tokens), packed weights must hold the words they were made from, a decoder opened
// in the mode must say so in its traces and stay close to the exact one, and a decoder opened
// without it must be untouched.
#include "decoder.h"
#include "library_product.h"
#include "stored_matrix.h"
#include "trace_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

using namespace orderlens;

namespace {

uint16_t bf16Of(float v)  // the upper half: the weights are made exactly representable
{
    return static_cast<uint16_t>(std::bit_cast<uint32_t>(v) >> 16);
}

float widened(uint16_t w)
{
    return std::bit_cast<float>(static_cast<uint32_t>(w) << 16);
}

// The nearest BF16 to v, ties to even, written out on the values (not on the bits' carry).
double roundedToBf16(float v)
{
    const float toward = widened(bf16Of(v));  // truncated: towards zero
    if (toward == v)
        return v;
    const float away = widened(static_cast<uint16_t>(bf16Of(v) + 1));  // the next one away from zero
    const double down = std::abs(double(v) - toward), up = std::abs(double(away) - v);
    if (down != up)
        return down < up ? toward : away;
    return (bf16Of(v) & 1u) == 0 ? toward : away;  // a tie: the even one
}

struct Case {
    std::vector<float> x;
    std::vector<uint16_t> w;
    std::vector<float> bias;
};

Case randomCase(std::ptrdiff_t rows, std::ptrdiff_t out, std::ptrdiff_t depth, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal;
    Case c;
    c.x.resize(size_t(rows * depth));
    for (float& v : c.x)
        v = normal(rng);
    c.w.resize(size_t(out * depth));
    for (uint16_t& v : c.w)
        v = bf16Of(0.05f * normal(rng));
    c.bias.resize(size_t(out));
    for (float& v : c.bias)
        v = normal(rng);
    return c;
}

// y = round(x) W^T + bias in double.
std::vector<double> reference(const Case& c, std::ptrdiff_t rows, std::ptrdiff_t out, std::ptrdiff_t depth)
{
    std::vector<double> y(size_t(rows * out));
    for (std::ptrdiff_t r = 0; r < rows; ++r)
        for (std::ptrdiff_t o = 0; o < out; ++o) {
            double sum = c.bias[size_t(o)];
            for (std::ptrdiff_t i = 0; i < depth; ++i)
                sum += roundedToBf16(c.x[size_t(r * depth + i)]) * widened(c.w[size_t(o * depth + i)]);
            y[size_t(r * out + o)] = sum;
        }
    return y;
}

double worstError(const std::vector<float>& y, const std::vector<double>& ref)
{
    double worst = 0, scale = 1e-30;
    for (size_t i = 0; i < y.size(); ++i) {
        worst = std::max(worst, std::abs(y[i] - ref[i]));
        scale = std::max(scale, std::abs(ref[i]));
    }
    return worst / scale;
}

class Bf16Products : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!hasLibraryProduct())
            GTEST_SKIP() << "built without oneDNN";
        const uint16_t one = bf16Of(1.0f);
        if (!PackedWeights::packBf16(&one, 1, 1, 1))
            GTEST_SKIP() << "oneDNN has no BF16 kernel on this CPU";
    }
    void TearDown() override { useBf16Products(false); }
};

TEST(Bf16Rounding, TheReferenceRoundsTiesToEven)
{
    // BF16 keeps 7 fraction bits: 1 + 2^-8 lies halfway between 1 and 1 + 2^-7.
    EXPECT_EQ(roundedToBf16(1.0f + 0x1p-8f), 1.0);
    EXPECT_EQ(roundedToBf16(1.0f + 3 * 0x1p-8f), 1.0 + 0x1p-6);
    EXPECT_EQ(roundedToBf16(1.0f + 0x1p-8f + 0x1p-20f), 1.0 + 0x1p-7);
    EXPECT_EQ(roundedToBf16(-1.0f - 0x1p-8f), -1.0);
}

TEST_F(Bf16Products, InPlaceProductsAreTheRoundedTokensTimesTheWeights)
{
    const std::ptrdiff_t out = 200, depth = 96;
    for (const std::ptrdiff_t rows : {1, 8, 9, 33, 130}) {
        Case c = randomCase(rows, out, depth, unsigned(rows));
        // Ties in the tokens: the product must round them to even as the reference does.
        c.x[0] = 1.0f + 0x1p-8f;
        c.x[1] = 1.0f + 3 * 0x1p-8f;
        std::vector<float> y(size_t(rows * out));
        const kernels::ProductArgs args{c.x.data(), depth, rows, depth, c.w.data(), depth,
                                        kernels::WeightType::BF16, y.data(), out, c.bias.data()};
        ASSERT_TRUE(libraryProductBf16(args, out)) << rows << " rows";
        EXPECT_LT(worstError(y, reference(c, rows, out, depth)), 2e-6) << rows << " rows";
    }
}

TEST_F(Bf16Products, PackedWeightsHoldTheirWordsAndMultiplyAlike)
{
    const std::ptrdiff_t out = 300, depth = 130;
    Case c = randomCase(40, out, depth, 7);
    const auto packed = PackedWeights::packBf16(c.w.data(), out, depth, depth);
    ASSERT_TRUE(packed);
    EXPECT_TRUE(packed->bf16());
    std::vector<uint16_t> back(c.w.size());
    packed->unpack(back.data());
    EXPECT_EQ(back, c.w);
    for (const std::ptrdiff_t rows : {1, 8, 40, 64, 130}) {
        if (rows > 40)
            c = randomCase(rows, out, depth, 8);  // as many tokens (the weights stay the same words)
        c.w = back;
        std::vector<float> y(size_t(rows * out));
        // The tokens with a row stride wider than their depth.
        std::vector<float> wide(size_t(rows * (depth + 5)));
        for (std::ptrdiff_t r = 0; r < rows; ++r)
            std::copy_n(c.x.data() + r * depth, depth, wide.data() + r * (depth + 5));
        ASSERT_TRUE(packed->product(wide.data(), depth + 5, rows, c.bias.data(), y.data(), out));
        EXPECT_LT(worstError(y, reference(c, rows, out, depth)), 2e-6) << rows << " rows";
        // The same product on each thread of a team (as the next-token chunks run).
        std::vector<std::vector<float>> each(4, std::vector<float>(y.size()));
        bool all = true;
#pragma omp parallel for reduction(&& : all)
        for (int i = 0; i < 4; ++i)
            all = packed->product(wide.data(), depth + 5, rows, c.bias.data(), each[size_t(i)].data(), out) && all;
        ASSERT_TRUE(all);
        for (const auto& other : each)
            EXPECT_EQ(other, y) << rows << " rows, inside a parallel region";
    }
}

TEST_F(Bf16Products, APackedStoredMatrixReadsAsItsWords)
{
    const Case c = randomCase(1, 64, 48, 9);
    StoredMatrix exact(StoredMatrix::Kind::BF16, 64, 48, c.w);
    StoredMatrix packed = exact;
    ASSERT_TRUE(packed.packForBf16Products());
    EXPECT_TRUE(packed.bf16Packed());
    EXPECT_TRUE(packed.words().empty());
    EXPECT_EQ(packed.rowsAsFloat(10, 5), exact.rowsAsFloat(10, 5));
    EXPECT_FALSE(StoredMatrix(Matrix::Ones(4, 4)).packForBf16Products());  // float32 stays as it is
}

// A tiny Qwen2-shaped decoder with BF16 weights.
DecoderModel tinyDecoder(std::string id)
{
    DecoderConfig c;
    c.family = DecoderFamily::Qwen2;
    c.modelType = "qwen2";
    c.vocab = 9000;  // more than two of the next-token ranking's chunks
    c.d_model = 64;
    c.n_layers = 2;
    c.n_heads = 4;
    c.n_kv_heads = 2;
    c.head_dim = 16;
    c.d_ff = 128;
    c.max_positions = 256;
    c.norm_eps = 1e-6;
    c.rope_theta = 10000;
    c.tied = true;
    c.qkvBias = true;
    std::mt19937 rng(11);
    std::normal_distribution<float> normal;
    auto bf16 = [&](Eigen::Index rows, Eigen::Index cols, float scale) {
        std::vector<uint16_t> words(size_t(rows * cols));
        for (uint16_t& w : words)
            w = bf16Of(scale * normal(rng));
        return StoredMatrix(StoredMatrix::Kind::BF16, rows, cols, std::move(words));
    };
    DecoderWeights w;
    {
        // Rows 4100 and 8200 repeat row 7: equal logits in three chunks of the ranking (a tie goes
        // to the smaller id).
        std::vector<uint16_t> words = bf16(c.vocab, c.d_model, 0.5f).words();
        for (const int copy : {4100, 8200})
            std::copy_n(words.begin() + 7 * c.d_model, c.d_model, words.begin() + copy * c.d_model);
        w.tokenTable = StoredMatrix(StoredMatrix::Kind::BF16, c.vocab, c.d_model, std::move(words));
    }
    w.finalNormGain = Matrix::Ones(1, c.d_model);
    w.layers.resize(2);
    for (DecoderLayerWeights& L : w.layers) {
        L.norm1Gain = L.norm2Gain = Matrix::Ones(1, c.d_model);
        L.query = bf16(64, 64, 0.15f);
        L.key = bf16(32, 64, 0.15f);
        L.value = bf16(32, 64, 0.15f);
        L.output = bf16(64, 64, 0.15f);
        L.queryBias = Matrix::Constant(1, 64, 0.01f);
        L.keyBias = L.valueBias = Matrix::Constant(1, 32, 0.01f);
        L.gate = bf16(128, 64, 0.15f);
        L.up = bf16(128, 64, 0.15f);
        L.down = bf16(64, 128, 0.1f);
    }
    return DecoderModel(std::move(id), c, std::move(w));
}

TEST_F(Bf16Products, ADecoderOpenedInTheModeSaysSoAndStaysCloseToTheExactOne)
{
    const DecoderModel exact = tinyDecoder("tiny");
    useBf16Products(true);
    const DecoderModel fast = tinyDecoder("tiny");
    useBf16Products(false);
    const DecoderModel later = tinyDecoder("tiny");  // opened after the switch went off: exact again
    EXPECT_FALSE(exact.bf16Products());
    EXPECT_TRUE(fast.bf16Products());
    EXPECT_FALSE(later.bf16Products());
    EXPECT_TRUE(fast.weights().layers[0].gateUp.bf16Packed());  // gate and up as one product
    EXPECT_TRUE(fast.weights().layers[0].gate.empty());
    EXPECT_TRUE(fast.weights().layers[0].queryKeyValue.bf16Packed());
    EXPECT_TRUE(fast.weights().layers[0].query.empty());  // read from the stacked matrix
    EXPECT_TRUE(exact.weights().layers[0].gateUp.empty());
    EXPECT_FALSE(fast.weights().tokenTable.bf16Packed());  // its rows are the embedding

    std::vector<int> ids;
    for (int t = 0; t < 24; ++t)
        ids.push_back((t * 37 + 5) % 300);
    const DecoderTrace a = exact.forward(ids), b = fast.forward(ids), c = later.forward(ids);
    for (size_t l = 0; l < a.trace.layers.size(); ++l) {
        EXPECT_EQ(c.trace.layers[l].output, a.trace.layers[l].output);  // untouched by the mode
        const Matrix& x = a.trace.layers[l].output;
        const double error = (b.trace.layers[l].output - x).cwiseAbs().maxCoeff() / x.cwiseAbs().maxCoeff();
        EXPECT_GT(error, 0) << "layer " << l << ": the mode must really round";
        EXPECT_LT(error, 3e-2) << "layer " << l;
        for (const Matrix& attention : b.trace.layers[l].attention)
            for (Eigen::Index q = 0; q < attention.rows(); ++q) {
                EXPECT_NEAR(attention.row(q).sum(), 1.0, 1e-5);
                EXPECT_EQ(attention.row(q).tail(attention.cols() - q - 1).cwiseAbs().sum(), 0.0f);
            }
    }
    ASSERT_EQ(b.nextTokens.size(), ids.size());
    int sameBest = 0;
    for (size_t t = 0; t < ids.size(); ++t)
        sameBest += a.nextTokens[t][0].id == b.nextTokens[t][0].id;
    EXPECT_GE(sameBest, 20) << "most positions keep their most likely next token";

    // RoPE's exact split holds in the mode too (its queries and keys from the same products).
    const auto terms = decoderRopeTerms(fast, b);
    ASSERT_EQ(terms.size(), b.trace.layers.size());
    for (size_t l = 0; l < terms.size(); ++l)
        for (size_t h = 0; h < terms[l].size(); ++h)
            for (Eigen::Index q = 0; q < b.trace.length(); ++q)
                for (Eigen::Index k = 0; k <= q; ++k)
                    EXPECT_NEAR(terms[l][h].content(q, k) + terms[l][h].position(q, k), b.trace.layers[l].logits[h](q, k), 1e-5);

    EXPECT_EQ(decoderTraceToJson(b, fast.config())["arithmetic"], "bf16-products");
    EXPECT_EQ(decoderTraceToJson(a, exact.config())["arithmetic"], "float32");
}

TEST(NextTokens, TheRankingMatchesTheFullLogits)
{
    // nextTokens takes the vocabulary a chunk at a time: the same top five and probabilities as
    // the softmax of the whole logit row, at every number of tokens (the products' ranges), ties
    // across chunks to the smaller id.
    const DecoderModel exact = tinyDecoder("tiny");
    for (const int T : {6, 40, 130}) {
    std::vector<int> ids;
    for (int t = 0; t < T; ++t)
        ids.push_back(t % 3 == 0 ? 7 : (t * 53 + 1) % 9000);
    const DecoderTrace trace = exact.forward(ids);
    const Matrix logits = exact.lmLogits(trace.finalNorm);
    bool tied = false;
    for (Eigen::Index t = 0; t < logits.rows(); ++t) {
        tied = tied || (logits(t, 7) == logits(t, 4100) && logits(t, 4100) == logits(t, 8200));
        const Eigen::RowVectorXd row = logits.row(t).cast<double>();
        const double total = (row.array() - row.maxCoeff()).exp().sum();
        std::vector<int> order(static_cast<size_t>(row.size()));
        for (int i = 0; i < row.size(); ++i)
            order[size_t(i)] = i;
        std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return row(x) > row(y); });
        for (int i = 0; i < 5; ++i) {
            EXPECT_EQ(trace.nextTokens[size_t(t)][size_t(i)].id, order[size_t(i)]);
            EXPECT_NEAR(trace.nextTokens[size_t(t)][size_t(i)].probability,
                        std::exp(row(order[size_t(i)]) - row.maxCoeff()) / total, 1e-6);
        }
    }
    EXPECT_TRUE(tied) << "rows 7, 4100 and 8200 are the same token row";
    }
}

}  // namespace
