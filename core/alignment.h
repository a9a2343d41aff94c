#pragma once
// Aligned difference of two traces: when sentence B uses the same tokens as A in another
// order, B's maps are reordered so rows and columns follow A's tokens by identity
// (repeated tokens matched in order of appearance), then A is subtracted.
// With pe = none the difference is zero up to float rounding; with positions it is not.
#include "trace.h"

#include <optional>
#include <vector>

namespace orderlens {

// For each token of A, the index of the same token in B; nullopt when B is not a permutation of A.
std::optional<std::vector<int>> alignTokens(const Trace& a, const Trace& b);

// (T, T) per [layer][head]: B's attention reordered into A's token order, minus A's attention.
struct AlignedDifference {
    std::vector<int> bIndexOfA;                        // alignment used
    std::vector<std::vector<Matrix>> attention;        // [layer][head] (T, T)
    std::vector<std::vector<Matrix>> logits;           // [layer][head] (T, T)
    double maxAbsAttention = 0;                        // largest |difference| over all heads
};
std::optional<AlignedDifference> alignedDifference(const Trace& a, const Trace& b);

// Rows of B's matrix m (T, *) reordered into A's token order.
Matrix alignRows(const Matrix& m, const std::vector<int>& bIndexOfA);

}  // namespace orderlens
