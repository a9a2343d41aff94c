#include "token_display.h"

#include "byte_level.h"

#include <cstdio>

namespace orderlens {

namespace {

std::string pieceBytes(const EncodedToken& t, const PieceReading& rules)
{
    if (t.special)
        return t.token;
    if (rules.byteLevel)
        if (const auto b = byte_level::bytesOfPiece(t.token))
            return *b;
    if (rules.byteFallback && t.token.size() == 6 && t.token.compare(0, 3, "<0x") == 0 && t.token[5] == '>') {
        unsigned value = 0;
        if (std::sscanf(t.token.c_str() + 3, "%2x", &value) == 1)
            return std::string(1, static_cast<char>(value));
    }
    std::string s = t.token;
    for (const auto& [from, to] : rules.replacements)
        for (size_t at = 0; !from.empty() && (at = s.find(from, at)) != std::string::npos; at += to.size())
            s.replace(at, from.size(), to);
    if (!rules.wordPiecePrefix.empty() && s.size() > rules.wordPiecePrefix.size() &&
        s.compare(0, rules.wordPiecePrefix.size(), rules.wordPiecePrefix) == 0)
        s.erase(0, rules.wordPiecePrefix.size());
    return s;
}

// The length of the UTF-8 sequence a lead byte starts, or 0 for a byte that cannot start one.
size_t sequenceLength(unsigned char b)
{
    return b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
}

std::string hexByte(unsigned char b)
{
    char s[8];
    std::snprintf(s, sizeof s, "\\x%02X", b);
    return s;
}

}  // namespace

std::string TokenReading::label() const
{
    if (partCount == 0)
        return text;
    return text + " (part " + std::to_string(part) + " of " + std::to_string(partCount) + ")";
}

std::vector<TokenReading> readTokens(const std::vector<EncodedToken>& tokens, const PieceReading& rules)
{
    std::vector<TokenReading> out(tokens.size());
    // Runs of ordinary tokens form one byte stream; special tokens stand alone.
    size_t runStart = 0;
    while (runStart < tokens.size()) {
        if (tokens[runStart].special) {
            out[runStart].text = out[runStart].bytes = tokens[runStart].token;
            ++runStart;
            continue;
        }
        size_t runEnd = runStart;
        std::string stream;
        std::vector<size_t> startOf;  // byte where each token of the run starts in the stream
        for (; runEnd < tokens.size() && !tokens[runEnd].special; ++runEnd) {
            out[runEnd].bytes = pieceBytes(tokens[runEnd], rules);
            startOf.push_back(stream.size());
            stream += out[runEnd].bytes;
        }
        startOf.push_back(stream.size());
        // The token (index within the run) holding byte b of the stream; empty tokens hold none.
        const auto tokenAt = [&startOf](size_t b) {
            size_t lo = 0, hi = startOf.size() - 1;  // startOf[lo] <= b < startOf[hi]
            while (hi - lo > 1) {
                const size_t mid = (lo + hi) / 2;
                (startOf[mid] <= b ? lo : hi) = mid;
            }
            return lo;
        };
        for (size_t i = 0; i < stream.size();) {
            const auto lead = static_cast<unsigned char>(stream[i]);
            size_t len = sequenceLength(lead);
            bool valid = len > 0 && i + len <= stream.size();
            for (size_t k = 1; valid && k < len; ++k)
                valid = (static_cast<unsigned char>(stream[i + k]) >> 6) == 0x2;
            if (!valid) {
                // A byte that is not part of a character: shown as its value.
                out[runStart + tokenAt(i)].text += hexByte(lead);
                ++i;
                continue;
            }
            const std::string character = stream.substr(i, len);
            const size_t first = tokenAt(i), last = tokenAt(i + len - 1);
            for (size_t t = first; t <= last; ++t) {
                TokenReading& r = out[runStart + t];
                r.text += character;
                if (first != last) {
                    r.partialCharacter = character;
                    r.part = static_cast<int>(t - first + 1);
                    r.partCount = static_cast<int>(last - first + 1);
                }
            }
            i += len;
        }
        runStart = runEnd;
    }
    return out;
}

}  // namespace orderlens
