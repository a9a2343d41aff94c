#pragma once
// A HuggingFace tokenizer, read from tokenizer.json (or GPT-2's older vocab.json + merges.txt),
// that gives exactly the ids HuggingFace's tokenizers library gives (tests/core/test_hf_tokenizer*
// compare GPT-2, Qwen3, LLaMA 2 and LLaMA 3 on a corpus, id for id). The pipeline, in order:
//
//   added tokens (added_tokens.h) -> normalizer (text_normalizer.h) -> pre-tokenizer
//   (pre_tokenizer.h) -> model, BPE or WordPiece (subword_model.h) -> post-processor
//   (post_processor.h, "add special tokens")
//
// and the decoder (token_decoder.h) for decode() and for each token's readable form
// (token_display.h). Offsets are [start, end) in code points of the text given to encode().
// A component of a type OrderLens does not read is refused by name, never skipped.
#include "added_tokens.h"
#include "encoded_token.h"
#include "token_display.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace orderlens {

class PostProcessor;
class PreTokenizer;
class SubwordModel;
class TextNormalizer;
class TokenDecoder;

struct HfEncoding {
    std::vector<EncodedToken> tokens;
    std::vector<TokenReading> readings;  // one per token
    std::vector<int> ids() const;
};

class HfTokenizer {
public:
    // Limits on the files read (the largest real tokenizer.json files are about 11 MB).
    static constexpr uint64_t kMaxFileBytes = 64ull << 20;
    static constexpr int kMaxJsonDepth = 64;

    // tokenizer.json text. Throws Error(BadFile) "<source>: <what is wrong>".
    static std::shared_ptr<const HfTokenizer> fromJson(std::string_view json, const std::string& source);
    // A tokenizer.json file, or a folder holding tokenizer.json or vocab.json + merges.txt, and
    // optionally tokenizer_config.json (add_bos_token / add_eos_token). Throws Error(BadFile).
    static std::shared_ptr<const HfTokenizer> open(const std::string& path);

    ~HfTokenizer();

    // Throws Error(BadInput) for text that is not UTF-8.
    HfEncoding encode(std::string_view text, bool addSpecialTokens) const;
    // HuggingFace's decode (special tokens kept).
    std::string decode(const std::vector<int>& ids) const;

    // The id of a vocabulary entry or added token, or -1; the entry of an id, or "".
    int idOf(const std::string& token) const;
    std::string tokenOf(int id) const;
    const AddedTokens& addedTokens() const { return added_; }

    // For tokenizer_config.json's add_bos_token / add_eos_token (empty: not added).
    void setBosEos(const std::string& bos, const std::string& eos, const std::string& source);

private:
    HfTokenizer();
    static std::shared_ptr<HfTokenizer> fromRoot(const nlohmann::json& root);

    std::unique_ptr<TextNormalizer> normalizer_;
    std::unique_ptr<PreTokenizer> preTokenizer_;
    std::unique_ptr<SubwordModel> model_;
    std::unique_ptr<PostProcessor> postProcessor_;
    std::unique_ptr<TokenDecoder> decoder_;
    AddedTokens added_;
    PieceReading reading_;
};

}  // namespace orderlens
