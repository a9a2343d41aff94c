// The product kernel, written once over a vector type `V` and included by each instruction-set
// translation unit (product_avx512.cpp, product_avx2.cpp) inside an anonymous namespace, so that
// every copy is private to the unit that compiled it (see product.h).
//
// y[t][j] = sum_k x[t][k] * w[j][k]. A tile of R token rows by C weight rows keeps R x C vector
// accumulators in registers; each step loads C weight vectors (widened from 16 bits when stored
// so) and R token vectors and does R x C fused multiply-adds, then each accumulator is summed
// across its lanes. Tokens are taken in blocks small enough to stay in the core's L2 cache while
// every weight row streams past them once.
//
// Expects: V (with N lanes, zero, load, broadcast, add, store, fma, sum, transposeBlock, and
// loadWeight<WeightType> for float, BF16 and F16 words) and the tile sizes (kMaxRows, kCols,
// kPanelRows, kPanels, kPanelDepth, kPanelGroup), defined by the includer, which is compiled with
// F16C.

// One 16-bit word widened (the depth % N tail of a dot tile, and weights widened for the panels).
template <WeightType W>
float widenScalar(uint16_t word)
{
    if constexpr (W == WeightType::BF16) {  // the word is the float's upper half
        const uint32_t bits = static_cast<uint32_t>(word) << 16;
        float f;
        std::memcpy(&f, &bits, 4);
        return f;
    } else
        return _cvtsh_ss(word);
}

template <WeightType W>
using Elem = std::conditional_t<W == WeightType::F32, float, uint16_t>;

template <WeightType W>
inline float scalarWeight(const Elem<W>* w)
{
    if constexpr (W == WeightType::F32)
        return *w;
    else
        return widenScalar<W>(*w);
}

constexpr std::ptrdiff_t kDotPrefetch = 256;

template <int R, int C, WeightType W>
void tile(const float* x, std::ptrdiff_t ldx, const Elem<W>* w, std::ptrdiff_t ldw, std::ptrdiff_t depth, float* y,
          std::ptrdiff_t ldy, bool add, const float* bias)
{
    typename V::T acc[R][C];
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r)
#pragma GCC unroll 16
        for (int c = 0; c < C; ++c)
            acc[r][c] = V::zero();
    std::ptrdiff_t k = 0;
    for (; k + V::N <= depth; k += V::N) {
        // The weight rows are fetched kDotPrefetch elements ahead: with a few tokens the tile is
        // waiting on memory, and the hardware prefetcher alone keeps too few lines in flight
        // (BERT-base at 8 tokens, 2 cores: 12.5 ms a forward against 14.5 without).
        if (k + kDotPrefetch < depth)
#pragma GCC unroll 16
            for (int c = 0; c < C; ++c)
                _mm_prefetch(reinterpret_cast<const char*>(w + c * ldw + k + kDotPrefetch), _MM_HINT_T0);
        typename V::T wv[C];
#pragma GCC unroll 16
        for (int c = 0; c < C; ++c)
            wv[c] = V::template loadWeight<W>(w + c * ldw + k);
#pragma GCC unroll 16
        for (int r = 0; r < R; ++r) {
            typename V::T xv = V::load(x + r * ldx + k);
            // Held in a register for the C products (folded into each multiply-add, the token
            // vector would be loaded C times: the loads, not the multiply-adds, would set the pace).
            asm("" : "+v"(xv));
#pragma GCC unroll 16
            for (int c = 0; c < C; ++c)
                acc[r][c] = V::fma(xv, wv[c], acc[r][c]);
        }
    }
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r)
#pragma GCC unroll 16
        for (int c = 0; c < C; ++c) {
            float s = V::sum(acc[r][c]);
            for (std::ptrdiff_t t = k; t < depth; ++t)  // the last depth % N products
                s += x[r * ldx + t] * scalarWeight<W>(w + c * ldw + t);
            y[r * ldy + c] = add ? y[r * ldy + c] + s : bias ? s + bias[c] : s;
        }
}

template <int R, WeightType W>
void tileRows(int cols, const float* x, std::ptrdiff_t ldx, const Elem<W>* w, std::ptrdiff_t ldw, std::ptrdiff_t depth,
              float* y, std::ptrdiff_t ldy, bool add, const float* bias)
{
    static_assert(kCols == 3, "tileRows spells out 1..3 weight rows");
    if (cols == 3)
        tile<R, 3, W>(x, ldx, w, ldw, depth, y, ldy, add, bias);
    else if (cols == 2)
        tile<R, 2, W>(x, ldx, w, ldw, depth, y, ldy, add, bias);
    else
        tile<R, 1, W>(x, ldx, w, ldw, depth, y, ldy, add, bias);
}

template <WeightType W>
void tileAny(int rows, int cols, const float* x, std::ptrdiff_t ldx, const Elem<W>* w, std::ptrdiff_t ldw,
             std::ptrdiff_t depth, float* y, std::ptrdiff_t ldy, bool add, const float* bias)
{
    static_assert(kMaxRows <= 8, "tileAny spells out 1..8 token rows");
    switch (rows) {
    case 8: if constexpr (kMaxRows >= 8) { tileRows<8, W>(cols, x, ldx, w, ldw, depth, y, ldy, add, bias); return; } [[fallthrough]];
    case 7: if constexpr (kMaxRows >= 7) { tileRows<7, W>(cols, x, ldx, w, ldw, depth, y, ldy, add, bias); return; } [[fallthrough]];
    case 6: if constexpr (kMaxRows >= 6) { tileRows<6, W>(cols, x, ldx, w, ldw, depth, y, ldy, add, bias); return; } [[fallthrough]];
    case 5: if constexpr (kMaxRows >= 5) { tileRows<5, W>(cols, x, ldx, w, ldw, depth, y, ldy, add, bias); return; } [[fallthrough]];
    case 4: tileRows<4, W>(cols, x, ldx, w, ldw, depth, y, ldy, add, bias); return;
    case 3: tileRows<3, W>(cols, x, ldx, w, ldw, depth, y, ldy, add, bias); return;
    case 2: tileRows<2, W>(cols, x, ldx, w, ldw, depth, y, ldy, add, bias); return;
    default: tileRows<1, W>(cols, x, ldx, w, ldw, depth, y, ldy, add, bias); return;
    }
}

template <WeightType W>
void run(const ProductArgs& a, std::ptrdiff_t begin, std::ptrdiff_t end)
{
    const auto* w = static_cast<const Elem<W>*>(a.w);
    // Blocking: a slice of kDepth of the depth at a time, so a tile's token rows (kMaxRows x
    // kDepth floats) stay in L1; weight rows in groups of about 512 KB (of the slice), which stay
    // in L2 while every tile of tokens passes them. Each weight is read from memory once per slice.
    constexpr std::ptrdiff_t kDepth = 1024, kGroupBytes = 1 << 19;
    const std::ptrdiff_t slice = a.depth < kDepth + kDepth / 2 ? a.depth : kDepth;
    std::ptrdiff_t group = kGroupBytes / (static_cast<std::ptrdiff_t>(sizeof(Elem<W>)) * (slice > 0 ? slice : 1));
    group = group < kCols ? kCols : group / kCols * kCols;
    for (std::ptrdiff_t k0 = 0; k0 < a.depth || k0 == 0; k0 += slice) {
        const std::ptrdiff_t kn = a.depth - k0 < slice + slice / 2 ? a.depth - k0 : slice;
        for (std::ptrdiff_t j0 = begin; j0 < end; j0 += group) {
            const std::ptrdiff_t j1 = j0 + group < end ? j0 + group : end;
            for (std::ptrdiff_t r = 0; r < a.rows; r += kMaxRows) {
                const int rows = static_cast<int>(a.rows - r < kMaxRows ? a.rows - r : kMaxRows);
                for (std::ptrdiff_t j = j0; j < j1; j += kCols) {
                    const int cols = static_cast<int>(j1 - j < kCols ? j1 - j : kCols);
                    tileAny<W>(rows, cols, a.x + r * a.ldx + k0, a.ldx, w + j * a.ldw + k0, a.ldw, kn,
                               a.y + r * a.ldy + j, a.ldy, k0 > 0, a.bias ? a.bias + j : nullptr);
                }
            }
        }
        if (kn != slice)
            break;  // the last slice took the remainder
    }
}

// ---- Many tokens: token panels ----------------------------------------------------------------
// The tokens are first packed in panels of V::N (panel p holds token p*N + lane of every depth k
// at packed[p][k][lane], zero past the last token). A tile of RW weight rows by P panels then
// keeps RW x P accumulators, each holding one output column for N tokens; each step broadcasts
// RW weights (read straight from their rows) and multiplies them into P token vectors. No sums
// across lanes, and a weight is read once per block of tokens.

void packPanels(const ProductArgs& a, float* packed, std::ptrdiff_t panelBegin, std::ptrdiff_t panelEnd)
{
    for (std::ptrdiff_t p = panelBegin; p < panelEnd; ++p) {
        if ((p + 1) * V::N <= a.rows) {  // a full panel: V::N x V::N blocks transposed in registers
            float* panel = packed + p * a.depth * V::N;
            const float* rows = a.x + p * V::N * a.ldx;
            std::ptrdiff_t k = 0;
            for (; k + V::N <= a.depth; k += V::N)
                V::transposeBlock(rows + k, a.ldx, panel + k * V::N);
            for (; k < a.depth; ++k)
                for (int lane = 0; lane < V::N; ++lane)
                    panel[k * V::N + lane] = rows[lane * a.ldx + k];
            continue;
        }
        float* panel = packed + p * a.depth * V::N;
        for (int lane = 0; lane < V::N; ++lane) {
            const std::ptrdiff_t t = p * V::N + lane;
            if (t < a.rows) {
                const float* row = a.x + t * a.ldx;
                for (std::ptrdiff_t k = 0; k < a.depth; ++k)
                    panel[k * V::N + lane] = row[k];
            } else
                for (std::ptrdiff_t k = 0; k < a.depth; ++k)
                    panel[k * V::N + lane] = 0.0f;
        }
    }
}

// Where a tile's sums go: added to (add) or stored in yt, the partial sums kept transposed; and
// when y is not null (the last slice of the depth), written out to y's rows, tokens < `tokens`.
struct TileOut {
    float* yt;
    std::ptrdiff_t ldyt;
    bool add;
    float* y;
    std::ptrdiff_t ldy, tokens;
    const float* bias;  // this tile's first output's bias, or null
    // The next tile's weights (same rows stride), fetched into L2 while this one computes: the
    // first token panels meet each weight straight from memory, and 12 short row streams are more
    // than the hardware prefetcher follows. Null when they are already in cache.
    const float* next;
};

template <int P, int RW>
void panelTile(const float* xp, std::ptrdiff_t panelStride, const float* w, std::ptrdiff_t ldw, std::ptrdiff_t depth,
               const TileOut& o)
{
    typename V::T acc[RW][P];
#pragma GCC unroll 16
    for (int r = 0; r < RW; ++r)
#pragma GCC unroll 4
        for (int p = 0; p < P; ++p)
            acc[r][p] = V::zero();
    for (std::ptrdiff_t k = 0; k < depth; ++k) {
        if (o.next && k % 16 == 0)
#pragma GCC unroll 16
            for (int r = 0; r < RW; ++r)
                _mm_prefetch(reinterpret_cast<const char*>(o.next + r * ldw + k), _MM_HINT_T1);
        typename V::T xv[P];
#pragma GCC unroll 4
        for (int p = 0; p < P; ++p)
            xv[p] = V::load(xp + p * panelStride + k * V::N);
#pragma GCC unroll 16
        for (int r = 0; r < RW; ++r) {
            const typename V::T b = V::broadcast(w + r * ldw + k);
#pragma GCC unroll 4
            for (int p = 0; p < P; ++p)
                acc[r][p] = V::fma(b, xv[p], acc[r][p]);
        }
    }
    if (!o.y) {
#pragma GCC unroll 16
        for (int r = 0; r < RW; ++r)
#pragma GCC unroll 4
            for (int p = 0; p < P; ++p) {
                float* out = o.yt + r * o.ldyt + p * V::N;
                V::store(out, o.add ? V::add(V::load(out), acc[r][p]) : acc[r][p]);
            }
        return;
    }
    alignas(64) float lanes[V::N];
#pragma GCC unroll 16
    for (int r = 0; r < RW; ++r)
#pragma GCC unroll 4
        for (int p = 0; p < P; ++p) {
            V::store(lanes, o.add ? V::add(V::load(o.yt + r * o.ldyt + p * V::N), acc[r][p]) : acc[r][p]);
            const std::ptrdiff_t valid = o.tokens - p * V::N < V::N ? o.tokens - p * V::N : V::N;
            const float b = o.bias ? o.bias[r] : 0.0f;
            for (std::ptrdiff_t lane = 0; lane < valid; ++lane)
                o.y[(p * V::N + lane) * o.ldy + r] = lanes[lane] + b;
        }
}

template <int P>
void panelTileAny(int rows, const float* xp, std::ptrdiff_t panelStride, const float* w, std::ptrdiff_t ldw,
                  std::ptrdiff_t depth, const TileOut& o)
{
    static_assert(kPanelRows <= 12, "panelTileAny spells out 1..12 weight rows");
    switch (rows) {
#define ORDERLENS_PANEL_CASE(n)                                              \
    case n:                                                                  \
        if constexpr (n <= kPanelRows)                                       \
            panelTile<P, n>(xp, panelStride, w, ldw, depth, o);                \
        return;
    ORDERLENS_PANEL_CASE(12) ORDERLENS_PANEL_CASE(11) ORDERLENS_PANEL_CASE(10) ORDERLENS_PANEL_CASE(9)
    ORDERLENS_PANEL_CASE(8) ORDERLENS_PANEL_CASE(7) ORDERLENS_PANEL_CASE(6) ORDERLENS_PANEL_CASE(5)
    ORDERLENS_PANEL_CASE(4) ORDERLENS_PANEL_CASE(3) ORDERLENS_PANEL_CASE(2)
#undef ORDERLENS_PANEL_CASE
    default: panelTile<P, 1>(xp, panelStride, w, ldw, depth, o); return;
    }
}

template <WeightType W>
void widenRows(const Elem<W>* w, std::ptrdiff_t ldw, std::ptrdiff_t rows, std::ptrdiff_t depth, float* out)
{
    for (std::ptrdiff_t r = 0; r < rows; ++r)
        for (std::ptrdiff_t k = 0; k < depth; ++k)
            out[r * depth + k] = scalarWeight<W>(w + r * ldw + k);
}

// Blocking: a slice of kPanelDepth of the depth at a time, so two token panels of it (32 KB) and
// a weight tile of it (12 KB) stay in L1; the weight rows in groups of kPanelGroup (of the slice,
// at most 256 KB), which stay in L2 while every token panel passes them. Partial sums are kept
// transposed (output row j, token lanes) in yt and written out once at the end.
template <WeightType W>
void runPanels(const ProductArgs& a, const float* packed, float* scratch, float* yt, std::ptrdiff_t begin,
               std::ptrdiff_t end)
{
    const auto* w = static_cast<const Elem<W>*>(a.w);
    const std::ptrdiff_t panels = (a.rows + V::N - 1) / V::N, panelStride = a.depth * V::N;
    const std::ptrdiff_t ldyt = panels * V::N;
    for (std::ptrdiff_t k0 = 0; k0 < a.depth; k0 += kPanelDepth) {
        const std::ptrdiff_t kn = a.depth - k0 < kPanelDepth ? a.depth - k0 : kPanelDepth;
        for (std::ptrdiff_t g = begin; g < end; g += kPanelGroup) {
            const std::ptrdiff_t g1 = g + kPanelGroup < end ? g + kPanelGroup : end;
            const float* wf;
            std::ptrdiff_t ldw;
            if constexpr (W == WeightType::F32) {
                wf = w + g * a.ldw + k0;
                ldw = a.ldw;
            } else {  // widened once per slice of the group, then met by every token panel
                widenRows<W>(w + g * a.ldw + k0, a.ldw, g1 - g, kn, scratch);
                wf = scratch;
                ldw = kn;
            }
            for (std::ptrdiff_t p = 0; p < panels; p += kPanels) {
                const float* xp = packed + p * panelStride + k0 * V::N;
                for (std::ptrdiff_t j = g; j < g1; j += kPanelRows) {
                    const int rows = static_cast<int>(g1 - j < kPanelRows ? g1 - j : kPanelRows);
                    const bool last = k0 + kn == a.depth;
                    const float* wj = wf + (j - g) * ldw;
                    const bool fetch = p == 0 && j + 2 * kPanelRows <= g1;
                    const TileOut o{yt ? yt + (j - begin) * ldyt + p * V::N : nullptr, ldyt, k0 > 0,
                                    last ? a.y + p * V::N * a.ldy + j : nullptr, a.ldy, a.rows - p * V::N,
                                    a.bias ? a.bias + j : nullptr,
                                    fetch ? wj + kPanelRows * ldw : nullptr};
                    if (p + kPanels <= panels)
                        panelTileAny<kPanels>(rows, xp, panelStride, wj, ldw, kn, o);
                    else
                        panelTileAny<1>(rows, xp, panelStride, wj, ldw, kn, o);
                }
            }
        }
    }
}

void runPanelsAny(const ProductArgs& a, const float* packed, float* scratch, float* yt, std::ptrdiff_t begin,
                  std::ptrdiff_t end)
{
    switch (a.type) {
    case WeightType::F32:
        runPanels<WeightType::F32>(a, packed, scratch, yt, begin, end);
        return;
    case WeightType::BF16:
        runPanels<WeightType::BF16>(a, packed, scratch, yt, begin, end);
        return;
    case WeightType::F16:
        runPanels<WeightType::F16>(a, packed, scratch, yt, begin, end);
        return;
    }
}

void runAny(const ProductArgs& a, std::ptrdiff_t begin, std::ptrdiff_t end)
{
    switch (a.type) {
    case WeightType::F32:
        run<WeightType::F32>(a, begin, end);
        return;
    case WeightType::BF16:
        run<WeightType::BF16>(a, begin, end);
        return;
    case WeightType::F16:
        run<WeightType::F16>(a, begin, end);
        return;
    }
}
