#pragma once
// The "added_tokens" of a tokenizer.json (<|endoftext|>, <s>, <|im_start|> ...), found in the text
// before the model runs, as HuggingFace's AddedVocabulary does: leftmost-longest matches, first
// of the tokens with normalized false in the original text, then of those with normalized true
// in each normalized piece. single_word: only where no word character touches the match;
// lstrip / rstrip: the match takes the whitespace on its left / right.
#include "pre_tokenizer.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace orderlens {

class TextNormalizer;

struct AddedToken {
    int id = 0;
    std::string content;
    bool singleWord = false, lstrip = false, rstrip = false, normalized = true, special = false;
};

class AddedTokens {
public:
    AddedTokens() = default;
    // normalizer: the tokenizer's (may be null); the contents of normalized tokens are matched in
    // their normalized form.
    AddedTokens(std::vector<AddedToken> tokens, const TextNormalizer* normalizer);

    // The text cut into pieces: added tokens (addedTokenId set) and the rest, normalized.
    std::vector<TextPiece> extractAndNormalize(const NormalizedText& original, const TextNormalizer* normalizer) const;

    const std::vector<AddedToken>& tokens() const { return tokens_; }
    const AddedToken* byId(int id) const;
    const AddedToken* byContent(const std::string& content) const;
    // What decoding gives for the token: its content, normalized when the token is ("HELLO" -> "hello").
    std::string decodedText(int id) const;

private:
    struct Pattern {
        std::u32string text;
        size_t token;  // index into tokens_
    };
    // Pieces of `text` with the tokens of `patterns` cut out.
    void split(NormalizedText text, const std::vector<Pattern>& patterns, std::vector<TextPiece>& out) const;

    std::vector<AddedToken> tokens_;
    std::unordered_map<int, size_t> indexOfId_;
    std::vector<std::string> decoded_;  // per token
    std::vector<Pattern> original_, normalized_;  // longest first
    std::u32string originalFirsts_, normalizedFirsts_;  // the first code points of the patterns, sorted
};

}  // namespace orderlens
