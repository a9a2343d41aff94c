#pragma once
// The "post_processor" of a tokenizer.json: what "add special tokens" adds around the text
// (TemplateProcessing, BertProcessing, RobertaProcessing, Sequence) and ByteLevel's offset
// trimming (trim_offsets: offsets leave out the leading and trailing spaces of byte-level pieces).
#include "encoded_token.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <vector>

namespace orderlens {

class PostProcessor {
public:
    virtual ~PostProcessor() = default;
    virtual void process(std::vector<EncodedToken>& tokens, bool addSpecialTokens) const = 0;
};

std::unique_ptr<PostProcessor> readPostProcessor(const nlohmann::json& component);

// bos, the text, eos: tokenizer_config.json's add_bos_token / add_eos_token as transformers applies
// them to LLaMA-style tokenizers (an empty token: not added).
std::unique_ptr<PostProcessor> bosEosProcessor(const EncodedToken& bos, const EncodedToken& eos);

}  // namespace orderlens
