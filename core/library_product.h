#pragma once
// Products of many tokens through oneDNN (Debian's libdnnl), when the build found it: its matmul
// reads the weights in place, in the row-major (out, in) layout the checkpoint stores them in
// (no copy, no prepacking: memory stays at the file's size), and packs small blocks of them on
// the fly into its own JIT-compiled AVX-512 / AVX2 kernels. Measured on BERT-base's shapes with the
// weights in cache (2 cores of a Zen 5 EPYC): 340 – 440 GFLOP/s from 32 tokens up, where our own
// panel kernels reach 120 – 250 and Debian's OpenBLAS 0.3.21 (its Haswell kernels on this CPU)
// 150 – 270. With the weights streamed from memory, as in a forward pass, its copy of them costs
// more than it gains below about 64 tokens (layers.cpp's kLibraryRows); a few tokens stay with
// kernels/product.h's dot tiles, which stream each weight once.
//
// Float32 throughout, with strict float32 arithmetic (oneDNN's default math mode: no implicit
// down-conversion), so the results are those of the other paths up to summation order.
#include "kernels/product.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace orderlens {

// y = x W^T (+ bias) for all of W's rows, args.type F32 only. False when oneDNN is not built in or
// refuses the shapes: the caller computes it another way. Inside an OpenMP parallel region it runs
// on the calling thread alone. Thread-safe.
bool libraryProduct(const kernels::ProductArgs& args, std::ptrdiff_t out);

// BF16 products, a labelled inexact mode (useBf16Products): y = x W^T (+ bias) with W BF16 in
// place (args.type BF16) and the tokens x rounded to BF16 first, the sums float32, through
// oneDNN's BF16 matmul (AVX512-BF16 / AMX where the CPU has them). This is the arithmetic of a
// BF16 PyTorch model's products (whose activations are BF16 throughout); OrderLens keeps every
// other step float32. False when oneDNN is not built in, has no kernel for it, or refuses.
bool libraryProductBf16(const kernels::ProductArgs& args, std::ptrdiff_t out);

// Whether decoders opened from now on compute their products with BF16 weights in BF16 (fast,
// inexact: the tokens rounded to BF16, the weights packed for oneDNN in place of their words)
// instead of widening the weights (exact). Off unless switched on (`--bf16-products`, the Model
// menu); a model keeps the arithmetic it was opened with, and its traces and snapshots say it.
void useBf16Products(bool use);
bool bf16Products();
// Whether oneDNN has BF16 kernels on this CPU (else BF16 products stay exact).
bool bf16ProductsAvailable();

// A weight matrix W (out, depth) copied once into oneDNN's own blocked layout for its matmul, so
// that no product has to copy blocks of it again (measured, BERT-base's 72 products with the
// weights streamed from memory, 2 cores: 8 / 32 / 128 / 512 tokens in 8 – 10 / 15 / 49 / 185 –
// 193 ms packed, against 14 – 15 / 25 / 57 – 59 / 204 – 208 ms in place). The layout is the same
// for every number of tokens. Float32, exactly the values of W.
class PackedWeights {
public:
    // W's rows [0, out) of `depth` floats, row stride ldw. Null when oneDNN is not built in, is
    // switched off (usePackedWeights), or has no packed layout for the shape.
    static std::shared_ptr<const PackedWeights> pack(const float* w, std::ptrdiff_t out, std::ptrdiff_t depth,
                                                     std::ptrdiff_t ldw);
    // BF16 weights (16-bit words, row stride ldw) packed for BF16 products: product() then rounds
    // the tokens to BF16 (the inexact mode of useBf16Products; measured on Qwen2.5-0.5B's
    // 4864 x 896 weights streamed from memory, 2 cores: 8 / 32 / 128 tokens in 0.27 / 0.44 /
    // 1.26 ms packed, 0.53 / 0.65 / 1.54 in place). Null without a JIT kernel for BF16 here.
    static std::shared_ptr<const PackedWeights> packBf16(const uint16_t* w, std::ptrdiff_t out,
                                                         std::ptrdiff_t depth, std::ptrdiff_t ldw);
    ~PackedWeights();
    PackedWeights(const PackedWeights&) = delete;
    PackedWeights& operator=(const PackedWeights&) = delete;

    std::ptrdiff_t out() const;
    std::ptrdiff_t depth() const;
    size_t bytes() const;
    // y (rows, out), row stride ldy = x (rows, depth), row stride ldx, times W^T, plus bias (out
    // floats) unless null. False when oneDNN refuses the shape (the caller then computes it from
    // unpack()). Thread-safe.
    bool product(const float* x, std::ptrdiff_t ldx, std::ptrdiff_t rows, const float* bias, float* y,
                 std::ptrdiff_t ldy) const;
    bool bf16() const;  // made by packBf16
    // W again, row-major: out x depth floats at `w` (BF16 words for bf16()).
    void unpack(void* w) const;

    struct Impl;

private:
    explicit PackedWeights(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// Tests compare packed and row-major forward passes: false makes pack() return null from now on.
void usePackedWeights(bool use);

// Whether oneDNN is built in (libraryProduct() can succeed).
bool hasLibraryProduct();

// "oneDNN 2.6.3" (what the bench prints), or "none".
const char* libraryProductName();

}  // namespace orderlens
