#include "layers.h"

#include <omp.h>

#include <algorithm>
#include <cmath>

namespace orderlens {

namespace {
// Below this many multiply-adds one thread is faster than starting a team.
constexpr double kParallelWork = 2e6;
}  // namespace

Matrix linear(const MatrixRef& x, const MatrixRef& weight, const MatrixRef& bias)
{
    const Eigen::Index out = weight.rows();
    Matrix y(x.rows(), out);
    const double work = double(x.rows()) * double(out) * double(weight.cols());
    const int threads = work < kParallelWork || omp_in_parallel() ? 1 : std::min<int>(omp_get_max_threads(), 16);
    // Each thread computes its own block of output columns with a single-threaded product: no
    // spinning on each other inside the product (Eigen's own GEMM threads stall badly when the
    // cores are shared with other work).
#pragma omp parallel for num_threads(threads) schedule(static) if (threads > 1)
    for (int part = 0; part < threads; ++part) {
        const Eigen::Index begin = out * part / threads, end = out * (part + 1) / threads;
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
    for (Eigen::Index r = 0; r < x.rows(); ++r)
        x.row(r) = x.row(r).unaryExpr([invSqrt2](float v) { return 0.5f * v * (1.0f + std::erf(v * invSqrt2)); });
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
