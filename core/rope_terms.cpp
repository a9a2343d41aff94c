#include "rope_terms.h"

#include "layers.h"
#include "model.h"

#include <cmath>
#include <numbers>

namespace orderlens {

namespace {

// Row-centred Frobenius norm: how much a term moves the softmax of its rows. NaN entries (a
// decoder's future keys) are not data: each row is centred on, and sums, its other entries.
double centredNorm(const Matrix& m)
{
    double sum = 0;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        double total = 0;
        int count = 0;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            if (!std::isnan(m(r, c))) {
                total += m(r, c);
                ++count;
            }
        const double mean = count > 0 ? total / count : 0.0;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            if (!std::isnan(m(r, c))) {
                const double v = m(r, c) - mean;
                sum += v * v;
            }
    }
    return std::sqrt(sum);
}

}  // namespace

std::vector<std::vector<RopeHeadTerms>> ropeTerms(const Model& model, const Trace& trace)
{
    const ModelConfig& c = model.config();
    std::vector<std::vector<RopeHeadTerms>> out;
    if (c.pe != PositionScheme::Rope)
        return out;
    const int H = c.n_heads, dh = c.headDim(), pairs = dh / 2;
    const auto T = static_cast<Eigen::Index>(trace.length());
    const double scale = 1.0 / std::sqrt(static_cast<double>(dh));
    out.resize(trace.layers.size());
    for (size_t l = 0; l < trace.layers.size(); ++l) {
        const LayerTrace& lt = trace.layers[l];
        const LayerWeights& w = model.weights().layers[l];
        // The queries and keys before the rotation, from the rows the attention read.
        const Matrix q = linear(lt.attentionInput, w.queryWeight, w.queryBias);
        const Matrix k = linear(lt.attentionInput, w.keyWeight, w.keyBias);
        out[l].resize(static_cast<size_t>(H));
        for (int h = 0; h < H; ++h) {
            RopeHeadTerms& terms = out[l][static_cast<size_t>(h)];
            const auto hh = static_cast<size_t>(h);
            const Matrix& rq = lt.queries[hh];
            const Matrix& rk = lt.keys[hh];
            const Matrix& logits = lt.logits[hh];
            terms.content.resize(T, T);
            terms.position.resize(T, T);
            terms.pairs.assign(static_cast<size_t>(pairs), Matrix(T, T));
            terms.pairPositions.assign(static_cast<size_t>(pairs), Matrix(T, T));
            const int c0 = h * dh;
            for (Eigen::Index a = 0; a < T; ++a)
                for (Eigen::Index b = 0; b < T; ++b) {
                    double content = 0;
                    for (int i = 0; i < pairs; ++i) {
                        const auto ii = static_cast<size_t>(i);
                        const double unrotated = scale * (double(q(a, c0 + 2 * i)) * k(b, c0 + 2 * i) +
                                                          double(q(a, c0 + 2 * i + 1)) * k(b, c0 + 2 * i + 1));
                        const double rotated = scale * (double(rq(a, 2 * i)) * rk(b, 2 * i) +
                                                        double(rq(a, 2 * i + 1)) * rk(b, 2 * i + 1));
                        content += unrotated;
                        terms.pairs[ii](a, b) = static_cast<float>(rotated);
                        terms.pairPositions[ii](a, b) = static_cast<float>(rotated - unrotated);
                    }
                    terms.content(a, b) = static_cast<float>(content);
                    terms.position(a, b) = static_cast<float>(double(logits(a, b)) - content);
                }
        }
    }
    return out;
}

RopeShares ropeShares(const RopeHeadTerms& terms)
{
    RopeShares s;
    const double content = centredNorm(terms.content), position = centredNorm(terms.position);
    if (content + position > 0) {
        s.content = content / (content + position);
        s.position = position / (content + position);
    }
    double total = 0;
    for (const Matrix& p : terms.pairPositions) {
        s.pairs.push_back(centredNorm(p));
        total += s.pairs.back();
    }
    if (total > 0)
        for (double& p : s.pairs)
            p /= total;
    return s;
}

std::vector<double> ropeWavelengths(int dHead, double base)
{
    std::vector<double> out;
    for (int i = 0; i < dHead / 2; ++i)
        out.push_back(2 * std::numbers::pi * std::pow(base, 2.0 * i / dHead));
    return out;
}

}  // namespace orderlens
