#include "layers.h"

#include <cmath>

namespace orderlens {

Matrix linear(const MatrixRef& x, const MatrixRef& weight, const MatrixRef& bias)
{
    Matrix y = x * weight.transpose();
    y.rowwise() += bias.row(0);
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
    x = x.unaryExpr([invSqrt2](float v) { return 0.5f * v * (1.0f + std::erf(v * invSqrt2)); });
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
