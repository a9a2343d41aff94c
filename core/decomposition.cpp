#include "decomposition.h"

#include "layers.h"
#include "model.h"
#include "positional_encoding.h"

#include <cmath>

namespace orderlens {

namespace {

// Parts of rows that sum to the input of a LayerNorm, pushed through it linearly with the
// sigma of the total: each part loses its own mean and is scaled; the bias part gains beta.
struct Parts {
    Matrix content, position, bias;  // (T, d) each
};

Parts normalizeParts(const Parts& in, const Matrix& gain, const Matrix& beta, float eps)
{
    const Vector inv = inverseRowStd(in.content + in.position + in.bias, eps);
    auto centre = [&](const Matrix& m) {
        Matrix out = m;
        const Vector means = m.rowwise().mean();
        for (Eigen::Index r = 0; r < m.rows(); ++r)
            out.row(r) = ((m.row(r).array() - means(r)) * inv(r) * gain.row(0).array()).matrix();
        return out;
    };
    Parts out{centre(in.content), centre(in.position), centre(in.bias)};
    out.bias.rowwise() += beta.row(0);
    return out;
}

}  // namespace

LogitTerms decomposeLayer0(const Model& model, const Trace& trace, const std::vector<int>& types)
{
    const ModelConfig& c = model.config();
    const ModelWeights& w = model.weights();
    const LayerWeights& L = w.layers.front();
    const Eigen::Index T = trace.embedding.rows();
    const int H = c.n_heads, dh = c.headDim();
    const float scale = 1.0f / std::sqrt(static_cast<float>(dh));

    Parts parts{trace.embedding, trace.position, Matrix::Zero(T, c.d_model)};
    if (c.type_vocab > 0)
        for (Eigen::Index t = 0; t < T; ++t)
            parts.bias.row(t) = w.tokenTypeTable.row(types.empty() ? 0 : types[static_cast<size_t>(t)]);
    if (c.embedding_norm)
        parts = normalizeParts(parts, w.embeddingNormGain, w.embeddingNormBias, c.ln_eps);
    if (c.norm == NormPlacement::Pre)
        parts = normalizeParts(parts, L.norm1Gain, L.norm1Bias, c.ln_eps);

    const Matrix zeroBias = Matrix::Zero(1, c.d_model);
    // (T, d) query and key parts; the projection bias goes with the bias part.
    const Matrix qc = linear(parts.content, L.queryWeight, zeroBias), qp = linear(parts.position, L.queryWeight, zeroBias),
                 qb = linear(parts.bias, L.queryWeight, L.queryBias);
    const Matrix kc = linear(parts.content, L.keyWeight, zeroBias), kp = linear(parts.position, L.keyWeight, zeroBias),
                 kb = linear(parts.bias, L.keyWeight, L.keyBias);

    LogitTerms terms;
    for (int h = 0; h < H; ++h) {
        auto cols = [&](const Matrix& m) { return m.middleCols(h * dh, dh); };
        const Matrix qch = cols(qc), qph = cols(qp), qbh = cols(qb), kch = cols(kc), kph = cols(kp), kbh = cols(kb);
        terms.ee.push_back(qch * kch.transpose() * scale);
        terms.ep.push_back(qch * kph.transpose() * scale);
        terms.pe.push_back(qph * kch.transpose() * scale);
        Matrix pp = qph * kph.transpose() * scale;
        if (c.pe == PositionScheme::Alibi) {
            const float slope = alibiSlopes(H)[static_cast<size_t>(h)];
            for (Eigen::Index a = 0; a < T; ++a)
                for (Eigen::Index b = 0; b < T; ++b)
                    pp(a, b) += alibiBias(slope, h, trace.tokens[static_cast<size_t>(a)].position,
                                          trace.tokens[static_cast<size_t>(b)].position);
        }
        terms.pp.push_back(std::move(pp));
        terms.bias.push_back((qbh * (kch + kph + kbh).transpose() + (qch + qph) * kbh.transpose()) * scale);
    }
    return terms;
}

TermShares termShares(const LogitTerms& terms, int head)
{
    // In double: the squares of large (finite) float terms would overflow a float norm to
    // infinity and the shares to NaN.
    auto centredNorm = [](const Matrix& m) {
        const Eigen::MatrixXd d = m.cast<double>();
        const Eigen::MatrixXd centred = d.colwise() - d.rowwise().mean();
        return centred.norm();
    };
    const auto h = static_cast<size_t>(head);
    const double content = centredNorm(terms.ee[h]);
    const double position = centredNorm(terms.pp[h]);
    const double mixed = centredNorm(terms.ep[h] + terms.pe[h]);
    const double total = content + position + mixed;
    TermShares s;
    if (total <= 0)
        return s;
    s.content = content / total;
    s.position = position / total;
    s.mixed = mixed / total;
    s.bias = centredNorm(terms.bias[h]) / (total + centredNorm(terms.bias[h]));
    return s;
}

}  // namespace orderlens
