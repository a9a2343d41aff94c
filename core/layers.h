#pragma once
// The small building blocks of the forward pass. x: (T, d) rows are tokens.
#include "config.h"
#include "kernels/product.h"
#include "tensor.h"

namespace orderlens {

// y = x W^T + b. x: (T, in), W: (out, in), b: (1, out) -> (T, out).
Matrix linear(const MatrixRef& x, const MatrixRef& weight, const MatrixRef& bias);

// Up to this many token rows the products go to kernels/product.h, which streams the weights once
// as they are stored, where oneDNN is not built in (measured on BERT-base: at 64 tokens 1.25x
// faster than OpenBLAS; at 128 OpenBLAS's packed GEMM is 1.2x faster). With oneDNN, products of
// kLibraryRows (layers.cpp) tokens and more go there instead.
constexpr Eigen::Index kKernelRows = 96;

// y = x W^T + b through kernels/product.h for W (out, in) stored at `weight` in `type` with row
// stride ldw, and b (out floats) unless null. *done is false when this machine has no kernel (y
// is then not computed).
Matrix linearInto(const MatrixRef& x, const void* weight, Eigen::Index out, Eigen::Index ldw, kernels::WeightType type,
                  const float* bias, bool* done);

// a b^T, through the kernels where they run (the attention's q k^T and, with v transposed, a v).
Matrix timesTransposed(const MatrixRef& a, const MatrixRef& b);

// Row-wise LayerNorm: gain * (x - mean) / sqrt(var + eps) + bias, biased variance.
Matrix layerNorm(const MatrixRef& x, const MatrixRef& gain, const MatrixRef& bias, float eps);
// (T) 1 / sqrt(var + eps) of each row: the sigma the decomposition divides by.
Vector inverseRowStd(const MatrixRef& x, float eps);

// Exact erf GELU or ReLU, in place.
void activate(Matrix& x, Activation activation);

// Softmax of each row, in place (max subtracted first).
void softmaxRows(Eigen::Ref<Matrix> x);

}  // namespace orderlens
