// The snapshot's numbers against their definitions, recomputed slowly from the traces: PCA points
// (a plain double eigensolver on the stacked E / P / E + P rows), residual summaries (the means of
// the stages), cosine matrices (a loop), RoPE similarity (mean cos of angle differences), the
// aligned difference (B reordered into A, minus A: zero without positions, absent when B is not a
// permutation), reuse of the previous snapshot (the same numbers as a fresh analysis), errors, and
// colour ranges (max |.|).
#include "errors.h"
#include "model.h"
#include "positional_encoding.h"
#include "snapshot.h"

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

using namespace orderlens;

namespace {

using MatrixD = Eigen::MatrixXd;
using Index = Eigen::Index;

SnapshotResult analysePair(const Model& model, const std::string& a, const std::string& b, SnapshotPtr previous = {})
{
    SnapshotRequest request;
    request.sentenceA = a;
    request.sentenceB = b;
    request.compare = !b.empty();
    request.showRoles = true;
    request.previous = std::move(previous);
    return analyse(model, positionFacts(model), request);
}

SnapshotPtr snapshotOf(const Model& model, const std::string& a, const std::string& b = {}, SnapshotPtr previous = {})
{
    SnapshotResult result = analysePair(model, a, b, std::move(previous));
    EXPECT_FALSE(result.errorA) << (result.errorA ? result.errorA->what() : "");
    EXPECT_FALSE(result.errorB) << (result.errorB ? result.errorB->what() : "");
    EXPECT_TRUE(result.snapshot);
    return result.snapshot;
}

double maxAbsD(const MatrixD& m) { return m.size() ? m.cwiseAbs().maxCoeff() : 0.0; }

struct SchemeCase {
    const char* name;
    PositionScheme scheme;
};

std::string schemeName(const ::testing::TestParamInfo<SchemeCase>& info) { return info.param.name; }

const auto kSchemes = ::testing::Values(SchemeCase{"sinusoidal", PositionScheme::Sinusoidal},
                                        SchemeCase{"learned", PositionScheme::Learned},
                                        SchemeCase{"rope", PositionScheme::Rope},
                                        SchemeCase{"alibi", PositionScheme::Alibi},
                                        SchemeCase{"none", PositionScheme::None});

}  // namespace

// ---- PCA -------------------------------------------------------------------------------------

class SnapshotPca : public ::testing::TestWithParam<SchemeCase> {};

// The points are the centred E / P / E + P rows of both sentences projected on the top principal
// axes of those rows, recomputed here with a plain double eigensolver of the covariance (each
// axis is defined up to sign); the explained ratios are eigenvalue / trace.
TEST_P(SnapshotPca, PointsAreCentredRowsOnTheTopEigenvectors)
{
    const Model model = Model::random(GetParam().scheme, 11);
    const SnapshotPtr s = snapshotOf(model, "大猫在追小老鼠", "老鼠喜欢鱼");
    ASSERT_TRUE(s);
    const std::vector<const SentenceSnapshot*> sentences = s->sentences();
    ASSERT_EQ(sentences.size(), 2u);

    Index n = 0;
    for (const SentenceSnapshot* x : sentences)
        n += 3 * x->length();
    const Index d = model.config().d_model;
    MatrixD stacked(n, d);
    Index at = 0;
    for (const SentenceSnapshot* x : sentences)
        for (const Matrix* rows : {&x->trace->embedding, &x->trace->position, &x->trace->input}) {
            stacked.middleRows(at, rows->rows()) = rows->cast<double>();
            at += rows->rows();
        }
    const Eigen::RowVectorXd mean = stacked.colwise().mean();
    const MatrixD centred = stacked.rowwise() - mean;
    const MatrixD covariance = centred.transpose() * centred / static_cast<double>(n - 1);
    const Eigen::SelfAdjointEigenSolver<MatrixD> solver(covariance);  // ascending eigenvalues
    const int k = s->pcaComponents;
    ASSERT_EQ(k, 3);
    ASSERT_EQ(s->pcaExplainedRatio.size(), 3u);
    const double total = covariance.trace();

    double worstRatio = 0, worstPoint = 0, scale = 0;
    for (int axis = 0; axis < k; ++axis) {
        const Index column = d - 1 - axis;
        const double eigenvalue = solver.eigenvalues()(column);
        const double ratio = s->pcaExplainedRatio[static_cast<size_t>(axis)];
        worstRatio = std::max(worstRatio, std::abs(ratio - eigenvalue / total));
        const Eigen::VectorXd direction = solver.eigenvectors().col(column);
        // The sign of this axis: the one that makes the snapshot's coordinates agree with ours.
        double agreement = 0;
        for (const SentenceSnapshot* x : sentences)
            for (const Matrix* rows : {&x->trace->embedding, &x->trace->position, &x->trace->input}) {
                const Matrix& got = rows == &x->trace->embedding ? x->pcaEmbedding
                                    : rows == &x->trace->position ? x->pcaPosition
                                                                  : x->pcaInput;
                const Eigen::VectorXd expected = (rows->cast<double>().rowwise() - mean) * direction;
                agreement += got.col(axis).cast<double>().dot(expected);
            }
        const double sign = agreement < 0 ? -1.0 : 1.0;
        for (const SentenceSnapshot* x : sentences)
            for (const Matrix* rows : {&x->trace->embedding, &x->trace->position, &x->trace->input}) {
                const Matrix& got = rows == &x->trace->embedding ? x->pcaEmbedding
                                    : rows == &x->trace->position ? x->pcaPosition
                                                                  : x->pcaInput;
                ASSERT_EQ(got.rows(), x->length());
                ASSERT_EQ(got.cols(), k);
                const Eigen::VectorXd expected = sign * ((rows->cast<double>().rowwise() - mean) * direction);
                worstPoint = std::max(worstPoint, maxAbsD(got.col(axis).cast<double>() - expected));
                scale = std::max(scale, maxAbsD(expected));
            }
    }
    std::printf("pca maxdiff (%s): points %.3g (coordinates up to %.3g), ratios %.3g\n", GetParam().name, worstPoint,
                scale, worstRatio);
    EXPECT_LT(worstPoint, 1e-4 * std::max(1.0, scale));
    EXPECT_LT(worstRatio, 1e-5);
}

TEST_P(SnapshotPca, ExplainedRatiosAreDescendingAndSumToAtMostOne)
{
    const Model model = Model::random(GetParam().scheme, 3);
    for (const char* b : {"", "老鼠追猫"}) {
        const SnapshotPtr s = snapshotOf(model, "猫追老鼠", b);
        ASSERT_TRUE(s);
        ASSERT_EQ(s->pcaExplainedRatio.size(), static_cast<size_t>(s->pcaComponents));
        double sum = 0;
        for (size_t i = 0; i < s->pcaExplainedRatio.size(); ++i) {
            EXPECT_GE(s->pcaExplainedRatio[i], 0.0);
            if (i > 0) {
                EXPECT_LE(s->pcaExplainedRatio[i], s->pcaExplainedRatio[i - 1] + 1e-12) << "axis " << i;
            }
            sum += s->pcaExplainedRatio[i];
        }
        std::printf("explained ratios (%s, %s): sum - 1 = %.3g\n", GetParam().name, *b ? "A and B" : "A", sum - 1.0);
        EXPECT_LE(sum, 1.0 + 1e-6);  // float rows: the eigenvalues and the trace round apart
        EXPECT_GT(sum, 0.0);
        // Without position rows, one sentence's 3T points are its T word rows twice and T zero rows:
        // 3 distinct words span at most 3 axes, so 3 components carry all of the variance.
        if (!*b && GetParam().scheme != PositionScheme::Sinusoidal && GetParam().scheme != PositionScheme::Learned) {
            EXPECT_NEAR(sum, 1.0, 1e-6);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Schemes, SnapshotPca, kSchemes, schemeName);

// ---- Residual summaries ----------------------------------------------------------------------

class SnapshotResidual : public ::testing::TestWithParam<SchemeCase> {};

TEST_P(SnapshotResidual, SummariesAreTheMeansOfTheStages)
{
    const Model model = Model::random(GetParam().scheme, 5);
    const SnapshotPtr s = snapshotOf(model, "老师喜欢学生", "学生喜欢老师");
    ASSERT_TRUE(s);
    const bool addsPositions =
        GetParam().scheme == PositionScheme::Sinusoidal || GetParam().scheme == PositionScheme::Learned;
    for (const SentenceSnapshot* x : s->sentences()) {
        EXPECT_EQ(x->hasPositionRows, addsPositions);
        ASSERT_EQ(x->residual.size(), static_cast<size_t>(model.config().n_layers + 1));
        ASSERT_EQ(x->residualSummary.size(), x->residual.size());
        ASSERT_EQ(x->nearestWords.size(), x->residual.size());
        for (size_t i = 0; i < x->residual.size(); ++i) {
            const ResidualStage& stage = x->residual[i];
            const StageSummary& summary = x->residualSummary[i];
            EXPECT_EQ(summary.name, stage.name);
            double word = 0, position = 0;
            int withPosition = 0, decoded = 0;
            for (int t = 0; t < x->length(); ++t) {
                const auto u = static_cast<size_t>(t);
                word += stage.cosineToWord[u];
                if (!std::isnan(stage.cosineToPosition[u])) {
                    position += stage.cosineToPosition[u];
                    ++withPosition;
                }
                decoded += stage.nearestWord[u] == x->trace->tokens[u].id;
                EXPECT_EQ(x->nearestWords[i][u], model.vocabulary().word(stage.nearestWord[u]));
            }
            EXPECT_NEAR(summary.meanCosineToWord, word / x->length(), 1e-12) << stage.name;
            EXPECT_NEAR(summary.decodingAccuracy, static_cast<double>(decoded) / x->length(), 1e-12) << stage.name;
            if (addsPositions) {
                EXPECT_EQ(withPosition, x->length());
                EXPECT_NEAR(summary.meanCosineToPosition, position / withPosition, 1e-12) << stage.name;
            } else {
                EXPECT_EQ(withPosition, 0);
                EXPECT_TRUE(std::isnan(summary.meanCosineToPosition)) << stage.name;
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Schemes, SnapshotResidual, kSchemes, schemeName);

TEST(SummariseResidual, SkipsTokensWithoutAPositionRow)
{
    ResidualStage stage;
    stage.name = "layer 1";
    stage.cosineToWord = {0.5, 0.25, -0.25};
    stage.cosineToPosition = {std::nan(""), 0.8, 0.4};
    stage.decodingAccuracy = 2.0 / 3.0;
    const std::vector<StageSummary> s = summariseResidual({stage});
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].name, "layer 1");
    EXPECT_DOUBLE_EQ(s[0].meanCosineToWord, 0.5 / 3.0);
    EXPECT_DOUBLE_EQ(s[0].meanCosineToPosition, 0.6);
    EXPECT_DOUBLE_EQ(s[0].decodingAccuracy, 2.0 / 3.0);
}

// ---- Cosine matrix ---------------------------------------------------------------------------

class CosineMatrix : public ::testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(CosineMatrix, MatchesALoopAndIsZeroForAZeroRow)
{
    const auto [rows, cols] = GetParam();
    Matrix m = Matrix::Random(rows, cols);
    m.row(rows / 2).setZero();
    const Matrix c = cosineMatrix(m);
    ASSERT_EQ(c.rows(), rows);
    ASSERT_EQ(c.cols(), rows);
    double worst = 0;
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < rows; ++j) {
            double dot = 0, ni = 0, nj = 0;
            for (int k = 0; k < cols; ++k) {
                dot += double(m(i, k)) * m(j, k);
                ni += double(m(i, k)) * m(i, k);
                nj += double(m(j, k)) * m(j, k);
            }
            const double expected = ni > 0 && nj > 0 ? dot / std::sqrt(ni * nj) : 0.0;
            worst = std::max(worst, std::abs(expected - c(i, j)));
        }
    std::printf("cosineMatrix maxdiff (%d x %d): %.3g\n", rows, cols, worst);
    EXPECT_LT(worst, 1e-5);
    EXPECT_EQ(c(rows / 2, rows / 2), 0.0f);
}

INSTANTIATE_TEST_SUITE_P(Shapes, CosineMatrix,
                         ::testing::Values(std::make_tuple(3, 2), std::make_tuple(8, 64), std::make_tuple(48, 768)));

// ---- Position facts --------------------------------------------------------------------------

TEST(PositionFacts, RopeSimilarityIsTheMeanCosineOfAngleDifferences)
{
    const Model model = Model::random(PositionScheme::Rope, 1);
    const ModelConfig& c = model.config();
    const PositionFacts p = positionFacts(model).positions;
    const int shown = std::min(c.max_len, kPositionsShown);
    const int pairs = c.headDim() / 2;
    ASSERT_EQ(p.ropeAngles.rows(), shown);
    ASSERT_EQ(p.ropeAngles.cols(), pairs);
    ASSERT_EQ(p.ropeCosines.rows(), shown);
    ASSERT_EQ(p.similarity.rows(), shown);
    ASSERT_EQ(p.similarity.cols(), shown);
    EXPECT_EQ(p.table.size(), 0);
    EXPECT_EQ(p.tableRange, 1.0);
    double worstAngle = 0, worstCos = 0, worstSimilarity = 0;
    for (int pos = 0; pos < shown; ++pos)
        for (int i = 0; i < pairs; ++i) {
            const double angle = pos * std::pow(double(c.rope_base), -2.0 * i / c.headDim());
            worstAngle = std::max(worstAngle, std::abs(angle - p.ropeAngles(pos, i)) / std::max(1.0, angle));
            worstCos = std::max(worstCos, std::abs(std::cos(double(p.ropeAngles(pos, i))) - p.ropeCosines(pos, i)));
        }
    for (int a = 0; a < shown; ++a)
        for (int b = 0; b < shown; ++b) {
            double sum = 0;
            for (int i = 0; i < pairs; ++i)
                sum += std::cos(double(p.ropeAngles(a, i)) - double(p.ropeAngles(b, i)));
            worstSimilarity = std::max(worstSimilarity, std::abs(sum / pairs - p.similarity(a, b)));
        }
    std::printf("rope maxdiff: angles %.3g (relative), cosines %.3g, similarity %.3g\n", worstAngle, worstCos,
                worstSimilarity);
    EXPECT_LT(worstAngle, 1e-6);
    EXPECT_LT(worstCos, 1e-6);
    EXPECT_LT(worstSimilarity, 1e-5);
    EXPECT_NEAR(p.similarity(3, 3), 1.0, 1e-6);
    EXPECT_LT(p.similarity(0, 5), 0.99);  // distinct positions are told apart
}

class PositionTableFacts : public ::testing::TestWithParam<SchemeCase> {};

// Additive schemes: the table is the model's own position rows, its similarity the cosine of those
// rows, and its colour range max |table|.
TEST_P(PositionTableFacts, TableSimilarityAndRange)
{
    const Model model = Model::random(GetParam().scheme, 2);
    const PositionFacts p = positionFacts(model).positions;
    const int shown = std::min(model.config().max_len, kPositionsShown);
    const Matrix table = model.positionTable().topRows(shown);
    ASSERT_EQ(p.table.rows(), shown);
    EXPECT_EQ(p.table, table);
    EXPECT_DOUBLE_EQ(p.tableRange, static_cast<double>(table.cwiseAbs().maxCoeff()));
    double worst = 0;
    for (int a = 0; a < shown; ++a)
        for (int b = 0; b < shown; ++b) {
            const double expected = table.row(a).cast<double>().dot(table.row(b).cast<double>()) /
                                    (table.row(a).cast<double>().norm() * table.row(b).cast<double>().norm());
            worst = std::max(worst, std::abs(expected - p.similarity(a, b)));
        }
    EXPECT_LT(worst, 1e-5);
}

INSTANTIATE_TEST_SUITE_P(Additive, PositionTableFacts,
                         ::testing::Values(SchemeCase{"sinusoidal", PositionScheme::Sinusoidal},
                                           SchemeCase{"learned", PositionScheme::Learned}),
                         schemeName);

TEST(PositionFacts, AlibiBiasIsForSentenceAAndItsRangeIsTheLargestMagnitude)
{
    const Model model = Model::random(PositionScheme::Alibi, 4);
    const SnapshotPtr s = snapshotOf(model, "大猫在追小老鼠", "猫追老鼠");
    ASSERT_TRUE(s);
    const PositionFacts& p = s->positions;
    const int H = model.config().n_heads;
    const int T = s->a.length();
    ASSERT_EQ(p.alibiSlopes.size(), static_cast<size_t>(H));
    ASSERT_EQ(p.alibiBias.size(), static_cast<size_t>(H));
    double largest = 0;
    for (int h = 0; h < H; ++h) {
        const Matrix& bias = p.alibiBias[static_cast<size_t>(h)];
        ASSERT_EQ(bias.rows(), T);
        ASSERT_EQ(bias.cols(), T);
        for (int q = 0; q < T; ++q)
            for (int k = 0; k < T; ++k) {
                EXPECT_EQ(bias(q, k), alibiBias(p.alibiSlopes[static_cast<size_t>(h)], h, q, k));
                largest = std::max(largest, std::abs(double(bias(q, k))));
            }
    }
    EXPECT_GT(largest, 0.0);
    EXPECT_DOUBLE_EQ(p.alibiRange, largest);
    EXPECT_EQ(p.table.size(), 0);
    EXPECT_EQ(p.similarity.size(), 0);
}

TEST(ColourRanges, AreTheLargestMagnitudesOverBothSentences)
{
    const Model model = Model::random(PositionScheme::Learned, 6);
    const SnapshotPtr s = snapshotOf(model, "猫追老鼠", "老鼠追猫");
    ASSERT_TRUE(s);
    double vectors = 0, logits = 0;
    for (const SentenceSnapshot* x : s->sentences()) {
        const Trace& t = *x->trace;
        for (const Matrix* m : {&t.embedding, &t.position, &t.input})
            vectors = std::max(vectors, double(m->cwiseAbs().maxCoeff()));
        ASSERT_TRUE(t.terms);
        for (const auto* term : {&t.terms->ee, &t.terms->ep, &t.terms->pe, &t.terms->pp, &t.terms->bias})
            for (const Matrix& m : *term)
                logits = std::max(logits, double(m.cwiseAbs().maxCoeff()));
        for (const Matrix& m : t.layers.front().logits)
            logits = std::max(logits, double(m.cwiseAbs().maxCoeff()));
    }
    EXPECT_DOUBLE_EQ(s->vectorRange, vectors);
    EXPECT_DOUBLE_EQ(s->logitRange, logits);
    ASSERT_TRUE(s->difference);
    EXPECT_DOUBLE_EQ(s->differenceRange, std::max(0.05, s->difference->maxAbsAttention));
}

// ---- Aligned difference ----------------------------------------------------------------------

namespace {

// B's map reordered into A's tokens minus A's, element by element; returns the largest |entry|.
double checkDifference(const SentenceSnapshot& a, const SentenceSnapshot& b, const AlignedDifference& d)
{
    const auto& idx = d.bIndexOfA;
    EXPECT_EQ(idx.size(), static_cast<size_t>(a.length()));
    double largest = 0, worst = 0;
    EXPECT_EQ(d.attention.size(), a.trace->layers.size());
    for (size_t l = 0; l < d.attention.size(); ++l)
        for (size_t h = 0; h < d.attention[l].size(); ++h)
            for (int i = 0; i < a.length(); ++i)
                for (int j = 0; j < a.length(); ++j) {
                    const auto bi = idx[static_cast<size_t>(i)], bj = idx[static_cast<size_t>(j)];
                    const LayerTrace &la = a.trace->layers[l], &lb = b.trace->layers[l];
                    const double att = double(lb.attention[h](bi, bj)) - la.attention[h](i, j);
                    const double logit = double(lb.logits[h](bi, bj)) - la.logits[h](i, j);
                    worst = std::max({worst, std::abs(att - d.attention[l][h](i, j)),
                                      std::abs(logit - d.logits[l][h](i, j))});
                    largest = std::max(largest, std::abs(double(d.attention[l][h](i, j))));
                }
    EXPECT_LT(worst, 1e-6);
    EXPECT_NEAR(d.maxAbsAttention, largest, 1e-12);
    return largest;
}

}  // namespace

TEST(AlignedDifference, PresentForAPermutationAndNonZeroWithPositions)
{
    const Model model = Model::random(PositionScheme::Sinusoidal, 8);
    const SnapshotPtr s = snapshotOf(model, "猫追老鼠", "老鼠追猫");
    ASSERT_TRUE(s && s->b && s->difference);
    EXPECT_EQ(s->difference->bIndexOfA, (std::vector<int>{2, 1, 0}));
    EXPECT_GT(checkDifference(s->a, *s->b, *s->difference), 1e-3);
}

// Without positions the model cannot tell the two orders apart: the aligned difference is zero up
// to float rounding (rows are summed in another order, so not bit for bit: measured <= 1e-6),
// while the maps themselves, unaligned, differ, and the same model with positions differs aligned.
TEST(AlignedDifference, ZeroWithoutPositions)
{
    ModelConfig config;
    config.d_model = 32;
    config.d_ff = 64;
    config.n_heads = 4;
    config.n_layers = 2;
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        const Model model = Model::random(PositionScheme::None, seed, config);
        const SnapshotPtr s = snapshotOf(model, "大猫在追小老鼠", "小老鼠在追大猫");
        ASSERT_TRUE(s && s->b && s->difference);
        const double largest = checkDifference(s->a, *s->b, *s->difference);
        double logits = 0, unaligned = 0;
        for (size_t l = 0; l < s->difference->logits.size(); ++l)
            for (size_t h = 0; h < s->difference->logits[l].size(); ++h) {
                logits = std::max(logits, double(s->difference->logits[l][h].cwiseAbs().maxCoeff()));
                unaligned = std::max(unaligned, double((s->b->trace->layers[l].attention[h] -
                                                        s->a.trace->layers[l].attention[h]).cwiseAbs().maxCoeff()));
            }
        const Model positional = Model::random(PositionScheme::Sinusoidal, seed, config);
        const SnapshotPtr p = snapshotOf(positional, "大猫在追小老鼠", "小老鼠在追大猫");
        ASSERT_TRUE(p && p->difference);
        std::printf("seed %llu: largest |aligned difference| pe = none: attention %.3g, logits %.3g (unaligned %.3g); "
                    "sinusoidal: attention %.3g\n",
                    static_cast<unsigned long long>(seed), largest, logits, unaligned, p->difference->maxAbsAttention);
        EXPECT_LT(largest, 1e-6);
        EXPECT_LT(logits, 1e-5);
        EXPECT_GT(unaligned, 1e-2);
        EXPECT_GT(p->difference->maxAbsAttention, 1e-3);
    }
}

TEST(AlignedDifference, AbsentWhenBIsNotAPermutationOrNotCompared)
{
    const Model model = Model::random(PositionScheme::Sinusoidal, 8);
    const SnapshotPtr other = snapshotOf(model, "猫追老鼠", "狗追老鼠");
    ASSERT_TRUE(other && other->b);
    EXPECT_FALSE(other->difference);
    const SnapshotPtr longer = snapshotOf(model, "猫追老鼠", "猫追老鼠了");
    ASSERT_TRUE(longer && longer->b);
    EXPECT_FALSE(longer->difference);
    const SnapshotPtr alone = snapshotOf(model, "猫追老鼠");
    ASSERT_TRUE(alone);
    EXPECT_FALSE(alone->b);
    EXPECT_FALSE(alone->difference);
    EXPECT_EQ(alone->sentences().size(), 1u);
}

// ---- Reuse of the previous snapshot ----------------------------------------------------------

namespace {

// NaN equals NaN here: a quantity undefined in one snapshot must be undefined in the other.
bool same(double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; }

void expectSameSentence(const SentenceSnapshot& x, const SentenceSnapshot& y, const char* which)
{
    SCOPED_TRACE(which);
    EXPECT_EQ(x.tokens, y.tokens);
    EXPECT_EQ(x.roles, y.roles);
    EXPECT_EQ(x.hasPositionRows, y.hasPositionRows);
    EXPECT_EQ(x.pcaEmbedding, y.pcaEmbedding);
    EXPECT_EQ(x.pcaPosition, y.pcaPosition);
    EXPECT_EQ(x.pcaInput, y.pcaInput);
    ASSERT_EQ(x.headRoles.size(), y.headRoles.size());
    for (size_t i = 0; i < x.headRoles.size(); ++i) {
        const HeadRole &p = x.headRoles[i], &q = y.headRoles[i];
        EXPECT_EQ(p.kind, q.kind) << i;
        EXPECT_TRUE(same(p.positionScore, q.positionScore)) << i;
        EXPECT_TRUE(same(p.ablationPositionScore, q.ablationPositionScore)) << i;
        EXPECT_TRUE(same(p.decompositionPositionShare, q.decompositionPositionShare)) << i;
        EXPECT_EQ(p.pattern, q.pattern) << i;
        EXPECT_EQ(p.patternStrength, q.patternStrength) << i;
    }
    ASSERT_EQ(x.termShares.size(), y.termShares.size());
    for (size_t h = 0; h < x.termShares.size(); ++h) {
        EXPECT_EQ(x.termShares[h].content, y.termShares[h].content);
        EXPECT_EQ(x.termShares[h].position, y.termShares[h].position);
        EXPECT_EQ(x.termShares[h].mixed, y.termShares[h].mixed);
        EXPECT_EQ(x.termShares[h].bias, y.termShares[h].bias);
    }
    ASSERT_EQ(x.residual.size(), y.residual.size());
    for (size_t i = 0; i < x.residual.size(); ++i) {
        EXPECT_EQ(x.residual[i].cosineToWord, y.residual[i].cosineToWord);
        for (size_t t = 0; t < x.residual[i].cosineToPosition.size(); ++t)
            EXPECT_TRUE(same(x.residual[i].cosineToPosition[t], y.residual[i].cosineToPosition[t]));
        EXPECT_EQ(x.residual[i].nearestWord, y.residual[i].nearestWord);
        EXPECT_TRUE(same(x.residualSummary[i].meanCosineToPosition, y.residualSummary[i].meanCosineToPosition));
        EXPECT_EQ(x.residualSummary[i].meanCosineToWord, y.residualSummary[i].meanCosineToWord);
    }
    EXPECT_EQ(x.nearestWords, y.nearestWords);
}

}  // namespace

TEST(SnapshotReuse, ThePreviousSentenceGivesTheNumbersOfAFreshAnalysis)
{
    const Model model = Model::random(PositionScheme::Learned, 9);
    const SnapshotPtr first = snapshotOf(model, "猫追老鼠", "老鼠追猫");
    ASSERT_TRUE(first);
    // B is typed on: A is taken from the previous snapshot; then A and B swap: both are.
    struct Step {
        const char *a, *b;
        bool reusesA, reusesB;
    };
    for (const Step step : {Step{"猫追老鼠", "老鼠追猫了", true, false}, Step{"老鼠追猫", "猫追老鼠", true, true}}) {
        SCOPED_TRACE(std::string(step.a) + " / " + step.b);
        const SnapshotPtr reused = snapshotOf(model, step.a, step.b, first);
        const SnapshotPtr fresh = snapshotOf(model, step.a, step.b);
        ASSERT_TRUE(reused && fresh && reused->b && fresh->b);
        auto heldBefore = [&](const SentenceSnapshot& x) {
            return x.trace == first->a.trace || x.trace == first->b->trace;
        };
        EXPECT_EQ(heldBefore(reused->a), step.reusesA);  // the reuse really happened
        EXPECT_EQ(heldBefore(*reused->b), step.reusesB);
        EXPECT_FALSE(heldBefore(fresh->a));
        expectSameSentence(reused->a, fresh->a, "A");
        expectSameSentence(*reused->b, *fresh->b, "B");
        EXPECT_EQ(reused->pcaExplainedRatio, fresh->pcaExplainedRatio);
        ASSERT_EQ(bool(reused->difference), bool(fresh->difference));
        if (fresh->difference) {
            EXPECT_EQ(reused->difference->bIndexOfA, fresh->difference->bIndexOfA);
            EXPECT_EQ(reused->difference->attention, fresh->difference->attention);
            EXPECT_EQ(reused->difference->logits, fresh->difference->logits);
        }
        EXPECT_EQ(reused->vectorRange, fresh->vectorRange);
        EXPECT_EQ(reused->logitRange, fresh->logitRange);
        EXPECT_EQ(reused->differenceRange, fresh->differenceRange);
    }
}

// ---- Errors ----------------------------------------------------------------------------------

TEST(SnapshotErrors, AnEmptySentenceAIsBadInputAndGivesNoSnapshot)
{
    const Model model = Model::random(PositionScheme::Sinusoidal, 1);
    for (const char* a : {"", "   "}) {
        const SnapshotResult result = analysePair(model, a, "猫追老鼠");
        ASSERT_TRUE(result.errorA) << "'" << a << "'";
        EXPECT_EQ(result.errorA->kind(), ErrorKind::BadInput);
        EXPECT_NE(std::string(result.errorA->what()).find("empty"), std::string::npos) << result.errorA->what();
        EXPECT_FALSE(result.snapshot);
    }
}

TEST(SnapshotErrors, AnEmptySentenceBIsBadInputAndLeavesASnapshotOfA)
{
    const Model model = Model::random(PositionScheme::Sinusoidal, 1);
    SnapshotRequest request;
    request.sentenceA = "猫追老鼠";
    request.sentenceB = " ";
    request.compare = true;
    const SnapshotResult result = analyse(model, positionFacts(model), request);
    EXPECT_FALSE(result.errorA);
    ASSERT_TRUE(result.errorB);
    EXPECT_EQ(result.errorB->kind(), ErrorKind::BadInput);
    ASSERT_TRUE(result.snapshot);
    EXPECT_FALSE(result.snapshot->b);
    EXPECT_EQ(result.snapshot->a.length(), 3);
}

TEST(SnapshotErrors, ASentenceLongerThanTheModelIsBadInput)
{
    ModelConfig config;
    config.max_len = 4;
    const Model model = Model::random(PositionScheme::Learned, 1, config);
    const SnapshotResult result = analysePair(model, "大猫在追小白老鼠", "");
    ASSERT_TRUE(result.errorA);
    EXPECT_EQ(result.errorA->kind(), ErrorKind::BadInput);
    EXPECT_FALSE(result.snapshot);
}
