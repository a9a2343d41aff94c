#pragma once
// RoPE seen exactly. RoPE adds no position row: it turns each (2i, 2i+1) pair of a head's query
// at position m and key at position n by the angles m*theta_i and n*theta_i, so the pair's part
// of the logit is q_i . R((n - m) theta_i) k_i — a function of the offset only. Every scaled
// logit of every layer and head then splits exactly two ways:
//   logit = content + position, content = the logit the unrotated q and k would give (query and
//           key as if at the same position), position = logit - content;
//   logit = sum over pairs i of pair_i, pair_i = q'_i . k'_i of the rotated q' and k';
//   position = sum over pairs of pairPosition_i = pair_i - q_i . k_i (the unrotated pair's dot).
// theta_i = base^(-2i / dHead); pair i's wavelength is 2 pi / theta_i positions.
#include "trace.h"

#include <vector>

namespace orderlens {

class Model;

// (layers, heads) of RopeHeadTerms. Empty unless the model's scheme is RoPE.
std::vector<std::vector<RopeHeadTerms>> ropeTerms(const Model& model, const Trace& trace);

// How a head's logits divide (each term centred per query row first, as softmax ignores a
// constant per row, then measured by its Frobenius norm): content vs position shares, summing
// to 1, and each frequency pair's share of the position part (pairPositions), summing to 1
// over the pairs: which pairs carry the position signal.
struct RopeShares {
    double content = 0, position = 0;
    std::vector<double> pairs;  // (dHead / 2)
};
RopeShares ropeShares(const RopeHeadTerms& terms);

// Wavelength in positions of each of the dHead / 2 pairs: 2 pi base^(2i / dHead).
std::vector<double> ropeWavelengths(int dHead, double base);

}  // namespace orderlens
