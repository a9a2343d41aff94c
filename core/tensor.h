#pragma once
// Matrix conventions for the whole core: row-major (rows map onto files and onto
// tokens), float32. A (T, d) matrix has one row per token.
#include <Eigen/Core>

#include <algorithm>
#include <cmath>

namespace orderlens {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXf;
using MatrixRef = Eigen::Ref<const Matrix>;

// The largest |entry| over the finite entries (a decoder's masked logits are -infinity, its
// masked differences NaN); 0 for none.
inline double maxFiniteAbs(const MatrixRef& m)
{
    double out = 0;
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            if (const float v = m(r, c); std::isfinite(v))
                out = std::max(out, static_cast<double>(std::abs(v)));
    return out;
}

}  // namespace orderlens
