#pragma once
// The files `orderlens census` writes (keys documented in the README; extend, never rename):
// JSON {model, sentences, tokens, layers, heads, cancelled, map_explained, heads_table: [{layer,
// head, first, special, punctuation, self, previous, next, entropy_bits, weighted: {first, ...},
// map: [x, y]}], js_distance: [[...]]}; CSV one row per head with the same columns
// (weighted_* for the value-norm-weighted shares).
#include "head_census.h"
#include "surgery_experiment.h"

#include <nlohmann/json.hpp>

#include <string>

namespace orderlens {

nlohmann::json censusToJson(const HeadCensus& census);
std::string censusToCsv(const HeadCensus& census);

// The surgery experiment: {model, method, reversal_pairs, random_pool, random_mean, roles:
// [{layer, head, kind, ablation_position_score}], rows: [{group: none|single|positional|random,
// label, heads, reversal_accuracy, held_out_accuracy, showcase_correct, showcase_total}]}.
nlohmann::json surgeryExperimentToJson(const SurgeryExperiment& experiment);

}  // namespace orderlens
