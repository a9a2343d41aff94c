#pragma once
// The "model" of a tokenizer.json: what turns one pre-tokenized word into vocabulary ids.
// BPE (bpe_model.h) and WordPiece (wordpiece_model.h) implement it.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace orderlens {

struct SubwordPiece {
    int id = 0;
    uint32_t begin = 0, end = 0;  // [begin, end) in code points of the word
};

class SubwordModel {
public:
    virtual ~SubwordModel() = default;
    // Appends the pieces of `word` (never empty) to `out`, covering it left to right.
    virtual void tokenize(std::u32string_view word, std::vector<SubwordPiece>& out) const = 0;
    // The id of a vocabulary entry, or -1.
    virtual int idOf(std::string_view token) const = 0;
    // The vocabulary entry of an id, or nullptr.
    virtual const std::string* tokenOf(int id) const = 0;
    // One more than the largest id.
    virtual int idLimit() const = 0;
    // The number of vocabulary entries.
    virtual size_t vocabularySize() const = 0;
};

// Reads the "model" object (BPE or WordPiece). Throws Error(BadFile) naming the field at fault, or
// the type when it is neither ("the model type 'Unigram' is not supported ...").
std::unique_ptr<SubwordModel> readSubwordModel(const nlohmann::json& model);

}  // namespace orderlens
