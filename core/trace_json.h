#pragma once
// The `orderlens trace` JSON of DESIGN.md. Keys are a contract: extend, never rename.
// {"traces": [ {model, tokens, embedding, position, input, layers: [{logits, attention,
//   output, terms (layer 0)}], roles, head_roles} ]}
#include "head_roles.h"
#include "trace.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace orderlens {

nlohmann::json matrixToJson(const Matrix& m);  // [[row], ...]
nlohmann::json traceToJson(const Trace& trace, const std::vector<HeadRole>& roles);

}  // namespace orderlens
