#pragma once
// A (rows, cols) matrix of i.i.d. N(0, 1) draws from a seeded generator, in the matrix's own
// scalar type (the same numbers on every run): test data for PCA and recoverability.
#include <Eigen/Core>

#include <cstdint>
#include <random>

namespace orderlens::testing_support {

template <class MatrixType>
MatrixType gaussian(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<typename MatrixType::Scalar> normal;
    MatrixType m(rows, cols);
    for (Eigen::Index r = 0; r < rows; ++r)
        for (Eigen::Index c = 0; c < cols; ++c)
            m(r, c) = normal(rng);
    return m;
}

}  // namespace orderlens::testing_support
