#pragma once
// The "decoder" of a tokenizer.json: pieces back to text (ByteLevel, Metaspace, ByteFallback, Fuse,
// Strip, Replace, WordPiece, Sequence), as HuggingFace's decode_chain does it. Also says how
// one piece reads on its own (token_display.h): its bytes, with the replacements the decoder makes.
#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace orderlens {

// What the decoders do to a single piece, for showing it.
struct PieceReading {
    bool byteLevel = false;     // pieces are written in GPT-2's byte alphabet
    bool byteFallback = false;  // "<0xE7>" is the byte E7
    std::vector<std::pair<std::string, std::string>> replacements;  // e.g. "▁" -> " "
    std::string wordPiecePrefix;  // "##": removed from continuation pieces
};

class TokenDecoder {
public:
    virtual ~TokenDecoder() = default;
    virtual std::vector<std::string> decodeChain(std::vector<std::string> tokens) const = 0;
    virtual void describe(PieceReading& reading) const = 0;
};

std::unique_ptr<TokenDecoder> readDecoder(const nlohmann::json& component);

// Bytes as text; each maximal invalid part becomes U+FFFD (Rust's String::from_utf8_lossy).
std::string utf8Lossy(const std::string& bytes);

}  // namespace orderlens
