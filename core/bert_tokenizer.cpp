#include "bert_tokenizer.h"

#include "errors.h"

#include <algorithm>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace orderlens {

namespace {

// ---- character classes, as transformers' _is_control / _is_whitespace / _is_punctuation ----

bool isWhitespace(char32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || u_charType(static_cast<UChar32>(c)) == U_SPACE_SEPARATOR;
}

// Every "C*" category (Cc, Cf, Cn, Co, Cs) except tab, newline and carriage return.
bool isControl(char32_t c)
{
    if (c == '\t' || c == '\n' || c == '\r')
        return false;
    switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_UNASSIGNED:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE:
        return true;
    default:
        return false;
    }
}

// Every non-letter, non-digit ASCII character, and the Unicode "P*" categories.
bool isPunctuation(char32_t c)
{
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126))
        return true;
    switch (u_charType(static_cast<UChar32>(c))) {
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
        return true;
    default:
        return false;
    }
}

// The CJK Unified Ideographs blocks BERT splits character by character (not kana or hangul).
bool isCjkIdeograph(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

// Python's str.split() separators that can survive the cleaning step (which turned the others into ' ').
bool isSplitSpace(char32_t c) { return c == ' ' || c == 0x2028 || c == 0x2029; }

std::string encode(const std::u32string& text)
{
    std::string out;
    for (char32_t c : text)
        out += encodeUtf8(c);
    return out;
}

std::u32string decode(std::string_view text)
{
    const std::vector<char32_t> cps = decodeUtf8(text);
    return std::u32string(cps.begin(), cps.end());
}

enum class Form { Nfc, Nfd };

std::u32string normalize(const std::u32string& text, Form form)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer =
        form == Form::Nfc ? icu::Normalizer2::getNFCInstance(status) : icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status))
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the Unicode normalization data (ICU) is not available"), {});
    const icu::UnicodeString in = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(text.data()),
                                                                static_cast<int32_t>(text.size()));
    const icu::UnicodeString out = normalizer->normalize(in, status);
    if (U_FAILURE(status))
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "the text could not be Unicode-normalized"), {});
    std::string utf8;
    out.toUTF8String(utf8);
    return decode(utf8);
}

// Full Unicode lower-casing, as Python's str.lower() (final sigma, 'İ' -> "i̇").
std::u32string lowerCase(const std::u32string& word)
{
    icu::UnicodeString s = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(word.data()),
                                                         static_cast<int32_t>(word.size()));
    s.toLower(icu::Locale::getRoot());
    std::string utf8;
    s.toUTF8String(utf8);
    return decode(utf8);
}

std::u32string stripAccents(const std::u32string& word)
{
    std::u32string out;
    for (char32_t c : normalize(word, Form::Nfd))
        if (u_charType(static_cast<UChar32>(c)) != U_NON_SPACING_MARK)
            out += c;
    return out;
}

std::vector<std::u32string> splitOnSpaces(const std::u32string& text)
{
    std::vector<std::u32string> words;
    std::u32string current;
    for (char32_t c : text) {
        if (isSplitSpace(c)) {
            if (!current.empty())
                words.push_back(std::move(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty())
        words.push_back(std::move(current));
    return words;
}

}  // namespace

BertTokenizer::BertTokenizer(std::shared_ptr<const Vocabulary> vocabulary, BertTokenizerOptions options)
    : vocabulary_(std::move(vocabulary)), options_(std::move(options))
{
    for (const std::string* name : {&options_.unkToken, &options_.clsToken, &options_.sepToken})
        if (vocabulary_->id(*name) < 0)
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the vocabulary has no '%1' token, which BERT inputs need"),
                            {*name});
    for (const std::string& s : {options_.unkToken, options_.sepToken, options_.padToken, options_.clsToken,
                                 options_.maskToken})
        if (!s.empty())
            specialTokens_.push_back(s);
    // The word pieces by their code points (a word that is not valid UTF-8 matches no text).
    std::vector<std::u32string> texts;
    std::vector<int> ids;
    std::vector<bool> continuation;
    for (int id = 0; id < vocabulary_->size(); ++id) {
        const std::string& w = vocabulary_->word(id);
        const std::u32string cps = decode(w);
        if (encode(cps) != w)
            continue;
        texts.push_back(cps);
        ids.push_back(id);
        continuation.push_back(w.size() > 2 && w.compare(0, 2, "##") == 0);
    }
    std::vector<LongestMatch::Word> first, rest;
    for (size_t k = 0; k < texts.size(); ++k) {
        first.push_back({texts[k], ids[k]});
        if (continuation[k])
            rest.push_back({std::u32string_view(texts[k]).substr(2), ids[k]});
    }
    firstPieces_ = std::make_shared<const LongestMatch>(first);
    continuations_ = std::make_shared<const LongestMatch>(rest);
}

std::vector<std::string> BertTokenizer::basicTokens(std::string_view text) const
{
    // Clean: drop NUL, U+FFFD and controls; any whitespace becomes ' '. Then space out ideographs.
    std::u32string cleaned;
    for (char32_t c : decodeUtf8(text)) {
        if (c == 0 || c == 0xFFFD || isControl(c))
            continue;
        if (isWhitespace(c)) {
            cleaned += U' ';
        } else if (options_.splitChineseChars && isCjkIdeograph(c)) {
            cleaned += U' ';
            cleaned += c;
            cleaned += U' ';
        } else {
            cleaned += c;
        }
    }
    const bool strip = options_.stripAccents.value_or(options_.lowerCase);
    std::vector<std::string> out;
    for (std::u32string word : splitOnSpaces(normalize(cleaned, Form::Nfc))) {
        if (options_.lowerCase)
            word = lowerCase(word);
        if (strip)
            word = stripAccents(word);
        // Every punctuation character is a token of its own.
        std::u32string current;
        for (char32_t c : word) {
            if (isPunctuation(c)) {
                if (!current.empty())
                    out.push_back(encode(current));
                current.clear();
                out.push_back(encodeUtf8(c));
            } else {
                current += c;
            }
        }
        if (!current.empty())
            out.push_back(encode(current));
    }
    // Lower-casing or accent stripping may have left nothing, or a separator: split once more.
    std::vector<std::string> words;
    for (const std::string& w : out)
        for (const std::u32string& part : splitOnSpaces(decode(w)))
            words.push_back(encode(part));
    return words;
}

void BertTokenizer::appendWordPieces(const std::string& word, std::vector<Piece>& out) const
{
    const std::u32string chars = decode(word);
    const Piece unknown{word, vocabulary_->id(options_.unkToken), true};
    if (static_cast<int>(chars.size()) > options_.maxCharsPerWord) {
        out.push_back(unknown);
        return;
    }
    // The longest piece at every position: a word's first piece, then "##" continuations.
    const std::vector<LongestMatch::Match> firstPiece = firstPieces_->at(chars);
    const std::vector<LongestMatch::Match> continuation = continuations_->at(chars);
    std::vector<Piece> found;
    size_t start = 0;
    while (start < chars.size()) {
        const LongestMatch::Match m = start == 0 ? firstPiece[0] : continuation[start];
        if (m.length == 0) {
            out.push_back(unknown);
            return;
        }
        found.push_back({vocabulary_->word(m.id), m.id, false});
        start += static_cast<size_t>(m.length);
    }
    out.insert(out.end(), found.begin(), found.end());
}

std::vector<BertTokenizer::Piece> BertTokenizer::pieces(std::string_view text) const
{
    std::vector<Piece> out;
    size_t chunkStart = 0, at = 0;
    auto flush = [&](size_t end) {
        for (const std::string& word : basicTokens(text.substr(chunkStart, end - chunkStart)))
            appendWordPieces(word, out);
    };
    while (at < text.size()) {
        const std::string* match = nullptr;
        for (const std::string& s : specialTokens_)
            if (text.substr(at, s.size()) == s && (!match || s.size() > match->size()))
                match = &s;
        if (!match) {
            ++at;
            continue;
        }
        flush(at);
        const int id = vocabulary_->id(*match);
        out.push_back({*match, id >= 0 ? id : vocabulary_->id(options_.unkToken), id < 0});
        at += match->size();
        chunkStart = at;
    }
    flush(text.size());
    return out;
}

std::vector<std::string> BertTokenizer::wordPieces(std::string_view text) const
{
    std::vector<std::string> out;
    for (const Piece& p : pieces(text))
        out.push_back(p.unknown ? options_.unkToken : p.text);
    return out;
}

Token BertTokenizer::special(const std::string& word, int position, int type) const
{
    return {word, vocabulary_->id(word), position, type, false};
}

std::vector<Token> BertTokenizer::tokenize(std::string_view text) const
{
    const std::vector<Piece> words = pieces(text);
    if (words.empty())
        throw emptySentenceError();
    std::vector<Token> tokens{special(options_.clsToken, 0, 0)};
    for (const Piece& p : words)
        tokens.push_back({p.text, p.id, static_cast<int>(tokens.size()), 0, p.unknown});
    tokens.push_back(special(options_.sepToken, static_cast<int>(tokens.size()), 0));
    return tokens;
}

std::vector<Token> BertTokenizer::tokenizePair(std::string_view a, std::string_view b) const
{
    std::vector<Token> tokens = tokenize(a);
    const std::vector<Piece> second = pieces(b);
    if (second.empty())
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "the second sentence of the pair is empty"), {});
    for (const Piece& p : second)
        tokens.push_back({p.text, p.id, static_cast<int>(tokens.size()), 1, p.unknown});
    tokens.push_back(special(options_.sepToken, static_cast<int>(tokens.size()), 1));
    return tokens;
}

}  // namespace orderlens
