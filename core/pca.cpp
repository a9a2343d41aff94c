#include "pca.h"

#include "errors.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace orderlens {
namespace {

using Index = Eigen::Index;
using Basis = Eigen::MatrixXf;  // (d, l) column-major, one basis vector per column
using MatrixD = Eigen::MatrixXd;
using VectorD = Eigen::VectorXd;

// Rows per block: a 256 x 768 float block (768 KB) stays in L2 between its two products.
constexpr Index kRowBlock = 256;
// Sums over rows are split into at most this many fixed chunks, each summed in order and the
// chunks added in order, so results do not depend on how many OpenMP threads run them. One
// chunk (n <= kRowBlock) runs on the calling thread: a thread hand-off would cost more.
constexpr int kMaxChunks = 16;

struct RowRange {
    Index begin, end;
};

int chunkCount(Index rows)
{
    return static_cast<int>(std::clamp<Index>((rows + kRowBlock - 1) / kRowBlock, 1, kMaxChunks));
}

RowRange chunkRows(Index rows, int chunks, int chunk)
{
    return {rows * chunk / chunks, rows * (chunk + 1) / chunks};
}

// method: the template naming the method, "exact PCA: %1", whose %1 is what is wrong.
void checkArguments(const MatrixRef& points, int k, const char* method)
{
    const Index n = points.rows(), d = points.cols();
    auto refuse = [&](const char* messageTemplate, std::vector<std::string> values) {
        throw inputError(method, {}, inputError(messageTemplate, std::move(values)));
    };
    if (n < 2)
        refuse(QT_TRANSLATE_NOOP("orderlens::core", "needs at least 2 points, got %1"), {std::to_string(n)});
    if (d < 1)
        refuse(QT_TRANSLATE_NOOP("orderlens::core", "the points have no coordinates (width 0)"), {});
    if (k < 1 || k > std::min(n, d))
        refuse(QT_TRANSLATE_NOOP("orderlens::core", "cannot take %1 components of %2 points in %3 dimensions "
                                                    "(need 1 <= k <= %4)"),
               {std::to_string(k), std::to_string(n), std::to_string(d), std::to_string(std::min(n, d))});
}

// Standard normal draws by Box-Muller on mt19937_64, so a seed gives the same numbers on every
// platform (std::normal_distribution is implementation-defined).
class NormalDraws {
public:
    explicit NormalDraws(uint64_t seed) : rng_(seed) {}

    float next()
    {
        if (hasSpare_) {
            hasSpare_ = false;
            return spare_;
        }
        const double u1 = static_cast<double>((rng_() >> 11) + 1) * 0x1.0p-53;  // (0, 1]
        const double u2 = static_cast<double>(rng_() >> 11) * 0x1.0p-53;        // [0, 1)
        const double radius = std::sqrt(-2.0 * std::log(u1));
        const double angle = 2.0 * std::numbers::pi * u2;
        spare_ = static_cast<float>(radius * std::sin(angle));
        hasSpare_ = true;
        return static_cast<float>(radius * std::cos(angle));
    }

    template <typename Derived>
    void fill(Eigen::DenseBase<Derived>& m)
    {
        for (Index r = 0; r < m.rows(); ++r)
            for (Index c = 0; c < m.cols(); ++c)
                m(r, c) = next();
    }

private:
    std::mt19937_64 rng_;
    bool hasSpare_ = false;
    float spare_ = 0.f;
};

// (d) column means, accumulated in double (float within a block of kRowBlock rows).
VectorD columnMeans(const MatrixRef& points)
{
    const Index n = points.rows(), d = points.cols();
    const int chunks = chunkCount(n);
    std::vector<VectorD> partial(static_cast<size_t>(chunks), VectorD::Zero(d));
#pragma omp parallel for schedule(static) if (chunks > 1)
    for (int c = 0; c < chunks; ++c) {
        const RowRange range = chunkRows(n, chunks, c);
        for (Index r = range.begin; r < range.end; r += kRowBlock) {
            const Index rows = std::min(kRowBlock, range.end - r);
            const Eigen::RowVectorXf blockSum = Eigen::RowVectorXf::Ones(rows) * points.middleRows(r, rows);
            partial[static_cast<size_t>(c)] += blockSum.transpose().cast<double>();
        }
    }
    VectorD sum = VectorD::Zero(d);
    for (const VectorD& p : partial)
        sum += p;
    const VectorD mean = sum / static_cast<double>(n);
    if (!mean.allFinite())
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "PCA: the points contain NaN or infinite values"), {});
    return mean;
}

// One sweep over the rows of points (n, d) with a shift c (d); Xs = points - 1 c^T is never formed.
// Per block B (rows, d): Z = B Q - 1 (c^T Q) = Bs Q (rows, l), product += B^T Z, and at the end
// Xs^T Z = B^T Z - c (1^T Z). Q: (d, l).
struct Sweep {
    Basis product;           // (d, l) Xs^T Xs Q
    VectorD columnSums;      // (d) 1^T Xs, when moments were asked for
    double squaredNorm = 0;  // sum over rows of |row of Xs|^2 (float per row, double over rows), when asked
};

Sweep sweepRows(const MatrixRef& points, const Vector& shift, const Basis& q, bool moments)
{
    const Index n = points.rows(), d = points.cols(), l = q.cols();
    const Eigen::RowVectorXf shiftQ = shift.transpose() * q;  // (l)
    const int chunks = chunkCount(n);
    std::vector<Basis> partialProduct(static_cast<size_t>(chunks), Basis::Zero(d, l));
    std::vector<Eigen::RowVectorXf> partialZSum(static_cast<size_t>(chunks), Eigen::RowVectorXf::Zero(l));
    std::vector<VectorD> partialColumnSums(static_cast<size_t>(moments ? chunks : 0), VectorD::Zero(d));
    std::vector<double> partialSquares(static_cast<size_t>(chunks), 0.0);
#pragma omp parallel if (chunks > 1)
    {
        Eigen::MatrixXf z(kRowBlock, l);         // (rows, l) shifted block times Q
        Matrix shifted(moments ? kRowBlock : 0, d);  // (rows, d) shifted block, for the moments
#pragma omp for schedule(static)
        for (int c = 0; c < chunks; ++c) {
            const RowRange range = chunkRows(n, chunks, c);
            for (Index r = range.begin; r < range.end; r += kRowBlock) {
                const Index rows = std::min(kRowBlock, range.end - r);
                const auto block = points.middleRows(r, rows);
                auto zBlock = z.topRows(rows);
                zBlock.noalias() = block * q;
                zBlock.rowwise() -= shiftQ;
                partialProduct[static_cast<size_t>(c)].noalias() += block.transpose() * zBlock;
                partialZSum[static_cast<size_t>(c)] += zBlock.colwise().sum();
                if (moments) {
                    auto shiftedBlock = shifted.topRows(rows);
                    shiftedBlock = block.rowwise() - shift.transpose();
                    const Eigen::RowVectorXf sums = Eigen::RowVectorXf::Ones(rows) * shiftedBlock;
                    partialColumnSums[static_cast<size_t>(c)] += sums.transpose().cast<double>();
                    partialSquares[static_cast<size_t>(c)] += shiftedBlock.rowwise().squaredNorm().cast<double>().sum();
                }
            }
        }
    }
    Sweep sweep{Basis::Zero(d, l), VectorD::Zero(moments ? d : 0), 0.0};
    Eigen::RowVectorXf zSum = Eigen::RowVectorXf::Zero(l);
    for (int c = 0; c < chunks; ++c) {
        sweep.product += partialProduct[static_cast<size_t>(c)];
        zSum += partialZSum[static_cast<size_t>(c)];
        if (moments) {
            sweep.columnSums += partialColumnSums[static_cast<size_t>(c)];
            sweep.squaredNorm += partialSquares[static_cast<size_t>(c)];
        }
    }
    sweep.product.noalias() -= shift * zSum;
    return sweep;
}

// (d) mean of up to kRowBlock rows spread evenly over points (n, d): a cheap first guess of the
// mean, so that the first sweep's shifted sums lose no digits.
Vector sampledMean(const MatrixRef& points)
{
    const Index n = points.rows(), samples = std::min(n, kRowBlock);
    VectorD sum = VectorD::Zero(points.cols());
    for (Index i = 0; i < samples; ++i)
        sum += points.row(i * n / samples).transpose().cast<double>();
    return (sum / static_cast<double>(samples)).cast<float>();
}

// (d, l) orthonormal basis of the column space of y (d, l), by Householder QR.
Basis orthonormalColumns(const Basis& y)
{
    const Eigen::HouseholderQR<Basis> qr(y);
    return qr.householderQ() * Basis::Identity(y.rows(), y.cols());
}

// Normalises each row of components (k, d) and flips it so its largest-|x| entry is positive.
void fixSigns(Matrix& components)
{
    for (Index i = 0; i < components.rows(); ++i) {
        auto row = components.row(i);
        row.normalize();
        Index largest = 0;
        row.cwiseAbs().maxCoeff(&largest);
        if (row(largest) < 0)
            row = -row;
    }
}

double millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

PcaResult pcaExact(const MatrixRef& points, int k)
{
    checkArguments(points, k, QT_TRANSLATE_NOOP("orderlens::core", "exact PCA: %1"));
    const Index n = points.rows(), d = points.cols();
    const VectorD mean = columnMeans(points);

    PcaResult result;
    result.mean = mean.cast<float>();
    result.randomized = false;
    result.components.resize(k, d);
    result.explainedVariance.resize(k);

    if (d <= n) {
        // covariance: (d, d) = sum over blocks of Bc^T Bc / (n - 1), lower triangle, in double
        MatrixD covariance = MatrixD::Zero(d, d);
        for (Index r = 0; r < n; r += kRowBlock) {
            const Index rows = std::min(kRowBlock, n - r);
            const MatrixD centered = points.middleRows(r, rows).cast<double>().rowwise() - mean.transpose();
            covariance.selfadjointView<Eigen::Lower>().rankUpdate(centered.transpose());
        }
        covariance /= static_cast<double>(n - 1);
        result.totalVariance = covariance.trace();
        const Eigen::SelfAdjointEigenSolver<MatrixD> solver(covariance);  // reads the lower triangle
        for (int i = 0; i < k; ++i) {
            result.components.row(i) = solver.eigenvectors().col(d - 1 - i).transpose().cast<float>();
            result.explainedVariance(i) = static_cast<float>(std::max(0.0, solver.eigenvalues()(d - 1 - i)));
        }
    } else {
        // fewer points than dimensions: Gram matrix (n, n) = Xc Xc^T / (n - 1) has the same nonzero
        // eigenvalues; component i is Xc^T u_i normalised.
        const MatrixD centered = points.cast<double>().rowwise() - mean.transpose();  // (n, d)
        MatrixD gram = MatrixD::Zero(n, n);
        gram.selfadjointView<Eigen::Lower>().rankUpdate(centered);
        gram /= static_cast<double>(n - 1);
        result.totalVariance = gram.trace();
        const Eigen::SelfAdjointEigenSolver<MatrixD> solver(gram);
        const double largest = std::max(solver.eigenvalues()(n - 1), 0.0);
        MatrixD axes(d, k);  // (d, k) one axis per column, completed below where the variance is zero
        for (int i = 0; i < k; ++i) {
            const double eigenvalue = std::max(0.0, solver.eigenvalues()(n - 1 - i));
            result.explainedVariance(i) = static_cast<float>(eigenvalue);
            const VectorD axis = centered.transpose() * solver.eigenvectors().col(n - 1 - i);
            if (eigenvalue > 1e-10 * largest && axis.norm() > 0)
                axes.col(i) = axis.normalized();
            else  // no variance left along this axis: any direction orthogonal to the others will do
                axes.col(i) = VectorD::Unit(d, i);
        }
        // Householder QR keeps the leading (already orthonormal) axes up to sign and completes the rest.
        const Eigen::HouseholderQR<MatrixD> qr(axes);
        const MatrixD orthonormal = qr.householderQ() * MatrixD::Identity(d, k);
        result.components = orthonormal.transpose().cast<float>();
    }
    fixSigns(result.components);
    return result;
}

PcaResult pcaRandomized(const MatrixRef& points, int k, int oversample, int powerIterations, uint64_t seed)
{
    checkArguments(points, k, QT_TRANSLATE_NOOP("orderlens::core", "randomized PCA: %1"));
    if (oversample < 0 || powerIterations < 0)
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core",
                                           "randomized PCA: oversampling (%1) and power iterations (%2) must not be negative"),
                         {std::to_string(oversample), std::to_string(powerIterations)});
    const Index n = points.rows(), d = points.cols();
    const Index l = std::min<Index>(static_cast<Index>(k) + oversample, std::min(n, d));  // sketch width

    PcaResult result;
    result.randomized = true;
    const float scale = 1.f / static_cast<float>(n - 1);

    // First pass, shifted by a sampled mean guess c: it also yields the exact mean c + delta and
    // the total variance, and C Q = (Xs^T Xs Q - n delta (delta^T Q)) / (n - 1).
    Basis q(d, l);  // (d, l) Gaussian start, then the iterated subspace
    NormalDraws draws(seed);
    draws.fill(q);
    q = orthonormalColumns(q);
    const Vector guess = sampledMean(points);
    const Sweep first = sweepRows(points, guess, q, true);
    const VectorD delta = first.columnSums / static_cast<double>(n);
    const Vector mean = (guess.cast<double>() + delta).cast<float>();
    if (!mean.allFinite())
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "PCA: the points contain NaN or infinite values"), {});
    result.mean = mean;
    const double sumOfSquares = std::max(0.0, first.squaredNorm - static_cast<double>(n) * delta.squaredNorm());
    result.totalVariance = sumOfSquares / static_cast<double>(n - 1);
    const Vector deltaF = delta.cast<float>();
    Basis cq = (first.product - static_cast<float>(n) * deltaF * (deltaF.transpose() * q)) * scale;

    // Later passes centre on the mean. That loses float digits when the mean is far larger than
    // the spread (|mean| > 10 x the rms distance to it); then a centred copy is worth its cost.
    Matrix centeredCopy;
    const bool copyCentered = mean.squaredNorm() > 100.0 * sumOfSquares / static_cast<double>(n);
    if (copyCentered)
        centeredCopy = points.rowwise() - mean.transpose();
    const MatrixRef data = copyCentered ? MatrixRef(centeredCopy) : points;
    const Vector dataShift = copyCentered ? Vector(Vector::Zero(d)) : mean;
    for (int pass = 0; pass < powerIterations; ++pass) {
        q = orthonormalColumns(cq);
        cq = sweepRows(data, dataShift, q, false).product * scale;
    }

    // Rayleigh-Ritz: eigenpairs of the (l, l) matrix Q^T C Q give the components Q w.
    MatrixD projected = (q.transpose() * cq).cast<double>();
    projected = 0.5 * (projected + projected.transpose()).eval();
    const Eigen::SelfAdjointEigenSolver<MatrixD> solver(projected);
    Basis ritz(l, k);
    result.explainedVariance.resize(k);
    for (int i = 0; i < k; ++i) {
        ritz.col(i) = solver.eigenvectors().col(l - 1 - i).cast<float>();
        result.explainedVariance(i) = static_cast<float>(std::max(0.0, solver.eigenvalues()(l - 1 - i)));
    }
    result.components = (q * ritz).transpose();
    fixSigns(result.components);
    return result;
}

PcaResult pca(const MatrixRef& points, int k)
{
    const double n = static_cast<double>(points.rows()), d = static_cast<double>(points.cols());
    const bool small = d <= 256 || n * d < 2e6 || k > d / 8;
    return small ? pcaExact(points, k) : pcaRandomized(points, k);
}

Matrix project(const PcaResult& result, const MatrixRef& points)
{
    const Index d = result.mean.size();
    if (points.cols() != d || result.components.cols() != d)
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core",
                                           "PCA projection: the points have %1 coordinates but the components were "
                                           "computed in %2"),
                         {std::to_string(points.cols()), std::to_string(d)});
    const Index n = points.rows();
    Matrix coordinates(n, result.components.rows());  // (n, k)
    const Index blocks = (n + kRowBlock - 1) / kRowBlock;
#pragma omp parallel for schedule(static) if (blocks > 1)
    for (Index b = 0; b < blocks; ++b) {
        const Index r = b * kRowBlock, rows = std::min(kRowBlock, n - r);
        coordinates.middleRows(r, rows).noalias() =
            (points.middleRows(r, rows).rowwise() - result.mean.transpose()) * result.components.transpose();
    }
    return coordinates;
}

double subspaceAngleDegrees(const Matrix& a, const Matrix& b)
{
    if (a.rows() != b.rows() || a.cols() != b.cols() || a.rows() < 1 || a.rows() > a.cols())
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core",
                                           "subspace angle: needs two (k, d) bases of the same shape with 1 <= k <= d, "
                                           "got (%1, %2) and (%3, %4)"),
                         {std::to_string(a.rows()), std::to_string(a.cols()), std::to_string(b.rows()),
                          std::to_string(b.cols())});
    const Index k = a.rows(), d = a.cols();
    const auto orthonormal = [&](const Matrix& rows) {
        const MatrixD columns = rows.transpose().cast<double>();  // (d, k)
        const Eigen::HouseholderQR<MatrixD> qr(columns);
        return MatrixD(qr.householderQ() * MatrixD::Identity(d, k));
    };
    const MatrixD qa = orthonormal(a), qb = orthonormal(b);
    // sin of the largest angle = spectral norm of the part of b's space outside a's space
    const MatrixD outside = qb - qa * (qa.transpose() * qb);  // (d, k)
    const Eigen::SelfAdjointEigenSolver<MatrixD> solver(outside.transpose() * outside, Eigen::EigenvaluesOnly);
    const double sine = std::sqrt(std::max(0.0, solver.eigenvalues().maxCoeff()));
    return std::asin(std::min(1.0, sine)) * 180.0 / std::numbers::pi;
}

namespace {

// (n, d) table with a power-law spectrum like a trained embedding table: axis j has variance
// 1/(j+1), the axes are rotated by four random Householder reflections, and every row is offset
// by one shared mean vector (entries 0.3 N(0, 1)).
Matrix decayingTable(Index n, Index d, uint64_t seed)
{
    NormalDraws draws(seed);
    Matrix table(n, d);
    draws.fill(table);
    for (Index j = 0; j < d; ++j)
        table.col(j) *= static_cast<float>(std::sqrt(1.0 / static_cast<double>(j + 1)));
    for (int reflection = 0; reflection < 4; ++reflection) {
        Vector v(d);
        draws.fill(v);
        v.normalize();
        const Vector tv = table * v;  // (n)
        table.noalias() -= 2.f * tv * v.transpose();
    }
    Vector offset(d);
    draws.fill(offset);
    table.rowwise() += 0.3f * offset.transpose();
    return table;
}

// (n, d) i.i.d. N(0, 1): a flat spectrum, the hardest case for randomized PCA.
Matrix normalTable(Index n, Index d, uint64_t seed)
{
    NormalDraws draws(seed);
    Matrix table(n, d);
    draws.fill(table);
    return table;
}

double maxRelativeError(const Vector& approx, const Vector& exact)
{
    double worst = 0;
    for (Index i = 0; i < exact.size(); ++i)
        worst = std::max(worst, std::abs(static_cast<double>(approx(i)) - exact(i)) / std::abs(static_cast<double>(exact(i))));
    return worst;
}

struct TimedPca {
    double medianMs;
    double maxRelEigError;
};

TimedPca timePca(const Matrix& table, const PcaResult& exact, int repeats)
{
    const int k = static_cast<int>(exact.explainedVariance.size());
    std::vector<double> ms;
    PcaResult fast;
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        fast = pca(table, k);
        ms.push_back(millisecondsSince(start));
    }
    std::sort(ms.begin(), ms.end());
    const size_t mid = ms.size() / 2;
    const double median = ms.size() % 2 ? ms[mid] : 0.5 * (ms[mid - 1] + ms[mid]);
    return {median, maxRelativeError(fast.explainedVariance, exact.explainedVariance)};
}

}  // namespace

PcaBenchFigures benchmarkPca(int repeats)
{
    if (repeats < 1)
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "bench: the number of repeats must be at least 1, got %1"),
                         {std::to_string(repeats)});
    constexpr Index n = 21128, d = 768;
    constexpr int k = 3;
    PcaBenchFigures figures;
    {
        const Matrix table = decayingTable(n, d, 2024);
        const auto start = std::chrono::steady_clock::now();
        const PcaResult exact = pcaExact(table, k);
        figures.exactDecayingMs = millisecondsSince(start);
        const TimedPca timed = timePca(table, exact, repeats);
        figures.decayingMs = timed.medianMs;
        figures.decayingMaxRelEigError = timed.maxRelEigError;
    }
    {
        const Matrix table = normalTable(n, d, 2025);
        const PcaResult exact = pcaExact(table, k);
        const TimedPca timed = timePca(table, exact, repeats);
        figures.normalMs = timed.medianMs;
        figures.normalMaxRelEigError = timed.maxRelEigError;
    }
    return figures;
}

}  // namespace orderlens
