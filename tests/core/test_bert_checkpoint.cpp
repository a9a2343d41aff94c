// HuggingFace BERT folders: the tiny reference made by tests/bert/make_tiny_bert.py (torch modules
// assembled as BertModel) matches in every dtype and key style, the layer-0 decomposition still
// sums to the logits, and every unusable folder is refused with a message naming the problem.
#include "bert_checkpoint.h"
#include "errors.h"
#include "model.h"
#include "safetensors.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>

using namespace orderlens;
namespace fs = std::filesystem;

namespace {

const std::string kFixtures = std::string(ORDERLENS_SOURCE_DIR) + "/tests/fixtures/tiny_bert";

std::string readWhole(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void writeWhole(const fs::path& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

// ---------------------------------------------------------------------------------------------
// The reference: all three dtypes, both key styles

struct Variant {
    std::string folder;     // under tests/fixtures/tiny_bert
    std::string reference;  // reference_<dtype>.safetensors
};

class ReferenceMatch : public testing::TestWithParam<Variant> {};

TEST_P(ReferenceMatch, HiddenStatesAndAttentionMatchTorch)
{
    const Variant& v = GetParam();
    const Model model = loadBertFolder(kFixtures + "/" + v.folder);
    EXPECT_EQ(model.config().n_layers, 2);
    EXPECT_EQ(model.config().pe, PositionScheme::Learned);
    EXPECT_EQ(model.config().norm, NormPlacement::Post);
    EXPECT_TRUE(model.config().embedding_norm);
    EXPECT_FLOAT_EQ(model.config().ln_eps, 1e-12f);

    const SafetensorsFile ref = SafetensorsFile::open(kFixtures + "/" + v.reference);
    const auto inputs = nlohmann::json::parse(ref.metadata().at("inputs"));
    ASSERT_EQ(inputs.size(), 3u);
    const int d = model.config().d_model, H = model.config().n_heads;
    for (size_t c = 0; c < inputs.size(); ++c) {
        const auto ids = inputs[c].at("ids").get<std::vector<int>>();
        const auto types = inputs[c].at("types").get<std::vector<int>>();
        std::vector<int> positions(ids.size());
        for (size_t t = 0; t < ids.size(); ++t)
            positions[t] = static_cast<int>(t);
        const Trace trace = model.forward(ids, positions, types);
        const auto T = static_cast<int64_t>(ids.size());
        const std::string name = "case" + std::to_string(c);

        double maxHidden = (trace.input - ref.matrix(name + ".hidden.0", {T, d})).cwiseAbs().maxCoeff();
        double maxAttention = 0;
        for (int l = 0; l < model.config().n_layers; ++l) {
            const Matrix hidden = ref.matrix(name + ".hidden." + std::to_string(l + 1), {T, d});
            maxHidden = std::max<double>(maxHidden, (trace.layers[size_t(l)].output - hidden).cwiseAbs().maxCoeff());
            const Matrix attention = ref.matrix(name + ".attention." + std::to_string(l), {H * T, T});
            for (int h = 0; h < H; ++h) {
                const Matrix& ours = trace.layers[size_t(l)].attention[size_t(h)];
                maxAttention = std::max<double>(maxAttention, (ours - attention.middleRows(h * T, T)).cwiseAbs().maxCoeff());
            }
        }
        std::printf("%-14s case %zu (T=%lld): maxdiff hidden %.3g, attention %.3g\n", v.folder.c_str(), c,
                    static_cast<long long>(T), maxHidden, maxAttention);
        EXPECT_LT(maxHidden, 1e-4) << v.folder << " case " << c;
        EXPECT_LT(maxAttention, 1e-5) << v.folder << " case " << c;
        // Not a flat, trivially matching pattern: some head attends sharply.
        EXPECT_GT(trace.layers[0].attention[0].maxCoeff(), 2.0 / static_cast<double>(T));
    }
}

INSTANTIATE_TEST_SUITE_P(TinyBert, ReferenceMatch,
                         testing::Values(Variant{"f32", "reference_f32.safetensors"},
                                         Variant{"f32_prefixed", "reference_f32.safetensors"},
                                         Variant{"f16", "reference_f16.safetensors"},
                                         Variant{"f16_prefixed", "reference_f16.safetensors"},
                                         Variant{"bf16", "reference_bf16.safetensors"},
                                         Variant{"bf16_prefixed", "reference_bf16.safetensors"}),
                         [](const testing::TestParamInfo<Variant>& row) { return row.param.folder; });

TEST(BertCheckpoint, BothKeyStylesGiveTheSameWeights)
{
    for (const std::string dtype : {"f32", "f16", "bf16"}) {
        const Model plain = loadBertFolder(kFixtures + "/" + dtype);
        const Model prefixed = loadBertFolder(kFixtures + "/" + dtype + "_prefixed");
        ModelWeights a = plain.weights(), b = prefixed.weights();
        const auto slotsA = tensorSlots(a, plain.config());
        const auto slotsB = tensorSlots(b, prefixed.config());
        ASSERT_EQ(slotsA.size(), slotsB.size());
        for (size_t i = 0; i < slotsA.size(); ++i)
            EXPECT_EQ(*slotsA[i].value, *slotsB[i].value) << dtype << " " << slotsA[i].name;
        EXPECT_TRUE(prefixed.weights().extra.empty());  // pooler and cls.* are not loaded
    }
}

TEST(BertCheckpoint, TraceShowsLearnedPositionsAndNormalizedInput)
{
    const Model model = loadBertFolder(kFixtures + "/f32");
    const Trace trace = model.trace(model.tokenizer().tokenizePair("猫追老鼠", "老鼠被猫追"));
    ASSERT_EQ(trace.length(), 12);
    for (int t = 0; t < trace.length(); ++t) {
        EXPECT_EQ(trace.position.row(t), model.weights().positionTable.row(t));
        EXPECT_EQ(trace.embedding.row(t), model.weights().wordTable.row(trace.tokens[size_t(t)].id));
        // input = LayerNorm(E + P + type): zero mean before the gain, so not E + P itself.
        EXPECT_GT((trace.input.row(t) - trace.embedding.row(t) - trace.position.row(t)).norm(), 0.1f);
    }
    EXPECT_EQ(trace.tokens[5].type, 0);
    EXPECT_EQ(trace.tokens[6].type, 1);
}

TEST(BertCheckpoint, LayerZeroTermsSumToTheLogitsWithTokenTypes)
{
    const Model model = loadBertFolder(kFixtures + "/f16_prefixed");
    const Trace trace = model.trace(model.tokenizer().tokenizePair("猫追老鼠", "老鼠被猫追"));
    ASSERT_TRUE(trace.terms.has_value());
    double worst = 0, typeEffect = 0;
    for (int h = 0; h < model.config().n_heads; ++h) {
        const auto hh = size_t(h);
        const Matrix sum = trace.terms->ee[hh] + trace.terms->ep[hh] + trace.terms->pe[hh] + trace.terms->pp[hh] +
                           trace.terms->bias[hh];
        worst = std::max<double>(worst, (sum - trace.layers[0].logits[hh]).cwiseAbs().maxCoeff());
        typeEffect += trace.terms->bias[hh].cwiseAbs().sum();
    }
    std::printf("decomposition maxdiff %.3g\n", worst);
    EXPECT_LT(worst, 1e-4);
    EXPECT_GT(typeEffect, 0.0);
}

TEST(BertCheckpoint, SentenceLongerThanThePositionTableNamesTheLimit)
{
    const Model model = loadBertFolder(kFixtures + "/bf16");
    try {
        (void)model.trace("猫追老鼠猫追老鼠猫追老鼠猫追老鼠猫追老鼠猫追老鼠");  // 24 + [CLS] + [SEP]
        FAIL() << "accepted 26 tokens";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadInput);
        EXPECT_NE(std::string(e.what()).find("26 tokens"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("at most 24 positions"), std::string::npos) << e.what();
    }
    EXPECT_EQ(model.trace("猫追老鼠猫追老鼠猫追老鼠猫追老鼠猫追老鼠猫追").length(), 24);
}

TEST(BertCheckpoint, SavedFolderOpensAsTheSameModel)
{
    const Model original = loadBertFolder(kFixtures + "/bf16_prefixed");
    std::string pattern = (fs::temp_directory_path() / "orderlens_bert_save_XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    const fs::path dir = fs::path(pattern) / "copy";  // saveBertFolder creates it
    saveBertFolder(original, dir.string());
    for (const char* name : {"config.json", "vocab.txt", "model.safetensors"})
        EXPECT_TRUE(fs::is_regular_file(dir / name)) << name;
    const Model copy = loadBertFolder(dir.string());
    EXPECT_EQ(copy.config().vocab, original.config().vocab);
    EXPECT_EQ(copy.vocabulary().word(original.vocabulary().size() - 1),
              original.vocabulary().word(original.vocabulary().size() - 1));
    const std::vector<int> ids = {2, 9, 17, 33, 3}, positions = {0, 1, 2, 3, 4}, types = {0, 0, 1, 1, 1};
    const Trace a = original.forward(ids, positions, types), b = copy.forward(ids, positions, types);
    EXPECT_EQ(a.layers.back().output, b.layers.back().output);  // F32 round trip: bit for bit
    fs::remove_all(pattern);

    // A built-in model is not BERT-shaped: refused before anything is written.
    const fs::path other = fs::path(pattern + "-builtin");
    try {
        saveBertFolder(Model::random(PositionScheme::Sinusoidal), other.string());
        FAIL() << "wrote a sinusoidal model as BERT";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
    }
    EXPECT_FALSE(fs::exists(other));

    ModelConfig bertShaped;
    bertShaped.norm = NormPlacement::Post;
    bertShaped.embedding_norm = true;
    bertShaped.n_roles = 0;
    bertShaped.type_vocab = 2;
    // BERT-shaped, but its word rows are multiplied before they are added: config.json cannot say so.
    ModelConfig scaled = bertShaped;
    scaled.embedding_scale = 2.0f;
    try {
        saveBertFolder(Model::random(PositionScheme::Learned, 1, scaled), other.string());
        FAIL() << "wrote a model with embedding_scale 2 as BERT";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        EXPECT_NE(std::string(e.what()).find("embedding_scale"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(other));

    // BERT-shaped, but its vocabulary has no [CLS] / [SEP]: the folder could not be opened again.
    const Model base = Model::random(PositionScheme::Learned, 1, bertShaped);
    ModelWeights weights = base.weights();
    weights.wordTable = Matrix(weights.wordTable.topRows(3));
    ModelConfig three = base.config();
    three.vocab = 3;
    const Model noSpecials("no-specials", three,
                           std::make_shared<const Vocabulary>(Vocabulary::fromOrderedWords({"[UNK]", "猫", "追"}, "[UNK]")),
                           std::move(weights));
    try {
        saveBertFolder(noSpecials, other.string());
        FAIL() << "wrote a folder without [CLS]";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        EXPECT_NE(std::string(e.what()).find("vocab.txt"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(other));
}

// ---------------------------------------------------------------------------------------------
// Unusable folders: each refused with Error(BadFile) whose message holds the words.

class BrokenFolder : public testing::Test {
protected:
    void SetUp() override
    {
        std::string pattern = (fs::temp_directory_path() / "orderlens_bert_XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        for (const char* name : {"config.json", "vocab.txt", "tokenizer_config.json", "model.safetensors"})
            fs::copy_file(kFixtures + "/f32/" + name, dir_ / name);
    }
    void TearDown() override { fs::remove_all(dir_); }

    void expectRefused(const std::vector<std::string>& words)
    {
        try {
            (void)loadBertFolder(dir_.string());
            FAIL() << "accepted a broken folder";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::BadFile);
            for (const std::string& w : words)
                EXPECT_NE(std::string(e.what()).find(w), std::string::npos) << "missing \"" << w << "\" in: " << e.what();
        }
    }

    // Rewrites model.safetensors: edit(header) changes the JSON header, the data stays.
    void editHeader(const std::function<void(nlohmann::json&)>& edit)
    {
        const std::string bytes = readWhole(dir_ / "model.safetensors");
        uint64_t length = 0;
        for (int i = 7; i >= 0; --i)
            length = length << 8 | uint8_t(bytes[size_t(i)]);
        nlohmann::json header = nlohmann::json::parse(bytes.substr(8, length));
        edit(header);
        std::string text = header.dump();
        text.append((8 - text.size() % 8) % 8, ' ');
        std::string out(8, '\0');
        for (int i = 0; i < 8; ++i)
            out[size_t(i)] = char(uint64_t(text.size()) >> (8 * i));
        writeWhole(dir_ / "model.safetensors", out + text + bytes.substr(8 + length));
    }
    void editConfig(const std::function<void(nlohmann::json&)>& edit)
    {
        auto config = nlohmann::json::parse(readWhole(dir_ / "config.json"));
        edit(config);
        writeWhole(dir_ / "config.json", config.dump());
    }

    fs::path dir_;
};

TEST_F(BrokenFolder, PytorchBinOnlySaysHowToConvert)
{
    fs::rename(dir_ / "model.safetensors", dir_ / "pytorch_model.bin");
    expectRefused({"only pytorch_model.bin", "model.safetensors", "save_pretrained", "safe_serialization=True"});
}

TEST_F(BrokenFolder, NoWeightsAtAll)
{
    fs::remove(dir_ / "model.safetensors");
    expectRefused({"has no model.safetensors"});
}

TEST_F(BrokenFolder, NoConfig)
{
    fs::remove(dir_ / "config.json");
    expectRefused({"has no config.json"});
}

TEST_F(BrokenFolder, UnknownModelType)
{
    editConfig([](auto& c) { c["model_type"] = "roberta"; });
    expectRefused({"config.json", "model_type 'roberta' is not supported", "\"bert\""});
}

TEST_F(BrokenFolder, UnsupportedActivation)
{
    editConfig([](auto& c) { c["hidden_act"] = "gelu_new"; });
    expectRefused({"hidden_act 'gelu_new'"});
}

TEST_F(BrokenFolder, HeadsNotDividingTheWidth)
{
    editConfig([](auto& c) { c["num_attention_heads"] = 5; });
    expectRefused({"config.json", "divisible by n_heads (5)"});
}

TEST_F(BrokenFolder, ConfigFieldOfTheWrongType)
{
    editConfig([](auto& c) { c["hidden_size"] = "32"; });
    expectRefused({"config.json", "\"hidden_size\" must be an integer"});
}

// One row per hostile config.json value: never coerced, the file, the field, the value and the limit.
struct BertConfigRow {
    const char* key;
    const char* value;    // raw JSON
    const char* message;  // the whole message after "config.json: "
};

class HostileBertConfig : public testing::TestWithParam<BertConfigRow> {};

TEST_P(HostileBertConfig, IsRefusedNamingFieldValueAndLimit)
{
    const BertConfigRow row = GetParam();
    nlohmann::json j = {{"model_type", "bert"}, {"hidden_size", 64}, {"num_attention_heads", 4}};
    j[row.key] = nlohmann::json::parse(row.value);
    try {
        (void)parseBertConfig(j.dump(), "config.json");
        FAIL() << "accepted " << row.key << " = " << row.value;
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadFile);
        EXPECT_EQ(std::string(e.what()), std::string("config.json: ") + row.message);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, HostileBertConfig,
    testing::Values(
        BertConfigRow{"hidden_size", "18446744073709551615",
                      "\"hidden_size\" is 18446744073709551615, expected at most 8192"},
        BertConfigRow{"num_attention_heads", "4294967300", "\"num_attention_heads\" is 4294967300, expected at most 8192"},
        BertConfigRow{"num_hidden_layers", "9223372036854775808",
                      "\"num_hidden_layers\" is 9223372036854775808, expected at most 96"},
        BertConfigRow{"vocab_size", "-5", "\"vocab_size\" is -5, expected at least 1"},
        BertConfigRow{"vocab_size", "1000001", "\"vocab_size\" is 1000001, expected at most 1000000"},
        BertConfigRow{"max_position_embeddings", "4294967809",
                      "\"max_position_embeddings\" is 4294967809, expected at most 8192"},
        BertConfigRow{"intermediate_size", "0", "\"intermediate_size\" is 0, expected at least 1"},
        BertConfigRow{"type_vocab_size", "17", "\"type_vocab_size\" is 17, expected at most 16"},
        BertConfigRow{"num_attention_heads", "1.5", "\"num_attention_heads\" must be an integer, got 1.5"},
        BertConfigRow{"num_attention_heads", "true", "\"num_attention_heads\" must be an integer, got true"},
        BertConfigRow{"hidden_size", "64.0", "\"hidden_size\" must be an integer, got 64.0"},
        BertConfigRow{"layer_norm_eps", "1e-45", "\"layer_norm_eps\" is 1e-45, expected 1e-20 to 0.1"},
        BertConfigRow{"layer_norm_eps", "1e39", "\"layer_norm_eps\" is 1e+39, expected 1e-20 to 0.1"},
        BertConfigRow{"layer_norm_eps", "\"1e-12\"", "\"layer_norm_eps\" must be a number, got \"1e-12\""},
        BertConfigRow{"hidden_act", "7", "\"hidden_act\" must be a string"},
        BertConfigRow{"is_decoder", "0", "\"is_decoder\" must be true or false"}));

// A NaN in a tensor BERT does not use (the pooler) is corruption all the same.
TEST_F(BrokenFolder, NaNInAnUnusedTensor)
{
    const std::string path = (dir_ / "model.safetensors").string();
    std::vector<Matrix> values;
    std::vector<std::string> names;
    std::vector<bool> vectors;
    {
        const SafetensorsFile file = SafetensorsFile::open(path);
        for (const std::string& name : file.names()) {
            const TensorInfo& info = file.info(name);
            if (info.dtype == DType::Other)
                continue;
            values.push_back(file.matrix(name, info.shape));
            names.push_back(name);
            vectors.push_back(info.shape.size() == 1);
        }
    }
    Matrix pooler = Matrix::Zero(4, 4);
    pooler(3, 1) = std::numeric_limits<float>::quiet_NaN();
    std::vector<NamedTensor> tensors;
    for (size_t i = 0; i < values.size(); ++i)
        tensors.push_back({names[i], &values[i], vectors[i]});
    tensors.push_back({"pooler.dense.weight", &pooler, false});
    writeSafetensors(path, tensors, {{"format", "pt"}});
    expectRefused({path + ": tensor 'pooler.dense.weight' holds NaN or infinite values"});
}

TEST_F(BrokenFolder, MissingVocab)
{
    fs::remove(dir_ / "vocab.txt");
    expectRefused({"has no vocab.txt"});
}

TEST_F(BrokenFolder, VocabWithoutUnknownToken)
{
    std::string vocab = readWhole(dir_ / "vocab.txt");
    vocab.replace(vocab.find("[UNK]\n"), 6, "[UNKNOWN]\n");
    writeWhole(dir_ / "vocab.txt", vocab);
    expectRefused({"vocab.txt", "no '[UNK]'"});
}

TEST_F(BrokenFolder, VocabLongerThanTheWordTable)
{
    writeWhole(dir_ / "vocab.txt", readWhole(dir_ / "vocab.txt") + "extra1\nextra2\n");
    expectRefused({"vocab.txt", "66 word pieces", "vocab_size is 64"});
}

TEST_F(BrokenFolder, TensorMissing)
{
    editHeader([](auto& h) { h.erase("encoder.layer.1.output.dense.weight"); });
    expectRefused({"model.safetensors", "'encoder.layer.1.output.dense.weight' is missing"});
}

TEST_F(BrokenFolder, NotABertCheckpoint)
{
    editHeader([](auto& h) { h.erase("embeddings.word_embeddings.weight"); });
    expectRefused({"embeddings.word_embeddings.weight", "not a BERT checkpoint"});
}

TEST_F(BrokenFolder, TensorOfTheWrongShape)
{
    editHeader([](auto& h) { h["encoder.layer.0.intermediate.dense.weight"]["shape"] = {32, 64}; });
    expectRefused({"'encoder.layer.0.intermediate.dense.weight'", "has shape [32, 64]", "expected [64, 32]"});
}

TEST_F(BrokenFolder, TensorOfTheWrongDtype)
{
    editHeader([](auto& h) { h["encoder.layer.0.attention.self.key.bias"]["dtype"] = "I32"; });
    expectRefused({"'encoder.layer.0.attention.self.key.bias'", "dtype I32", "F32, F16, BF16"});
}

TEST_F(BrokenFolder, OffsetsOutsideTheData)
{
    editHeader([](auto& h) {
        auto& offsets = h["embeddings.LayerNorm.bias"]["data_offsets"];
        offsets = {offsets[0].template get<uint64_t>() + 1'000'000, offsets[1].template get<uint64_t>() + 1'000'000};
    });
    expectRefused({"'embeddings.LayerNorm.bias'", "outside the data buffer"});
}

TEST_F(BrokenFolder, OverlappingTensors)
{
    editHeader([](auto& h) {
        h["encoder.layer.0.attention.self.key.bias"]["data_offsets"] =
            h["encoder.layer.0.attention.self.query.bias"]["data_offsets"];
    });
    expectRefused({"'encoder.layer.0.attention.self.key.bias'", "'encoder.layer.0.attention.self.query.bias'", "overlap"});
}

TEST_F(BrokenFolder, TruncatedFile)
{
    const std::string bytes = readWhole(dir_ / "model.safetensors");
    writeWhole(dir_ / "model.safetensors", bytes.substr(0, bytes.size() - 100));
    expectRefused({"model.safetensors", "outside the data buffer", "truncated"});
}

TEST_F(BrokenFolder, HeaderLongerThanTheFile)
{
    std::string bytes = readWhole(dir_ / "model.safetensors");
    const uint64_t length = bytes.size() + 10;
    for (int i = 0; i < 8; ++i)
        bytes[size_t(i)] = char(length >> (8 * i));
    writeWhole(dir_ / "model.safetensors", bytes);
    expectRefused({"model.safetensors", "exceeds the file"});
}

TEST_F(BrokenFolder, HeaderAbove100MB)
{
    std::string bytes = readWhole(dir_ / "model.safetensors");
    const uint64_t length = 150'000'000;
    for (int i = 0; i < 8; ++i)
        bytes[size_t(i)] = char(length >> (8 * i));
    writeWhole(dir_ / "model.safetensors", bytes);
    expectRefused({"model.safetensors", "100 MB"});
}

TEST_F(BrokenFolder, ShardedCheckpoint)
{
    fs::rename(dir_ / "model.safetensors", dir_ / "model-00001-of-00002.safetensors");
    writeWhole(dir_ / "model.safetensors.index.json", "{}");
    expectRefused({"split into several safetensors files"});
}

// ---------------------------------------------------------------------------------------------
// Parsers on their own

TEST(BertConfigParser, DefaultsAreHuggingFacesBertBase)
{
    const BertConfig c = parseBertConfig(R"({"model_type": "bert"})", "config.json");
    EXPECT_EQ(c.model.vocab, 30522);
    EXPECT_EQ(c.model.d_model, 768);
    EXPECT_EQ(c.model.n_layers, 12);
    EXPECT_EQ(c.model.n_heads, 12);
    EXPECT_EQ(c.model.d_ff, 3072);
    EXPECT_EQ(c.model.max_len, 512);
    EXPECT_EQ(c.model.type_vocab, 2);
    EXPECT_EQ(c.model.activation, Activation::Gelu);
    EXPECT_FALSE(c.lowerCase.has_value());
}

TEST(BertConfigParser, OldConfigsWithoutModelTypeAreReadByTheirArchitecture)
{
    EXPECT_EQ(parseBertConfig(R"({"architectures": ["BertForMaskedLM"], "hidden_size": 64, "num_attention_heads": 4})",
                              "config.json")
                  .model.d_model,
              64);
    EXPECT_THROW(parseBertConfig(R"({"architectures": ["GPT2LMHeadModel"]})", "config.json"), Error);
    EXPECT_THROW(parseBertConfig("[1]", "config.json"), Error);
    EXPECT_THROW(parseBertConfig("{\"model_type\": ", "config.json"), Error);
}

TEST(BertConfigParser, TokenizerConfigOverridesCaseAndSpecialTokens)
{
    BertTokenizerOptions base;
    const auto o = parseTokenizerConfig(
        R"({"do_lower_case": false, "strip_accents": true, "unk_token": {"content": "<unk>", "lstrip": false}})",
        "tokenizer_config.json", base);
    EXPECT_FALSE(o.lowerCase);
    EXPECT_EQ(o.stripAccents, std::optional<bool>(true));
    EXPECT_EQ(o.unkToken, "<unk>");
    EXPECT_EQ(o.clsToken, "[CLS]");
    EXPECT_THROW(parseTokenizerConfig(R"({"do_lower_case": "yes"})", "tokenizer_config.json", base), Error);
}

TEST(BertVocabParser, LinesAreIdsAsHuggingFaceReadsThem)
{
    // Only "\n" ends a line; a final line without it still counts; a blank line is a word "".
    EXPECT_EQ(parseBertVocab("[PAD]\n[UNK]\n\nlast", "vocab.txt"),
              (std::vector<std::string>{"[PAD]", "[UNK]", "", "last"}));
    EXPECT_EQ(parseBertVocab("a\r\nb\n", "vocab.txt"), (std::vector<std::string>{"a\r", "b"}));
    EXPECT_THROW(parseBertVocab("", "vocab.txt"), Error);
}

}  // namespace
