#include "residual.h"

#include "layers.h"
#include "model.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace orderlens {

namespace {
constexpr Eigen::Index kScoreBudget = 16'000'000;  // floats of dot products held at once

double cosine(const Eigen::Ref<const Eigen::RowVectorXf>& a, const Eigen::Ref<const Eigen::RowVectorXf>& b)
{
    const double na = a.norm(), nb = b.norm();
    if (na < 1e-12 || nb < 1e-12)
        return std::numeric_limits<double>::quiet_NaN();
    return static_cast<double>(a.dot(b)) / (na * nb);
}
}  // namespace

std::vector<ResidualStage> residualStream(const Model& model, const Trace& trace)
{
    // (V, d) the stored word rows. The forward pass adds embedding_scale x these rows, but one
    // factor for every row changes no cosine, so the nearest word by cosine is the same against
    // the scaled rows (and no scaled copy of a 21128-word table is needed).
    const Matrix& table = model.weights().wordTable;
    const Vector rowNorms = table.rowwise().norm();
    std::vector<const Matrix*> stages{&trace.input};
    for (const auto& l : trace.layers)
        stages.push_back(&l.output);
    // Every stage's rows against the word table in one product: (S * T, V) dot products (for a
    // 21128-word table one large product is far cheaper than one per stage).
    // Stages go in groups whose scores stay under about 64 MB (BERT at 512 tokens: 13 stages x
    // 512 x 21128 floats would be 560 MB at once).
    const Eigen::Index T = trace.input.rows();
    const size_t perGroup = static_cast<size_t>(
        std::max<Eigen::Index>(1, kScoreBudget / std::max<Eigen::Index>(1, T * table.rows())));
    const Matrix zeroBias = Matrix::Zero(1, table.rows());
    Matrix groupSims;
    size_t groupStart = 0;
    std::vector<ResidualStage> out;
    for (size_t s = 0; s < stages.size(); ++s) {
        if (s == 0 || s - groupStart >= perGroup) {
            groupStart = s;
            const size_t count = std::min(perGroup, stages.size() - s);
            Matrix stacked(static_cast<Eigen::Index>(count) * T, table.cols());
            for (size_t g = 0; g < count; ++g)
                stacked.middleRows(static_cast<Eigen::Index>(g) * T, T) = *stages[s + g];
            groupSims = linear(stacked, table, zeroBias);
        }
        const Matrix& x = *stages[s];
        ResidualStage st;
        st.name = s == 0 ? "input" : "layer " + std::to_string(s);
        // (T, V) cosine of every row to every word.
        const auto sims = groupSims.middleRows(static_cast<Eigen::Index>(s - groupStart) * T, T);
        int correct = 0;
        for (Eigen::Index t = 0; t < x.rows(); ++t) {
            st.cosineToWord.push_back(cosine(x.row(t), trace.embedding.row(t)));
            st.cosineToPosition.push_back(cosine(x.row(t), trace.position.row(t)));
            const float n = x.row(t).norm();
            Eigen::Index best = 0;
            (sims.row(t).array() / (rowNorms.transpose().array().max(1e-12f) * std::max(n, 1e-12f))).maxCoeff(&best);
            st.nearestWord.push_back(static_cast<int>(best));
            correct += static_cast<int>(best) == trace.tokens[static_cast<size_t>(t)].id;
        }
        st.decodingAccuracy = x.rows() ? static_cast<double>(correct) / static_cast<double>(x.rows()) : 0.0;
        out.push_back(std::move(st));
    }
    return out;
}

}  // namespace orderlens
