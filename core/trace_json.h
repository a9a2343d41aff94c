#pragma once
// The `orderlens trace` JSON of DESIGN.md. Keys are a contract: extend, never rename.
// {"traces": [ {model, tokens, embedding, position, input, layers: [{logits, attention,
//   output, terms (layer 0)}], roles, head_roles} ]}
#include "decoder.h"
#include "head_roles.h"
#include "trace.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace orderlens {

nlohmann::json matrixToJson(const Matrix& m);  // [[row], ...]
nlohmann::json traceToJson(const Trace& trace, const std::vector<HeadRole>& roles);
// A decoder's trace, the same keys extended: model {family, id, sizes, n_kv_heads, head_dim},
// causal: true, position_scheme {type: learned} or {type: rope, theta, scaling {type, factor, ...}},
// tokens (readable text), embedding, position (GPT-2's wpe rows; absent for RoPE, which adds no
// row), input, layers [{logits (future entries null: the only nulls), attention (future entries
// exactly 0), output}], final_norm, next_token [per position: [{id, text, probability}] top-k].
nlohmann::json decoderTraceToJson(const DecoderTrace& trace, const DecoderConfig& config);

// Parts shared with the `orderlens analyse` JSON (snapshot_json.h), so both spell them alike.
// {config keys..., "id"}
nlohmann::json modelToJson(const std::string& id, const ModelConfig& config);
// [{text, id, position, unknown (when true), type (models with token types)}]
nlohmann::json tokensToJson(const std::vector<Token>& tokens, const ModelConfig& config);
// {layer, head, kind, label, position_score, ablation_position_score, pattern, pattern_strength,
//  position_share and content_share (layer 0, when defined)}; non-finite scores become null.
nlohmann::json headRoleToJson(const HeadRole& role);
// {method: "zero" | "mean" | "uniform", heads: ["L0H1", ...]}: the key "surgery" of a trace whose
// forward pass switched heads off (absent for the intact model).
nlohmann::json surgeryToJson(const HeadSurgery& surgery);

}  // namespace orderlens
