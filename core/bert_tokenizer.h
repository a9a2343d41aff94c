#pragma once
// The tokenizer of HuggingFace BERT checkpoints, step for step as transformers' BertTokenizer
// (the Python one) does it:
//
//   1. split the text on special tokens written in it ("[MASK]"), which stay whole;
//   2. basic tokenization of each other piece: drop NUL, U+FFFD and control characters, turn
//      whitespace into spaces, put spaces around every CJK ideograph, NFC-normalize, split on
//      whitespace, lower-case and strip accents (NFD, drop non-spacing marks) when configured,
//      then make every punctuation character its own token;
//   3. WordPiece: greedy longest match from the left, continuations prefixed "##"; a word of more
//      than 100 code points, or one the vocabulary cannot cover, becomes a single [UNK]. The
//      longest pieces at every position come from longest_match.h: linear in the word's length
//      whatever the vocabulary holds and whatever maxCharsPerWord allows.
//
// tokenize() adds [CLS] ... [SEP]; tokenizePair() gives [CLS] A [SEP] B [SEP] with token
// types 0 for "[CLS] A [SEP]" and 1 for "B [SEP]". Unicode tables come from ICU.
#include "longest_match.h"
#include "model.h"
#include "vocabulary.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orderlens {

struct BertTokenizerOptions {
    bool lowerCase = true;                 // do_lower_case (HuggingFace's default: true)
    std::optional<bool> stripAccents;      // strip_accents; unset: strip exactly when lower-casing
    bool splitChineseChars = true;         // tokenize_chinese_chars
    int maxCharsPerWord = 100;             // longer words become [UNK]
    std::string unkToken = "[UNK]", sepToken = "[SEP]", padToken = "[PAD]", clsToken = "[CLS]",
                maskToken = "[MASK]";
};

class BertTokenizer : public Tokenizer {
public:
    // Throws Error(BadFile) when [UNK], [CLS] or [SEP] is not in the vocabulary.
    BertTokenizer(std::shared_ptr<const Vocabulary> vocabulary, BertTokenizerOptions options);

    // [CLS] pieces [SEP], positions 0..n-1, type 0. Error(BadInput) when the text has no token.
    std::vector<Token> tokenize(std::string_view text) const override;
    std::vector<Token> tokenizePair(std::string_view a, std::string_view b) const override;

    // HuggingFace's tokenize(): the word pieces without [CLS]/[SEP] (may be empty).
    std::vector<std::string> wordPieces(std::string_view text) const;
    // Step 2 alone, for one piece of text without special tokens.
    std::vector<std::string> basicTokens(std::string_view text) const;

    const BertTokenizerOptions& options() const { return options_; }

private:
    struct Piece {
        std::string text;  // the word piece, or the uncovered word for [UNK]
        int id;
        bool unknown;
    };
    std::vector<Piece> pieces(std::string_view text) const;
    void appendWordPieces(const std::string& word, std::vector<Piece>& out) const;
    Token special(const std::string& word, int position, int type) const;

    std::shared_ptr<const Vocabulary> vocabulary_;
    BertTokenizerOptions options_;
    std::vector<std::string> specialTokens_;  // kept whole when written in the text
    std::shared_ptr<const LongestMatch> firstPieces_;    // every vocabulary word, as written
    std::shared_ptr<const LongestMatch> continuations_;  // the "##" words, without the "##"
};

}  // namespace orderlens
