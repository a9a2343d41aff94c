// Longest-match segmentation over the built-in lexicon.
#include "errors.h"
#include "time_guard.h"
#include "tokenizer.h"
#include "vocabulary.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

using namespace orderlens;

namespace {
std::vector<std::string> texts(const std::vector<Token>& tokens)
{
    std::vector<std::string> out;
    for (const auto& t : tokens)
        out.push_back(t.text);
    return out;
}
}  // namespace

struct SegmentationCase {
    const char* input;
    std::vector<std::string> expected;
    int unknownCount;
};

class Segmentation : public ::testing::TestWithParam<SegmentationCase> {};

TEST_P(Segmentation, SplitsAsExpected)
{
    const auto& c = GetParam();
    const LexiconTokenizer tokenizer(Vocabulary::builtin());
    const auto tokens = tokenizer.tokenize(c.input);
    EXPECT_EQ(texts(tokens), c.expected);
    int unknown = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
        EXPECT_EQ(tokens[i].position, static_cast<int>(i));
        unknown += tokens[i].known() ? 0 : 1;
        if (tokens[i].known()) {
            EXPECT_EQ(Vocabulary::builtin().word(tokens[i].id), tokens[i].text);
        }
    }
    EXPECT_EQ(unknown, c.unknownCount);
}

INSTANTIATE_TEST_SUITE_P(
    Lexicon, Segmentation,
    ::testing::Values(SegmentationCase{"猫追老鼠", {"猫", "追", "老鼠"}, 0},
                      SegmentationCase{"老鼠追猫", {"老鼠", "追", "猫"}, 0},
                      SegmentationCase{"老鼠被猫追", {"老鼠", "被", "猫", "追"}, 0},
                      SegmentationCase{"猫把老鼠抓了", {"猫", "把", "老鼠", "抓", "了"}, 0},
                      SegmentationCase{"大猫在追小老鼠。", {"大", "猫", "在", "追", "小", "老鼠", "。"}, 0},
                      SegmentationCase{"  猫 追\t老鼠 ", {"猫", "追", "老鼠"}, 0},
                      SegmentationCase{"老师喜欢学生", {"老师", "喜欢", "学生"}, 0},
                      SegmentationCase{"猫追龙", {"猫", "追", "龙"}, 1},
                      SegmentationCase{"猫🐱追", {"猫", "🐱", "追"}, 1},
                      SegmentationCase{"👍🏽猫", {"👍🏽", "猫"}, 1},
                      SegmentationCase{"cat追mouse", {"cat", "追", "mouse"}, 2},
                      SegmentationCase{"龙凤", {"龙", "凤"}, 2}));

TEST(Tokenizer, EmptyAndBlankAreRefusedClearly)
{
    const LexiconTokenizer tokenizer(Vocabulary::builtin());
    for (const char* text : {"", "   ", "\t\n", "\u3000"}) {
        try {
            tokenizer.tokenize(text);
            FAIL() << "accepted '" << text << "'";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::BadInput);
            EXPECT_NE(std::string(e.what()).find("empty"), std::string::npos);
        }
    }
}

TEST(Tokenizer, InvalidUtf8BecomesReplacementCharacter)
{
    const LexiconTokenizer tokenizer(Vocabulary::builtin());
    const auto tokens = tokenizer.tokenize(std::string("猫\xff追"));
    ASSERT_EQ(tokens.size(), 3u);
    EXPECT_FALSE(tokens[1].known());
    EXPECT_EQ(tokens[1].text, "\xEF\xBF\xBD");
}

TEST(Tokenizer, TenThousandCharactersStayFast)
{
    std::string text;
    for (int i = 0; i < 2500; ++i)
        text += "猫追老鼠";
    const LexiconTokenizer tokenizer(Vocabulary::builtin());
    EXPECT_EQ(tokenizer.tokenize(text).size(), 7500u);
}

TEST(Vocabulary, SpecialTokensComeFirstAndMinimumLexiconIsPresent)
{
    const auto& v = Vocabulary::builtin();
    EXPECT_EQ(v.word(Vocabulary::kPad), "[PAD]");
    EXPECT_EQ(v.word(Vocabulary::kUnk), "[UNK]");
    EXPECT_EQ(v.word(Vocabulary::kCls), "[CLS]");
    EXPECT_EQ(v.word(Vocabulary::kSep), "[SEP]");
    EXPECT_EQ(v.word(Vocabulary::kMask), "[MASK]");
    for (const char* w : {"猫", "狗", "老鼠", "鸟", "鱼", "兔子", "老虎", "小孩", "老师", "学生", "追", "吃", "看", "咬",
                          "抓", "怕", "找", "喜欢", "帮", "叫", "被", "把", "了", "在", "的", "很", "大", "小", "白",
                          "黑", "饿"})
        EXPECT_GE(v.id(w), 5) << w;
}

TEST(Vocabulary, MalformedLexiconLineIsNamed)
{
    try {
        Vocabulary::parseLexicon("猫\tanimal\nbroken line\n");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos);
    }
}

// ---- the fast longest match against its slow twin, and hostile lexicons ----

namespace {

bool slowIsSpace(char32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x3000 || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200A);
}
bool slowAttaches(char32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F);
}
bool slowLatin(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Longest match as first written: at every position every candidate length from the longest word
// down, each candidate rebuilt and looked up. Cost (text x longest word x its length); obviously right.
std::vector<Token> slowLongestMatch(const Vocabulary& vocabulary, std::string_view text)
{
    const auto cps = decodeUtf8(text);
    std::vector<Token> tokens;
    size_t i = 0;
    const auto maxLen = static_cast<size_t>(vocabulary.longestWordCodePoints());
    while (i < cps.size()) {
        if (slowIsSpace(cps[i])) {
            ++i;
            continue;
        }
        bool matched = false;
        for (size_t len = std::min(maxLen, cps.size() - i); len >= 1 && !matched; --len) {
            std::string candidate;
            for (size_t k = 0; k < len; ++k)
                candidate += encodeUtf8(cps[i + k]);
            const int id = vocabulary.id(candidate);
            if (id >= 0 && vocabulary.wordClass(id) != "special") {
                tokens.push_back({candidate, id, 0, 0});
                i += len;
                matched = true;
            }
        }
        if (matched)
            continue;
        std::string unknown = encodeUtf8(cps[i]);
        const bool latin = slowLatin(cps[i]);
        ++i;
        while (i < cps.size() && (slowAttaches(cps[i]) || (latin && slowLatin(cps[i])) || cps[i - 1] == 0x200D))
            unknown += encodeUtf8(cps[i++]);
        tokens.push_back({unknown, Vocabulary::kUnk, 0, 0, true});
    }
    for (size_t p = 0; p < tokens.size(); ++p)
        tokens[p].position = static_cast<int>(p);
    return tokens;
}

// "text#id#position#unknown" per token, or "refused" when the text has no token.
std::vector<std::string> described(const std::vector<Token>& tokens)
{
    std::vector<std::string> out;
    for (const Token& t : tokens)
        out.push_back(t.text + "#" + std::to_string(t.id) + "#" + std::to_string(t.position) + (t.unknown ? "#unk" : ""));
    return out;
}
std::vector<std::string> fast(const LexiconTokenizer& tokenizer, const std::string& text)
{
    try {
        return described(tokenizer.tokenize(text));
    } catch (const Error&) {
        return {"refused"};
    }
}
std::vector<std::string> slow(const Vocabulary& vocabulary, const std::string& text)
{
    const auto tokens = slowLongestMatch(vocabulary, text);
    return tokens.empty() ? std::vector<std::string>{"refused"} : described(tokens);
}

std::string repeat(const std::string& s, int n)
{
    std::string out;
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

}  // namespace

// Sentences built from the shipped lexicon's words, their characters (so words overlap and break
// off), spaces, Latin runs, emoji with modifiers and joiners, unknown ideographs, invalid bytes.
TEST(Tokenizer, SameTokensAsSlowLongestMatchOnShippedLexicon)
{
    const Vocabulary& v = Vocabulary::builtin();
    const LexiconTokenizer tokenizer(v);
    std::vector<std::string> words, characters;
    for (const LexiconEntry& e : v.entries()) {
        if (e.wordClass == "special")
            continue;
        words.push_back(e.word);
        for (char32_t c : decodeUtf8(e.word))
            characters.push_back(encodeUtf8(c));
    }
    ASSERT_GT(words.size(), 40u);
    const std::vector<std::string> others{" ", "\t", "\u3000", "a", "Z", "7", "cat", "🐱", "👍", "\U0001F3FD",
                                          "\u200D", "\u0301", "\uFE0F", "龙", "\xff", "[UNK]", "[CLS]", "\xe7\x8c"};
    std::mt19937 rng(12);
    auto pick = [&](const std::vector<std::string>& from) {
        return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(rng)];
    };
    int compared = 0, multiCharacterTokens = 0;
    for (int s = 0; s < 4000; ++s) {
        std::string text;
        const int pieces = std::uniform_int_distribution<int>(0, 24)(rng);
        for (int k = 0; k < pieces; ++k) {
            const int kind = std::uniform_int_distribution<int>(0, 9)(rng);
            text += kind < 5 ? pick(words) : kind < 8 ? pick(characters) : pick(others);
        }
        const auto expected = slow(v, text);
        ASSERT_EQ(fast(tokenizer, text), expected) << "sentence " << s << ": '" << text << "'";
        for (const std::string& t : expected)
            multiCharacterTokens += decodeUtf8(t.substr(0, t.find('#'))).size() > 1 ? 1 : 0;
        ++compared;
    }
    EXPECT_EQ(compared, 4000);
    EXPECT_GT(multiCharacterTokens, 1000);  // the sentences did exercise longest match
}

// Small lexicons whose words are prefixes, suffixes and overlaps of each other (猫狗鸟 and Latin),
// where a wrong failure link would show.
TEST(Tokenizer, SameTokensAsSlowLongestMatchOnOverlappingLexicons)
{
    const std::vector<std::string> alphabet{"猫", "狗", "鸟", "a", "b", " "};
    std::mt19937 rng(5);
    auto letters = [&](int lo, int hi, size_t alphabetSize) {
        std::string w;
        const int n = std::uniform_int_distribution<int>(lo, hi)(rng);
        for (int k = 0; k < n; ++k)
            w += alphabet[std::uniform_int_distribution<size_t>(0, alphabetSize - 1)(rng)];
        return w;
    };
    for (int round = 0; round < 60; ++round) {
        std::vector<LexiconEntry> entries;
        std::set<std::string> seen;
        const int count = std::uniform_int_distribution<int>(1, 25)(rng);
        for (int k = 0; k < count; ++k) {
            const std::string w = letters(1, 9, 5);
            if (seen.insert(w).second)
                entries.push_back({w, k % 7 == 3 ? "special" : "animal"});
        }
        const Vocabulary v(entries);
        const LexiconTokenizer tokenizer(v);
        for (int s = 0; s < 200; ++s) {
            const std::string text = letters(0, 40, 6);
            ASSERT_EQ(fast(tokenizer, text), slow(v, text)) << "round " << round << ": '" << text << "'";
        }
    }
}

struct HostileLexicon {
    const char* name;
    std::vector<LexiconEntry> entries;
    std::string text;
    size_t tokens;
    std::string firstToken;
};

class HostileLexicons : public testing::TestWithParam<HostileLexicon> {};
void PrintTo(const HostileLexicon& h, std::ostream* out) { *out << h.name; }

// A model file may hold any lexicon: one 5,000-character word made a 2,000-character sentence take
// 36 s. 20,000 characters must now take well under the bound (measured: milliseconds).
TEST_P(HostileLexicons, TwentyThousandCharactersWithinTwoSeconds)
{
    const HostileLexicon& h = GetParam();
    const Vocabulary v(h.entries);
    std::vector<Token> tokens;
    finishesWithin(2.0, h.name, [&] {
        const LexiconTokenizer tokenizer(v);
        tokens = tokenizer.tokenize(h.text);
    });
    ASSERT_EQ(tokens.size(), h.tokens);
    EXPECT_EQ(tokens.front().text, h.firstToken);
    EXPECT_EQ(tokens.back().position, static_cast<int>(h.tokens) - 1);
}

INSTANTIATE_TEST_SUITE_P(
    Tokenizer, HostileLexicons,
    testing::Values(
        // The walk from every position runs 4,999 characters deep, then falls back to 猫.
        HostileLexicon{"LongWordAlmostMatchesEverywhere",
                       {{repeat("猫", 4999) + "狗", "animal"}, {"猫", "animal"}}, repeat("猫", 20000), 20000, "猫"},
        // The same with nothing to fall back to: every character is [UNK].
        HostileLexicon{"LongWordAloneNothingMatches", {{repeat("猫", 4999) + "狗", "animal"}}, repeat("猫", 20000), 20000,
                       "猫"},
        // The long word itself, four times.
        HostileLexicon{"LongWordMatches",
                       {{repeat("猫", 4999) + "狗", "animal"}, {"猫", "animal"}}, repeat(repeat("猫", 4999) + "狗", 4),
                       4, repeat("猫", 4999) + "狗"},
        // Three hundred nested words 猫狗, 猫猫狗, ... (45,000 trie nodes).
        HostileLexicon{"ManyNestedLongWords",
                       [] {
                           std::vector<LexiconEntry> e{{"猫", "animal"}};
                           for (int k = 1; k <= 300; ++k)
                               e.push_back({repeat("猫", k) + "狗", "animal"});
                           return e;
                       }(),
                       repeat("猫", 20000), 20000, "猫"},
        // A long Latin word: the unknown run absorbs the letters after it.
        HostileLexicon{"LongLatinWord", {{repeat("ab", 2500) + "c", "animal"}, {"b", "animal"}},
                       repeat("ab", 10000), 1, repeat("ab", 10000)}),
    [](const testing::TestParamInfo<HostileLexicon>& info) { return std::string(info.param.name); });
