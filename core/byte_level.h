#pragma once
// GPT-2's byte-level alphabet: every byte 0..255 stands for one printable code point ('!'..'~',
// '¡'..'¬', '®'..'ÿ' for themselves; the others from U+0100 on: space is 'Ġ' U+0120, newline 'Ċ').
// Byte-level BPE vocabularies are written in it: Qwen's "çĮ«" is the three UTF-8 bytes of 猫.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace orderlens::byte_level {

// The code point byte b is written as.
char32_t charOfByte(uint8_t b);
// The byte code point c stands for, or nothing when c is not in the alphabet.
std::optional<uint8_t> byteOfChar(char32_t c);
// A vocabulary entry's bytes when every code point is in the alphabet ("çĮ«" -> E7 8C AB).
std::optional<std::string> bytesOfPiece(std::string_view utf8Piece);

}  // namespace orderlens::byte_level
