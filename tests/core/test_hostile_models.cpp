// Hostile model files and weights: config values are never coerced (one row per hostile value),
// tables sized by the config are bounded before anything is allocated, unused tensors holding NaN
// are refused, and a forward pass that overflows float32 stops with an Error naming the stage.
#include "errors.h"
#include "model.h"
#include "safetensors.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <limits>
#include <memory>
#include <string>
#include <vector>

using namespace orderlens;

namespace {

// A small OrderLens model file whose metadata config is `config` (any JSON) and whose tensors
// are those of `model` plus `extra`.
std::vector<uint8_t> modelFile(const Model& model, const nlohmann::json& config,
                               const std::vector<NamedTensor>& extra = {},
                               const std::string& lexicon = "")
{
    ModelWeights weights = model.weights();
    std::vector<NamedTensor> tensors;
    for (const TensorSlot& slot : tensorSlots(weights, model.config()))
        tensors.push_back({slot.name, slot.value, slot.isVector});
    tensors.insert(tensors.end(), extra.begin(), extra.end());
    nlohmann::json words = nlohmann::json::array();
    for (const LexiconEntry& e : model.vocabulary().entries())
        words.push_back({e.word, e.wordClass});
    return serializeSafetensors(tensors, {{"orderlens_format", "1"},
                                          {"orderlens_config", config.dump()},
                                          {"orderlens_vocabulary", lexicon.empty() ? words.dump() : lexicon}});
}

std::string refusal(const std::vector<uint8_t>& bytes)
{
    try {
        (void)Model::fromSafetensorsBytes(bytes.data(), bytes.size(), "hostile.safetensors");
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadFile) << e.what();
        return e.what();
    }
    return "(accepted)";
}

const Model& smallModel()
{
    static const Model model = [] {
        ModelConfig c;
        c.d_model = 16;
        c.n_heads = 2;
        c.d_ff = 32;
        c.max_len = 16;
        return Model::random(PositionScheme::Sinusoidal, 3, c);
    }();
    return model;
}

struct ConfigRow {
    const char* key;
    const char* value;    // raw JSON
    const char* message;  // what follows "hostile.safetensors: invalid model configuration: "
};

class HostileConfig : public testing::TestWithParam<ConfigRow> {};

TEST_P(HostileConfig, IsRefusedNamingFieldValueAndLimit)
{
    const ConfigRow row = GetParam();
    nlohmann::json config = smallModel().config();
    config[row.key] = nlohmann::json::parse(row.value);
    EXPECT_EQ(refusal(modelFile(smallModel(), config)),
              std::string("hostile.safetensors: invalid model configuration: ") + row.message);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, HostileConfig,
    testing::Values(
        // integers that wrapped or were truncated
        ConfigRow{"n_heads", "4294967300", "\"n_heads\" is 4294967300, expected at most 8192"},
        ConfigRow{"n_layers", "9223372036854775808", "\"n_layers\" is 9223372036854775808, expected at most 96"},
        ConfigRow{"d_model", "18446744073709551615", "\"d_model\" is 18446744073709551615, expected at most 8192"},
        ConfigRow{"max_len", "-9223372036854775808", "\"max_len\" is -9223372036854775808, expected at least 1"},
        ConfigRow{"vocab", "-1", "\"vocab\" is -1, expected at least 1"},
        ConfigRow{"d_ff", "0", "\"d_ff\" is 0, expected at least 1"},
        ConfigRow{"n_roles", "65", "\"n_roles\" is 65, expected at most 64"},
        ConfigRow{"type_vocab", "4294967296", "\"type_vocab\" is 4294967296, expected at most 16"},
        // not integers at all
        ConfigRow{"n_heads", "1.5", "\"n_heads\" must be an integer, got 1.5"},
        ConfigRow{"n_heads", "true", "\"n_heads\" must be an integer, got true"},
        ConfigRow{"n_heads", "2.0", "\"n_heads\" must be an integer, got 2.0"},
        ConfigRow{"d_model", "\"16\"", "\"d_model\" must be an integer, got \"16\""},
        ConfigRow{"n_layers", "null", "\"n_layers\" must be an integer, got null"},
        ConfigRow{"vocab", "[5]", "\"vocab\" must be an integer, got [5]"},
        // floats: finite and in range
        ConfigRow{"rope_base", "1e39", "\"rope_base\" is 1e+39, expected 2 to 1e+09"},
        ConfigRow{"rope_base", "1", "\"rope_base\" is 1, expected 2 to 1e+09"},
        ConfigRow{"ln_eps", "1e-45", "\"ln_eps\" is 1e-45, expected 1e-20 to 0.1"},
        ConfigRow{"ln_eps", "0", "\"ln_eps\" is 0, expected 1e-20 to 0.1"},
        ConfigRow{"ln_eps", "\"1e-5\"", "\"ln_eps\" must be a number, got \"1e-5\""},
        ConfigRow{"embedding_scale", "1e39", "\"embedding_scale\" is 1e+39, expected 0.0001 to 10000"},
        ConfigRow{"embedding_scale", "-8", "\"embedding_scale\" is -8, expected 0.0001 to 10000"},
        ConfigRow{"embedding_scale", "false", "\"embedding_scale\" must be a number, got false"},
        // booleans and names
        ConfigRow{"final_norm", "1", "\"final_norm\" must be true or false, got 1"},
        ConfigRow{"embedding_norm", "\"yes\"", "\"embedding_norm\" must be true or false, got \"yes\""},
        ConfigRow{"pe", "3", "\"pe\" must be a string, got 3"},
        ConfigRow{"norm", "{}", "\"norm\" must be a string, got {}"},
        ConfigRow{"activation", "[\"gelu\"]", "\"activation\" must be a string, got [\"gelu\"]"},
        ConfigRow{"pe", "\"spiral\"",
                  "unknown position scheme 'spiral' (expected sinusoidal, learned, rope, alibi or none)"}));

TEST(HostileModelFile, ConfigThatIsNotAnObjectNamesTheFile)
{
    EXPECT_EQ(refusal(modelFile(smallModel(), nlohmann::json::array({1, 2}))),
              "hostile.safetensors: invalid model configuration: expected a JSON object");
}

// The lexicon in the metadata: a wrong entry is named, not a raw nlohmann type_error.
TEST(HostileModelFile, LexiconEntriesOfTheWrongTypeAreNamed)
{
    const nlohmann::json config = smallModel().config();
    for (const auto& [lexicon, message] : std::vector<std::pair<std::string, std::string>>{
             {"[[\"猫\", \"noun\"], [1, \"noun\"]]",
              "hostile.safetensors: metadata 'orderlens_vocabulary' entry 1 must be [word, word class] (two strings)"},
             {"[[\"猫\"]]",
              "hostile.safetensors: metadata 'orderlens_vocabulary' entry 0 must be [word, word class] (two strings)"},
             {"{\"猫\": \"noun\"}",
              "hostile.safetensors: metadata 'orderlens_vocabulary' must be a JSON array of [word, word class]"}}) {
        SCOPED_TRACE(lexicon);
        EXPECT_EQ(refusal(modelFile(smallModel(), config, {}, lexicon)), message);
    }
}

// A word listed twice in the metadata lexicon: the message says which file (it named only the word).
TEST(HostileModelFile, LexiconWordListedTwiceNamesTheFile)
{
    nlohmann::json words = nlohmann::json::array();
    for (const LexiconEntry& e : smallModel().vocabulary().entries())
        words.push_back({e.word, e.wordClass});
    for (const auto& word : words)
        if (word[1] != "special") {
            words.back() = word;  // a word twice, and as many words as the table has rows
            break;
        }
    const std::string message = refusal(modelFile(smallModel(), smallModel().config(), {}, words.dump()));
    EXPECT_EQ(message.rfind("hostile.safetensors: ", 0), 0u) << message;
    EXPECT_NE(message.find("twice"), std::string::npos) << message;
}

// A file of 160 KB whose config asks for a computed 8192 x 8192 sinusoidal table (256 MiB): the
// tensors match the config (5 words, no layers), so only the table bound can refuse it.
TEST(HostileModelFile, ComputedPositionTableIsBoundedBeforeAllocation)
{
    ModelConfig c;
    c.vocab = 5;
    c.d_model = 8192;
    c.n_heads = 1;
    c.n_layers = 0;
    c.d_ff = 1;
    c.max_len = 8192;
    c.n_roles = 0;
    c.final_norm = false;
    c.pe = PositionScheme::Sinusoidal;
    const Matrix words = Matrix::Constant(5, 8192, 0.5f);
    nlohmann::json lexicon = nlohmann::json::array();
    for (const char* w : {"<unk>", "猫", "追", "老鼠", "。"})
        lexicon.push_back({w, "noun"});
    const std::vector<uint8_t> bytes =
        serializeSafetensors({{"embeddings.word", &words, false}},
                             {{"orderlens_format", "1"},
                              {"orderlens_config", nlohmann::json(c).dump()},
                              {"orderlens_vocabulary", lexicon.dump()}});
    ASSERT_LT(bytes.size(), 200'000u);
    EXPECT_EQ(refusal(bytes), "hostile.safetensors: invalid model configuration: max_len x d_model is 8192 x 8192 = "
                              "67108864 position values, above the 4194304 that OrderLens computes for sinusoidal "
                              "positions");
    // The same limit for the zero rows the views draw for rope/alibi/none.
    c.pe = PositionScheme::None;
    EXPECT_NE(refusal(serializeSafetensors({{"embeddings.word", &words, false}},
                                           {{"orderlens_format", "1"},
                                            {"orderlens_config", nlohmann::json(c).dump()},
                                            {"orderlens_vocabulary", lexicon.dump()}}))
                  .find("computes for none positions"),
              std::string::npos);
}

// Learned tables come from the file: a config larger than the file's tensors is refused by the
// first tensor's shape, before the vocabulary or any weight is built.
TEST(HostileModelFile, ConfigLargerThanTheTensorsIsRefusedByShape)
{
    nlohmann::json config = smallModel().config();
    config["d_model"] = 4096;
    config["n_heads"] = 1;
    config["max_len"] = 1024;
    EXPECT_EQ(refusal(modelFile(smallModel(), config)).rfind("hostile.safetensors: tensor '", 0), 0u);
    EXPECT_NE(refusal(modelFile(smallModel(), config)).find(", 16], expected ["), std::string::npos);
}

TEST(HostileModelFile, UnusedTensorsHoldingNaNAreRefused)
{
    const nlohmann::json config = smallModel().config();
    Matrix head = Matrix::Zero(3, 16), bias = Matrix::Zero(1, 7);
    EXPECT_EQ(refusal(modelFile(smallModel(), config, {{"mlm.weight", &head, false}, {"mlm.bias", &bias, true}})),
              "(accepted)");
    head(2, 5) = std::numeric_limits<float>::quiet_NaN();
    EXPECT_EQ(refusal(modelFile(smallModel(), config, {{"mlm.weight", &head, false}})),
              "model 'hostile.safetensors' is corrupted: tensor 'mlm.weight' holds NaN or infinite values");
    head(2, 5) = 0;
    bias(0, 6) = std::numeric_limits<float>::infinity();  // a 1-D extra, not kept: checked all the same
    EXPECT_EQ(refusal(modelFile(smallModel(), config, {{"mlm.bias", &bias, true}})),
              "hostile.safetensors: tensor 'mlm.bias' holds NaN or infinite values (OrderLens does not use it, "
              "but refuses a corrupted file)");
}

// ---------------------------------------------------------------------------------------------
// Finite weights that overflow float32 in the forward pass (the NaN/Inf check at load passes them).

struct OverflowRow {
    const char* name;
    void (*plant)(ModelWeights&);
    const char* message;  // after "model 'huge' overflows in "
};

class ForwardOverflow : public testing::TestWithParam<OverflowRow> {};

TEST_P(ForwardOverflow, StopsWithAnErrorNamingTheStage)
{
    const OverflowRow row = GetParam();
    ModelConfig c = smallModel().config();
    c.embedding_scale = 4.0f;
    ModelWeights w = smallModel().weights();
    row.plant(w);
    const Model huge("huge", c, std::make_shared<const Vocabulary>(smallModel().vocabulary()), std::move(w));
    for (const std::string& sentence : {std::string("猫追老鼠"), std::string("老鼠追猫")}) {
        try {
            (void)huge.trace(sentence);
            FAIL() << "traced " << sentence;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::BadFile);
            EXPECT_EQ(std::string(e.what()), std::string("model 'huge' overflows in ") + row.message);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, ForwardOverflow,
    testing::Values(
        OverflowRow{"words", [](ModelWeights& w) { w.wordTable.setConstant(3e38f); },
                    "its embeddings (the word, position and type rows added give NaN or infinity): its weights are "
                    "too large to compute with"},
        OverflowRow{"layer0_ffn", [](ModelWeights& w) { w.layers[0].ffnOutWeight.setConstant(3e38f); },
                    "layer 0 of 2 (its attention or output holds NaN or infinity): its weights are too large to "
                    "compute with"},
        OverflowRow{"layer1_query", [](ModelWeights& w) { w.layers[1].queryWeight.setConstant(3e38f); },
                    "layer 1 of 2 (its attention or output holds NaN or infinity): its weights are too large to "
                    "compute with"},
        OverflowRow{"layer1_ffn_in", [](ModelWeights& w) { w.layers[1].ffnInWeight.setConstant(3e38f); },
                    "layer 1 of 2 (its attention or output holds NaN or infinity): its weights are too large to "
                    "compute with"},
        OverflowRow{"roles", [](ModelWeights& w) { w.roleWeight.setConstant(3e38f); },
                    "its role head (NaN or infinity): its weights are too large to compute with"}),
    [](const testing::TestParamInfo<OverflowRow>& info) { return std::string(info.param.name); });

// Big but computable weights still trace (the check refuses overflow, not size).
TEST(ForwardOverflow, LargeFiniteResultsStillTrace)
{
    ModelWeights w = smallModel().weights();
    w.wordTable *= 1e3f;
    const Model big("big", smallModel().config(), std::make_shared<const Vocabulary>(smallModel().vocabulary()),
                    std::move(w));
    EXPECT_EQ(big.trace("猫追老鼠").length(), 3);
}

}  // namespace
