// PCA: planted directions and variances are recovered by every method; randomized agrees with
// exact on a decaying spectrum; exact matches a slow covariance eigendecomposition; the explained
// variance is the variance of the projected coordinates; signs are fixed; bad arguments are rejected.
#include "errors.h"
#include "pca.h"

#include "gaussian.h"

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <Eigen/QR>

#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <random>
#include <string>
#include <vector>

using namespace orderlens;

namespace {

using Index = Eigen::Index;
using MatrixD = Eigen::MatrixXd;
using VectorD = Eigen::VectorXd;

MatrixD gaussian(Index rows, Index cols, uint64_t seed) { return testing_support::gaussian<MatrixD>(rows, cols, seed); }

// (rows, cols) with orthonormal columns, rows >= cols.
MatrixD orthonormalColumns(const MatrixD& m)
{
    const Eigen::HouseholderQR<MatrixD> qr(m);
    return qr.householderQ() * MatrixD::Identity(m.rows(), m.cols());
}

// n points = offset + S diag(sqrt(variances)) U^T + noise N(0, noise^2): S (n, k) has centred
// orthonormal columns scaled so each has sample variance exactly 1, U (d, k) orthonormal.
struct Planted {
    Matrix points;       // (n, d)
    Matrix directions;   // (k, d) rows of U^T
    VectorD variances;   // (k)
};

Planted plantedData(Index n, Index d, const std::vector<double>& variances, double noise, double offset, uint64_t seed)
{
    const Index k = static_cast<Index>(variances.size());
    MatrixD scores = gaussian(n, k, seed);
    scores.rowwise() -= scores.colwise().mean();
    scores = orthonormalColumns(scores) * std::sqrt(static_cast<double>(n - 1));
    const MatrixD directions = orthonormalColumns(gaussian(d, k, seed + 1));  // (d, k)
    VectorD variance(k);  // element by element: an Eigen::Map here trips a GCC 12 -Warray-bounds false positive
    for (Index i = 0; i < k; ++i)
        variance(i) = variances[static_cast<size_t>(i)];
    MatrixD points = scores * variance.cwiseSqrt().asDiagonal() * directions.transpose();
    points += noise * gaussian(n, d, seed + 2);
    points.array() += offset;
    return {points.cast<float>(), directions.transpose().cast<float>(), variance};
}

// (n, d) with variance ~ 1/(j+1) along axis j, the axes rotated by four random Householder
// reflections, plus a mean offset.
Matrix decayingData(Index n, Index d, uint64_t seed)
{
    MatrixD points = gaussian(n, d, seed);
    for (Index j = 0; j < d; ++j)
        points.col(j) *= std::sqrt(1.0 / static_cast<double>(j + 1));
    const MatrixD reflections = gaussian(4, d, seed + 1);
    for (Index r = 0; r < reflections.rows(); ++r) {
        const VectorD v = reflections.row(r).transpose().normalized();
        const VectorD pv = points * v;
        points.noalias() -= 2.0 * pv * v.transpose();
    }
    points.rowwise() += 0.3 * gaussian(1, d, seed + 2).row(0);
    return points.cast<float>();
}

enum class Method { Exact, Randomized, Auto };

PcaResult runPca(Method method, const Matrix& points, int k)
{
    switch (method) {
    case Method::Exact: return pcaExact(points, k);
    case Method::Randomized: return pcaRandomized(points, k);
    case Method::Auto: return pca(points, k);
    }
    return {};
}

std::string methodName(Method method)
{
    return method == Method::Exact ? "exact" : method == Method::Randomized ? "randomized" : "auto";
}

double relativeError(double approx, double exact)
{
    return std::abs(approx - exact) / std::abs(exact);
}

// Slow twin of pcaExact: covariance by explicit loops in double, all eigenpairs, descending.
struct SlowPca {
    VectorD eigenvalues;   // (d) descending
    MatrixD eigenvectors;  // (d, d) one unit axis per column, sign rule applied
    double trace = 0;
};

SlowPca slowPca(const Matrix& points)
{
    const Index n = points.rows(), d = points.cols();
    VectorD mean = VectorD::Zero(d);
    for (Index i = 0; i < n; ++i)
        for (Index j = 0; j < d; ++j)
            mean(j) += points(i, j);
    mean /= static_cast<double>(n);
    MatrixD covariance = MatrixD::Zero(d, d);
    for (Index i = 0; i < n; ++i)
        for (Index a = 0; a < d; ++a)
            for (Index b = 0; b < d; ++b)
                covariance(a, b) += (points(i, a) - mean(a)) * (points(i, b) - mean(b)) / static_cast<double>(n - 1);
    const Eigen::SelfAdjointEigenSolver<MatrixD> solver(covariance);
    SlowPca slow{solver.eigenvalues().reverse(), solver.eigenvectors().rowwise().reverse(), covariance.trace()};
    for (Index c = 0; c < d; ++c) {
        Index largest = 0;
        slow.eigenvectors.col(c).cwiseAbs().maxCoeff(&largest);
        if (slow.eigenvectors(largest, c) < 0)
            slow.eigenvectors.col(c) *= -1;
    }
    return slow;
}

void expectOrthonormalRows(const Matrix& components)
{
    const MatrixD gram = components.cast<double>() * components.cast<double>().transpose();
    EXPECT_LT((gram - MatrixD::Identity(gram.rows(), gram.cols())).cwiseAbs().maxCoeff(), 1e-5) << gram;
}

void expectSignRule(const Matrix& components)
{
    for (Index i = 0; i < components.rows(); ++i) {
        Index largest = 0;
        components.row(i).cwiseAbs().maxCoeff(&largest);
        EXPECT_GT(components(i, largest), 0.f) << "component " << i;
    }
}

void expectBadInput(const std::function<void()>& call)
{
    try {
        call();
        ADD_FAILURE() << "no error thrown";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadInput) << e.what();
        EXPECT_GT(std::string(e.what()).size(), 20u);
    }
}

// ---------------------------------------------------------------------------------------------

struct PlantedCase {
    std::string name;
    Method method;
    Index n, d;
    double offset;       // added to every coordinate (a large one makes randomized centre a copy)
    bool randomizedRan;  // which method should have run
};

class PlantedComponents : public ::testing::TestWithParam<PlantedCase> {};

TEST_P(PlantedComponents, RecoversDirectionsAndVariances)
{
    const PlantedCase& c = GetParam();
    const Planted planted = plantedData(c.n, c.d, {9.0, 4.0, 1.0}, 0.003, c.offset, 42);
    const PcaResult result = runPca(c.method, planted.points, 3);

    EXPECT_EQ(result.randomized, c.randomizedRan);
    ASSERT_EQ(result.components.rows(), 3);
    ASSERT_EQ(result.components.cols(), c.d);
    ASSERT_EQ(result.explainedVariance.size(), 3);
    EXPECT_LT(subspaceAngleDegrees(result.components, planted.directions), 1.0);
    for (Index i = 0; i < 3; ++i) {
        // distinct variances: each axis matches its own planted direction, up to sign
        const double cosine = std::abs(result.components.row(i).cast<double>().dot(planted.directions.row(i).cast<double>()));
        EXPECT_GT(cosine, std::cos(std::numbers::pi / 180.0)) << "component " << i;
        EXPECT_LT(relativeError(result.explainedVariance(i), planted.variances(i)), 0.01)
            << "component " << i << ": " << result.explainedVariance(i) << " vs " << planted.variances(i);
    }
    EXPECT_NEAR(result.mean.mean(), c.offset, 1e-3 * std::max(1.0, std::abs(c.offset)));
    expectOrthonormalRows(result.components);
    expectSignRule(result.components);
}

INSTANTIATE_TEST_SUITE_P(
    Pca, PlantedComponents,
    ::testing::Values(PlantedCase{"exact_covariance", Method::Exact, 500, 40, 0.0, false},
                      PlantedCase{"exact_gram_fewer_points_than_dims", Method::Exact, 30, 200, 0.0, false},
                      PlantedCase{"randomized", Method::Randomized, 3000, 300, 0.0, true},
                      PlantedCase{"randomized_small_offset", Method::Randomized, 3000, 300, 0.5, true},
                      PlantedCase{"randomized_huge_offset", Method::Randomized, 3000, 300, 1000.0, true},
                      PlantedCase{"auto_small_is_exact", Method::Auto, 500, 200, 0.0, false},
                      PlantedCase{"auto_large_is_randomized", Method::Auto, 3000, 700, 0.0, true}),
    [](const ::testing::TestParamInfo<PlantedCase>& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------------

class ExactVsRandomized : public ::testing::TestWithParam<int> {};

TEST_P(ExactVsRandomized, AgreeOnDecayingSpectrum)
{
    const int k = GetParam();
    const Matrix points = decayingData(2000, 256, 7);
    const PcaResult exact = pcaExact(points, k);
    const PcaResult fast = pcaRandomized(points, k);
    ASSERT_FALSE(exact.randomized);
    ASSERT_TRUE(fast.randomized);
    EXPECT_LT(subspaceAngleDegrees(exact.components, fast.components), 1.0);
    for (int i = 0; i < k; ++i)
        EXPECT_LT(relativeError(fast.explainedVariance(i), exact.explainedVariance(i)), 1e-3)
            << "eigenvalue " << i << ": " << fast.explainedVariance(i) << " vs " << exact.explainedVariance(i);
    EXPECT_LT(relativeError(fast.totalVariance, exact.totalVariance), 1e-5);
    EXPECT_LT((fast.mean - exact.mean).cwiseAbs().maxCoeff(), 1e-5f);
    // the same sign rule on both sides: matching axes point the same way
    for (int i = 0; i < k; ++i)
        EXPECT_GT(fast.components.row(i).dot(exact.components.row(i)), 0.99f) << "component " << i;
}

INSTANTIATE_TEST_SUITE_P(Pca, ExactVsRandomized, ::testing::Values(1, 2, 3));

struct FullWidthCase {
    int powerIterations;
    double offset;
};

class FullWidthSketch : public ::testing::TestWithParam<FullWidthCase> {};

// When the sketch is as wide as the data (l = d) it spans everything, so Rayleigh-Ritz is exact
// after any number of passes: this checks the sweep's centring algebra, first pass included.
TEST_P(FullWidthSketch, EqualsExact)
{
    const FullWidthCase& c = GetParam();
    MatrixD raw = gaussian(600, 12, 21);
    for (Index j = 0; j < raw.cols(); ++j)
        raw.col(j) *= 1.0 + 0.5 * static_cast<double>(j);
    raw.array() += c.offset;
    const Matrix points = raw.cast<float>();
    const PcaResult exact = pcaExact(points, 4);
    const PcaResult fast = pcaRandomized(points, 4, 20, c.powerIterations);
    EXPECT_LT(subspaceAngleDegrees(exact.components, fast.components), 0.1);
    for (int i = 0; i < 4; ++i)
        EXPECT_LT(relativeError(fast.explainedVariance(i), exact.explainedVariance(i)), 1e-4) << "eigenvalue " << i;
    EXPECT_LT(relativeError(fast.totalVariance, exact.totalVariance), 1e-5);
}

INSTANTIATE_TEST_SUITE_P(Pca, FullWidthSketch,
                         ::testing::Values(FullWidthCase{0, 0.0}, FullWidthCase{0, 5.0}, FullWidthCase{0, 1000.0},
                                           FullWidthCase{1, 5.0}, FullWidthCase{3, 1000.0}));

TEST(Pca, RandomizedIsDeterministicForASeed)
{
    const Matrix points = decayingData(600, 300, 3);
    const PcaResult first = pcaRandomized(points, 3, 10, 4, 99);
    const PcaResult second = pcaRandomized(points, 3, 10, 4, 99);
    EXPECT_EQ(first.components, second.components);
    EXPECT_EQ(first.explainedVariance, second.explainedVariance);
    const PcaResult otherSeed = pcaRandomized(points, 3, 10, 4, 100);
    EXPECT_LT(subspaceAngleDegrees(first.components, otherSeed.components), 1.0);
}

// ---------------------------------------------------------------------------------------------

struct SlowTwinCase {
    std::string name;
    Index n, d;
};

class ExactMatchesSlowTwin : public ::testing::TestWithParam<SlowTwinCase> {};

TEST_P(ExactMatchesSlowTwin, EveryEigenpair)
{
    const SlowTwinCase& c = GetParam();
    Matrix points = gaussian(c.n, c.d, 5).cast<float>();
    for (Index j = 0; j < c.d; ++j)
        points.col(j) *= static_cast<float>(1.0 + j);  // distinct variances
    const int k = static_cast<int>(std::min(c.n - 1, c.d));  // the nonzero eigenvalues
    const PcaResult fast = pcaExact(points, k);
    const SlowPca slow = slowPca(points);
    double maxDiff = 0;
    for (int i = 0; i < k; ++i) {
        EXPECT_LT(relativeError(fast.explainedVariance(i), slow.eigenvalues(i)), 1e-5) << "eigenvalue " << i;
        const VectorD axis = fast.components.row(i).transpose().cast<double>();
        maxDiff = std::max(maxDiff, (axis - slow.eigenvectors.col(i)).cwiseAbs().maxCoeff());
    }
    EXPECT_LT(maxDiff, 1e-4) << "largest difference of a component entry";
    EXPECT_LT(relativeError(fast.totalVariance, slow.trace), 1e-6);
}

INSTANTIATE_TEST_SUITE_P(Pca, ExactMatchesSlowTwin,
                         ::testing::Values(SlowTwinCase{"covariance", 60, 12}, SlowTwinCase{"gram", 9, 30},
                                           SlowTwinCase{"square", 16, 16}),
                         [](const ::testing::TestParamInfo<SlowTwinCase>& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------------

class ProjectionVariance : public ::testing::TestWithParam<Method> {};

TEST_P(ProjectionVariance, EqualsExplainedVarianceAndIsUncorrelated)
{
    const Matrix points = decayingData(8000, 260, 11);  // n * d > 2e6 and d > 256: Auto is randomized
    const int k = 4;
    const PcaResult result = runPca(GetParam(), points, k);
    const Matrix coordinates = project(result, points);
    ASSERT_EQ(coordinates.rows(), points.rows());
    ASSERT_EQ(coordinates.cols(), k);

    MatrixD centred = coordinates.cast<double>();
    const VectorD columnMeans = centred.colwise().mean().transpose();
    centred.rowwise() -= columnMeans.transpose();
    const MatrixD covariance = centred.transpose() * centred / static_cast<double>(points.rows() - 1);
    for (int i = 0; i < k; ++i) {
        EXPECT_LT(std::abs(columnMeans(i)), 1e-4 * std::sqrt(covariance(i, i))) << "coordinate " << i;
        EXPECT_LT(relativeError(covariance(i, i), result.explainedVariance(i)), 1e-4)
            << "coordinate " << i << ": variance " << covariance(i, i) << " vs " << result.explainedVariance(i);
        for (int j = 0; j < i; ++j)
            EXPECT_LT(std::abs(covariance(i, j)) / std::sqrt(covariance(i, i) * covariance(j, j)), 1e-3)
                << "coordinates " << i << " and " << j << " are correlated";
    }
    // explained variances descend and are a part of the total
    for (int i = 1; i < k; ++i)
        EXPECT_GE(result.explainedVariance(i - 1), result.explainedVariance(i));
    EXPECT_LT(result.explainedVariance.sum(), result.totalVariance);
}

INSTANTIATE_TEST_SUITE_P(Pca, ProjectionVariance, ::testing::Values(Method::Exact, Method::Randomized, Method::Auto),
                         [](const ::testing::TestParamInfo<Method>& info) { return methodName(info.param); });

TEST(Pca, AllComponentsAccountForTheTotalVariance)
{
    const Matrix points = gaussian(50, 6, 8).cast<float>();
    const PcaResult result = pcaExact(points, 6);
    EXPECT_NEAR(result.explainedVariance.cast<double>().sum(), result.totalVariance, 1e-5 * result.totalVariance);
    expectOrthonormalRows(result.components);
}

// ---------------------------------------------------------------------------------------------

struct DegenerateCase {
    std::string name;
    Method method;
    Index n, d;
    int k;
};

class DegenerateData : public ::testing::TestWithParam<DegenerateCase> {};

// Fewer independent directions than components: the extra axes have zero variance but are
// still unit vectors orthogonal to the others.
TEST_P(DegenerateData, ZeroVarianceAxesAreStillOrthonormal)
{
    const DegenerateCase& c = GetParam();
    Matrix points(c.n, c.d);
    for (Index i = 0; i < c.n; ++i)
        for (Index j = 0; j < c.d; ++j)
            points(i, j) = static_cast<float>(i % 2 == 0 ? 1 + j : 1 - j);  // two distinct points, repeated
    const PcaResult result = runPca(c.method, points, c.k);
    expectOrthonormalRows(result.components);
    expectSignRule(result.components);
    const double spread = result.totalVariance;
    EXPECT_GT(spread, 0);
    EXPECT_NEAR(result.explainedVariance(0), spread, 1e-4 * spread);  // one direction holds it all
    for (int i = 1; i < c.k; ++i)
        EXPECT_NEAR(result.explainedVariance(i), 0.0, 1e-4 * spread) << "component " << i;
}

INSTANTIATE_TEST_SUITE_P(Pca, DegenerateData,
                         ::testing::Values(DegenerateCase{"exact_covariance", Method::Exact, 8, 5, 4},
                                           DegenerateCase{"exact_gram", Method::Exact, 4, 9, 4},
                                           DegenerateCase{"randomized", Method::Randomized, 20, 12, 3}),
                         [](const ::testing::TestParamInfo<DegenerateCase>& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------------

struct BadShape {
    Index n, d;
    int k;
};

class BadArguments : public ::testing::TestWithParam<BadShape> {};

TEST_P(BadArguments, ThrowBadInput)
{
    const BadShape& c = GetParam();
    const Matrix points = Matrix::Ones(c.n, c.d);
    expectBadInput([&] { pcaExact(points, c.k); });
    expectBadInput([&] { pcaRandomized(points, c.k); });
    expectBadInput([&] { pca(points, c.k); });
}

INSTANTIATE_TEST_SUITE_P(Pca, BadArguments,
                         ::testing::Values(BadShape{10, 5, 0},    // k < 1
                                           BadShape{10, 5, -2},   // k < 1
                                           BadShape{10, 5, 6},    // k > d
                                           BadShape{3, 8, 4},     // k > n
                                           BadShape{1, 5, 1},     // one point
                                           BadShape{0, 5, 1},     // no points
                                           BadShape{10, 0, 1}));  // no coordinates

TEST(Pca, OtherBadInputsThrow)
{
    Matrix points = gaussian(20, 4, 1).cast<float>();
    expectBadInput([&] { pcaRandomized(points, 2, -1, 4); });
    expectBadInput([&] { pcaRandomized(points, 2, 10, -1); });
    const PcaResult result = pcaExact(points, 2);
    expectBadInput([&] { project(result, Matrix::Ones(3, 5)); });
    expectBadInput([&] { subspaceAngleDegrees(Matrix::Ones(2, 4), Matrix::Ones(3, 4)); });
    points(3, 2) = std::numeric_limits<float>::quiet_NaN();
    expectBadInput([&] { pcaExact(points, 2); });
    expectBadInput([&] { pcaRandomized(points, 2); });
}

// ---------------------------------------------------------------------------------------------

class SubspaceAngle : public ::testing::TestWithParam<double> {};

TEST_P(SubspaceAngle, MeasuresAKnownRotation)
{
    const double degrees = GetParam();
    const double radians = degrees * std::numbers::pi / 180.0;
    Matrix a(2, 4), b(2, 4);
    a << 1, 0, 0, 0,  //
        0, 1, 0, 0;
    // b spans e2 and e1 rotated towards e3 by `degrees`; its rows are neither unit nor orthogonal
    b << static_cast<float>(std::cos(radians)), 2, static_cast<float>(std::sin(radians)), 0,  //
        0, 3, 0, 0;
    EXPECT_NEAR(subspaceAngleDegrees(a, b), degrees, 1e-3);
    EXPECT_NEAR(subspaceAngleDegrees(b, a), degrees, 1e-3);
}

INSTANTIATE_TEST_SUITE_P(Pca, SubspaceAngle, ::testing::Values(0.0, 0.5, 1.0, 30.0, 89.0, 90.0));

}  // namespace
