#pragma once
// Text on its way through a tokenizer.json pipeline (HuggingFace's NormalizedString, with
// offsets in code points): the current code points, and for each one the range [start, end) of
// code points of the original text it came from. Normalizers and pre-tokenizers change the text;
// every token's offsets are read back from `origin`, so they always point into what the user typed.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace orderlens {

// [start, end) in code points of the original text.
struct TextSpan {
    uint32_t start = 0;
    uint32_t end = 0;
    bool operator==(const TextSpan&) const = default;
};

struct NormalizedText {
    std::u32string text;            // the current code points
    std::vector<TextSpan> origin;   // origin[i]: where text[i] came from; origin.size() == text.size()
    TextSpan whole;                 // the original range this text stands for (kept when it becomes empty)

    // The original text itself, starting at code point `offset` of the whole input.
    static NormalizedText original(std::u32string_view text, uint32_t offset = 0);

    bool empty() const { return text.empty(); }
    size_t size() const { return text.size(); }
    void push(char32_t c, TextSpan from)
    {
        text.push_back(c);
        origin.push_back(from);
    }
    // The original range of text[begin, end); an empty range gives the position where it stands.
    TextSpan originalSpan(size_t begin, size_t end) const;
    // text[begin, end) with its origins.
    NormalizedText slice(size_t begin, size_t end) const;
    // A new, empty text standing for the same original range (for normalizers to fill).
    NormalizedText emptyLike() const;
    // `prefix` in front; each of its code points takes the origin of the first code point. Nothing
    // happens to an empty text (as HuggingFace's NormalizedString::prepend).
    void prepend(std::u32string_view prefix);
};

// UTF-8 <-> code points. toCodePoints returns false (and leaves out) on bytes that are not UTF-8.
bool toCodePoints(std::string_view utf8, std::u32string& out);
std::u32string toCodePoints(std::string_view utf8);  // invalid bytes become U+FFFD
std::string toUtf8(std::u32string_view text);
void appendUtf8(std::string& out, char32_t c);

// Character classes as HuggingFace's tokenizers (Rust) defines them.
bool isWhiteSpace(char32_t c);      // char::is_whitespace: the Unicode White_Space property
bool isWordChar(char32_t c);        // regex \w: alphabetic, marks, decimal digits, connector punctuation, joiners
bool isPunctuation(char32_t c);     // any Unicode P* category
bool isBertPunctuation(char32_t c); // ASCII symbols and punctuation, or P*
bool isControlChar(char32_t c);     // C* categories except \t \n \r
bool isCombiningMark(char32_t c);   // M* categories
bool isChineseChar(char32_t c);     // the CJK ideograph blocks BERT spaces out

}  // namespace orderlens
