#pragma once
// The products of the forward pass, y = x W^T, written for the CPU's vector unit: the weights
// W (out, in) are read in the row-major layout the checkpoint stores them in, float32 or 16-bit
// (BF16 / F16 widened in registers), each weight read from memory once per block of tokens and
// met there by every token row of the block. No copy of the weights is made (a GEMM library
// first copies them into its own layout, reading them twice and holding them twice).
//
// This header is plain C++ with no Eigen: the kernels live in translation units compiled for
// their instruction set (AVX-512, AVX2), and nothing inline may be shared with the rest of the
// program, or the linker could hand an AVX-512 copy of it to a machine without AVX-512.
#include <cstddef>
#include <cstdint>

namespace orderlens::kernels {

enum class WeightType { F32, BF16, F16 };

struct ProductArgs {
    const float* x;       // (rows, depth), row stride ldx
    std::ptrdiff_t ldx;
    std::ptrdiff_t rows;  // tokens
    std::ptrdiff_t depth; // in
    const void* w;        // (out, depth) row-major, row stride ldw elements of its type
    std::ptrdiff_t ldw;
    WeightType type;
    float* y;             // (rows, out), row stride ldy: columns [begin, end) are written
    std::ptrdiff_t ldy;
    const float* bias = nullptr;  // (out) added to every row, or null
};

// Writes y[:, begin:end) = x W[begin:end)^T. False when this machine has no kernel for it
// (neither AVX-512 nor AVX2 + FMA + F16C): the caller computes it another way.
bool product(const ProductArgs& args, std::ptrdiff_t begin, std::ptrdiff_t end);

// Which kernel product() runs on this machine: "avx512", "avx2" or "none".
const char* productKernel();
// Runs `name` ("avx512", "avx2" or "none") from now on, if this CPU has it (tests and benchmarks
// measure each variant on one machine); false, and nothing changed, when it does not.
bool useKernel(const char* name);

// Many tokens: the tokens are packed first (panels of panelTokens() tokens, every depth each;
// packedFloats() floats in all), then panelProduct() multiplies them with the weight rows
// [begin, end). pack() of disjoint panel ranges and panelProduct() of disjoint row ranges may run
// on different threads. Each panelProduct() call needs `yt`, (end - begin) x packedFloats(rows, 1)
// floats for its partial sums, and for a 16-bit weight `scratch` of kPanelScratch floats.
constexpr std::ptrdiff_t kPanelScratch = 256 * 256;
// The panels' blocking, the same in every unit: the depth in slices of kPanelDepth, the weight rows
// in groups of kPanelGroup (a multiple of every unit's tile height). `yt` is only read and written
// when the depth is longer than one slice; it may be null otherwise.
constexpr std::ptrdiff_t kPanelDepth = 256, kPanelGroup = 252;
int panelTokens();  // 0: no kernel on this machine
std::ptrdiff_t packedFloats(std::ptrdiff_t rows, std::ptrdiff_t depth);
void pack(const ProductArgs& args, float* packed, std::ptrdiff_t panelBegin, std::ptrdiff_t panelEnd);
void panelProduct(const ProductArgs& args, const float* packed, float* scratch, float* yt, std::ptrdiff_t begin,
                  std::ptrdiff_t end);

// The instruction-set variants (defined in product_avx512.cpp / product_avx2.cpp).
void productAvx512(const ProductArgs& args, std::ptrdiff_t begin, std::ptrdiff_t end);
void productAvx2(const ProductArgs& args, std::ptrdiff_t begin, std::ptrdiff_t end);
int panelTokensAvx512();
int panelTokensAvx2();
void packAvx512(const ProductArgs& args, float* packed, std::ptrdiff_t panelBegin, std::ptrdiff_t panelEnd);
void packAvx2(const ProductArgs& args, float* packed, std::ptrdiff_t panelBegin, std::ptrdiff_t panelEnd);
void panelProductAvx512(const ProductArgs& args, const float* packed, float* scratch, float* yt, std::ptrdiff_t begin,
                        std::ptrdiff_t end);
void panelProductAvx2(const ProductArgs& args, const float* packed, float* scratch, float* yt, std::ptrdiff_t begin,
                      std::ptrdiff_t end);

}  // namespace orderlens::kernels
