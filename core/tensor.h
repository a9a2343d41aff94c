#pragma once
// Matrix conventions for the whole core: row-major (rows map onto files and onto
// tokens), float32. A (T, d) matrix has one row per token.
#include <Eigen/Core>

namespace orderlens {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXf;
using MatrixRef = Eigen::Ref<const Matrix>;

}  // namespace orderlens
