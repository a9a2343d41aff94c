#include "residual.h"

#include "layers.h"
#include "model.h"

#include <cmath>
#include <limits>

namespace orderlens {

namespace {
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
    const Matrix& table = model.weights().wordTable;  // (V, d)
    const Vector rowNorms = table.rowwise().norm();
    std::vector<const Matrix*> stages{&trace.input};
    for (const auto& l : trace.layers)
        stages.push_back(&l.output);
    // Every stage's rows against the word table in one product: (S * T, V) dot products (for a
    // 21128-word table one large product is far cheaper than one per stage).
    const Eigen::Index T = trace.input.rows();
    Matrix stacked(static_cast<Eigen::Index>(stages.size()) * T, table.cols());
    for (size_t s = 0; s < stages.size(); ++s)
        stacked.middleRows(static_cast<Eigen::Index>(s) * T, T) = *stages[s];
    const Matrix allSims = linear(stacked, table, Matrix::Zero(1, table.rows()));
    std::vector<ResidualStage> out;
    for (size_t s = 0; s < stages.size(); ++s) {
        const Matrix& x = *stages[s];
        ResidualStage st;
        st.name = s == 0 ? "input" : "layer " + std::to_string(s);
        // (T, V) cosine of every row to every word.
        const auto sims = allSims.middleRows(static_cast<Eigen::Index>(s) * T, T);
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
