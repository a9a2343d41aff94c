// Decoder checkpoints: the tiny references of tests/fixtures/tiny_decoders (made by
// tests/decoders/make_tiny_decoders.py from torch modules assembled as transformers' GPT-2, LLaMA,
// Qwen2 and Qwen3, float64 on the stored weights) match in every variant — hidden states and
// final norm to 1e-4, attention to 1e-5 with the future exactly 0, next-token logits to 1e-4 and the
// top-5 — and malformed folders are refused with a message naming what is wrong.
#include "decoder.h"
#include "errors.h"
#include "file_io.h"
#include "safetensors.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <unistd.h>
#include <sstream>

using namespace orderlens;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kFixtures = std::string(ORDERLENS_SOURCE_DIR) + "/tests/fixtures/tiny_decoders";

std::string tokenizerDir()
{
    const char* env = std::getenv("ORDERLENS_TOKENIZER_DIR");
    return env && *env ? env : std::string(ORDERLENS_SOURCE_DIR) + "/build/tokenizers";
}

std::string readWhole(const fs::path& path) { return readRegularFile(path.string(), 256u << 20); }

void writeWhole(const fs::path& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

// The reference file, whole in memory: float tensors through SafetensorsFile, I64 ones raw.
struct Reference {
    std::string bytes;
    SafetensorsFile file;
    uint64_t bufferStart = 0;
    json inputs;

    explicit Reference(const std::string& path)
        : bytes(readWhole(path)),
          file(SafetensorsFile::parse(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), path))
    {
        uint64_t headerLength = 0;
        std::memcpy(&headerLength, bytes.data(), 8);
        bufferStart = 8 + headerLength;
        inputs = json::parse(file.metadata().at("inputs"));
    }
    Matrix matrix(const std::string& name) const { return file.matrix(name, file.info(name).shape); }
    std::vector<int64_t> integers(const std::string& name) const
    {
        const TensorInfo& info = file.info(name);
        EXPECT_EQ(info.dtypeName, "I64") << name;
        std::vector<int64_t> out((info.end - info.begin) / 8);
        std::memcpy(out.data(), bytes.data() + bufferStart + info.begin, out.size() * 8);
        return out;
    }
};

double maxAbsDiff(const Matrix& a, const Matrix& b)
{
    EXPECT_EQ(a.rows(), b.rows());
    EXPECT_EQ(a.cols(), b.cols());
    if (a.rows() != b.rows() || a.cols() != b.cols())
        return INFINITY;
    return (a - b).cwiseAbs().maxCoeff();
}

// Relative to the tensor's scale: hidden states of random weights grow to ~10 by the last layer.
double relativeDiff(const Matrix& a, const Matrix& b) { return maxAbsDiff(a, b) / std::max(1.0f, b.cwiseAbs().maxCoeff()); }

struct Variant {
    std::string name;
    DecoderFamily family;
    std::string ropeType;  // "" for GPT-2
};

class DecoderReference : public testing::TestWithParam<Variant> {};

TEST_P(DecoderReference, MatchesTorch)
{
    const Variant& v = GetParam();
    const auto model = DecoderModel::open(kFixtures + "/" + v.name);
    const DecoderConfig& c = model->config();
    EXPECT_EQ(c.family, v.family);
    EXPECT_EQ(c.n_layers, 2);
    if (!v.ropeType.empty()) {
        EXPECT_EQ(c.rope.type, v.ropeType);
    }
    const Reference ref(kFixtures + "/reference_" + v.name + ".safetensors");
    ASSERT_GE(ref.inputs.size(), 3u);
    for (size_t i = 0; i < ref.inputs.size(); ++i) {
        SCOPED_TRACE("case " + std::to_string(i));
        const std::string at = "case" + std::to_string(i) + ".";
        const std::vector<int> ids = ref.inputs[i].at("ids").get<std::vector<int>>();
        const DecoderTrace out = model->forward(ids, 5);
        const Trace& tr = out.trace;
        ASSERT_EQ(tr.length(), static_cast<int>(ids.size()));
        if (!v.ropeType.empty()) {  // the frequencies torch used for this length
            const Matrix expected = ref.matrix(at + "inv_freq");
            const auto f = c.ropeFrequencies(static_cast<int>(ids.size()));
            ASSERT_EQ(static_cast<Eigen::Index>(f.inverse.size()), expected.cols());
            for (size_t k = 0; k < f.inverse.size(); ++k)
                EXPECT_NEAR(f.inverse[k], expected(0, static_cast<Eigen::Index>(k)), 1e-6 * std::max(1.0, f.inverse[k]));
            EXPECT_NEAR(f.attentionScaling, std::stod(ref.file.metadata().at("attention_scaling")), 1e-9);
        }
        EXPECT_LT(relativeDiff(tr.input, ref.matrix(at + "hidden.0")), 1e-5);
        for (int l = 0; l < c.n_layers; ++l) {
            SCOPED_TRACE("layer " + std::to_string(l));
            EXPECT_LT(relativeDiff(tr.layers[static_cast<size_t>(l)].output, ref.matrix(at + "hidden." + std::to_string(l + 1))), 1e-4);
            const Matrix attention = ref.matrix(at + "attention." + std::to_string(l));
            const Eigen::Index T = tr.length();
            for (int h = 0; h < c.n_heads; ++h) {
                const Matrix& mine = tr.layers[static_cast<size_t>(l)].attention[static_cast<size_t>(h)];
                EXPECT_LT(maxAbsDiff(mine, attention.middleRows(h * T, T)), 1e-5) << "head " << h;
                const Matrix& logits = tr.layers[static_cast<size_t>(l)].logits[static_cast<size_t>(h)];
                for (Eigen::Index q = 0; q < T; ++q) {
                    EXPECT_NEAR(mine.row(q).sum(), 1.0, 1e-5);
                    for (Eigen::Index k = q + 1; k < T; ++k) {
                        EXPECT_EQ(mine(q, k), 0.0f);  // the future: exactly nothing
                        EXPECT_TRUE(std::isinf(logits(q, k)) && logits(q, k) < 0);
                    }
                }
            }
        }
        EXPECT_LT(relativeDiff(out.finalNorm, ref.matrix(at + "final_norm")), 1e-4);
        // Next-token logits on the stored ids, and the top 5 with their probabilities.
        const Matrix logits = model->lmLogits(out.finalNorm);
        const std::vector<int64_t> logitIds = ref.integers(at + "logit_ids");
        const Matrix expected = ref.matrix(at + "logits");
        for (size_t k = 0; k < logitIds.size(); ++k)
            for (Eigen::Index t = 0; t < tr.length(); ++t)
                ASSERT_NEAR(logits(t, logitIds[k]), expected(t, static_cast<Eigen::Index>(k)),
                            1e-4 * std::max(1.0f, std::abs(expected(t, static_cast<Eigen::Index>(k)))))
                    << "token " << t << " id " << logitIds[k];
        const std::vector<int64_t> top = ref.integers(at + "top5_ids");
        const Matrix probabilities = ref.matrix(at + "top5_probs");
        ASSERT_EQ(out.nextTokens.size(), ids.size());
        for (size_t t = 0; t < ids.size(); ++t)
            for (size_t r = 0; r < 5; ++r) {
                EXPECT_EQ(out.nextTokens[t][r].id, top[t * 5 + r]) << "position " << t << " rank " << r;
                EXPECT_NEAR(out.nextTokens[t][r].probability, probabilities(static_cast<Eigen::Index>(t), static_cast<Eigen::Index>(r)), 1e-5);
            }
    }
}

// RoPE seen exactly in every rotary variant: content + position and the sum over frequency
// pairs each give the logit (to 1e-5), the pairs' position parts sum to the position part, a key
// at the query's own position adds no position part (R(0) is the identity), and the future is
// not data (NaN).
TEST_P(DecoderReference, RopeTermsSumToTheLogits)
{
    const Variant& v = GetParam();
    const auto model = DecoderModel::open(kFixtures + "/" + v.name);
    if (!model->config().rotary()) {
        EXPECT_TRUE(decoderRopeTerms(*model, model->forward({5, 6, 7}, 0)).empty());
        return;
    }
    const Reference ref(kFixtures + "/reference_" + v.name + ".safetensors");
    const std::vector<int> ids = ref.inputs[1].at("ids").get<std::vector<int>>();
    const DecoderTrace out = model->forward(ids, 0);
    const auto terms = decoderRopeTerms(*model, out);
    ASSERT_EQ(terms.size(), 2u);
    const Eigen::Index T = out.trace.length();
    for (size_t l = 0; l < terms.size(); ++l) {
        ASSERT_EQ(terms[l].size(), static_cast<size_t>(model->config().n_heads));
        for (size_t h = 0; h < terms[l].size(); ++h) {
            const RopeHeadTerms& t = terms[l][h];
            ASSERT_EQ(t.pairs.size(), static_cast<size_t>(model->config().head_dim / 2));
            const Matrix& logits = out.trace.layers[l].logits[h];
            const double tolerance = 1e-5 * std::max(1.0f, logits.unaryExpr([](float x) { return std::isfinite(x) ? std::abs(x) : 0.0f; }).maxCoeff());
            for (Eigen::Index a = 0; a < T; ++a)
                for (Eigen::Index b = 0; b < T; ++b) {
                    if (b > a) {
                        EXPECT_TRUE(std::isnan(t.content(a, b)) && std::isnan(t.position(a, b)) && std::isnan(t.pairs[0](a, b)));
                        continue;
                    }
                    double pairs = 0, pairPositions = 0;
                    for (size_t i = 0; i < t.pairs.size(); ++i) {
                        pairs += t.pairs[i](a, b);
                        pairPositions += t.pairPositions[i](a, b);
                    }
                    ASSERT_NEAR(t.content(a, b) + t.position(a, b), logits(a, b), tolerance) << "layer " << l << " head " << h;
                    ASSERT_NEAR(pairs, logits(a, b), tolerance) << "layer " << l << " head " << h;
                    ASSERT_NEAR(pairPositions, t.position(a, b), tolerance);
                    if (a == b) {
                        ASSERT_NEAR(t.position(a, b), 0.0, tolerance);  // no offset, no turn
                    }
                }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Variants, DecoderReference,
    testing::Values(Variant{"gpt2_prefixed", DecoderFamily::Gpt2, ""}, Variant{"gpt2_legacy", DecoderFamily::Gpt2, ""},
                    Variant{"llama_gqa", DecoderFamily::Llama, "default"},
                    Variant{"llama3_scaled", DecoderFamily::Llama, "llama3"},
                    Variant{"llama_yarn", DecoderFamily::Llama, "yarn"},
                    Variant{"llama_linear", DecoderFamily::Llama, "linear"},
                    Variant{"llama_dynamic", DecoderFamily::Llama, "dynamic"},
                    Variant{"qwen2_bf16", DecoderFamily::Qwen2, "default"}, Variant{"qwen3", DecoderFamily::Qwen3, "default"}),
    [](const testing::TestParamInfo<Variant>& info) { return info.param.name; });

// The texts of the references, tokenized by the real tokenizer paired with each variant, give the
// ids torch ran (the tokenizer files come from scripts/fetch-tokenizers.sh).
TEST(DecoderReference, TextsTokenizeToTheReferenceIds)
{
    const json variants = json::parse(readWhole(kFixtures + "/variants.json"));
    int checked = 0;
    for (const auto& [name, v] : variants.items()) {
        const std::string dir = tokenizerDir() + "/" + v.at("tokenizer").get<std::string>();
        if (!fs::exists(dir))
            GTEST_SKIP() << "no tokenizer files at " << dir << " (scripts/fetch-tokenizers.sh)";
        const auto tokenizer = HfTokenizer::open(dir);
        const Reference ref(kFixtures + "/" + v.at("reference").get<std::string>());
        for (const json& input : ref.inputs) {
            const std::string text = input.value("text", "");
            if (text.empty())
                continue;
            EXPECT_EQ(tokenizer->encode(text, true).ids(), input.at("ids").get<std::vector<int>>()) << name << ": " << text;
            ++checked;
        }
    }
    EXPECT_GT(checked, 10);
}

// A variant copied to a temporary folder, to be broken.
class BrokenFolder : public testing::Test {
protected:
    fs::path copy(const std::string& variant)
    {
        dir_ = fs::temp_directory_path() / ("orderlens-decoder-" + variant + "-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::copy(kFixtures + "/" + variant, dir_, fs::copy_options::recursive);
        return dir_;
    }
    void TearDown() override { fs::remove_all(dir_); }
    static std::string refusal(const fs::path& folder)
    {
        try {
            DecoderModel::open(folder.string());
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::BadFile) << e.what();
            return e.what();
        }
        ADD_FAILURE() << folder << " was opened";
        return {};
    }
    void editConfig(const std::function<void(json&)>& edit)
    {
        json config = json::parse(readWhole(dir_ / "config.json"));
        edit(config);
        writeWhole(dir_ / "config.json", config.dump(2));
    }
    fs::path dir_;
};

TEST_F(BrokenFolder, MissingShardIsNamed)
{
    const fs::path d = copy("llama3_scaled");
    fs::remove(d / "model-00002-of-00002.safetensors");
    EXPECT_NE(refusal(d).find("model-00002-of-00002.safetensors"), std::string::npos) << refusal(d);
}

TEST_F(BrokenFolder, IndexNamingATensorTheShardLacksIsNamed)
{
    const fs::path d = copy("llama3_scaled");
    json index = json::parse(readWhole(d / "model.safetensors.index.json"));
    index["weight_map"]["model.layers.0.mlp.up_proj.weight"] = "model-00002-of-00002.safetensors";
    writeWhole(d / "model.safetensors.index.json", index.dump());
    const std::string message = refusal(d);
    EXPECT_NE(message.find("model.layers.0.mlp.up_proj.weight"), std::string::npos) << message;
}

TEST_F(BrokenFolder, ShardOutsideTheFolderIsRefused)
{
    const fs::path d = copy("llama3_scaled");
    json index = json::parse(readWhole(d / "model.safetensors.index.json"));
    index["weight_map"]["model.norm.weight"] = "../elsewhere.safetensors";
    writeWhole(d / "model.safetensors.index.json", index.dump());
    EXPECT_NE(refusal(d).find("not a file name"), std::string::npos);
}

TEST_F(BrokenFolder, WrongShapeIsNamed)
{
    const fs::path d = copy("qwen3");
    editConfig([](json& c) { c["intermediate_size"] = 25; });
    const std::string message = refusal(d);
    EXPECT_NE(message.find("mlp.gate_proj.weight"), std::string::npos) << message;
}

TEST_F(BrokenFolder, HeadCountsThatDoNotDivideAreRefused)
{
    copy("llama_gqa");
    editConfig([](json& c) { c["num_key_value_heads"] = 3; });
    const std::string message = refusal(dir_);
    EXPECT_NE(message.find("num_key_value_heads"), std::string::npos) << message;
    editConfig([](json& c) {
        c["num_key_value_heads"] = 2;
        c.erase("head_dim");
        c["hidden_size"] = 10;
        c["num_attention_heads"] = 4;
    });
    EXPECT_NE(refusal(dir_).find("not divisible"), std::string::npos);
}

TEST_F(BrokenFolder, MissingFieldAndUnknownFamilyAreNamed)
{
    copy("gpt2_prefixed");
    editConfig([](json& c) { c.erase("n_head"); });
    EXPECT_NE(refusal(dir_).find("\"n_head\""), std::string::npos);
    editConfig([](json& c) {
        c["n_head"] = 4;
        c["model_type"] = "falcon";
    });
    const std::string message = refusal(dir_);
    EXPECT_NE(message.find("falcon"), std::string::npos) << message;
    editConfig([](json& c) { c["model_type"] = "qwen3"; });  // GPT-2's fields do not name a qwen3's sizes
    EXPECT_NE(refusal(dir_).find("\"hidden_size\""), std::string::npos) << refusal(dir_);
}

TEST_F(BrokenFolder, MissingTensorIsNamed)
{
    const fs::path d = copy("gpt2_legacy");
    // The same file without one layer's c_proj: rewritten with that tensor renamed.
    std::string bytes = readWhole(d / "model.safetensors");
    const std::string key = "h.1.mlp.c_proj.weight";
    const size_t at = bytes.find(key);
    ASSERT_NE(at, std::string::npos);
    bytes[at + 2] = 'X';  // "h.1.mXp..." : the header stays the same length
    writeWhole(d / "model.safetensors", bytes);
    const std::string message = refusal(d);
    EXPECT_NE(message.find(key), std::string::npos) << message;
}

TEST_F(BrokenFolder, UnknownRopeScalingIsNamed)
{
    copy("llama_yarn");
    editConfig([](json& c) { c["rope_scaling"]["rope_type"] = "longrope"; });
    EXPECT_NE(refusal(dir_).find("longrope"), std::string::npos);
}

TEST(DecoderInput, TooLongEmptyAndUnknownIdsAreRefused)
{
    const auto model = DecoderModel::open(kFixtures + "/llama_gqa");
    EXPECT_THROW(model->forward(std::vector<int>{}), Error);
    EXPECT_THROW(model->forward(std::vector<int>(4097, 5)), Error);  // RoPE: any length up to 4096
    EXPECT_NO_THROW(model->forward(std::vector<int>(static_cast<size_t>(model->config().max_positions) + 1, 5), 0));
    const auto gpt2 = DecoderModel::open(kFixtures + "/gpt2_prefixed");  // one wpe row per position
    EXPECT_THROW(gpt2->forward(std::vector<int>(static_cast<size_t>(gpt2->config().max_positions) + 1, 5)), Error);
    EXPECT_THROW(model->forward({1, 32000}), Error);
    EXPECT_THROW(model->forward({-1}), Error);
}

// Causality: a later token never changes what an earlier one computes.
TEST(DecoderInput, EarlierPositionsDoNotSeeLaterTokens)
{
    const auto model = DecoderModel::open(kFixtures + "/qwen2_bf16");
    const DecoderTrace a = model->forward({10, 20, 30, 40}, 0), b = model->forward({10, 20, 30, 99, 7}, 0);
    for (int l = 0; l < 2; ++l)
        EXPECT_LT(relativeDiff(a.trace.layers[l].output.topRows(3), b.trace.layers[l].output.topRows(3)), 1e-6);
}

}  // namespace
