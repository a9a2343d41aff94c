#pragma once
// The "normalizer" of a tokenizer.json: NFC, NFD, NFKC, NFKD (ICU), Lowercase, Strip,
// StripAccents, Replace, Prepend, BertNormalizer and Sequence, as HuggingFace's tokenizers
// applies them. Each keeps the origin of every code point (normalized_text.h), so offsets still
// point into the original text.
#include "normalized_text.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>

namespace orderlens {

class TextNormalizer {
public:
    virtual ~TextNormalizer() = default;
    virtual void normalize(NormalizedText& text) const = 0;
};

// Reads the "normalizer" object. Throws Error(BadFile) naming the component for an unknown type
// or a bad field.
std::unique_ptr<TextNormalizer> readNormalizer(const nlohmann::json& component);

}  // namespace orderlens
