#pragma once
// Byte-pair encoding as HuggingFace's tokenizers runs it (models/bpe): a word starts as one
// symbol per code point (continuing_subword_prefix on all but the first, end_of_word_suffix on
// the last; a code point outside the vocabulary becomes its <0xNN> bytes with byte_fallback, else
// unk_token, fused into one with fuse_unk), then the pair of neighbours with the lowest merge rank
// is merged, leftmost first, until no listed pair is left. A priority queue of candidate pairs
// makes a word of n symbols cost O(n log n); words seen before come from a cache.
// ignore_merges: a word that is a vocabulary entry is that entry, whatever the merges say.
#include "model_vocabulary.h"
#include "subword_model.h"

#include <mutex>
#include <optional>
#include <unordered_map>

namespace orderlens {

struct BpeOptions {
    std::optional<std::string> unkToken;   // unk_token (null: characters outside the vocabulary are dropped)
    std::string continuingSubwordPrefix;   // continuing_subword_prefix ("" or null: none)
    std::string endOfWordSuffix;           // end_of_word_suffix ("" or null: none)
    bool fuseUnk = false;                  // fuse_unk: consecutive unknowns become one unk token
    bool byteFallback = false;             // byte_fallback: unknown characters as <0xNN> byte tokens
    bool ignoreMerges = false;             // ignore_merges: whole-word vocabulary entries first
};

class BpeModel : public SubwordModel {
public:
    // merges: pairs in rank order. Throws Error(BadFile) when a merge names a piece, or makes one,
    // that is not in the vocabulary.
    BpeModel(ModelVocabulary vocabulary, const std::vector<std::pair<std::string, std::string>>& merges, BpeOptions options);

    void tokenize(std::u32string_view word, std::vector<SubwordPiece>& out) const override;
    int idOf(std::string_view token) const override { return vocabulary_.idOf(token); }
    const std::string* tokenOf(int id) const override { return vocabulary_.tokenOf(id); }
    int idLimit() const override { return vocabulary_.idLimit(); }
    size_t vocabularySize() const override { return vocabulary_.size(); }

    // The same without the cache (the slow, obvious twin the tests compare with).
    void tokenizeUncached(std::u32string_view word, std::vector<SubwordPiece>& out) const;

private:
    struct Merge {
        uint32_t rank;
        int newId;
    };
    static uint64_t pairKey(int a, int b) { return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b); }
    int unkId() const;

    ModelVocabulary vocabulary_;
    std::unordered_map<uint64_t, Merge> merges_;
    BpeOptions options_;
    std::vector<int> byteIds_;  // <0xNN> ids, -1 where missing (byte_fallback)

    static constexpr size_t kCacheCapacity = 10000;  // words, as HuggingFace's default
    static constexpr size_t kCacheMaxWord = 256;     // code points; longer words are not cached
    mutable std::mutex cacheMutex_;
    mutable std::unordered_map<std::u32string, std::vector<SubwordPiece>> cache_;
};

}  // namespace orderlens
