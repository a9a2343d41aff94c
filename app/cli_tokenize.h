#pragma once
// `orderlens tokenize --tokenizer PATH [--add-special-tokens] TEXT...`: each TEXT through a
// HuggingFace tokenizer (core/hf_tokenizer.h), printed as JSON. Errors propagate as orderlens::Error.
#include "hf_tokenizer.h"

#include <QStringList>

#include <nlohmann/json.hpp>

namespace orderlens::app {

int runTokenize(const QStringList& arguments);

// One text's object: text, ids, tokens, display, offsets, parts, bytes, special (README).
nlohmann::json encodingToJson(const std::string& text, const HfEncoding& encoding);

}  // namespace orderlens::app
