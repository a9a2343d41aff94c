#include "stored_matrix.h"

#include "errors.h"
#include "layers.h"
#include "library_product.h"
#include "threads.h"

#include <Eigen/Core>

#include <omp.h>

#include <algorithm>
#include <bit>
#include <cstring>

namespace orderlens {

namespace {

// Rows widened per block: about 1 MB of float32 for a 1024-wide matrix, so the block stays in
// cache while every token row meets it.
constexpr Eigen::Index kBlockRows = 256;
// Below this many multiply-adds one thread does the whole product.
constexpr double kParallelWork = 5e7;
constexpr double kParallelWeights = 1 << 19;

void widen(StoredMatrix::Kind kind, const uint16_t* src, size_t count, float* dst)
{
    if (kind == StoredMatrix::Kind::BF16) {
        // The word is the float's upper half: a shift, which the compiler vectorizes.
        auto* bits = reinterpret_cast<uint32_t*>(dst);
        for (size_t i = 0; i < count; ++i)
            bits[i] = static_cast<uint32_t>(src[i]) << 16;
        return;
    }
    const auto* halves = reinterpret_cast<const Eigen::half*>(src);
    Eigen::Map<Eigen::ArrayXf>(dst, static_cast<Eigen::Index>(count)) =
        Eigen::Map<const Eigen::Array<Eigen::half, Eigen::Dynamic, 1>>(halves, static_cast<Eigen::Index>(count)).cast<float>();
}

}  // namespace

StoredMatrix::StoredMatrix(Kind kind, Eigen::Index rows, Eigen::Index cols, std::vector<uint16_t> words)
    : kind_(kind), rows_(rows), cols_(cols), words_(std::move(words))
{
    if (kind == Kind::F32 || static_cast<Eigen::Index>(words_.size()) != rows * cols)
        throw inputError("internal: a 16-bit StoredMatrix needs rows x cols 16-bit words");
}

StoredMatrix StoredMatrix::read(const SafetensorsFile& file, const std::string& name, const std::vector<int64_t>& shape)
{
    const TensorInfo& info = file.requireShape(name, shape);
    const Eigen::Index rows = shape.size() == 2 ? shape[0] : 1, cols = shape.back();
    if (info.dtype == DType::BF16 || info.dtype == DType::F16)
        return StoredMatrix(info.dtype == DType::BF16 ? Kind::BF16 : Kind::F16, rows, cols, file.halfWords(name, shape));
    return StoredMatrix(file.matrix(name, shape));
}

size_t StoredMatrix::bytes() const
{
    if (packed_)
        return packed_->bytes();
    return kind_ == Kind::F32 ? size_t(f32_.size()) * 4 : words_.size() * 2;
}

bool StoredMatrix::packForBf16Products()
{
    if (kind_ != Kind::BF16 || packed_)
        return false;
    auto packed = PackedWeights::packBf16(words_.data(), rows_, cols_, cols_);
    if (!packed)
        return false;
    packed_ = std::move(packed);
    std::vector<uint16_t>().swap(words_);
    return true;
}

Matrix StoredMatrix::rowsAsFloat(Eigen::Index begin, Eigen::Index count) const
{
    if (kind_ == Kind::F32)
        return f32_.middleRows(begin, count);
    Matrix out(count, cols_);
    if (packed_) {  // rare (the head census's output matrices): the whole matrix unpacked first
        std::vector<uint16_t> all(static_cast<size_t>(rows_ * cols_));
        packed_->unpack(all.data());
        widen(kind_, all.data() + begin * cols_, static_cast<size_t>(count * cols_), out.data());
        return out;
    }
    widen(kind_, words_.data() + begin * cols_, static_cast<size_t>(count * cols_), out.data());
    return out;
}

StoredMatrix StoredMatrix::transposed() const
{
    if (packed_)
        throw inputError("internal: a packed StoredMatrix cannot be transposed");
    if (kind_ == Kind::F32)
        return StoredMatrix(Matrix(f32_.transpose()));
    std::vector<uint16_t> t(words_.size());
    for (Eigen::Index r = 0; r < rows_; ++r)
        for (Eigen::Index c = 0; c < cols_; ++c)
            t[static_cast<size_t>(c * rows_ + r)] = words_[static_cast<size_t>(r * cols_ + c)];
    return StoredMatrix(kind_, cols_, rows_, std::move(t));
}

StoredMatrix StoredMatrix::stacked(const std::vector<const StoredMatrix*>& parts)
{
    if (parts.empty())
        throw inputError("internal: nothing to stack");
    std::vector<uint16_t> words;
    Eigen::Index rows = 0;
    for (const StoredMatrix* m : parts) {
        if (m->kind_ == Kind::F32 || m->packed_ || m->kind_ != parts[0]->kind_ || m->cols_ != parts[0]->cols_)
            throw inputError("internal: only 16-bit matrices of one kind and width stack");
        words.insert(words.end(), m->words_.begin(), m->words_.end());
        rows += m->rows_;
    }
    return StoredMatrix(parts[0]->kind_, rows, parts[0]->cols_, std::move(words));
}

StoredMatrix StoredMatrix::middleRows(Eigen::Index begin, Eigen::Index count) const
{
    if (packed_)
        throw inputError("internal: rows of a packed StoredMatrix cannot be taken");
    if (kind_ == Kind::F32)
        return StoredMatrix(Matrix(f32_.middleRows(begin, count)));
    return StoredMatrix(kind_, count, cols_,
                        std::vector<uint16_t>(words_.begin() + begin * cols_, words_.begin() + (begin + count) * cols_));
}

Matrix linear(const MatrixRef& x, const StoredMatrix& weight, const MatrixRef& bias)
{
    return linearRows(x, weight, 0, weight.rows(), bias.data());
}

Matrix linearRows(const MatrixRef& x, const StoredMatrix& weight, Eigen::Index first, Eigen::Index out,
                  const float* bias, bool bf16)
{
    if (weight.bf16Packed()) {
        if (first != 0 || out != weight.rows())
            throw inputError("internal: a packed StoredMatrix multiplies with all its rows");
        Matrix y(x.rows(), out);
        const Matrix none = bias ? Matrix() : Matrix::Zero(1, out);
        if (weight.packed()->product(x.data(), x.outerStride(), x.rows(), bias ? bias : none.data(), y.data(),
                                     y.outerStride()))
            return y;
        // oneDNN refused (it took this layout when packing): from the words unpacked
        return linear(x, weight.rowsAsFloat(0, out), bias ? MatrixRef(Eigen::Map<const Matrix>(bias, 1, out)) : MatrixRef(none));
    }
    if (weight.kind() == StoredMatrix::Kind::F32) {
        const Matrix none = bias ? Matrix() : Matrix::Zero(1, out);
        return linear(x, weight.f32().middleRows(first, out),
                      bias ? MatrixRef(Eigen::Map<const Matrix>(bias, 1, out)) : MatrixRef(none));
    }
    const uint16_t* words = weight.words().data() + first * weight.cols();
    const auto type = weight.kind() == StoredMatrix::Kind::BF16 ? kernels::WeightType::BF16 : kernels::WeightType::F16;
    if (type == kernels::WeightType::BF16 && bf16) {
        // The labelled inexact mode: tokens rounded to BF16, BF16 arithmetic (library_product.h).
        Matrix y(x.rows(), out);
        const kernels::ProductArgs args{x.data(), x.outerStride(), x.rows(), x.cols(), words, weight.cols(),
                                        type,     y.data(),        y.outerStride(), bias};
        if (libraryProductBf16(args, out))
            return y;
    }
    if (x.rows() <= kKernelRows) {  // past it, oneDNN or OpenBLAS on widened blocks (below) is faster
        bool done = false;
        Matrix y = linearInto(x, words, out, weight.cols(), type, bias, &done);
        if (done)
            return y;
    }
    Matrix y(x.rows(), out);
    const Eigen::Index blocks = (out + kBlockRows - 1) / kBlockRows;
    // Widening costs per weight whatever the tokens: a big matrix is split across the cores even
    // for one token (the float32 path splits by multiply-adds instead).
    const double work = double(x.rows()) * double(out) * double(weight.cols());
    const bool big = work >= kParallelWork || double(out) * double(weight.cols()) >= kParallelWeights;
    const int threads = !big || omp_in_parallel() ? 1 : std::min<int>(omp_get_max_threads(), int(blocks));
    parallelFor(threads, threads > 1, [&](int part) {
        // Each thread widens its own blocks and multiplies them on its own (linear() inside a
        // parallel region stays on one thread).
        const Eigen::Index begin = blocks * part / threads, last = blocks * (part + 1) / threads;
        const Matrix none = Matrix::Zero(1, std::min(kBlockRows, out));
        for (Eigen::Index b = begin; b < last; ++b) {
            const Eigen::Index at = b * kBlockRows, count = std::min(kBlockRows, out - at);
            const Matrix block = weight.rowsAsFloat(first + at, count);
            y.middleCols(at, count) = linear(x, block, none.leftCols(count));
        }
    });
    if (bias)
        y.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(bias, out);
    return y;
}

}  // namespace orderlens
