// The encoder forward pass against a slow loop-by-loop reference, its invariants, and its files.
#include "alignment.h"
#include "errors.h"
#include "model.h"
#include "positional_encoding.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

using namespace orderlens;

namespace {

using Rows = std::vector<std::vector<double>>;

// y[t][o] = sum_i x[t][i] * W[o][i] + b[o]
Rows slowLinear(const Rows& x, const Matrix& w, const Matrix& b)
{
    Rows y(x.size(), std::vector<double>(static_cast<size_t>(w.rows())));
    for (size_t t = 0; t < x.size(); ++t)
        for (Eigen::Index o = 0; o < w.rows(); ++o) {
            double s = b(0, o);
            for (Eigen::Index i = 0; i < w.cols(); ++i)
                s += x[t][static_cast<size_t>(i)] * w(o, i);
            y[t][static_cast<size_t>(o)] = s;
        }
    return y;
}

Rows slowLayerNorm(const Rows& x, const Matrix& g, const Matrix& b, double eps)
{
    Rows y = x;
    for (size_t t = 0; t < x.size(); ++t) {
        double mean = 0, var = 0;
        for (double v : x[t]) mean += v;
        mean /= static_cast<double>(x[t].size());
        for (double v : x[t]) var += (v - mean) * (v - mean);
        var /= static_cast<double>(x[t].size());
        for (size_t i = 0; i < x[t].size(); ++i)
            y[t][i] = (x[t][i] - mean) / std::sqrt(var + eps) * g(0, static_cast<Eigen::Index>(i)) +
                      b(0, static_cast<Eigen::Index>(i));
    }
    return y;
}

Rows add(const Rows& a, const Rows& b)
{
    Rows c = a;
    for (size_t t = 0; t < a.size(); ++t)
        for (size_t i = 0; i < a[t].size(); ++i)
            c[t][i] += b[t][i];
    return c;
}

struct SlowResult {
    std::vector<std::vector<Rows>> attention;  // [layer][head] (T, T)
    std::vector<Rows> outputs;                 // [layer] (T, d)
};

// The obvious twin of Model::forward: loops, double precision, formulas straight from DESIGN.md.
SlowResult slowForward(const Model& model, const std::vector<int>& ids)
{
    const ModelConfig& c = model.config();
    const ModelWeights& w = model.weights();
    const size_t T = ids.size();
    const int H = c.n_heads, dh = c.headDim(), d = c.d_model;
    Rows x(T, std::vector<double>(static_cast<size_t>(d)));
    for (size_t t = 0; t < T; ++t)
        for (int i = 0; i < d; ++i) {
            double p = 0;
            if (c.pe == PositionScheme::Sinusoidal) {
                const double angle = static_cast<double>(t) / std::pow(10000.0, (i - i % 2) / static_cast<double>(d));
                p = i % 2 == 0 ? std::sin(angle) : std::cos(angle);
            } else if (c.pe == PositionScheme::Learned) {
                p = w.positionTable(static_cast<Eigen::Index>(t), i);
            }
            x[t][static_cast<size_t>(i)] = static_cast<double>(c.embedding_scale) * w.wordTable(ids[t], i) + p;
        }
    SlowResult out;
    for (int l = 0; l < c.n_layers; ++l) {
        const LayerWeights& L = w.layers[static_cast<size_t>(l)];
        const bool pre = c.norm == NormPlacement::Pre;
        const Rows h = pre ? slowLayerNorm(x, L.norm1Gain, L.norm1Bias, c.ln_eps) : x;
        Rows q = slowLinear(h, L.queryWeight, L.queryBias), k = slowLinear(h, L.keyWeight, L.keyBias),
             v = slowLinear(h, L.valueWeight, L.valueBias);
        Rows context(T, std::vector<double>(static_cast<size_t>(d), 0.0));
        out.attention.emplace_back();
        for (int head = 0; head < H; ++head) {
            if (c.pe == PositionScheme::Rope)
                for (size_t t = 0; t < T; ++t)
                    for (int i = 0; i < dh / 2; ++i) {
                        const double angle = static_cast<double>(t) * std::pow(10000.0, -2.0 * i / dh);
                        for (Rows* m : {&q, &k}) {
                            auto& row = (*m)[t];
                            const size_t a = static_cast<size_t>(head * dh + 2 * i);
                            const double x0 = row[a], x1 = row[a + 1];
                            row[a] = x0 * std::cos(angle) - x1 * std::sin(angle);
                            row[a + 1] = x0 * std::sin(angle) + x1 * std::cos(angle);
                        }
                    }
            Rows att(T, std::vector<double>(T));
            for (size_t a = 0; a < T; ++a) {
                double maxLogit = -1e300;
                for (size_t b = 0; b < T; ++b) {
                    double s = 0;
                    for (int i = 0; i < dh; ++i)
                        s += q[a][static_cast<size_t>(head * dh + i)] * k[b][static_cast<size_t>(head * dh + i)];
                    s /= std::sqrt(static_cast<double>(dh));
                    if (c.pe == PositionScheme::Alibi)
                    {
                        // Directional ALiBi: even heads charge keys after the query double, odd heads keys before.
                        const bool charged = head % 2 == 0 ? b > a : b < a;
                        s -= std::pow(2.0, -8.0 * (head + 1) / H) * std::abs(static_cast<double>(a) - static_cast<double>(b)) *
                             (charged ? 2.0 : 1.0);
                    }
                    att[a][b] = s;
                    maxLogit = std::max(maxLogit, s);
                }
                double sum = 0;
                for (size_t b = 0; b < T; ++b) sum += (att[a][b] = std::exp(att[a][b] - maxLogit));
                for (size_t b = 0; b < T; ++b) att[a][b] /= sum;
                for (int i = 0; i < dh; ++i) {
                    double s = 0;
                    for (size_t b = 0; b < T; ++b) s += att[a][b] * v[b][static_cast<size_t>(head * dh + i)];
                    context[a][static_cast<size_t>(head * dh + i)] = s;
                }
            }
            out.attention.back().push_back(att);
        }
        const Rows attended = slowLinear(context, L.outputWeight, L.outputBias);
        auto ffn = [&](const Rows& in) {
            Rows hidden = slowLinear(in, L.ffnInWeight, L.ffnInBias);
            for (auto& row : hidden)
                for (auto& value : row)
                    value = c.activation == Activation::Relu ? std::max(0.0, value)
                                                             : 0.5 * value * (1.0 + std::erf(value / std::sqrt(2.0)));
            return slowLinear(hidden, L.ffnOutWeight, L.ffnOutBias);
        };
        if (pre) {
            x = add(x, attended);
            x = add(x, ffn(slowLayerNorm(x, L.norm2Gain, L.norm2Bias, c.ln_eps)));
        } else {
            x = slowLayerNorm(add(x, attended), L.norm1Gain, L.norm1Bias, c.ln_eps);
            x = slowLayerNorm(add(x, ffn(x)), L.norm2Gain, L.norm2Bias, c.ln_eps);
        }
        out.outputs.push_back(x);
    }
    return out;
}

struct Variant {
    PositionScheme pe;
    NormPlacement norm;
    Activation activation;
    float embeddingScale = 1.0f;
};

std::string name(const Variant& v)
{
    const std::string scaled = v.embeddingScale == 1.0f ? "" : "_scaled";
    return toString(v.pe) + "_" + toString(v.norm) + "_" + toString(v.activation) + scaled;
}

Model makeModel(const Variant& v, std::uint64_t seed = 3)
{
    ModelConfig c;
    c.d_model = 32;
    c.n_heads = 4;
    c.n_layers = 2;
    c.d_ff = 48;
    c.max_len = 32;
    c.norm = v.norm;
    c.activation = v.activation;
    c.embedding_scale = v.embeddingScale;
    Model m = Model::random(v.pe, seed, c);
    // Non-trivial LayerNorm gains and biases so the decomposition's bias path is exercised.
    std::mt19937_64 rng(seed + 100);
    std::uniform_real_distribution<float> u(-0.5f, 0.5f);
    for (auto& L : m.mutableWeights().layers)
        for (Matrix* p : {&L.norm1Gain, &L.norm1Bias, &L.norm2Gain, &L.norm2Bias, &L.queryBias, &L.keyBias})
            for (Eigen::Index i = 0; i < p->size(); ++i)
                p->data()[i] += u(rng);
    return m;
}

const std::vector<Variant> kVariants = {
    {PositionScheme::Sinusoidal, NormPlacement::Pre, Activation::Gelu},
    {PositionScheme::Sinusoidal, NormPlacement::Post, Activation::Relu},
    {PositionScheme::Learned, NormPlacement::Pre, Activation::Relu},
    {PositionScheme::Learned, NormPlacement::Post, Activation::Gelu},
    {PositionScheme::Rope, NormPlacement::Pre, Activation::Gelu},
    {PositionScheme::Rope, NormPlacement::Post, Activation::Gelu},
    {PositionScheme::Alibi, NormPlacement::Pre, Activation::Gelu},
    {PositionScheme::Alibi, NormPlacement::Post, Activation::Relu},
    {PositionScheme::None, NormPlacement::Pre, Activation::Gelu},
    {PositionScheme::None, NormPlacement::Post, Activation::Gelu},
    // The word row multiplied before the position row is added (sqrt(32) as the sinusoidal built-in does).
    {PositionScheme::Sinusoidal, NormPlacement::Pre, Activation::Gelu, std::sqrt(32.0f)},
    {PositionScheme::Learned, NormPlacement::Post, Activation::Relu, 0.5f},
};

}  // namespace

class EveryVariant : public ::testing::TestWithParam<Variant> {};

TEST_P(EveryVariant, ForwardMatchesSlowReference)
{
    const Model model = makeModel(GetParam());
    const Trace trace = model.trace("大猫在追小老鼠，老鼠很怕猫");
    const SlowResult slow = slowForward(model, trace.tokenIds());
    double maxDiff = 0;
    for (size_t l = 0; l < trace.layers.size(); ++l) {
        for (size_t h = 0; h < trace.layers[l].attention.size(); ++h)
            for (int a = 0; a < trace.length(); ++a)
                for (int b = 0; b < trace.length(); ++b)
                    maxDiff = std::max(maxDiff, std::abs(trace.layers[l].attention[h](a, b) -
                                                         slow.attention[l][h][static_cast<size_t>(a)][static_cast<size_t>(b)]));
        for (int t = 0; t < trace.length(); ++t)
            for (int i = 0; i < model.config().d_model; ++i)
                maxDiff = std::max(maxDiff, std::abs(trace.layers[l].output(t, i) -
                                                     slow.outputs[l][static_cast<size_t>(t)][static_cast<size_t>(i)]));
    }
    std::printf("maxdiff vs slow reference (%s): %.3g\n", name(GetParam()).c_str(), maxDiff);
    EXPECT_LT(maxDiff, 2e-4);
}

TEST_P(EveryVariant, AttentionRowsSumToOne)
{
    const Model model = makeModel(GetParam());
    const Trace trace = model.trace("猫把老鼠抓了");
    for (const auto& layer : trace.layers)
        for (const auto& att : layer.attention) {
            EXPECT_TRUE((att.array() >= 0).all());
            for (Eigen::Index r = 0; r < att.rows(); ++r)
                EXPECT_NEAR(att.row(r).sum(), 1.0f, 1e-5);
        }
}

TEST_P(EveryVariant, DecompositionTermsSumToLogits)
{
    const Model model = makeModel(GetParam());
    const Trace trace = model.trace("大猫在追小老鼠");
    if (GetParam().pe == PositionScheme::Rope) {
        EXPECT_FALSE(trace.terms.has_value()) << "RoPE rotates; there is no additive split";
        return;
    }
    ASSERT_TRUE(trace.terms.has_value());
    const auto& t = *trace.terms;
    double maxDiff = 0;
    for (size_t h = 0; h < t.ee.size(); ++h) {
        const Matrix sum = t.ee[h] + t.ep[h] + t.pe[h] + t.pp[h] + t.bias[h];
        maxDiff = std::max(maxDiff, static_cast<double>((sum - trace.layers[0].logits[h]).cwiseAbs().maxCoeff()));
    }
    std::printf("decomposition maxdiff (%s): %.3g\n", name(GetParam()).c_str(), maxDiff);
    EXPECT_LT(maxDiff, 1e-5);
    if (GetParam().pe == PositionScheme::None) {
        for (size_t h = 0; h < t.ee.size(); ++h) {
            EXPECT_EQ(t.pp[h].cwiseAbs().maxCoeff(), 0.0f);
            EXPECT_EQ(t.ep[h].cwiseAbs().maxCoeff(), 0.0f);
        }
    } else {
        double positional = 0;
        for (size_t h = 0; h < t.ee.size(); ++h)
            positional += t.pp[h].cwiseAbs().sum();
        EXPECT_GT(positional, 1e-3) << "a position scheme must leave a position term";
    }
}

TEST_P(EveryVariant, PermutingTokensPermutesOutputsOnlyWithoutPositions)
{
    const Model model = makeModel(GetParam());
    const Trace a = model.trace("猫追老鼠");
    const Trace b = model.trace("老鼠追猫");
    const auto map = alignTokens(a, b);
    ASSERT_TRUE(map.has_value());
    double maxDiff = 0;
    for (size_t l = 0; l < a.layers.size(); ++l)
        maxDiff = std::max(maxDiff, static_cast<double>(
                                        (alignRows(b.layers[l].output, *map) - a.layers[l].output).cwiseAbs().maxCoeff()));
    const auto diff = alignedDifference(a, b);
    ASSERT_TRUE(diff.has_value());
    if (GetParam().pe == PositionScheme::None) {
        EXPECT_LT(maxDiff, 1e-5) << "without positions the model cannot tell the two orders apart";
        EXPECT_LT(diff->maxAbsAttention, 1e-6);
    } else {
        EXPECT_GT(maxDiff, 1e-2) << "with positions, order must change the output";
        EXPECT_GT(diff->maxAbsAttention, 1e-3);
    }
}

INSTANTIATE_TEST_SUITE_P(Schemes, EveryVariant, ::testing::ValuesIn(kVariants),
                         [](const auto& info) { return name(info.param); });

TEST(Model, TooLongSentenceNamesTheLimit)
{
    ModelConfig c;
    c.max_len = 8;
    const Model model = Model::random(PositionScheme::Learned, 1, c);
    try {
        model.trace("猫追老鼠猫追老鼠猫追老鼠");
        FAIL() << "accepted 9 tokens with max_len 8";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadInput);
        EXPECT_NE(std::string(e.what()).find("at most 8 positions"), std::string::npos) << e.what();
    }
    std::string huge;
    for (int i = 0; i < 10000; ++i) huge += "猫";
    EXPECT_THROW(model.trace(huge), Error);
    EXPECT_THROW(model.trace("   "), Error);
}

TEST(Model, OnlyUnknownCharactersStillTrace)
{
    const Model model = Model::random(PositionScheme::Sinusoidal, 1);
    const Trace t = model.trace("龙凤🐉");
    ASSERT_EQ(t.length(), 3);
    for (const auto& tok : t.tokens)
        EXPECT_FALSE(tok.known());
    EXPECT_EQ(t.tokens[2].text, "🐉");
}

TEST(Model, HandmadeReproducesTheClassicSum)
{
    const Model model = Model::handmade();
    const Trace t = model.trace("老鼠追猫");
    ASSERT_EQ(t.length(), 3);
    EXPECT_EQ(t.tokens[2].text, "猫");
    const Eigen::RowVector3f e(0.5f, 0.3f, -0.2f), p(0.1f, -0.4f, 0.3f), sum(0.6f, -0.1f, 0.1f);
    EXPECT_TRUE(t.embedding.row(2).isApprox(e));
    EXPECT_TRUE(t.position.row(2).isApprox(p));
    EXPECT_LT((t.input.row(2) - sum).cwiseAbs().maxCoeff(), 1e-6f);
}

TEST(Model, RandomIsDeterministicPerSeed)
{
    const Model a = Model::random(PositionScheme::Rope, 5), b = Model::random(PositionScheme::Rope, 5),
                c = Model::random(PositionScheme::Rope, 6);
    EXPECT_TRUE(a.weights().wordTable == b.weights().wordTable);
    EXPECT_FALSE(a.weights().wordTable == c.weights().wordTable);
}

TEST(Model, ConfigIsValidatedOnce)
{
    ModelConfig c;
    c.d_model = 30;
    c.n_heads = 4;
    try {
        Model::random(PositionScheme::Sinusoidal, 1, c);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("divisible"), std::string::npos);
    }
}

TEST(Model, EmbeddingScaleMultipliesTheWordRowThatIsAdded)
{
    // trace.embedding is the row really added, so E + P = input still holds exactly.
    for (const float scale : {1.0f, 8.0f, 0.25f}) {
        const Model model = makeModel({PositionScheme::Sinusoidal, NormPlacement::Pre, Activation::Gelu, scale});
        const Trace t = model.trace("猫追老鼠");
        ASSERT_EQ(t.length(), 3);
        for (int i = 0; i < t.length(); ++i) {
            const Eigen::RowVectorXf stored = model.weights().wordTable.row(t.tokens[static_cast<size_t>(i)].id);
            EXPECT_EQ(t.embedding.row(i), Eigen::RowVectorXf(scale * stored)) << "scale " << scale;
        }
        EXPECT_EQ(t.input, Matrix(t.embedding + t.position)) << "scale " << scale;
    }
    // A larger scale makes the sum lean towards the word: cosine(E + P, E) grows with it.
    auto cosineToWord = [](float scale) {
        const Model model = makeModel({PositionScheme::Sinusoidal, NormPlacement::Pre, Activation::Gelu, scale});
        const Trace t = model.trace("猫追老鼠");
        return t.input.row(0).dot(t.embedding.row(0)) / (t.input.row(0).norm() * t.embedding.row(0).norm());
    };
    EXPECT_GT(cosineToWord(4.0f), cosineToWord(1.0f));
    EXPECT_GT(cosineToWord(1.0f), cosineToWord(0.25f));
}

class ConfigJson : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

// A config with one key replaced by raw JSON text is refused, naming the key.
TEST_P(ConfigJson, InvalidEmbeddingScaleIsRefusedClearly)
{
    const auto& [value, message] = GetParam();
    ModelConfig c;
    c.vocab = 10;
    nlohmann::json j = c;
    j["embedding_scale"] = nlohmann::json::parse(value);
    try {
        (void)j.get<ModelConfig>();
        FAIL() << "accepted embedding_scale " << value;
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadFile);
        EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, ConfigJson,
    ::testing::Values(std::pair<std::string, std::string>{"0", "\"embedding_scale\" is 0, expected 0.0001 to 10000"},
                      std::pair<std::string, std::string>{"-8", "\"embedding_scale\" is -8, expected 0.0001 to 10000"},
                      std::pair<std::string, std::string>{"1e39", "\"embedding_scale\" is 1e+39, expected 0.0001 to 10000"},
                      std::pair<std::string, std::string>{"\"eight\"", "\"embedding_scale\" must be a number, got \"eight\""},
                      std::pair<std::string, std::string>{"null", "\"embedding_scale\" must be a number, got null"}));

TEST(ConfigJsonRoundTrip, EmbeddingScaleIsKeptAndDefaultsToOne)
{
    ModelConfig c;
    c.vocab = 10;
    c.embedding_scale = 8.0f;
    nlohmann::json j = c;
    EXPECT_EQ(j.at("embedding_scale").get<float>(), 8.0f);
    EXPECT_EQ(j.get<ModelConfig>().embedding_scale, 8.0f);
    // Files written before the key existed (and BERT-shaped configs) add the word row as it is.
    j.erase("embedding_scale");
    EXPECT_EQ(j.get<ModelConfig>().embedding_scale, 1.0f);
    EXPECT_EQ(ModelConfig{}.embedding_scale, 1.0f);
}

TEST(ModelFile, SaveLoadRoundTripGivesTheSameTrace)
{
    const Model model = makeModel({PositionScheme::Learned, NormPlacement::Pre, Activation::Gelu, 2.5f});
    const auto path = std::filesystem::temp_directory_path() / "orderlens_roundtrip.safetensors";
    model.save(path.string());
    const Model loaded = Model::load(path.string());
    std::filesystem::remove(path);
    EXPECT_EQ(loaded.config().pe, PositionScheme::Learned);
    EXPECT_EQ(loaded.config().embedding_scale, 2.5f);
    EXPECT_EQ(loaded.vocabulary().size(), model.vocabulary().size());
    const Trace a = model.trace("猫追老鼠"), b = loaded.trace("猫追老鼠");
    EXPECT_TRUE(a.layers.back().output == b.layers.back().output);
}

TEST(ModelFile, MissingAndCorruptFilesAreRefusedClearly)
{
    EXPECT_THROW(Model::load("/nonexistent/model.safetensors"), Error);
    const auto path = std::filesystem::temp_directory_path() / "orderlens_corrupt.safetensors";
    {
        std::ofstream f(path, std::ios::binary);
        f << "this is not a model";
    }
    try {
        Model::load(path.string());
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadFile);
        EXPECT_NE(std::string(e.what()).find("orderlens_corrupt"), std::string::npos) << e.what();
    }
    // A valid model whose bytes are cut short.
    const auto bytes = Model::random(PositionScheme::Sinusoidal, 1).serialize();
    try {
        Model::fromSafetensorsBytes(bytes.data(), bytes.size() / 2, "half.safetensors");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadFile);
    }
    std::filesystem::remove(path);
}
