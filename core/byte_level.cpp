#include "byte_level.h"

#include "normalized_text.h"

namespace orderlens::byte_level {

namespace {

struct Alphabet {
    std::array<char32_t, 256> charOf{};
    std::array<int16_t, 324> byteOf{};  // code points 0 .. 323 (the last one used is U+0143)
    Alphabet()
    {
        byteOf.fill(-1);
        char32_t next = 256;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            charOf[static_cast<size_t>(b)] = printable ? static_cast<char32_t>(b) : next++;
            byteOf[charOf[static_cast<size_t>(b)]] = static_cast<int16_t>(b);
        }
    }
};

const Alphabet& alphabet()
{
    static const Alphabet a;
    return a;
}

}  // namespace

char32_t charOfByte(uint8_t b) { return alphabet().charOf[b]; }

std::optional<uint8_t> byteOfChar(char32_t c)
{
    if (c >= alphabet().byteOf.size() || alphabet().byteOf[c] < 0)
        return std::nullopt;
    return static_cast<uint8_t>(alphabet().byteOf[c]);
}

std::optional<std::string> bytesOfPiece(std::string_view utf8Piece)
{
    std::string bytes;
    for (char32_t c : toCodePoints(utf8Piece)) {
        const auto b = byteOfChar(c);
        if (!b)
            return std::nullopt;
        bytes += static_cast<char>(*b);
    }
    return bytes;
}

}  // namespace orderlens::byte_level
