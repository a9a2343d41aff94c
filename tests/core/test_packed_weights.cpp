// Models with BERT-sized matrices keep their layers' weights packed in oneDNN's layout
// (library_product.h, Model::packWeights): the forward pass must give what the row-major weights
// give, at every token count (the dot tiles', the panels' and oneDNN's ranges), the feed-forward
// matrices kept only packed must come back exactly on save and through mutableWeights(), and a
// packed copy must hold exactly the values it was made from.
#include "library_product.h"
#include "model.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

using namespace orderlens;

namespace {

ModelConfig sizeable()
{
    ModelConfig c;
    c.d_model = 256;
    c.n_heads = 4;
    c.n_layers = 2;
    c.d_ff = 1024;  // 256 x 1024 weights: large enough to be packed
    c.max_len = 160;
    c.norm = NormPlacement::Post;
    c.activation = Activation::Gelu;
    c.n_roles = 0;
    c.pe = PositionScheme::Learned;
    return c;
}

// |a - b| over the largest |b|.
double relative(const Matrix& a, const Matrix& b)
{
    return (a - b).cwiseAbs().maxCoeff() / std::max(1e-30f, b.cwiseAbs().maxCoeff());
}

class PackedWeightsTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!hasLibraryProduct())
            GTEST_SKIP() << "built without oneDNN";
    }
    void TearDown() override { usePackedWeights(true); }
};

TEST_F(PackedWeightsTest, APackedCopyHoldsTheSameValues)
{
    std::mt19937 rng(3);
    std::normal_distribution<float> normal;
    Matrix w(700, 300);
    for (Eigen::Index i = 0; i < w.size(); ++i)
        w.data()[i] = normal(rng);
    const auto packed = PackedWeights::pack(w.data(), w.rows(), w.cols(), w.outerStride());
    ASSERT_TRUE(packed);
    Matrix back(700, 300);
    packed->unpack(back.data());
    EXPECT_EQ((back - w).cwiseAbs().maxCoeff(), 0.0f);
    // And its product is the row-major one (with and without a bias, strided rows).
    const Matrix wide = Matrix::Random(40, 400), bias = Matrix::Random(1, 700);
    Matrix y(40, 700), none(40, 700);
    ASSERT_TRUE(packed->product(wide.data() + 50, wide.outerStride(), 40, bias.data(), y.data(), y.outerStride()));
    ASSERT_TRUE(packed->product(wide.data() + 50, wide.outerStride(), 40, nullptr, none.data(), none.outerStride()));
    const Matrix x = wide.middleCols(50, 300);
    const Matrix expected = (x.cast<double>() * w.cast<double>().transpose()).cast<float>();
    EXPECT_LT(relative(none, expected), 1e-5);
    EXPECT_LT(relative(y, expected + bias.replicate(40, 1)), 1e-5);
    // Every number of tokens runs from the packed copy itself (the forward pass's fallback, which
    // would hide a refusal, is not taken).
    for (const Eigen::Index rows : {1, 3, 8, 9, 16, 63, 64, 150, 513}) {
        const Matrix xs = Matrix::Random(rows, 300);
        Matrix ys(rows, 700);
        EXPECT_TRUE(packed->product(xs.data(), xs.outerStride(), rows, bias.data(), ys.data(), ys.outerStride()))
            << rows;
        EXPECT_LT(relative(ys, (xs.cast<double>() * w.cast<double>().transpose()).cast<float>() + bias.replicate(rows, 1)),
                  1e-5)
            << rows;
    }
}

TEST_F(PackedWeightsTest, TheForwardPassIsTheRowMajorOne)
{
    usePackedWeights(false);
    const Model plain = Model::random(PositionScheme::Learned, 7, sizeable());
    usePackedWeights(true);
    const Model packed = Model::random(PositionScheme::Learned, 7, sizeable());
    ASSERT_EQ(plain.packedBytes(), 0u);
    ASSERT_GT(packed.packedBytes(), 0u);
    EXPECT_EQ(packed.weights().layers[0].ffnInWeight.size(), 0) << "the feed-forward matrices are kept only packed";
    for (const int T : {1, 5, 8, 9, 40, 64, 100, 150}) {
        std::vector<int> ids(static_cast<size_t>(T)), positions(ids.size());
        for (int t = 0; t < T; ++t) {
            ids[size_t(t)] = 4 + (t * 5) % (plain.config().vocab - 4);
            positions[size_t(t)] = t;
        }
        const Trace a = plain.forward(ids, positions), b = packed.forward(ids, positions);
        for (size_t l = 0; l < a.layers.size(); ++l) {
            EXPECT_LT(relative(b.layers[l].output, a.layers[l].output), 1e-5) << T << " tokens, layer " << l;
            for (size_t h = 0; h < a.layers[l].attention.size(); ++h)
                EXPECT_LT((b.layers[l].attention[h] - a.layers[l].attention[h]).cwiseAbs().maxCoeff(), 1e-5)
                    << T << " tokens, layer " << l << " head " << h;
        }
    }
}

TEST_F(PackedWeightsTest, SavedAndChangedWeightsAreTheOriginals)
{
    usePackedWeights(false);
    const Model plain = Model::random(PositionScheme::Learned, 9, sizeable());
    usePackedWeights(true);
    Model packed = Model::random(PositionScheme::Learned, 9, sizeable());
    const std::string path = (std::filesystem::temp_directory_path() / "orderlens_packed_model.safetensors").string();
    packed.save(path);
    const Model loaded = Model::load(path);
    std::remove(path.c_str());
    // The loaded model is packed again; its unpacked copy (through mutableWeights) is the original.
    Model reloaded = loaded;
    const ModelWeights& back = reloaded.mutableWeights();
    EXPECT_EQ(reloaded.packedBytes(), 0u);
    for (size_t l = 0; l < back.layers.size(); ++l) {
        EXPECT_EQ((back.layers[l].ffnInWeight - plain.weights().layers[l].ffnInWeight).cwiseAbs().maxCoeff(), 0.0f);
        EXPECT_EQ((back.layers[l].ffnOutWeight - plain.weights().layers[l].ffnOutWeight).cwiseAbs().maxCoeff(), 0.0f);
    }
    // Changed in place, the forward pass follows the change (it now runs from the row-major weights).
    ModelWeights& w = packed.mutableWeights();
    w.layers[1].ffnOutWeight.setZero();
    w.layers[1].ffnOutBias.setZero();
    const std::vector<int> ids{5, 6, 7}, positions{0, 1, 2};
    const Trace t = packed.forward(ids, positions);
    const Trace original = plain.forward(ids, positions);
    EXPECT_GT((t.layers[1].output - original.layers[1].output).cwiseAbs().maxCoeff(), 1e-3);
}

}  // namespace
