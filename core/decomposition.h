#pragma once
// The exact layer-0 logit decomposition. The rows entering layer 0's attention are split
// into a content part (from E), a position part (from P) and a bias part (LayerNorm bias,
// token type), exactly, using the sigma of the whole sum:
//   LN(e + p) = g*(e - mean e)/sigma + g*(p - mean p)/sigma + b.
// Queries and keys split likewise, so every head's scaled logit is
//   ee + ep + pe + pp + bias, with ALiBi's distance bias counted as position-position.
// RoPE rotates instead of adding, so it has no such split (terms absent).
#include "trace.h"

#include <vector>

namespace orderlens {

class Model;

LogitTerms decomposeLayer0(const Model& model, const Trace& trace, const std::vector<int>& types = {});

// Share of a head's logit variation that each kind of term carries. Each term is centred
// per query row first (softmax ignores a constant added to a row), then measured by its
// Frobenius norm; the shares of content (ee), position (pp) and mixed (ep + pe) sum to 1.
struct TermShares {
    double content = 0, position = 0, mixed = 0, bias = 0;  // bias reported separately, not in the sum
};
TermShares termShares(const LogitTerms& terms, int head);

}  // namespace orderlens
