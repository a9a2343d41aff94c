// AVX2 kernel of product.h: 8 lanes, tiles of up to 4 token rows by 3 weight rows
// (12 accumulators of the 16 registers). Compiled with -mavx2 -mfma -mf16c; only called
// when the CPU has them.
#include "product.h"

#include <immintrin.h>

#include <cstring>
#include <type_traits>

namespace orderlens::kernels {

namespace {

struct V {
    using T = __m256;
    static constexpr int N = 8;
    static T zero() { return _mm256_setzero_ps(); }
    static T load(const float* p) { return _mm256_loadu_ps(p); }
    static T broadcast(const float* p) { return _mm256_broadcast_ss(p); }
    static T add(T a, T b) { return _mm256_add_ps(a, b); }
    static void store(float* p, T v) { _mm256_storeu_ps(p, v); }
    // out[k * 8 + i] = rows[i * ld + k] for i, k < 8.
    static void transposeBlock(const float* rows, std::ptrdiff_t ld, float* out)
    {
        __m256 r[8], t[8];
        for (int i = 0; i < 8; ++i)
            r[i] = _mm256_loadu_ps(rows + i * ld);
        for (int i = 0; i < 8; i += 2) {
            t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
            t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
        }
        for (int i = 0; i < 8; i += 4) {
            r[i] = _mm256_shuffle_ps(t[i], t[i + 2], 0x44);
            r[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], 0xEE);
            r[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0x44);
            r[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
        }
        for (int i = 0; i < 4; ++i) {
            t[i] = _mm256_permute2f128_ps(r[i], r[i + 4], 0x20);
            t[i + 4] = _mm256_permute2f128_ps(r[i], r[i + 4], 0x31);
        }
        for (int i = 0; i < 8; ++i)
            _mm256_storeu_ps(out + i * 8, t[i]);
    }
    static T fma(T a, T b, T c) { return _mm256_fmadd_ps(a, b, c); }
    static float sum(T v)
    {
        const __m128 half = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
        const __m128 pair = _mm_add_ps(half, _mm_movehl_ps(half, half));
        return _mm_cvtss_f32(_mm_add_ss(pair, _mm_movehdup_ps(pair)));
    }
    template <WeightType W>
    static T loadWeight(const void* p)
    {
        if constexpr (W == WeightType::F32)
            return _mm256_loadu_ps(static_cast<const float*>(p));
        else {
            const __m128i words = _mm_loadu_si128(static_cast<const __m128i*>(p));
            if constexpr (W == WeightType::BF16)  // the word is the float's upper half
                return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(words), 16));
            else
                return _mm256_cvtph_ps(words);
        }
    }
};

constexpr int kMaxRows = 4, kCols = 3;
// Token panels: tiles of 6 weight rows by 2 panels of 8 tokens (12 accumulators).
constexpr int kPanelRows = 6, kPanels = 2;

#include "product_body.h"

}  // namespace

void productAvx2(const ProductArgs& args, std::ptrdiff_t begin, std::ptrdiff_t end)
{
    runAny(args, begin, end);
}

int panelTokensAvx2()
{
    return V::N;
}

void packAvx2(const ProductArgs& args, float* packed, std::ptrdiff_t panelBegin, std::ptrdiff_t panelEnd)
{
    packPanels(args, packed, panelBegin, panelEnd);
}

void panelProductAvx2(const ProductArgs& args, const float* packed, float* scratch, float* yt, std::ptrdiff_t begin,
                      std::ptrdiff_t end)
{
    runPanelsAny(args, packed, scratch, yt, begin, end);
}

}  // namespace orderlens::kernels
