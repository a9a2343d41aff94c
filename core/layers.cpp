#include "layers.h"

#include "threads.h"

#include <unsupported/Eigen/SpecialFunctions>

#include <omp.h>

#ifdef ORDERLENS_HAVE_OPENBLAS
#include <cblas.h>
#endif

#include <algorithm>
#include <cmath>

namespace orderlens {

namespace {
// Below this many multiply-adds (about 2 ms on one core) one thread is faster than a team: a
// short product is mostly reading the weights, and on a busy machine a team's hand-off can
// cost more than the product. (BERT-base: one thread up to about 16 tokens.)
constexpr double kParallelWork = 5e7;
constexpr double kBlasWork = 2e6;
// Products of at most this many token rows with weights at least this wide: row by row.
constexpr Eigen::Index kFewRows = 16, kWideInput = 256;

#ifdef ORDERLENS_HAVE_OPENBLAS
// OpenBLAS runs single-threaded inside each of our OpenMP threads (its own thread pool would
// compete with them for the same cores).
bool blasIsSerial()
{
    static const bool serial = [] {
        openblas_set_num_threads(1);
        return true;
    }();
    return serial;
}
#endif
}  // namespace

Matrix linear(const MatrixRef& x, const MatrixRef& weight, const MatrixRef& bias)
{
    const Eigen::Index out = weight.rows();
    Matrix y(x.rows(), out);
    const double work = double(x.rows()) * double(out) * double(weight.cols());
    const int threads = work < kParallelWork || omp_in_parallel() ? 1 : std::min<int>(omp_get_max_threads(), 16);
    // One part: Eigen must not split this product into its own OpenMP team either.
    const SerialEigen serial(threads == 1);
    // Each thread computes its own block of output columns with a single-threaded product: no
    // spinning on each other inside the product (GEMM libraries' own threads stall badly when the
    // cores are shared with other work).
#pragma omp parallel for num_threads(threads) schedule(static) if (threads > 1)
    for (int part = 0; part < threads; ++part) {
        const Eigen::Index begin = out * part / threads, end = out * (part + 1) / threads;
        if (x.rows() <= kFewRows && weight.cols() >= kWideInput) {
            // A few tokens through a big matrix: reading the weights is the cost. Each weight row
            // is read once and met by every token while it is in cache (a GEMM would first copy
            // the weights into its packed layout, reading them twice).
            for (Eigen::Index j = begin; j < end; ++j)
                for (Eigen::Index t = 0; t < x.rows(); ++t)
                    y(t, j) = weight.row(j).dot(x.row(t));
            continue;
        }
#ifdef ORDERLENS_HAVE_OPENBLAS
        if (work >= kBlasWork && blasIsSerial()) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(x.rows()), int(end - begin), int(x.cols()), 1.0f,
                        x.data(), int(x.outerStride()), weight.data() + begin * weight.outerStride(),
                        int(weight.outerStride()), 0.0f, y.data() + begin, int(y.outerStride()));
            continue;
        }
#endif
        y.middleCols(begin, end - begin).noalias() = x * weight.middleRows(begin, end - begin).transpose();
    }
    y.rowwise() += bias.row(0);
    return y;
}

Vector inverseRowStd(const MatrixRef& x, float eps)
{
    const Eigen::Index d = x.cols();
    Vector inv(x.rows());
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const float mean = x.row(r).sum() / static_cast<float>(d);
        const float var = (x.row(r).array() - mean).square().sum() / static_cast<float>(d);
        inv(r) = 1.0f / std::sqrt(var + eps);
    }
    return inv;
}

Matrix layerNorm(const MatrixRef& x, const MatrixRef& gain, const MatrixRef& bias, float eps)
{
    const Eigen::Index d = x.cols();
    Matrix y(x.rows(), d);
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const float mean = x.row(r).sum() / static_cast<float>(d);
        const float var = (x.row(r).array() - mean).square().sum() / static_cast<float>(d);
        const float inv = 1.0f / std::sqrt(var + eps);
        y.row(r) = ((x.row(r).array() - mean) * inv * gain.row(0).array() + bias.row(0).array()).matrix();
    }
    return y;
}

void activate(Matrix& x, Activation activation)
{
    if (activation == Activation::Relu) {
        x = x.cwiseMax(0.0f);
        return;
    }
    const float invSqrt2 = 0.70710678118654752f;
    const bool parallel = double(x.size()) > 1e5 && !omp_in_parallel();
#pragma omp parallel for schedule(static) if (parallel)
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        // Eigen's vectorized erf: within a few ulp of std::erf (clamped at |x| = 4, where erf is ±1 in float).
        auto row = x.row(r).array();
        row = 0.5f * row * (1.0f + (row * invSqrt2).erf());
    }
}

void softmaxRows(Eigen::Ref<Matrix> x)
{
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const float m = x.row(r).maxCoeff();
        x.row(r) = (x.row(r).array() - m).exp().matrix();
        x.row(r) /= x.row(r).sum();
    }
}

}  // namespace orderlens
