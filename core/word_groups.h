#pragma once
// Word-level attention for text the tokenizer cuts into pieces (bertviz #40): BERT reads
// 老鼠 as 老 + 鼠, so its maps show characters where a class thinks in words. Merging a word's
// pieces keeps every row a distribution:
//   merged[i][j] = mean over the query pieces q of word i of ( sum over the key pieces k of word j of a[q][k] )
// (what word i, on average over its pieces, gives to the whole of word j).
//
// The words of a sentence's tokens:
//   * "##" pieces always join the word before them (WordPiece: play ##ing);
//   * special tokens ([CLS], [SEP], ...) are words of their own;
//   * when the sentence has spaces, the pieces between two spaces are one word (the user's own
//     segmentation: "猫 追 老鼠");
//   * else the built-in lexicon's longest match over the pieces' text (老鼠 is one word of it).
// When the pieces' characters do not line up with the words' (a tokenizer that changed the
// text's length), every piece stays a word of its own, "##" pieces still joined.
#include "alignment.h"
#include "tensor.h"
#include "tokenizer.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orderlens {

struct Trace;

struct WordLevel {
    std::vector<std::string> words;   // (W) each word's text: its pieces joined ("##" dropped)
    std::vector<int> wordOfToken;     // (T) the word each token belongs to, non-decreasing
    std::vector<std::vector<Matrix>> attention;  // [layer][head] (W, W) merged as above
    bool mergesAny() const { return words.size() < wordOfToken.size(); }
};

// The word of each token (see above); words count from 0 in order.
std::vector<int> wordOfTokens(const std::vector<Token>& tokens, std::string_view sentence);
// (W, W) from a (T, T) attention matrix and the word of each token.
Matrix mergeAttention(const Matrix& attention, const std::vector<int>& wordOfToken);
// Every head's merged attention for one sentence's trace.
WordLevel wordLevel(const Trace& trace, std::string_view sentence);
// B's words lined up with A's by their text and B's merged maps minus A's, as alignedDifference
// does for tokens; nullopt when B does not use exactly A's words.
std::optional<AlignedDifference> wordDifference(const WordLevel& a, const WordLevel& b);

}  // namespace orderlens
