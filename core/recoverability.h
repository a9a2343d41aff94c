#pragma once
// Why adding keeps the word: nearest-neighbour decoding of the word and of the position from
// x = E[w] + P[p], compared with concatenation [E[w]; P[p]], for the model's tables and for
// random tables across widths d = 2 ... 1024.
#include "tensor.h"

#include <cstdint>
#include <vector>

namespace orderlens {

// Fractions in [0, 1] of queries whose word (position) was decoded correctly.
struct DecodingAccuracy {
    double word = 0;
    double position = 0;
};

// wordTable: (V, d) one row per word; positionTable: (L, d) one row per position.
// Queries: every (w, p) pair when V * L <= maxQueries, else maxQueries pairs drawn uniformly
// (with replacement) by std::mt19937_64(seed). For x = E[w] + P[p]:
// decoded word = argmin_w' |x - E[w']|, decoded position = argmin_p' |x - P[p']| (first on ties),
// computed as |x|^2 - 2 x.e + |e|^2 with matrix products. Errors (BadInput): an empty table,
// different widths, maxQueries < 1.
DecodingAccuracy decodeAdded(const MatrixRef& wordTable, const MatrixRef& positionTable, int maxQueries = 4096,
                             uint64_t seed = 1);

// The same queries with x = [E[w]; P[p]] (2d), decoded against [E[w']; 0] and [0; P[p']].
DecodingAccuracy decodeConcatenated(const MatrixRef& wordTable, const MatrixRef& positionTable,
                                    int maxQueries = 4096, uint64_t seed = 1);

struct RecoverabilityPoint {
    int d = 0;
    double addWord = 0, addPosition = 0;        // decodeAdded
    double concatWord = 0, concatPosition = 0;  // decodeConcatenated
};

// For each d in dims: random tables (vocab, d) and (length, d) with i.i.d. N(0, 1) entries, drawn
// from std::mt19937_64 seeded by (seed, d), so a point does not depend on the other dims.
// Errors (BadInput): vocab or length < 1, a d < 1.
std::vector<RecoverabilityPoint> recoverabilityCurve(int vocab, int length, const std::vector<int>& dims,
                                                     uint64_t seed = 1, int maxQueries = 2048);

// 2, 4, 8, ..., 1024.
std::vector<int> defaultRecoverabilityDims();

}  // namespace orderlens
