#pragma once
// How each token of an encoding reads for a person: byte-level pieces ("çĮ«") and byte tokens
// ("<0xE7>") become the characters their bytes spell (猫). A piece that holds only some of a
// character's UTF-8 bytes (LLaMA 3 cuts 鼠 across two pieces) is shown as that whole character,
// marked "part k of n" with the bytes it holds — never as U+FFFD.
#include "encoded_token.h"
#include "token_decoder.h"

#include <string>
#include <vector>

namespace orderlens {

struct TokenReading {
    std::string text;   // readable: complete characters, and a partial character shown whole
    std::string bytes;  // the bytes the piece stands for (UTF-8 of its text when it is not byte-level)
    // Set when the piece holds only part of a character's bytes: that character, which of its
    // pieces this is (1-based) and how many pieces it is cut into.
    std::string partialCharacter;
    int part = 0, partCount = 0;
    // "猫 (part 1 of 3)" for a partial piece, else text.
    std::string label() const;
};

// One reading per token, in order.
std::vector<TokenReading> readTokens(const std::vector<EncodedToken>& tokens, const PieceReading& rules);

}  // namespace orderlens
