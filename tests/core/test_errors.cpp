// Core errors carry their message as an English template plus values (what app/ translates),
// and what() is that template filled in: the same English text the CLI has always printed.
#include "bert_checkpoint.h"
#include "errors.h"
#include "model.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

using namespace orderlens;

namespace {

struct FillRow {
    const char* name;
    std::string messageTemplate;
    std::vector<std::string> values;
    std::string expected;
};

class FillPlaceholders : public ::testing::TestWithParam<FillRow> {};

TEST_P(FillPlaceholders, ReplacesEachPlaceholderByItsValueOnce)
{
    const FillRow& row = GetParam();
    EXPECT_EQ(fillPlaceholders(row.messageTemplate, row.values), row.expected);
}

const std::vector<std::string> kTen{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};

INSTANTIATE_TEST_SUITE_P(
    Rows, FillPlaceholders,
    ::testing::Values(FillRow{"InOrder", "%1 has %2 rows", {"P", "64"}, "P has 64 rows"},
                      FillRow{"Reordered", "%2 rows in %1", {"P", "64"}, "64 rows in P"},
                      FillRow{"Repeated", "%1 and %1", {"x"}, "x and x"},
                      // A file named "a%2b" is not filled again with the second value.
                      FillRow{"ValueHoldingAPlaceholder", "%1: %2", {"a%2b", "broken"}, "a%2b: broken"},
                      FillRow{"MissingValueStays", "%1 of %3", {"one"}, "one of %3"},
                      FillRow{"TwoDigits", "%10/%1", kTen, "j/a"},
                      FillRow{"PercentSignsThatAreNotPlaceholders", "100 % and %0 and %", {"x"}, "100 % and %0 and %"},
                      FillRow{"NoValues", "plain text", {}, "plain text"}),
    [](const auto& info) { return std::string(info.param.name); });

// Runs `fails` and returns the Error it throws.
Error errorOf(const std::function<void()>& fails)
{
    try {
        fails();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no orderlens::Error thrown";
    return Error(ErrorKind::Usage, "nothing thrown");
}

}  // namespace

TEST(CoreErrors, EmptySentenceCarriesItsTemplateAndExample)
{
    const Model model = Model::handmade();
    const Error e = errorOf([&] { (void)model.trace("   "); });
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_EQ(e.messageTemplate(), "the sentence is empty: type a few words, e.g. %1");
    EXPECT_EQ(e.values(), std::vector<std::string>{"猫追老鼠"});
    EXPECT_EQ(e.cause(), nullptr);
    EXPECT_STREQ(e.what(), "the sentence is empty: type a few words, e.g. 猫追老鼠");
}

TEST(CoreErrors, TooManyTokensNamesCountModelAndLimit)
{
    ModelConfig c;
    c.max_len = 8;
    const Model model = Model::random(PositionScheme::Learned, 1, c);
    const Error e = errorOf([&] { (void)model.trace("猫追老鼠猫追老鼠猫追老鼠"); });  // 9 tokens
    EXPECT_EQ(e.kind(), ErrorKind::BadInput);
    EXPECT_EQ(e.messageTemplate(), "the sentence has %1 tokens, but model %2 handles at most %3 positions");
    EXPECT_EQ(e.values(), (std::vector<std::string>{"9", "random:learned", "8"}));
    EXPECT_STREQ(e.what(), "the sentence has 9 tokens, but model random:learned handles at most 8 positions");
}

// A model file too short to hold a header: "<file>: <what is wrong>", the second part a
// message of its own (the wrapped cause).
TEST(CoreErrors, CorruptModelFileWrapsTheReasonAfterTheFileName)
{
    const std::vector<std::uint8_t> bytes{1, 2, 3, 4, 5};
    const Error e = errorOf([&] { (void)Model::fromSafetensorsBytes(bytes.data(), bytes.size(), "broken.safetensors"); });
    EXPECT_EQ(e.kind(), ErrorKind::BadFile);
    EXPECT_EQ(e.messageTemplate(), "%1: %2");
    const std::string reason = "file is shorter than 8 bytes (5 bytes): not a safetensors file";
    EXPECT_EQ(e.values(), (std::vector<std::string>{"broken.safetensors", reason}));
    EXPECT_EQ(std::string(e.what()), "broken.safetensors: " + reason);
    ASSERT_NE(e.cause(), nullptr);
    EXPECT_EQ(e.cause()->messageTemplate(), "file is shorter than 8 bytes (%1 bytes): not a safetensors file");
    EXPECT_EQ(e.cause()->values(), std::vector<std::string>{"5"});
    EXPECT_EQ(e.cause()->what(), reason);
}

// A model file whose tensor lies past the end of the data: the tensor name and the numbers are values.
TEST(CoreErrors, TruncatedModelFileNamesTheTensorAndTheSizes)
{
    const std::vector<std::uint8_t> bytes = Model::random(PositionScheme::Sinusoidal, 1).serialize();
    const Error e = errorOf([&] { (void)Model::fromSafetensorsBytes(bytes.data(), bytes.size() / 2, "half.safetensors"); });
    EXPECT_EQ(e.kind(), ErrorKind::BadFile);
    ASSERT_NE(e.cause(), nullptr);
    EXPECT_EQ(e.cause()->messageTemplate(),
              "tensor '%1' has data_offsets %2 outside the data buffer of %3 bytes: the file is truncated or corrupted");
    ASSERT_EQ(e.cause()->values().size(), 3u);
    EXPECT_EQ(fillPlaceholders(e.cause()->messageTemplate(), e.cause()->values()), e.cause()->what());
    EXPECT_EQ(std::string(e.what()), "half.safetensors: " + std::string(e.cause()->what()));
}

// Three messages deep: file name, "invalid model configuration: %1", and the inconsistent fields.
TEST(CoreErrors, InconsistentBertConfigNestsFileConfigurationAndFields)
{
    const std::string config = R"({"model_type": "bert", "hidden_size": 10, "num_attention_heads": 3})";
    const Error e = errorOf([&] { (void)parseBertConfig(config, "config.json"); });
    EXPECT_EQ(e.kind(), ErrorKind::BadFile);
    EXPECT_STREQ(e.what(), "config.json: invalid model configuration: d_model (10) must be divisible by n_heads (3)");
    EXPECT_EQ(e.messageTemplate(), "%1: %2");
    EXPECT_EQ(e.values().front(), "config.json");
    const Error* configuration = e.cause();
    ASSERT_NE(configuration, nullptr);
    EXPECT_EQ(configuration->messageTemplate(), "invalid model configuration: %1");
    const Error* fields = configuration->cause();
    ASSERT_NE(fields, nullptr);
    EXPECT_EQ(fields->messageTemplate(), "d_model (%1) must be divisible by n_heads (%2)");
    EXPECT_EQ(fields->values(), (std::vector<std::string>{"10", "3"}));
    EXPECT_EQ(fields->cause(), nullptr);
}

TEST(CoreErrors, PlainMessageIsItsOwnTemplate)
{
    const Error e = inputError("internal: 100% sure");
    EXPECT_EQ(e.messageTemplate(), "internal: 100% sure");
    EXPECT_TRUE(e.values().empty());
    EXPECT_STREQ(e.what(), "internal: 100% sure");
}

TEST(CoreErrors, CopiesKeepTemplateValuesAndCause)
{
    const Error inner = inputError("needs at least 2 points, got %1", {"1"});
    const Error outer = inputError("exact PCA: %1", {}, inner);
    const Error copy = outer;  // what throwing by value does
    EXPECT_STREQ(copy.what(), "exact PCA: needs at least 2 points, got 1");
    EXPECT_EQ(copy.messageTemplate(), "exact PCA: %1");
    EXPECT_EQ(copy.values(), std::vector<std::string>{"needs at least 2 points, got 1"});
    ASSERT_NE(copy.cause(), nullptr);
    EXPECT_EQ(copy.cause()->values(), std::vector<std::string>{"1"});
}
