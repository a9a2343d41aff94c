#pragma once
// Forward/backward pairs of every op the encoder uses, templated on the scalar so the tests
// can check each gradient against finite differences in double precision while training
// runs in float. Shapes are written on every op; rows are tokens. A backward *accumulates*
// into parameter gradients (+=) and *returns* the gradient of its input.
#include "positional_encoding.h"

#include <Eigen/Core>

#include <cmath>
#include <vector>

namespace orderlens::grad {

template <class S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class S>
using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;

// ---- linear: x (T, in), W (out, in), b (1, out) -> y (T, out) = x W^T + b -------------

template <class S>
Mat<S> linearForward(const Mat<S>& x, const Mat<S>& weight, const Mat<S>& bias)
{
    Mat<S> y = x * weight.transpose();
    y.rowwise() += bias.row(0);
    return y;
}

// dy (T, out) -> dx (T, in); dW += dy^T x, db += column sums of dy.
template <class S>
Mat<S> linearBackward(const Mat<S>& dy, const Mat<S>& x, const Mat<S>& weight, Mat<S>& dWeight, Mat<S>& dBias)
{
    dWeight.noalias() += dy.transpose() * x;
    dBias.row(0) += dy.colwise().sum();
    return dy * weight;
}

// ---- LayerNorm over each row: y = gain * (x - mean) * rstd + bias ----------------------

template <class S>
struct NormCache {
    Mat<S> normalized;  // (T, d) (x - mean) * rstd
    Vec<S> rstd;        // (T) 1 / sqrt(var + eps), biased variance
};

template <class S>
Mat<S> layerNormForward(const Mat<S>& x, const Mat<S>& gain, const Mat<S>& bias, S eps, NormCache<S>& cache)
{
    const Eigen::Index T = x.rows(), d = x.cols();
    cache.normalized.resize(T, d);
    cache.rstd.resize(T);
    Mat<S> y(T, d);
    for (Eigen::Index r = 0; r < T; ++r) {
        const S mean = x.row(r).sum() / static_cast<S>(d);
        const S var = (x.row(r).array() - mean).square().sum() / static_cast<S>(d);
        const S rstd = S(1) / std::sqrt(var + eps);
        cache.rstd(r) = rstd;
        cache.normalized.row(r) = (x.row(r).array() - mean) * rstd;
        y.row(r) = cache.normalized.row(r).array() * gain.row(0).array() + bias.row(0).array();
    }
    return y;
}

// dy (T, d) -> dx (T, d): rstd * (g - mean(g) - n * mean(g * n)) with g = dy * gain, n = normalized.
template <class S>
Mat<S> layerNormBackward(const Mat<S>& dy, const Mat<S>& gain, const NormCache<S>& cache, Mat<S>& dGain, Mat<S>& dBias)
{
    const Eigen::Index T = dy.rows(), d = dy.cols();
    dGain.row(0) += (dy.array() * cache.normalized.array()).matrix().colwise().sum();
    dBias.row(0) += dy.colwise().sum();
    Mat<S> dx(T, d);
    for (Eigen::Index r = 0; r < T; ++r) {
        const auto g = (dy.row(r).array() * gain.row(0).array()).eval();
        const S meanG = g.sum() / static_cast<S>(d);
        const S meanGN = (g * cache.normalized.row(r).array()).sum() / static_cast<S>(d);
        dx.row(r) = cache.rstd(r) * (g - meanG - cache.normalized.row(r).array() * meanGN);
    }
    return dx;
}

// ---- activations (element-wise; pre is the input kept for backward) ------------------------

template <class S>
Mat<S> activationForward(const Mat<S>& pre, Activation activation, Mat<S>* gaussianCdf = nullptr)
{
    if (activation == Activation::Relu)
        return pre.cwiseMax(S(0));
    const S invSqrt2 = S(0.70710678118654752440);
    Mat<S> cdf = pre.unaryExpr([invSqrt2](S v) { return S(0.5) * (S(1) + std::erf(v * invSqrt2)); });
    Mat<S> y = pre.cwiseProduct(cdf);
    if (gaussianCdf)
        *gaussianCdf = std::move(cdf);
    return y;
}

// dy * act'(pre). GELU' = Phi(x) + x phi(x); ReLU' = [x > 0]. gaussianCdf: Phi(pre) kept by the
// forward (saves recomputing erf), or null.
template <class S>
Mat<S> activationBackward(const Mat<S>& dy, const Mat<S>& pre, Activation activation, const Mat<S>* gaussianCdf = nullptr)
{
    if (activation == Activation::Relu)
        return (pre.array() > S(0)).select(dy, Mat<S>::Zero(dy.rows(), dy.cols()));
    const S invSqrt2 = S(0.70710678118654752440), invSqrt2Pi = S(0.39894228040143267794);
    const Mat<S> cdf = gaussianCdf ? *gaussianCdf
                                   : Mat<S>(pre.unaryExpr([=](S v) { return S(0.5) * (S(1) + std::erf(v * invSqrt2)); }));
    const Mat<S> slope = cdf + pre.unaryExpr([=](S v) { return v * invSqrt2Pi * std::exp(S(-0.5) * v * v); });
    return dy.cwiseProduct(slope);
}

// ---- softmax over each row ---------------------------------------------------------------

template <class S>
void softmaxRowsInPlace(Mat<S>& x)
{
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const S m = x.row(r).maxCoeff();
        x.row(r) = (x.row(r).array() - m).exp().matrix();
        x.row(r) /= x.row(r).sum();
    }
}

// probabilities p (T, K), dp (T, K) -> dlogits = p * (dp - sum(dp * p)) per row.
template <class S>
Mat<S> softmaxBackward(const Mat<S>& p, const Mat<S>& dp)
{
    Mat<S> dl(p.rows(), p.cols());
    for (Eigen::Index r = 0; r < p.rows(); ++r) {
        const S dot = p.row(r).dot(dp.row(r));
        dl.row(r) = p.row(r).array() * (dp.row(r).array() - dot);
    }
    return dl;
}

// ---- RoPE: rotate pairs (2i, 2i+1) of each row by pos * base^(-2i/dHead) ------------------
// Same angles as positional_encoding.cpp's applyRope (computed in double). The backward of a
// rotation is the rotation by the opposite angle.

template <class S>
void ropeRotate(Mat<S>& x, const std::vector<int>& positions, float base, bool inverse)
{
    const int dHead = static_cast<int>(x.cols());
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const double pos = positions[static_cast<size_t>(r)];
        for (int i = 0; i < dHead / 2; ++i) {
            const double angle = pos * std::pow(static_cast<double>(base), -2.0 * i / dHead);
            const S c = static_cast<S>(std::cos(angle));
            const S s = inverse ? -static_cast<S>(std::sin(angle)) : static_cast<S>(std::sin(angle));
            const S a = x(r, 2 * i), b = x(r, 2 * i + 1);
            x(r, 2 * i) = a * c - b * s;
            x(r, 2 * i + 1) = a * s + b * c;
        }
    }
}

// ---- one attention head -----------------------------------------------------------------
// q, k, v (T, dh) (q, k already rotated for RoPE); bias (T, T) or empty (ALiBi's distance
// bias, a constant); p (T, T) = softmax(q k^T * scale + bias), row = query; out (T, dh) = p v.

template <class S>
Mat<S> attentionForward(const Mat<S>& q, const Mat<S>& k, const Mat<S>& v, const Mat<S>& bias, S scale, Mat<S>& p)
{
    p = (q * k.transpose()) * scale;
    if (bias.size() > 0)
        p += bias;
    softmaxRowsInPlace(p);
    return p * v;
}

// dout (T, dh) -> dq, dk, dv (T, dh).
template <class S>
void attentionBackward(const Mat<S>& dout, const Mat<S>& q, const Mat<S>& k, const Mat<S>& v, const Mat<S>& p, S scale,
                       Mat<S>& dq, Mat<S>& dk, Mat<S>& dv)
{
    dv = p.transpose() * dout;
    const Mat<S> dlogits = softmaxBackward<S>(p, dout * v.transpose());
    dq = (dlogits * k) * scale;
    dk = (dlogits.transpose() * q) * scale;
}

// ---- cross-entropy of a softmax over each row ----------------------------------------------
// logits (T, K), targets (T) with -1 = ignored row. Returns sum over counted rows of
// -log softmax(logits)[target] * weight; dlogits = weight * (softmax - onehot) on counted rows.
// probabilities receives the softmax (T, K).

template <class S>
S crossEntropy(const Mat<S>& logits, const std::vector<int>& targets, S weight, Mat<S>& dlogits, Mat<S>& probabilities)
{
    probabilities = logits;
    softmaxRowsInPlace(probabilities);
    dlogits = Mat<S>::Zero(logits.rows(), logits.cols());
    S loss = 0;
    for (Eigen::Index r = 0; r < logits.rows(); ++r) {
        const int target = targets[static_cast<size_t>(r)];
        if (target < 0)
            continue;
        // log-softmax from the logits directly: stable for tiny probabilities.
        const S m = logits.row(r).maxCoeff();
        const S logSum = m + std::log((logits.row(r).array() - m).exp().sum());
        loss += weight * (logSum - logits(r, target));
        dlogits.row(r) = weight * probabilities.row(r);
        dlogits(r, target) -= weight;
    }
    return loss;
}

}  // namespace orderlens::grad
