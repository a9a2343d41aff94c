#pragma once
// Aligned difference of two traces: when sentence B uses the same tokens as A in another
// order, B's maps are reordered so rows and columns follow A's tokens by identity as the model
// sees it — the token id, not the text typed (two different emoji that both read as [UNK] are
// the same token) — repeated ids matched in order of appearance, then A is subtracted.
// With pe = none the difference is zero up to float rounding; with positions it is not.
#include "trace.h"

#include <optional>
#include <vector>

namespace orderlens {

// For each token of A, the index of the token with the same id (and token type) in B; nullopt
// when B's ids are not a permutation of A's.
std::optional<std::vector<int>> alignTokens(const Trace& a, const Trace& b);

// (T, T) per [layer][head]: B's attention reordered into A's token order, minus A's attention.
struct AlignedDifference {
    std::vector<int> bIndexOfA;                        // alignment used
    std::vector<std::vector<Matrix>> attention;        // [layer][head] (T, T)
    std::vector<std::vector<Matrix>> logits;           // [layer][head] (T, T)
    double maxAbsAttention = 0;                        // largest |difference| over all heads
    bool sameInput = false;  // A and B are the same id sequence: one input to the model, the difference is 0
};
std::optional<AlignedDifference> alignedDifference(const Trace& a, const Trace& b);

// Rows of B's matrix m (T, *) reordered into A's token order.
Matrix alignRows(const Matrix& m, const std::vector<int>& bIndexOfA);

}  // namespace orderlens
