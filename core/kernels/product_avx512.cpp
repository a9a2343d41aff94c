// AVX-512 kernel of product.h: 16 lanes, tiles of up to 8 token rows by 3 weight rows
// (24 accumulators of the 32 registers). Compiled with -mavx512f -mavx512bw -mavx512vl
// -mavx512dq; only called when the CPU has them.
#include "product.h"

#include <immintrin.h>

#include <cstring>
#include <type_traits>

namespace orderlens::kernels {

namespace {

struct V {
    using T = __m512;
    static constexpr int N = 16;
    static T zero() { return _mm512_setzero_ps(); }
    static T load(const float* p) { return _mm512_loadu_ps(p); }
    static T broadcast(const float* p) { return _mm512_set1_ps(*p); }
    static T add(T a, T b) { return _mm512_add_ps(a, b); }
    static void store(float* p, T v) { _mm512_storeu_ps(p, v); }
    // out[k * 16 + i] = rows[i * ld + k] for i, k < 16.
    static void transposeBlock(const float* rows, std::ptrdiff_t ld, float* out)
    {
        __m512 r[16], t[16];
        for (int i = 0; i < 16; ++i)
            r[i] = _mm512_loadu_ps(rows + i * ld);
        for (int i = 0; i < 16; i += 2) {  // pairs of rows interleaved
            t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
            t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
        }
        for (int i = 0; i < 16; i += 4) {  // then quadruples
            r[i] = _mm512_shuffle_ps(t[i], t[i + 2], 0x44);
            r[i + 1] = _mm512_shuffle_ps(t[i], t[i + 2], 0xEE);
            r[i + 2] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0x44);
            r[i + 3] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
        }
        for (int i = 0; i < 4; ++i) {  // 128-bit lanes across the four quadruples
            t[i] = _mm512_shuffle_f32x4(r[i], r[i + 4], 0x88);
            t[i + 4] = _mm512_shuffle_f32x4(r[i], r[i + 4], 0xDD);
            t[i + 8] = _mm512_shuffle_f32x4(r[i + 8], r[i + 12], 0x88);
            t[i + 12] = _mm512_shuffle_f32x4(r[i + 8], r[i + 12], 0xDD);
        }
        for (int i = 0; i < 4; ++i) {
            r[i] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0x88);
            r[i + 8] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0xDD);
            r[i + 4] = _mm512_shuffle_f32x4(t[i + 4], t[i + 12], 0x88);
            r[i + 12] = _mm512_shuffle_f32x4(t[i + 4], t[i + 12], 0xDD);
        }
        for (int i = 0; i < 16; ++i)
            _mm512_storeu_ps(out + i * 16, r[i]);
    }
    static T fma(T a, T b, T c) { return _mm512_fmadd_ps(a, b, c); }
    static float sum(T v) { return _mm512_reduce_add_ps(v); }
    template <WeightType W>
    static T loadWeight(const void* p)
    {
        if constexpr (W == WeightType::F32)
            return _mm512_loadu_ps(static_cast<const float*>(p));
        else {
            const __m256i words = _mm256_loadu_si256(static_cast<const __m256i*>(p));
            if constexpr (W == WeightType::BF16)  // the word is the float's upper half
                return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(words), 16));
            else
                return _mm512_cvtph_ps(words);
        }
    }
};

constexpr int kMaxRows = 8, kCols = 3;
// Token panels: tiles of 12 weight rows by 2 panels of 16 tokens (24 accumulators).
constexpr int kPanelRows = 12, kPanels = 2;

#include "product_body.h"

}  // namespace

void productAvx512(const ProductArgs& args, std::ptrdiff_t begin, std::ptrdiff_t end)
{
    runAny(args, begin, end);
}

int panelTokensAvx512()
{
    return V::N;
}

void packAvx512(const ProductArgs& args, float* packed, std::ptrdiff_t panelBegin, std::ptrdiff_t panelEnd)
{
    packPanels(args, packed, panelBegin, panelEnd);
}

void panelProductAvx512(const ProductArgs& args, const float* packed, float* scratch, float* yt, std::ptrdiff_t begin,
                        std::ptrdiff_t end)
{
    runPanelsAny(args, packed, scratch, yt, begin, end);
}

}  // namespace orderlens::kernels
