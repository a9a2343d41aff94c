#include "layers.h"

#include "kernels/product.h"
#include "library_product.h"
#include "threads.h"

#include <unsupported/Eigen/SpecialFunctions>

#include <omp.h>

#ifdef ORDERLENS_HAVE_OPENBLAS
#include <cblas.h>
#endif

#include <algorithm>
#include <memory>
#include <vector>
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
// Up to this many token rows (of kKernelRows, layers.h) the kernels use their dot tiles.
constexpr Eigen::Index kDotRows = 8;
// From this many token rows products go to oneDNN where it is built in, and which products count
// as a weight matrix's (measured on BERT-base, tests/perf: at 16 tokens oneDNN is 1.5x slower,
// at 32 level, from 64 faster: 128 tokens 80 ms a forward against 100).
constexpr Eigen::Index kLibraryRows = 64;
constexpr double kLibraryWeights = 1 << 18;
// A few tokens: each thread's share of a product in this many chunks, taken in turn (BERT-base at
// 8 tokens, 2 cores: about 5 % faster than halves).
constexpr int kDotParts = 4;

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

Matrix linearInto(const MatrixRef& x, const void* weight, Eigen::Index out, Eigen::Index ldw, kernels::WeightType type,
                  const float* bias, bool* done)
{
    Matrix y(x.rows(), out);
    const kernels::ProductArgs args{x.data(), x.outerStride(), x.rows(), x.cols(), weight, ldw,
                                    type,     y.data(),        y.outerStride(), bias};
    // Weights of a megabyte or more are split across the cores even for one token: each core
    // then streams its own half of them.
    const double weightBytes = double(out) * double(x.cols()) * (type == kernels::WeightType::F32 ? 4 : 2);
    const double work = double(x.rows()) * double(out) * double(x.cols());
    const int threads = (weightBytes < (1 << 20) && work < kParallelWork) || omp_in_parallel()
                            ? 1
                            : std::min<int>(omp_get_max_threads(), int(std::max<Eigen::Index>(1, out / 48)));
    // Many tokens through a weight matrix: oneDNN's matmul (library_product.h). Below
    // kLibraryRows our kernels are faster (oneDNN copies blocks of the weights first, and with
    // few tokens that copy is most of the work). The attention's own small products go there
    // only when each head has its own thread: a small product split over the team costs more in
    // hand-offs than it computes.
    const bool weights = double(out) * double(x.cols()) >= kLibraryWeights;
    if (x.rows() >= kLibraryRows && (weights || omp_in_parallel()) && libraryProduct(args, out)) {
        *done = true;  // many tokens: oneDNN's matmul, on the weights in place (library_product.h)
        return y;
    }
    const int panel = kernels::panelTokens();
    *done = panel > 0;
    if (!*done)
        return y;
    if (x.rows() <= kDotRows) {
        // A few tokens: each weight row meets every token in registers (kernels' dot tiles).
        // In kDotParts chunks a thread, taken in turn: a core slowed by other work takes fewer,
        // instead of the other waiting for its half.
        const int parts = threads > 1 ? threads * kDotParts : 1;
        parallelFor(parts, threads > 1,
                    [&](int part) { kernels::product(args, out * part / parts, out * (part + 1) / parts); });
    } else {
        // Buffers left uninitialised: the kernels write every float before they read it.
        const auto buffer = [](Eigen::Index floats) { return std::unique_ptr<float[]>(new float[size_t(floats)]); };
        const auto packed = buffer(kernels::packedFloats(x.rows(), x.cols()));
        const bool wide = type != kernels::WeightType::F32;
        const auto scratch = buffer(wide ? threads * kernels::kPanelScratch : 1);
        const Eigen::Index panels = (x.rows() + panel - 1) / panel;
        const bool sliced = x.cols() > kernels::kPanelDepth;  // partial sums kept between slices
        const auto transposed = sliced ? buffer(out * panels * panel) : nullptr;
        parallelFor(threads, threads > 1, [&](int part) {
            kernels::pack(args, packed.get(), panels * part / threads, panels * (part + 1) / threads);
        });
        parallelFor(threads, threads > 1, [&](int part) {
            float* own = wide ? scratch.get() + part * kernels::kPanelScratch : nullptr;
            const Eigen::Index begin = out * part / threads, end = out * (part + 1) / threads;
            float* partial = sliced ? transposed.get() + begin * panels * panel : nullptr;
            kernels::panelProduct(args, packed.get(), own, partial, begin, end);
        });
    }
    return y;  // the kernels added the bias
}

Matrix timesTransposed(const MatrixRef& a, const MatrixRef& b)
{
    if (a.cols() >= 16) {
        bool done = false;
        Matrix y = linearInto(a, b.data(), b.rows(), b.outerStride(), kernels::WeightType::F32, nullptr, &done);
        if (done)
            return y;
    }
    return a * b.transpose();
}

Matrix linear(const MatrixRef& x, const MatrixRef& weight, const MatrixRef& bias)
{
    const Eigen::Index out = weight.rows();
    // Narrower products are too small to gain from the kernels. Past kKernelRows, with oneDNN
    // built in, linearInto() sends weight matrices there and the rest to our panel kernels.
    if (x.cols() >= 16 && (x.rows() <= kKernelRows || hasLibraryProduct())) {
        bool done = false;
        Matrix y = linearInto(x, weight.data(), out, weight.outerStride(), kernels::WeightType::F32, bias.data(), &done);
        if (done)
            return y;
    }
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
                    y(t, j) = weight.row(j).dot(x.row(t)) + bias(0, j);
            continue;
        }
        // Each part starts from the bias (in its own columns, on its own thread) and adds the product.
        y.middleCols(begin, end - begin).rowwise() = bias.row(0).segment(begin, end - begin);
#ifdef ORDERLENS_HAVE_OPENBLAS
        if (work >= kBlasWork && blasIsSerial()) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(x.rows()), int(end - begin), int(x.cols()), 1.0f,
                        x.data(), int(x.outerStride()), weight.data() + begin * weight.outerStride(),
                        int(weight.outerStride()), 1.0f, y.data() + begin, int(y.outerStride()));
            continue;
        }
#endif
        y.middleCols(begin, end - begin).noalias() += x * weight.middleRows(begin, end - begin).transpose();
    }
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
