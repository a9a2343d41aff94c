#pragma once
// The `orderlens trace` JSON of DESIGN.md. Keys are a contract: extend, never rename.
// {"traces": [ {model, tokens, embedding, position, input, layers: [{logits, attention,
//   output, terms (layer 0)}], roles, head_roles} ]}
#include "head_roles.h"
#include "trace.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace orderlens {

nlohmann::json matrixToJson(const Matrix& m);  // [[row], ...]
nlohmann::json traceToJson(const Trace& trace, const std::vector<HeadRole>& roles);

// Parts shared with the `orderlens analyse` JSON (snapshot_json.h), so both spell them alike.
// {config keys..., "id"}
nlohmann::json modelToJson(const std::string& id, const ModelConfig& config);
// [{text, id, position, unknown (when true), type (models with token types)}]
nlohmann::json tokensToJson(const std::vector<Token>& tokens, const ModelConfig& config);
// {layer, head, kind, label, position_score, ablation_position_score, pattern, pattern_strength,
//  position_share and content_share (layer 0, when defined)}; non-finite scores become null.
nlohmann::json headRoleToJson(const HeadRole& role);

}  // namespace orderlens
