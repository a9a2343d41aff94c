#pragma once
// The `orderlens analyse` JSON of DESIGN.md: one Snapshot, every number a view draws.
// Keys are a contract (README, "The analyse JSON"): extend, never rename.
// {model, sentences: [{tokens, roles?, has_position_rows}],
//  pca: {components, explained_variance, points: [{embedding, position, input}]},
//  aligned_difference? {b_index_of_a, attention, logits, max_abs_attention},
//  head_roles: [sentence][head], term_shares: [sentence][layer-0 head], residual: [sentence][stage],
//  positions, recoverability, colour_ranges}
// Lists "per sentence" follow `sentences` (A, then B when comparing).
#include "snapshot.h"

#include <nlohmann/json.hpp>

namespace orderlens {

// Never passes a non-finite number off as data: NaN becomes null only where the README says so
// (residual cosine_to_position and mean_cosine_to_position, head_roles ablation_position_score);
// any other non-finite number throws Error(BadInput) naming the field.
nlohmann::json snapshotToJson(const Snapshot& snapshot);

}  // namespace orderlens
