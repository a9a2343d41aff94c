#pragma once
// Principal component analysis of a point cloud (embedding rows, position rows, their sums).
// Exact (covariance or Gram eigendecomposition) for small tables, randomized subspace
// iteration (Halko, Martinsson & Tropp 2011) for large ones such as a 21128 x 768 BERT table.
#include "tensor.h"

#include <cstdint>

namespace orderlens {

struct PcaResult {
    Matrix components;         // (k, d) unit rows, principal axes by decreasing variance; each row's
                               // largest-|x| entry is positive (a fixed sign, so plots do not flip)
    Vector mean;               // (d) column means, subtracted before projecting
    Vector explainedVariance;  // (k) eigenvalues of the covariance (divided by n - 1)
    double totalVariance = 0;  // trace of the covariance: ratio = explainedVariance / totalVariance
    bool randomized = false;   // which method ran
};

// points: (n, d), one row per point. Needs n >= 2 and 1 <= k <= min(n, d), else Error(BadInput).
// Covariance (d x d) eigendecomposition in double when n >= d, Gram (n x n) when n < d.
PcaResult pcaExact(const MatrixRef& points, int k);

// Randomized subspace iteration on the covariance, which is never formed: each pass computes
// C Q = (X - 1 mean^T)^T (X - 1 mean^T) Q / (n - 1) for a (d, l) basis Q, l = k + oversample,
// in one sweep over row blocks (centering is a rank-1 correction; the first sweep also yields the
// mean and the total variance). powerIterations + 1 passes with Householder QR between them, then
// the exact (l, l) Rayleigh-Ritz problem Q^T C Q. Deterministic for a given seed, whatever the
// number of OpenMP threads.
PcaResult pcaRandomized(const MatrixRef& points, int k, int oversample = 10, int powerIterations = 4,
                        uint64_t seed = 1);

// pcaExact when the table is small (d <= 256, n * d < 2e6, or k > d / 8), pcaRandomized otherwise.
PcaResult pca(const MatrixRef& points, int k);

// (n, k): coordinates of each row of points (n, d) along the components.
Matrix project(const PcaResult& result, const MatrixRef& points);

// Largest principal angle, in degrees, between the row spaces of a and b, both (k, d) with
// independent rows (they need not be orthonormal). 0 when the spaces agree, 90 at most.
double subspaceAngleDegrees(const Matrix& a, const Matrix& b);

// Figures for `orderlens bench`, on two generated 21128 x 768 tables (the shape of
// bert-base-chinese's word table): "decaying" has a power-law spectrum (variance of axis j
// ~ 1/(j+1), axes rotated, a mean offset) like a trained embedding table; "normal" has i.i.d.
// N(0, 1) entries, the flat-spectrum worst case for randomized PCA. Times are medians over
// `repeats` runs of pca(table, 3); errors are max_i |lambda_i - exact_i| / exact_i over the top 3,
// exact from pcaExact (timed once, on the decaying table).
struct PcaBenchFigures {
    double decayingMs = 0;
    double decayingMaxRelEigError = 0;
    double normalMs = 0;
    double normalMaxRelEigError = 0;
    double exactDecayingMs = 0;
};
PcaBenchFigures benchmarkPca(int repeats = 5);

}  // namespace orderlens
