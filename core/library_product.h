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

namespace orderlens {

// y = x W^T (+ bias) for all of W's rows, args.type F32 only. False when oneDNN is not built in or
// refuses the shapes: the caller computes it another way. Inside an OpenMP parallel region it runs
// on the calling thread alone. Thread-safe.
bool libraryProduct(const kernels::ProductArgs& args, std::ptrdiff_t out);

// Whether oneDNN is built in (libraryProduct() can succeed).
bool hasLibraryProduct();

// "oneDNN 2.6.3" (what the bench prints), or "none".
const char* libraryProductName();

}  // namespace orderlens
