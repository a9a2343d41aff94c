// The tokenizer.json reader beyond HuggingFace's outputs: components it does not read are refused
// by name, hostile files are refused with a clear error (never a crash), pieces read as the
// characters they spell (parts of a character marked, never U+FFFD), the folder forms, the word
// cache against the uncached twin, and time linear in the text.
#include "bpe_model.h"
#include "errors.h"
#include "hf_tokenizer.h"
#include "time_guard.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

namespace orderlens {
namespace {

using nlohmann::json;

// A byte-level BPE: every byte of GPT-2's alphabet, merges for "th", "the", and the first two
// bytes of 猫 (E7 8C, written "çĮ") but not its third.
json byteLevelTokenizer()
{
    json vocab = json::object();
    int id = 0;
    // The alphabet in byte order, as byte_level.h defines it.
    char32_t next = 256;
    for (int b = 0; b < 256; ++b) {
        const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        const char32_t c = printable ? static_cast<char32_t>(b) : next++;
        vocab[toUtf8(std::u32string(1, c))] = id++;
    }
    vocab["th"] = id++;
    vocab["the"] = id++;
    vocab["çĮ"] = id++;
    return {{"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", json::array({"t h", "th e", "ç Į"})}}},
            {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}},
            {"decoder", {{"type", "ByteLevel"}}}};
}

// A SentencePiece-style BPE with byte fallback and no entry for 猫.
json byteFallbackTokenizer()
{
    json vocab = {{"<unk>", 0}, {"▁", 1}, {"a", 2}};
    for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", b);
        vocab[name] = 3 + b;
    }
    return {{"normalizer", {{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", "▁"}}},
            {"model", {{"type", "BPE"}, {"unk_token", "<unk>"}, {"byte_fallback", true}, {"vocab", vocab}, {"merges", json::array()}}},
            {"decoder", {{"type", "Sequence"},
                         {"decoders", json::array({json{{"type", "Replace"}, {"pattern", {{"String", "▁"}}}, {"content", " "}},
                                                   json{{"type", "ByteFallback"}}, json{{"type", "Fuse"}}})}}}};
}

std::shared_ptr<const HfTokenizer> load(const json& j) { return HfTokenizer::fromJson(j.dump(), "test.json"); }

// ---- refusals by name ----

struct Refusal {
    std::string name;
    std::string path;   // a JSON pointer to replace
    json value;
    std::string mustSay;  // in what()
};

void PrintTo(const Refusal& r, std::ostream* out) { *out << r.name; }

class UnsupportedComponent : public testing::TestWithParam<Refusal> {};

TEST_P(UnsupportedComponent, IsRefusedByName)
{
    json j = byteLevelTokenizer();
    j[json::json_pointer(GetParam().path)] = GetParam().value;
    try {
        load(j);
        FAIL() << "accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadFile);
        EXPECT_NE(std::string(e.what()).find(GetParam().mustSay), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("test.json"), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Types, UnsupportedComponent,
    testing::Values(Refusal{"precompiled_normalizer", "/normalizer", {{"type", "Precompiled"}, {"precompiled_charsmap", ""}},
                            "the normalizer type 'Precompiled' is not supported"},
                    Refusal{"unicode_scripts", "/pre_tokenizer", {{"type", "UnicodeScripts"}}, "the pre_tokenizer type 'UnicodeScripts'"},
                    Refusal{"nested_in_sequence", "/pre_tokenizer",
                            {{"type", "Sequence"}, {"pretokenizers", json::array({json{{"type", "Whitespace"}}, json{{"type", "CharDelimiterSplit"}, {"delimiter", "x"}}})}},
                            "the pre_tokenizer type 'CharDelimiterSplit'"},
                    Refusal{"unigram_model", "/model", {{"type", "Unigram"}, {"vocab", json::array()}}, "the model type 'Unigram'"},
                    Refusal{"wordlevel_model", "/model", {{"type", "WordLevel"}, {"vocab", json::object()}}, "the model type 'WordLevel'"},
                    Refusal{"ctc_decoder", "/decoder", {{"type", "CTC"}}, "the decoder type 'CTC'"},
                    Refusal{"bpe_decoder", "/decoder", {{"type", "BPEDecoder"}}, "the decoder type 'BPEDecoder'"},
                    Refusal{"unknown_processor", "/post_processor", {{"type", "Pair"}}, "the post_processor type 'Pair'"},
                    Refusal{"bpe_dropout", "/model/dropout", 0.1, "dropout"},
                    Refusal{"truncation", "/truncation", {{"max_length", 8}}, "truncation"},
                    Refusal{"padding", "/padding", {{"strategy", "BatchLongest"}}, "padding"},
                    Refusal{"no_type", "/normalizer", {{"lowercase", true}}, "the normalizer has no \"type\""}),
    [](const auto& info) { return info.param.name; });

// ---- hostile files ----

struct Hostile {
    std::string name;
    std::string text;
    std::string mustSay;
};

void PrintTo(const Hostile& r, std::ostream* out) { *out << r.name; }

class HostileFile : public testing::TestWithParam<Hostile> {};

TEST_P(HostileFile, IsRefusedWithAClearError)
{
    try {
        HfTokenizer::fromJson(GetParam().text, "hostile.json");
        FAIL() << "accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadFile);
        EXPECT_NE(std::string(e.what()).find(GetParam().mustSay), std::string::npos) << e.what();
        EXPECT_EQ(std::string(e.what()).rfind("hostile.json: ", 0), 0u) << e.what();
    }
}

std::string withModel(const std::string& model) { return R"({"model": )" + model + "}"; }

INSTANTIATE_TEST_SUITE_P(
    Files, HostileFile,
    testing::Values(Hostile{"empty", "", "not valid JSON"}, Hostile{"truncated", R"({"model": {"type": "BPE", "vo)", "not valid JSON"},
                    Hostile{"array", "[1, 2]", "no \"model\""}, Hostile{"no_model", "{}", "no \"model\""},
                    Hostile{"deep", std::string(100000, '[') + std::string(100000, ']'), "nested more than 64 levels"},
                    Hostile{"bad_utf8_key", withModel("{\"type\": \"BPE\", \"vocab\": {\"\xff\": 0}, \"merges\": []}"), "not valid JSON"},
                    Hostile{"negative_id", withModel(R"({"type": "BPE", "vocab": {"a": -1}, "merges": []})"), "the id of 'a' is -1"},
                    Hostile{"huge_id", withModel(R"({"type": "BPE", "vocab": {"a": 100000000000000000000}, "merges": []})"), "the id of 'a'"},
                    Hostile{"string_id", withModel(R"({"type": "BPE", "vocab": {"a": "0"}, "merges": []})"), "the id of 'a'"},
                    Hostile{"vocab_array", withModel(R"({"type": "BPE", "vocab": [], "merges": []})"), "\"vocab\" must be an object"},
                    Hostile{"merge_outside_vocab", withModel(R"({"type": "BPE", "vocab": {"a": 0}, "merges": ["a b"]})"),
                            "merge 1 ('a b') uses 'b', which is not in the vocabulary"},
                    Hostile{"merge_three_parts", withModel(R"({"type": "BPE", "vocab": {"a": 0}, "merges": ["a b c"]})"),
                            "merge 1 ('a b c') is not two pieces"},
                    Hostile{"merge_number", withModel(R"({"type": "BPE", "vocab": {"a": 0}, "merges": [7]})"), "merge 1 must be"},
                    Hostile{"long_token", withModel(R"({"type": "BPE", "vocab": {")" + std::string(5000, 'x') + R"(": 0}, "merges": []})"),
                            "5000 bytes long, expected at most 4096"},
                    Hostile{"bad_regex", R"({"model": {"type": "BPE", "vocab": {}, "merges": []}, "pre_tokenizer": {"type": "Split", "pattern": {"Regex": "(unclosed"}, "behavior": "Isolated"}})",
                            "the regular expression '(unclosed' cannot be used"},
                    Hostile{"bad_behavior", R"({"model": {"type": "BPE", "vocab": {}, "merges": []}, "pre_tokenizer": {"type": "Split", "pattern": {"String": " "}, "behavior": "Sideways"}})",
                            "\"behavior\" is 'Sideways', expected one of Removed, Isolated"},
                    Hostile{"bool_as_string", R"({"model": {"type": "BPE", "vocab": {}, "merges": [], "byte_fallback": "yes"}})",
                            "\"byte_fallback\" must be true or false"},
                    Hostile{"metaspace_two_chars", R"({"model": {"type": "BPE", "vocab": {}, "merges": []}, "pre_tokenizer": {"type": "Metaspace", "replacement": "ab"}})",
                            "\"replacement\" must be one character"},
                    Hostile{"template_undefined", R"({"model": {"type": "BPE", "vocab": {}, "merges": []}, "post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}], "special_tokens": {}}})",
                            "the template uses '<s>'"},
                    Hostile{"added_token_without_content", R"({"model": {"type": "BPE", "vocab": {}, "merges": []}, "added_tokens": [{"id": 0}]})",
                            "\"content\" must be a string"}),
    [](const auto& info) { return info.param.name; });

TEST(HfTokenizer, RefusesTextThatIsNotUtf8)
{
    const auto t = load(byteLevelTokenizer());
    try {
        t->encode("ab\xff", false);
        FAIL() << "accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadInput);
        EXPECT_STREQ(e.what(), "the text is not valid UTF-8");
    }
}

TEST(HfTokenizer, UnkTokenOutsideTheVocabularyIsAnErrorWhenNeeded)
{
    json j = byteFallbackTokenizer();
    j["model"]["byte_fallback"] = false;
    j["model"]["unk_token"] = "<missing>";
    const auto t = load(j);
    EXPECT_EQ(t->encode("a", false).ids(), std::vector<int>{2});
    EXPECT_THROW(t->encode("b", false), Error);
}

// ---- readable pieces ----

TEST(TokenDisplay, ByteLevelPiecesReadAsTheirCharacters)
{
    const auto t = load(byteLevelTokenizer());
    // 猫 is E7 8C AB: "çĮ" (E7 8C, merged) and "«" (AB).
    const HfEncoding e = t->encode("the猫", false);
    ASSERT_EQ(e.tokens.size(), 3u);
    EXPECT_EQ(e.tokens[0].token, "the");
    EXPECT_EQ(e.tokens[1].token, "çĮ");
    EXPECT_EQ(e.tokens[2].token, "«");
    EXPECT_EQ(e.readings[0].text, "the");
    EXPECT_EQ(e.readings[0].partCount, 0);
    for (int k : {1, 2}) {
        const TokenReading& r = e.readings[static_cast<size_t>(k)];
        EXPECT_EQ(r.text, "猫");
        EXPECT_EQ(r.partialCharacter, "猫");
        EXPECT_EQ(r.part, k);
        EXPECT_EQ(r.partCount, 2);
        EXPECT_EQ(r.text.find("\xEF\xBF\xBD"), std::string::npos);
    }
    EXPECT_EQ(e.readings[1].bytes, "\xE7\x8C");
    EXPECT_EQ(e.readings[2].bytes, "\xAB");
    EXPECT_EQ(e.readings[1].label(), "猫 (part 1 of 2)");
    // Both pieces point at the one character they come from.
    EXPECT_EQ(e.tokens[1].offsets, (TextSpan{3, 4}));
    EXPECT_EQ(e.tokens[2].offsets, (TextSpan{3, 4}));
    EXPECT_EQ(t->decode(e.ids()), "the猫");
}

TEST(TokenDisplay, ByteFallbackTokensReadAsTheirCharacter)
{
    const auto t = load(byteFallbackTokenizer());
    const HfEncoding e = t->encode("a 猫", false);
    std::vector<std::string> tokens;
    for (const EncodedToken& k : e.tokens)
        tokens.push_back(k.token);
    EXPECT_EQ(tokens, (std::vector<std::string>{"a", "▁", "<0xE7>", "<0x8C>", "<0xAB>"}));
    EXPECT_EQ(e.readings[1].text, " ");
    for (int k = 0; k < 3; ++k) {
        const TokenReading& r = e.readings[2 + static_cast<size_t>(k)];
        EXPECT_EQ(r.text, "猫");
        EXPECT_EQ(r.part, k + 1);
        EXPECT_EQ(r.partCount, 3);
    }
    EXPECT_EQ(e.readings[3].label(), "猫 (part 2 of 3)");
    EXPECT_EQ(t->decode(e.ids()), "a 猫");
    // Bytes that never make a character: shown as their value, decoded as U+FFFD (HuggingFace's).
    const std::vector<int> broken = {3 + 0xE7, 2};
    EXPECT_EQ(t->decode(broken), "\xEF\xBF\xBD" "a");
}

TEST(TokenDisplay, ByteTokensReadAsBytesEvenWithoutADecoder)
{
    json j = byteFallbackTokenizer();
    j.erase("decoder");
    const HfEncoding e = load(j)->encode("猫", false);
    ASSERT_EQ(e.readings.size(), 3u);
    for (const TokenReading& r : e.readings) {
        EXPECT_EQ(r.text, "猫");
        EXPECT_EQ(r.partCount, 3);
    }
}

// ---- folder forms ----

class TokenizerFolder : public testing::Test {
protected:
    void SetUp() override
    {
        folder_ = std::filesystem::temp_directory_path() / ("orderlens-tok-" + std::to_string(::getpid()) + "-" +
                                                           testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(folder_);
    }
    void TearDown() override { std::filesystem::remove_all(folder_); }
    void write(const std::string& name, const std::string& text) { std::ofstream(folder_ / name) << text; }
    std::filesystem::path folder_;
};

TEST_F(TokenizerFolder, Gpt2VocabAndMergesWithBosFromTheConfig)
{
    json vocab = byteLevelTokenizer()["model"]["vocab"];
    vocab["<|endoftext|>"] = static_cast<int>(vocab.size());
    write("vocab.json", vocab.dump());
    write("merges.txt", "#version: 0.2\nt h\nth e\n");
    const auto plain = HfTokenizer::open(folder_.string());
    const int eot = vocab["<|endoftext|>"].get<int>();
    const int the = vocab["the"].get<int>();
    EXPECT_EQ(plain->encode("the<|endoftext|>", false).ids(), (std::vector<int>{the, eot}));
    EXPECT_EQ(plain->encode("the", true).ids(), (std::vector<int>{the}));
    write("tokenizer_config.json", R"({"add_bos_token": true, "bos_token": {"content": "<|endoftext|>"}, "eos_token": "<|endoftext|>"})");
    const auto withBos = HfTokenizer::open(folder_.string());
    EXPECT_EQ(withBos->encode("the", true).ids(), (std::vector<int>{eot, the}));
    EXPECT_EQ(withBos->encode("the", false).ids(), (std::vector<int>{the}));
    write("tokenizer_config.json", R"({"add_bos_token": true, "add_eos_token": true, "bos_token": "<s>"})");
    EXPECT_THROW(HfTokenizer::open(folder_.string()), Error);  // <s> is not in the vocabulary
}

TEST_F(TokenizerFolder, WithoutTokenizerFilesIsRefusedNamingTheFolder)
{
    try {
        HfTokenizer::open(folder_.string());
        FAIL() << "accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("has neither tokenizer.json nor vocab.json and merges.txt"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find(folder_.string()), std::string::npos);
    }
}

// ---- the cache and time ----

TEST(BpeModel, CachedWordsMatchTheUncachedTwin)
{
    ModelVocabulary vocab;
    const std::string letters = "abcd";
    int id = 0;
    for (char c : letters)
        vocab.add(std::string(1, c), id++);
    std::vector<std::pair<std::string, std::string>> merges;
    for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{{"a", "b"}, {"b", "c"}, {"ab", "c"}, {"c", "d"}, {"d", "a"}, {"ab", "ab"}, {"cd", "a"}}) {
        if (vocab.idOf(a + b) < 0)
            vocab.add(a + b, id++);
        merges.emplace_back(a, b);
    }
    const BpeModel model(vocab, merges, BpeOptions{});
    std::mt19937 rng(7);
    int compared = 0;
    for (int n = 0; n < 3000; ++n) {
        std::u32string word;
        const int length = 1 + static_cast<int>(rng() % 12);
        for (int k = 0; k < length; ++k)
            word += static_cast<char32_t>(letters[rng() % 4]);
        for (int pass = 0; pass < 2; ++pass) {  // the second pass reads the cache
            std::vector<SubwordPiece> cached, slow;
            model.tokenize(word, cached);
            model.tokenizeUncached(word, slow);
            ASSERT_EQ(cached.size(), slow.size());
            for (size_t k = 0; k < cached.size(); ++k) {
                EXPECT_EQ(cached[k].id, slow[k].id);
                EXPECT_EQ(cached[k].begin, slow[k].begin);
                EXPECT_EQ(cached[k].end, slow[k].end);
            }
            ++compared;
        }
    }
    EXPECT_EQ(compared, 6000);
}

TEST(BpeModel, LongWordsTakeLinearTime)
{
    // One 200,000-character word without a pre-tokenizer: every pair merges, level after level.
    json vocab = {{"a", 0}};
    json merges = json::array();
    std::string piece = "a";
    for (int level = 1; level <= 10; ++level) {
        merges.push_back(piece + " " + piece);
        piece += piece;
        vocab[piece] = level;
    }
    const auto t = load({{"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}}}});
    finishesWithin(20.0, "a 200,000-character word", [&] {
        const HfEncoding e = t->encode(std::string(200000, 'a'), false);
        // 200,000 = 195 * 1024 + 320 = 195 * 1024 + 256 + 64.
        ASSERT_EQ(e.tokens.size(), 197u);
        EXPECT_EQ(e.tokens.back().id, 6);
        EXPECT_EQ(e.tokens.back().offsets, (TextSpan{199936, 200000}));
    });
}

}  // namespace
}  // namespace orderlens
