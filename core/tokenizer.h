#pragma once
// Longest-match word segmentation over a Vocabulary: "猫追老鼠" -> 猫 | 追 | 老鼠.
// Whitespace separates and is dropped; a character outside the vocabulary becomes [UNK]
// but keeps its text (an emoji with its modifiers, or a run of Latin letters/digits,
// stays one token) so the user sees what was not understood.
#include "longest_match.h"
#include "vocabulary.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace orderlens {

class Error;

struct Token {
    std::string text;  // as typed
    int id = 0;        // vocabulary id ([UNK] when not understood)
    int position = 0;  // index in the model input (0-based)
    int type = 0;      // token type (segment) for BERT pairs
    bool unknown = false;  // the tokenizer could not cover the text: id is the vocabulary's unknown id
    bool known() const { return !unknown; }
};

// Splits UTF-8 text into code points; invalid bytes become U+FFFD.
std::vector<char32_t> decodeUtf8(std::string_view text);
std::string encodeUtf8(char32_t cp);

// Error(BadInput) "the sentence is empty: ...", which every tokenizer and model throws for blank text.
Error emptySentenceError();

// Linear in the text's length whatever the lexicon holds (see longest_match.h).
class LexiconTokenizer {
public:
    // Indexes the vocabulary's words (every class but "special"); keeps a pointer to it.
    explicit LexiconTokenizer(const Vocabulary& vocabulary);
    // Throws Error(BadInput) for empty or blank text.
    std::vector<Token> tokenize(std::string_view text) const;

private:
    const Vocabulary* vocabulary_;
    std::shared_ptr<const LongestMatch> words_;
};

}  // namespace orderlens
