// Longest-match segmentation over the built-in lexicon.
#include "errors.h"
#include "tokenizer.h"
#include "vocabulary.h"

#include <gtest/gtest.h>

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
