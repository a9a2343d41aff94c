#include "recoverability.h"

#include "errors.h"
#include "threads.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <utility>

namespace orderlens {
namespace {

using Index = Eigen::Index;

// Scores of one batch are kept below about this many floats (16 MB).
constexpr Index kScoreBudget = 4'000'000;

// task: the template naming the task, "decoding added vectors: %1", whose %1 is what is wrong.
void checkTables(const MatrixRef& wordTable, const MatrixRef& positionTable, int maxQueries, const char* task)
{
    auto refuse = [&](const char* messageTemplate, std::vector<std::string> values) {
        throw inputError(task, {}, inputError(messageTemplate, std::move(values)));
    };
    if (wordTable.rows() < 1 || positionTable.rows() < 1)
        refuse(QT_TRANSLATE_NOOP("orderlens::core",
                                 "the word table (%1 rows) and the position table (%2 rows) must not be empty"),
               {std::to_string(wordTable.rows()), std::to_string(positionTable.rows())});
    if (wordTable.cols() < 1 || wordTable.cols() != positionTable.cols())
        refuse(QT_TRANSLATE_NOOP("orderlens::core", "word vectors have width %1 but position vectors have width %2"),
               {std::to_string(wordTable.cols()), std::to_string(positionTable.cols())});
    if (maxQueries < 1)
        refuse(QT_TRANSLATE_NOOP("orderlens::core", "the number of queries must be at least 1, got %1"),
               {std::to_string(maxQueries)});
}

// (word, position) index pairs to decode: all of them in order, or maxQueries drawn uniformly.
std::vector<std::pair<int, int>> queryPairs(int vocab, int length, int maxQueries, uint64_t seed)
{
    const uint64_t total = static_cast<uint64_t>(vocab) * static_cast<uint64_t>(length);
    std::vector<std::pair<int, int>> pairs;
    if (total <= static_cast<uint64_t>(maxQueries)) {
        pairs.reserve(static_cast<size_t>(total));
        for (int w = 0; w < vocab; ++w)
            for (int p = 0; p < length; ++p)
                pairs.emplace_back(w, p);
        return pairs;
    }
    std::mt19937_64 rng(seed);
    pairs.reserve(static_cast<size_t>(maxQueries));
    for (int q = 0; q < maxQueries; ++q) {
        const uint64_t pair = rng() % total;  // bias < total / 2^64: negligible
        pairs.emplace_back(static_cast<int>(pair / static_cast<uint64_t>(length)),
                           static_cast<int>(pair % static_cast<uint64_t>(length)));
    }
    return pairs;
}

// For each row of queries (B, d): index of the nearest row of table (R, d), the first on ties.
// |x - t|^2 = |x|^2 - 2 x.t + |t|^2, and |x|^2 is the same for every candidate t, so it is left out.
// tableSquaredNorms: (R) |t|^2 per row.
void nearestRows(const MatrixRef& queries, const MatrixRef& table, const Eigen::RowVectorXf& tableSquaredNorms,
                 std::vector<int>& nearest)
{
    Matrix scores(queries.rows(), table.rows());  // (B, R)
    scores.noalias() = queries * table.transpose();
    scores *= -2.f;
    scores.rowwise() += tableSquaredNorms;
    nearest.resize(static_cast<size_t>(queries.rows()));
    for (Index i = 0; i < scores.rows(); ++i) {
        Index best = 0;
        scores.row(i).minCoeff(&best);
        nearest[static_cast<size_t>(i)] = static_cast<int>(best);
    }
}

enum class Combine { Add, Concatenate };

DecodingAccuracy decode(const MatrixRef& wordTable, const MatrixRef& positionTable, int maxQueries, uint64_t seed,
                        Combine combine)
{
    checkTables(wordTable, positionTable, maxQueries,
                combine == Combine::Add ? QT_TRANSLATE_NOOP("orderlens::core", "decoding added vectors: %1")
                                        : QT_TRANSLATE_NOOP("orderlens::core", "decoding concatenated vectors: %1"));
    const int vocab = static_cast<int>(wordTable.rows()), length = static_cast<int>(positionTable.rows());
    const Index d = wordTable.cols();
    const std::vector<std::pair<int, int>> pairs = queryPairs(vocab, length, maxQueries, seed);
    const Eigen::RowVectorXf wordNorms = wordTable.rowwise().squaredNorm().transpose();          // (V)
    const Eigen::RowVectorXf positionNorms = positionTable.rowwise().squaredNorm().transpose();  // (L)

    const Index queries = static_cast<Index>(pairs.size());
    // small problems (a few ms of products) stay on this thread: an OpenMP hand-off costs more
    const SerialEigen serial(static_cast<double>(queries) * (vocab + length) * static_cast<double>(d) < 5e7);
    const Index batch = std::clamp<Index>(kScoreBudget / std::max(vocab, length), 1, 1024);
    Matrix wordQueries(batch, d), positionQueries(batch, d);  // (batch, d) the parts compared with E and with P
    std::vector<int> decodedWord, decodedPosition;
    Index correctWord = 0, correctPosition = 0;
    for (Index start = 0; start < queries; start += batch) {
        const Index rows = std::min(batch, queries - start);
        for (Index i = 0; i < rows; ++i) {
            const auto [w, p] = pairs[static_cast<size_t>(start + i)];
            if (combine == Combine::Add) {
                // x = E[w] + P[p] is compared with both tables
                wordQueries.row(i) = wordTable.row(w) + positionTable.row(p);
                positionQueries.row(i) = wordQueries.row(i);
            } else {
                // x = [E[w]; P[p]]: x . [E[w']; 0] = E[w] . E[w'] and x . [0; P[p']] = P[p] . P[p'],
                // so each candidate only meets its own half of x
                wordQueries.row(i) = wordTable.row(w);
                positionQueries.row(i) = positionTable.row(p);
            }
        }
        nearestRows(wordQueries.topRows(rows), wordTable, wordNorms, decodedWord);
        nearestRows(positionQueries.topRows(rows), positionTable, positionNorms, decodedPosition);
        for (Index i = 0; i < rows; ++i) {
            const auto [w, p] = pairs[static_cast<size_t>(start + i)];
            correctWord += decodedWord[static_cast<size_t>(i)] == w;
            correctPosition += decodedPosition[static_cast<size_t>(i)] == p;
        }
    }
    return {static_cast<double>(correctWord) / static_cast<double>(queries),
            static_cast<double>(correctPosition) / static_cast<double>(queries)};
}

// (rows, d) i.i.d. N(0, 1) by Box-Muller on rng, the same numbers on every platform
// (std::normal_distribution is implementation-defined).
Matrix normalTable(Index rows, Index d, std::mt19937_64& rng)
{
    Matrix table(rows, d);
    float* out = table.data();
    const Index count = table.size();
    for (Index i = 0; i < count; i += 2) {
        const double u1 = static_cast<double>((rng() >> 11) + 1) * 0x1.0p-53;  // (0, 1]
        const double u2 = static_cast<double>(rng() >> 11) * 0x1.0p-53;        // [0, 1)
        const double radius = std::sqrt(-2.0 * std::log(u1));
        const double angle = 2.0 * std::numbers::pi * u2;
        out[i] = static_cast<float>(radius * std::cos(angle));
        if (i + 1 < count)
            out[i + 1] = static_cast<float>(radius * std::sin(angle));
    }
    return table;
}

}  // namespace

DecodingAccuracy decodeAdded(const MatrixRef& wordTable, const MatrixRef& positionTable, int maxQueries, uint64_t seed)
{
    return decode(wordTable, positionTable, maxQueries, seed, Combine::Add);
}

DecodingAccuracy decodeConcatenated(const MatrixRef& wordTable, const MatrixRef& positionTable, int maxQueries,
                                    uint64_t seed)
{
    return decode(wordTable, positionTable, maxQueries, seed, Combine::Concatenate);
}

std::vector<RecoverabilityPoint> recoverabilityCurve(int vocab, int length, const std::vector<int>& dims, uint64_t seed,
                                                     int maxQueries)
{
    if (vocab < 1 || length < 1)
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "recoverability curve: needs at least one word and one "
                                                              "position, got vocabulary %1 and length %2"),
                         {std::to_string(vocab), std::to_string(length)});
    for (int d : dims)
        if (d < 1)
            throw inputError(
                QT_TRANSLATE_NOOP("orderlens::core", "recoverability curve: every width must be at least 1, got %1"),
                {std::to_string(d)});

    std::vector<RecoverabilityPoint> curve;
    for (int d : dims) {
        std::seed_seq seedSequence{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32),
                                   static_cast<uint32_t>(d)};
        std::mt19937_64 rng(seedSequence);
        const Matrix wordTable = normalTable(vocab, d, rng);      // (vocab, d)
        const Matrix positionTable = normalTable(length, d, rng);  // (length, d)
        const DecodingAccuracy added = decodeAdded(wordTable, positionTable, maxQueries, seed);
        const DecodingAccuracy concatenated = decodeConcatenated(wordTable, positionTable, maxQueries, seed);
        curve.push_back({d, added.word, added.position, concatenated.word, concatenated.position});
    }
    return curve;
}

std::vector<int> defaultRecoverabilityDims()
{
    std::vector<int> dims;
    for (int d = 2; d <= 1024; d *= 2)
        dims.push_back(d);
    return dims;
}

}  // namespace orderlens
