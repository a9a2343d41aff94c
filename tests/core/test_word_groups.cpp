// Word-level attention (word_groups.h): which pieces make a word (the lexicon, the user's spaces,
// WordPiece's ##, special tokens alone), the merge against its formula, rows that still sum to
// 1, and the aligned word difference that is exactly what it is for tokens: zero without
// positions when B is A's words reordered.
#include "bert_checkpoint.h"
#include "model.h"
#include "shipped_models.h"
#include "snapshot.h"
#include "word_groups.h"

#include <gtest/gtest.h>

#include <random>

namespace orderlens {
namespace {

std::vector<Token> pieces(const std::vector<std::string>& texts)
{
    std::vector<Token> out;
    for (size_t i = 0; i < texts.size(); ++i) {
        Token t;
        t.text = texts[i];
        t.position = static_cast<int>(i);
        out.push_back(t);
    }
    return out;
}

TEST(WordGroups, TheLexiconJoinsCharacters)
{
    // BERT's pieces of 猫追老鼠: the built-in lexicon knows 老鼠 as one word.
    EXPECT_EQ(wordOfTokens(pieces({"[CLS]", "猫", "追", "老", "鼠", "[SEP]"}), "猫追老鼠"),
              (std::vector<int>{0, 1, 2, 3, 3, 4}));
    EXPECT_EQ(wordOfTokens(pieces({"[CLS]", "老", "鼠", "被", "猫", "追", "[SEP]"}), "老鼠被猫追"),
              (std::vector<int>{0, 1, 1, 2, 3, 4, 5}));
}

TEST(WordGroups, TheUsersSpacesWin)
{
    // Spaces are the user's own words, whatever the lexicon says.
    EXPECT_EQ(wordOfTokens(pieces({"[CLS]", "猫", "追", "老", "鼠", "[SEP]"}), "猫 追老鼠"),
              (std::vector<int>{0, 1, 2, 2, 2, 3}));
    EXPECT_EQ(wordOfTokens(pieces({"[CLS]", "猫", "追", "老", "鼠", "[SEP]"}), "猫 追 老 鼠"),
              (std::vector<int>{0, 1, 2, 3, 4, 5}));
    // A full-width space separates words too.
    EXPECT_EQ(wordOfTokens(pieces({"老", "鼠", "追", "猫"}), "老鼠\u3000追猫"), (std::vector<int>{0, 0, 1, 1}));
}

TEST(WordGroups, WordPiecesJoinTheWordBefore)
{
    EXPECT_EQ(wordOfTokens(pieces({"[CLS]", "the", "cat", "chase", "##s", "[SEP]"}), "the cat chases"),
              (std::vector<int>{0, 1, 2, 3, 3, 4}));
    // Without spaces and outside the lexicon: only the ## pieces join.
    EXPECT_EQ(wordOfTokens(pieces({"play", "##ing"}), "playing"), (std::vector<int>{0, 0}));
    // A special token never joins a word, a ## piece after it starts one.
    EXPECT_EQ(wordOfTokens(pieces({"[CLS]", "##s"}), "s"), (std::vector<int>{0, 1}));
}

TEST(WordGroups, MergeIsTheFormula)
{
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> u(0.01f, 1.0f);
    const int T = 7;
    Matrix a(T, T);
    for (int q = 0; q < T; ++q) {
        for (int k = 0; k < T; ++k)
            a(q, k) = u(rng);
        a.row(q) /= a.row(q).sum();
    }
    const std::vector<int> word{0, 1, 1, 2, 3, 3, 3};
    const Matrix m = mergeAttention(a, word);
    ASSERT_EQ(m.rows(), 4);
    ASSERT_EQ(m.cols(), 4);
    for (int i = 0; i < 4; ++i) {
        EXPECT_NEAR(m.row(i).sum(), 1.0f, 1e-6f);
        for (int j = 0; j < 4; ++j) {
            double sum = 0;
            int queries = 0;
            for (int q = 0; q < T; ++q) {
                if (word[static_cast<size_t>(q)] != i)
                    continue;
                ++queries;
                for (int k = 0; k < T; ++k)
                    if (word[static_cast<size_t>(k)] == j)
                        sum += a(q, k);
            }
            EXPECT_NEAR(m(i, j), sum / queries, 1e-6) << i << "," << j;
        }
    }
    // One piece a word: the map itself.
    EXPECT_EQ(mergeAttention(a, {0, 1, 2, 3, 4, 5, 6}), a);
}

TEST(WordGroups, ABertFolderReadsWholeWords)
{
    const Model model = loadBertFolder(std::string(ORDERLENS_SOURCE_DIR) + "/tests/fixtures/tiny_bert/f32");
    const ModelFacts facts = positionFacts(model);
    SnapshotRequest request;
    request.sentenceA = "猫追老鼠";
    request.sentenceB = "老鼠追猫";
    request.mergeWords = true;
    const SnapshotResult result = analyse(model, facts, request);
    ASSERT_TRUE(result.snapshot);
    const Snapshot& s = *result.snapshot;
    ASSERT_TRUE(s.a.words && s.b->words);
    EXPECT_EQ(s.a.words->words, (std::vector<std::string>{"[CLS]", "猫", "追", "老鼠", "[SEP]"}));
    EXPECT_EQ(s.b->words->words, (std::vector<std::string>{"[CLS]", "老鼠", "追", "猫", "[SEP]"}));
    ASSERT_EQ(s.a.words->attention.size(), size_t(model.config().n_layers));
    for (size_t l = 0; l < s.a.words->attention.size(); ++l)
        for (size_t h = 0; h < s.a.words->attention[l].size(); ++h)
            EXPECT_EQ(s.a.words->attention[l][h], mergeAttention(s.a.trace->layers[l].attention[h], s.a.words->wordOfToken));
    // B's words are A's reordered: an aligned word difference, B's merged map minus A's.
    ASSERT_TRUE(s.wordDifference);
    EXPECT_EQ(s.wordDifference->bIndexOfA, (std::vector<int>{0, 3, 2, 1, 4}));
    const Matrix& b = s.b->words->attention[0][0];
    EXPECT_NEAR(s.wordDifference->attention[0][0](1, 3), b(3, 1) - s.a.words->attention[0][0](1, 3), 1e-7);
    // Without the request, no words.
    request.mergeWords = false;
    EXPECT_FALSE(analyse(model, facts, request).snapshot->a.words);
}

TEST(WordGroups, WithoutPositionsReorderedWordsAttendAlike)
{
    // The model without positions cannot tell word orders apart: at word level too the aligned
    // difference of a reordering is zero (up to float rounding of the sums).
    const Model& model = testing::shipped("none");
    const ModelFacts facts = positionFacts(model);
    SnapshotRequest request;
    request.sentenceA = "猫追 老鼠";
    request.sentenceB = "老鼠 猫追";
    request.mergeWords = true;
    const SnapshotResult result = analyse(model, facts, request);
    ASSERT_TRUE(result.snapshot && result.snapshot->wordDifference);
    EXPECT_LT(result.snapshot->wordDifference->maxAbsAttention, 1e-6);
    EXPECT_EQ(result.snapshot->a.words->words, (std::vector<std::string>{"猫追", "老鼠"}));
    // With positions it is not zero.
    const SnapshotResult learned = analyse(testing::shipped("learned"), positionFacts(testing::shipped("learned")), request);
    ASSERT_TRUE(learned.snapshot && learned.snapshot->wordDifference);
    EXPECT_GT(learned.snapshot->wordDifference->maxAbsAttention, 1e-3);
}

}  // namespace
}  // namespace orderlens
