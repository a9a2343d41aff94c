#include "normalized_text.h"

#include <unicode/uchar.h>

namespace orderlens {

NormalizedText NormalizedText::original(std::u32string_view text, uint32_t offset)
{
    NormalizedText n;
    n.text.assign(text.begin(), text.end());
    n.origin.resize(text.size());
    for (uint32_t i = 0; i < text.size(); ++i)
        n.origin[i] = {offset + i, offset + i + 1};
    n.whole = {offset, offset + static_cast<uint32_t>(text.size())};
    return n;
}

TextSpan NormalizedText::originalSpan(size_t begin, size_t end) const
{
    if (begin >= end || begin >= origin.size()) {
        const uint32_t at = begin < origin.size() ? origin[begin].start : origin.empty() ? whole.end : origin.back().end;
        return {at, at};
    }
    if (end > origin.size())
        end = origin.size();
    uint32_t start = origin[begin].start, stop = origin[begin].end;
    for (size_t i = begin; i < end; ++i) {
        start = std::min(start, origin[i].start);
        stop = std::max(stop, origin[i].end);
    }
    return {start, stop};
}

NormalizedText NormalizedText::slice(size_t begin, size_t end) const
{
    NormalizedText n;
    n.text = text.substr(begin, end - begin);
    n.origin.assign(origin.begin() + static_cast<std::ptrdiff_t>(begin), origin.begin() + static_cast<std::ptrdiff_t>(end));
    n.whole = originalSpan(begin, end);
    return n;
}

NormalizedText NormalizedText::emptyLike() const
{
    NormalizedText n;
    n.whole = whole;
    return n;
}

void NormalizedText::prepend(std::u32string_view prefix)
{
    if (text.empty())
        return;
    const TextSpan first = origin.front();
    text.insert(0, prefix);
    origin.insert(origin.begin(), prefix.size(), first);
}

bool toCodePoints(std::string_view s, std::u32string& out)
{
    out.clear();
    out.reserve(s.size());
    size_t i = 0;
    bool valid = true;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            out.push_back(b);
            ++i;
            continue;
        }
        const int len = (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        char32_t cp = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        bool ok = len > 0 && i + static_cast<size_t>(len) <= s.size();
        for (int k = 1; ok && k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
            ok = (c >> 6) == 0x2;
            cp = (cp << 6) | (c & 0x3F);
        }
        // Overlong forms, surrogates and values beyond U+10FFFF are not UTF-8 either.
        if (ok && (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (len == 2 && cp < 0x80) ||
                   (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)))
            ok = false;
        if (!ok) {
            valid = false;
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += static_cast<size_t>(len);
    }
    return valid;
}

std::u32string toCodePoints(std::string_view utf8)
{
    std::u32string out;
    toCodePoints(utf8, out);
    return out;
}

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string toUtf8(std::u32string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text)
        appendUtf8(out, c);
    return out;
}

bool isWhiteSpace(char32_t c) { return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_WHITE_SPACE); }

bool isWordChar(char32_t c)
{
    const auto u = static_cast<UChar32>(c);
    if (u_hasBinaryProperty(u, UCHAR_ALPHABETIC) || u_hasBinaryProperty(u, UCHAR_JOIN_CONTROL))
        return true;
    const int32_t mask = U_GET_GC_MASK(u);
    return (mask & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK)) != 0;
}

bool isPunctuation(char32_t c) { return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_P_MASK) != 0; }

bool isBertPunctuation(char32_t c)
{
    return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) ||
           isPunctuation(c);
}

bool isControlChar(char32_t c)
{
    if (c == '\t' || c == '\n' || c == '\r')
        return false;
    return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_C_MASK) != 0;
}

bool isCombiningMark(char32_t c) { return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0; }

bool isChineseChar(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

}  // namespace orderlens
