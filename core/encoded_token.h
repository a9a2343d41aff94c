#pragma once
// One token of a tokenizer.json encoding (hf_tokenizer.h), as the model gets it.
#include "normalized_text.h"

#include <string>

namespace orderlens {

struct EncodedToken {
    int id = 0;
    std::string token;   // the vocabulary entry ("çĮ«", "▁hi", "<0xE7>"), or an added token's text as matched
    TextSpan offsets;    // [start, end) in code points of the input text; (0, 0) for tokens a template adds
    bool special = false;  // a special added token, or one the post-processor added
    int typeId = 0;
};

}  // namespace orderlens
