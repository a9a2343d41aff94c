#pragma once
// The "pre_tokenizer" of a tokenizer.json: ByteLevel, Split, Metaspace, Whitespace,
// WhitespaceSplit, BertPreTokenizer, Digits, Punctuation and Sequence, as HuggingFace's tokenizers
// applies them. A pre-tokenizer cuts each piece of text into smaller pieces (the words the model
// sees one at a time) and may change them (ByteLevel writes each UTF-8 byte as one code point).
// Pieces that are added tokens (added_tokens.h) pass through untouched.
#include "normalized_text.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <vector>

namespace orderlens {

struct TextPiece {
    NormalizedText text;
    int addedTokenId = -1;  // >= 0: this piece is that added token, already matched
};

// How the matches of a split pattern are kept (HuggingFace's SplitDelimiterBehavior).
enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

// Cuts `text` at `matches` ([begin, end) in code points, ordered, non-overlapping): HuggingFace's
// NormalizedString::split. Empty pieces are dropped. With invert, the gaps are the matches.
std::vector<NormalizedText> splitText(const NormalizedText& text,
                                      const std::vector<std::pair<uint32_t, uint32_t>>& matches,
                                      SplitBehavior behavior, bool invert = false);

class PreTokenizer {
public:
    virtual ~PreTokenizer() = default;
    // Cuts every piece that is not an added token.
    virtual void split(std::vector<TextPiece>& pieces) const = 0;
    // True for ByteLevel (alone or inside a Sequence): the model's pieces are byte-level text.
    virtual bool isByteLevel() const { return false; }
};

std::unique_ptr<PreTokenizer> readPreTokenizer(const nlohmann::json& component);

// ByteLevel's last step alone: each UTF-8 byte of the text becomes its byte_level code point, with
// the origin of the code point it belongs to.
NormalizedText toByteLevel(const NormalizedText& text);

}  // namespace orderlens
