#pragma once
// A weight matrix as the checkpoint stores it: float32, or 16-bit (BF16 / F16) kept 16-bit in
// memory and widened to float32 inside the products, a block of rows at a time (half the
// memory and half the bytes read per token of a float32 copy; the arithmetic is float32).
// Widening is exact, so a product gives what the float32 copy would.
#include "safetensors.h"
#include "tensor.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace orderlens {

class PackedWeights;

class StoredMatrix {
public:
    enum class Kind { F32, BF16, F16 };

    StoredMatrix() = default;
    explicit StoredMatrix(Matrix m) : kind_(Kind::F32), rows_(m.rows()), cols_(m.cols()), f32_(std::move(m)) {}
    StoredMatrix(Kind kind, Eigen::Index rows, Eigen::Index cols, std::vector<uint16_t> words);
    // The tensor of `file` as it is stored (16-bit kept), checked to have `shape` ({rows, cols} or {n}).
    static StoredMatrix read(const SafetensorsFile& file, const std::string& name, const std::vector<int64_t>& shape);

    Kind kind() const { return kind_; }
    Eigen::Index rows() const { return rows_; }
    Eigen::Index cols() const { return cols_; }
    bool empty() const { return rows_ == 0 || cols_ == 0; }
    size_t bytes() const;

    // A BF16 matrix for the inexact BF16 products (library_product.h's useBf16Products): its
    // words replaced by a copy in oneDNN's packed layout, which every product then uses (the
    // tokens rounded to BF16). False, and nothing changed, for another kind or without a kernel.
    bool packForBf16Products();
    bool bf16Packed() const { return packed_ != nullptr; }
    const std::shared_ptr<const PackedWeights>& packed() const { return packed_; }

    // Rows [begin, begin + count) widened to float32.
    Matrix rowsAsFloat(Eigen::Index begin, Eigen::Index count) const;
    // The float32 matrix itself (kind F32 only; empty otherwise), or the 16-bit words (else empty).
    const Matrix& f32() const { return f32_; }
    const std::vector<uint16_t>& words() const { return words_; }  // empty when bf16Packed()
    // The same matrix transposed (GPT-2's Conv1D weights are stored [in, out]), in its own kind.
    StoredMatrix transposed() const;
    // 16-bit matrices of one kind and width, their rows one after the other.
    static StoredMatrix stacked(const std::vector<const StoredMatrix*>& parts);
    // Rows [begin, begin + count) as a matrix of their own, in its own kind.
    StoredMatrix middleRows(Eigen::Index begin, Eigen::Index count) const;

private:
    Kind kind_ = Kind::F32;
    Eigen::Index rows_ = 0, cols_ = 0;
    Matrix f32_;
    std::vector<uint16_t> words_;  // row-major 16-bit words
    std::shared_ptr<const PackedWeights> packed_;  // instead of words_ (packForBf16Products)
};

// y = x W^T + b for W (out, in) stored as above; x: (T, in), b: (1, out).
Matrix linear(const MatrixRef& x, const StoredMatrix& weight, const MatrixRef& bias);
// The same for W's rows [first, first + out) alone (y: (T, out)), bias (out floats) or null.
// With `bf16`, a BF16 W in place multiplies the tokens rounded to BF16 (the inexact mode), where
// oneDNN has a kernel. A packed W (packForBf16Products) always does.
Matrix linearRows(const MatrixRef& x, const StoredMatrix& weight, Eigen::Index first, Eigen::Index out,
                  const float* bias, bool bf16 = false);

}  // namespace orderlens
