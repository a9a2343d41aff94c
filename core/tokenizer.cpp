#include "tokenizer.h"

#include "errors.h"
#include "normalized_text.h"

namespace orderlens {

std::vector<char32_t> decodeUtf8(std::string_view s)
{
    std::vector<char32_t> out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        bool ok = len > 0 && i + static_cast<size_t>(len) <= s.size();
        for (int k = 1; ok && k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
            ok = (c >> 6) == 0x2;
            cp = (cp << 6) | (c & 0x3F);
        }
        if (!ok || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += static_cast<size_t>(len);
    }
    return out;
}

std::string encodeUtf8(char32_t cp)
{
    std::string out;
    appendUtf8(out, cp);
    return out;
}

Error emptySentenceError()
{
    return inputError(QT_TRANSLATE_NOOP("orderlens::core", "the sentence is empty: type a few words, e.g. %1"), {"猫追老鼠"});
}

namespace {

bool isSpace(char32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x3000 || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200A);
}

// Code points that belong to the character before them (an emoji's skin tone, a variation
// selector, a combining accent, the joiner inside a family emoji).
bool attachesToPrevious(char32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F);
}

bool isLatinOrDigit(char32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

LexiconTokenizer::LexiconTokenizer(const Vocabulary& vocabulary) : vocabulary_(&vocabulary)
{
    // A word whose bytes are not the UTF-8 of its code points (invalid UTF-8) never matches text.
    std::vector<std::u32string> texts;
    std::vector<int> ids;
    for (int id = 0; id < vocabulary.size(); ++id) {
        if (vocabulary.wordClass(id) == "special")
            continue;
        const std::vector<char32_t> cps = decodeUtf8(vocabulary.word(id));
        std::string again;
        for (char32_t c : cps)
            again += encodeUtf8(c);
        if (again != vocabulary.word(id))
            continue;
        texts.emplace_back(cps.begin(), cps.end());
        ids.push_back(id);
    }
    std::vector<LongestMatch::Word> words;
    words.reserve(texts.size());
    for (size_t k = 0; k < texts.size(); ++k)
        words.push_back({texts[k], ids[k]});
    words_ = std::make_shared<const LongestMatch>(words);
}

std::vector<Token> LexiconTokenizer::tokenize(std::string_view text) const
{
    const auto cps = decodeUtf8(text);
    const std::vector<LongestMatch::Match> longest = words_->at(std::u32string_view(cps.data(), cps.size()));
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < cps.size()) {
        if (isSpace(cps[i])) {
            ++i;
            continue;
        }
        // Longest match first.
        if (const LongestMatch::Match& m = longest[i]; m.length > 0) {
            tokens.push_back({vocabulary_->word(m.id), m.id, 0, 0});
            i += static_cast<size_t>(m.length);
            continue;
        }
        // Not understood: one [UNK] that keeps its text.
        std::string unknown = encodeUtf8(cps[i]);
        const bool latin = isLatinOrDigit(cps[i]);
        ++i;
        while (i < cps.size()) {
            const char32_t c = cps[i];
            if (attachesToPrevious(c) || (latin && isLatinOrDigit(c)) || (i > 0 && cps[i - 1] == 0x200D)) {
                unknown += encodeUtf8(c);
                ++i;
            } else {
                break;
            }
        }
        tokens.push_back({unknown, Vocabulary::kUnk, 0, 0, true});
    }
    if (tokens.empty())
        throw emptySentenceError();
    for (size_t p = 0; p < tokens.size(); ++p)
        tokens[p].position = static_cast<int>(p);
    return tokens;
}

}  // namespace orderlens
