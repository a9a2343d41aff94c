// The BERT tokenizer, row by row, against what HuggingFace's (Python) BertTokenizer gives for the
// same vocabulary and options: cleaning, CJK splitting, lower-casing and accents, punctuation,
// special tokens written in the text, WordPiece "##" continuations and [UNK].
#include "bert_checkpoint.h"
#include "bert_tokenizer.h"
#include "errors.h"
#include "time_guard.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

using namespace orderlens;

namespace {

using Words = std::vector<std::string>;

std::shared_ptr<const Vocabulary> tinyVocabulary()
{
    std::ifstream in(std::string(ORDERLENS_SOURCE_DIR) + "/tests/fixtures/tiny_bert/f32/vocab.txt");
    std::ostringstream text;
    text << in.rdbuf();
    return std::make_shared<const Vocabulary>(
        Vocabulary::fromOrderedWords(parseBertVocab(text.str(), "vocab.txt"), "[UNK]"));
}

struct Row {
    std::string name;
    std::string text;
    Words pieces;  // HuggingFace's tokenize(): no [CLS]/[SEP]
    bool lowerCase = true;
    std::optional<bool> stripAccents = std::nullopt;
};

void PrintTo(const Row& r, std::ostream* out) { *out << r.name; }

std::string repeat(const std::string& s, int n)
{
    std::string out;
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

std::vector<Row> rows()
{
    Words hundred{"x"};
    for (int i = 1; i < 100; ++i)
        hundred.push_back("##x");
    return {
        {"EveryIdeographAlone", "猫追老鼠。", {"猫", "追", "老", "鼠", "。"}},
        {"IdeographsBetweenLatin", "cat猫chase", {"cat", "猫", "chase"}},
        {"WordPieceContinuations", "unaffable running", {"un", "##aff", "##able", "run", "##ning"}},
        {"LowerCased", "The CAT Chases", {"the", "cat", "chase", "##s"}},
        {"PunctuationSplit", "cat,mouse.x-b", {"cat", ",", "mouse", ".", "x", "-", "b"}},
        {"AsciiSymbolsArePunctuation", "a'b", {"a", "'", "b"}},
        {"FullWidthPunctuation", "猫！鼠？", {"猫", "！", "鼠", "[UNK]"}},
        {"UncoverableWordIsOneUnk", "mousez", {"[UNK]"}},
        {"UnknownIdeograph", "猫龙", {"猫", "[UNK]"}},
        {"UnknownSymbolIsOwnWord", "cat🐱", {"[UNK]"}},
        {"SpecialTokenKeptWhole", "猫[MASK]老鼠", {"猫", "[MASK]", "老", "鼠"}},
        {"SpecialTokenInsideAWord", "hello[MASK]world", {"hello", "[MASK]", "world"}},
        {"LowerCaseSpecialIsNotSpecial", "[mask]", {"[", "[UNK]", "]"}},
        {"SeveralSpecialTokens", "[CLS] a [SEP] b", {"[CLS]", "a", "[SEP]", "b"}},
        {"ControlAndFormatCharactersDropped", std::string("he\x01l\u200Blo\u00ADworld"), {"[UNK]"}},
        {"ZeroWidthSpaceJoins", "hel\u200Blo", {"hello"}},
        {"NulAndReplacementCharacterDropped", std::string("ca\0t", 4) + "\uFFFD", {"cat"}},
        {"AnyWhitespaceSeparates", "a\tb\u3000c\u00A0x\r\n", {"a", "b", "c", "x"}},
        {"LineSeparatorSplitsLikePython", "a\u2028b", {"a", "b"}},
        {"AccentsStrippedWhenLowerCasing", "Café NAÏVE", {"cafe", "naive"}},
        {"DecomposedAccentsToo", "cafe\u0301", {"cafe"}},
        {"AccentsKeptWithoutLowerCasing", "café", {"[UNK]"}, false},
        {"CaseKeptWithoutLowerCasing", "Cat cat", {"[UNK]", "cat"}, false},
        {"StripAccentsFalseKeepsThem", "café", {"[UNK]"}, true, false},
        {"StripAccentsTrueWithoutLowerCasing", "café", {"cafe"}, false, true},
        {"HundredCharactersStillSplit", repeat("x", 100), hundred},
        {"MoreThanHundredCharactersIsUnk", repeat("x", 101), {"[UNK]"}},
        {"HundredAndOneIdeographsAreSeparateWords", repeat("猫", 101), Words(101, "猫")},
        {"OnlySpaces", "  \t ", {}},
    };
}

class BertTokenizerRows : public testing::TestWithParam<Row> {};

TEST_P(BertTokenizerRows, GivesHuggingFacesWordPieces)
{
    const Row& r = GetParam();
    BertTokenizerOptions options;
    options.lowerCase = r.lowerCase;
    options.stripAccents = r.stripAccents;
    const BertTokenizer tokenizer(tinyVocabulary(), options);
    EXPECT_EQ(tokenizer.wordPieces(r.text), r.pieces);
}

INSTANTIATE_TEST_SUITE_P(BertTokenizer, BertTokenizerRows, testing::ValuesIn(rows()),
                         [](const testing::TestParamInfo<Row>& row) { return row.param.name; });

TEST(BertTokenizer, SentenceGetsClsAndSepWithIdsPositionsAndUnknownText)
{
    const auto vocabulary = tinyVocabulary();
    const BertTokenizer tokenizer(vocabulary, {});
    const std::vector<Token> tokens = tokenizer.tokenize("猫追龙");
    ASSERT_EQ(tokens.size(), 5u);
    const Words texts{"[CLS]", "猫", "追", "龙", "[SEP]"};
    for (size_t i = 0; i < tokens.size(); ++i) {
        EXPECT_EQ(tokens[i].text, texts[i]);
        EXPECT_EQ(tokens[i].position, int(i));
        EXPECT_EQ(tokens[i].type, 0);
    }
    EXPECT_EQ(tokens[0].id, vocabulary->id("[CLS]"));
    EXPECT_EQ(tokens[1].id, vocabulary->id("猫"));
    EXPECT_EQ(tokens[4].id, vocabulary->id("[SEP]"));
    // The uncovered word keeps its text so the user sees it; its id is [UNK]'s (not row 1 here).
    EXPECT_EQ(tokens[3].id, vocabulary->id("[UNK]"));
    EXPECT_EQ(vocabulary->unknownId(), 3);
    EXPECT_FALSE(tokens[3].known());
    EXPECT_TRUE(tokens[2].known());
}

TEST(BertTokenizer, PairHasTypesZeroThenOne)
{
    const BertTokenizer tokenizer(tinyVocabulary(), {});
    const std::vector<Token> tokens = tokenizer.tokenizePair("猫追老鼠", "老鼠被猫追");
    const Words texts{"[CLS]", "猫", "追", "老", "鼠", "[SEP]", "老", "鼠", "被", "猫", "追", "[SEP]"};
    ASSERT_EQ(tokens.size(), texts.size());
    for (size_t i = 0; i < tokens.size(); ++i) {
        EXPECT_EQ(tokens[i].text, texts[i]);
        EXPECT_EQ(tokens[i].position, int(i));
        EXPECT_EQ(tokens[i].type, i <= 5 ? 0 : 1) << i;
    }
}

TEST(BertTokenizer, EmptyTextIsRefused)
{
    const BertTokenizer tokenizer(tinyVocabulary(), {});
    for (const std::string text : {"", "   ", "\u200B\x01"}) {
        try {
            (void)tokenizer.tokenize(text);
            FAIL() << "accepted an empty sentence";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::BadInput);
        }
    }
    EXPECT_THROW((void)tokenizer.tokenizePair("猫", " "), Error);
}

TEST(BertTokenizer, VocabularyWithoutClsIsRefused)
{
    auto vocabulary = std::make_shared<const Vocabulary>(Vocabulary::fromOrderedWords({"[UNK]", "[SEP]", "a"}, "[UNK]"));
    EXPECT_THROW(BertTokenizer(vocabulary, {}), Error);
}

TEST(BertTokenizer, LexiconModelsRefusePairs)
{
    const Model model = Model::random(PositionScheme::Sinusoidal);
    try {
        (void)model.tokenizer().tokenizePair("猫追老鼠", "老鼠追猫");
        FAIL() << "a built-in model accepted a pair";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        EXPECT_NE(std::string(e.what()).find("BERT"), std::string::npos);
    }
}

// WordPiece as first written: at every start every candidate length from the vocabulary's longest
// word down, each candidate rebuilt and looked up. Slow and obviously right.
Words slowWordPiece(const Vocabulary& v, const std::string& word, int maxChars)
{
    const std::vector<char32_t> chars = decodeUtf8(word);
    if (static_cast<int>(chars.size()) > maxChars)
        return {"[UNK]"};
    Words found;
    size_t start = 0;
    while (start < chars.size()) {
        std::string match;
        for (size_t end = std::min(chars.size(), start + static_cast<size_t>(v.longestWordCodePoints())); end > start && match.empty(); --end) {
            std::string candidate = start > 0 ? "##" : "";
            for (size_t k = start; k < end; ++k)
                candidate += encodeUtf8(chars[k]);
            if (v.id(candidate) >= 0) {
                match = candidate;
                start = end;
            }
        }
        if (match.empty())
            return {"[UNK]"};
        found.push_back(match);
    }
    return found;
}

// Random vocabularies over a four-letter alphabet (first pieces and "##" pieces that are prefixes
// and overlaps of each other), random words; words longer than the limit included.
TEST(BertTokenizer, SameWordPiecesAsSlowWordPiece)
{
    std::mt19937 rng(3);
    auto letters = [&](int lo, int hi) {
        std::string w;
        const int n = std::uniform_int_distribution<int>(lo, hi)(rng);
        for (int k = 0; k < n; ++k)
            w += static_cast<char>('a' + std::uniform_int_distribution<int>(0, 3)(rng));
        return w;
    };
    int pieces = 0, unknown = 0;
    for (int round = 0; round < 60; ++round) {
        Words words{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
        const int count = std::uniform_int_distribution<int>(1, 30)(rng);
        for (int k = 0; k < count; ++k)
            words.push_back((k % 2 ? "##" : "") + letters(1, 6));
        words.push_back(words[5]);  // listed twice: the last id wins, as HuggingFace reads vocab.txt
        const auto vocabulary = std::make_shared<const Vocabulary>(Vocabulary::fromOrderedWords(words, "[UNK]"));
        BertTokenizerOptions options;
        options.maxCharsPerWord = round % 3 == 0 ? 12 : 100;
        const BertTokenizer tokenizer(vocabulary, options);
        for (int s = 0; s < 100; ++s) {
            std::string text;
            Words expected;
            const int n = std::uniform_int_distribution<int>(1, 6)(rng);
            for (int w = 0; w < n; ++w) {
                const std::string word = letters(1, w == 0 && s % 10 == 0 ? 120 : 16);
                text += word + " ";
                for (const std::string& p : slowWordPiece(*vocabulary, word, options.maxCharsPerWord))
                    expected.push_back(p);
            }
            ASSERT_EQ(tokenizer.wordPieces(text), expected) << "round " << round << ": '" << text << "'";
            for (const std::string& p : expected)
                (p == "[UNK]" ? unknown : pieces) += 1;
        }
    }
    EXPECT_GT(pieces, 1500);  // both outcomes were exercised
    EXPECT_GT(unknown, 1000);
}

// A vocabulary with 5,000-character pieces and a tokenizer that allows long words (HuggingFace's
// max_input_chars_per_word): one 20,000-character word is 20,000 pieces, in well under the bound.
TEST(BertTokenizer, LongWordsAgainstLongPiecesWithinTwoSeconds)
{
    const std::string a4999(4999, 'a');
    const auto vocabulary = std::make_shared<const Vocabulary>(Vocabulary::fromOrderedWords(
        {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "a", "##a", a4999 + "b", "##" + a4999 + "b"}, "[UNK]"));
    BertTokenizerOptions options;
    options.maxCharsPerWord = 1000000;
    Words pieces;
    finishesWithin(2.0, "a 20,000-character word", [&] {
        const BertTokenizer tokenizer(vocabulary, options);
        pieces = tokenizer.wordPieces(std::string(20000, 'a'));
    });
    ASSERT_EQ(pieces.size(), 20000u);
    EXPECT_EQ(pieces.front(), "a");
    EXPECT_EQ(pieces.back(), "##a");
    // With HuggingFace's limit of 100, the same sentence cut into 100-character words.
    std::string words;
    for (int w = 0; w < 200; ++w)
        words += std::string(100, 'a') + " ";
    finishesWithin(2.0, "200 words of 100 characters", [&] {
        pieces = BertTokenizer(vocabulary, {}).wordPieces(words);
    });
    EXPECT_EQ(pieces.size(), 20000u);
}

}  // namespace
