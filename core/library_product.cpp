#include "library_product.h"

#ifdef ORDERLENS_HAVE_DNNL
#include <dnnl.hpp>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <stdexcept>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>
#endif

namespace orderlens {

#ifdef ORDERLENS_HAVE_DNNL
namespace {

// One shape of product: the matmul compiled for it (oneDNN builds a kernel per shape; building
// one costs far more than a small product) and the scratchpad size it asks for.
struct Compiled {
    dnnl::matmul matmul;
    dnnl::memory::desc src, weights, bias, dst;
    size_t scratchpadBytes = 0;
};

// The shape, the strides, the bias and the threads it runs on (oneDNN splits the work when it
// compiles the shape).
// The last entry is whether the tokens and weights are BF16 (bf16Products()).
using Key = std::tuple<std::ptrdiff_t, std::ptrdiff_t, std::ptrdiff_t, std::ptrdiff_t, std::ptrdiff_t, std::ptrdiff_t,
                       bool, int, bool, bool>;

const dnnl::engine& engine()
{
    static const dnnl::engine cpu(dnnl::engine::kind::cpu, 0);
    return cpu;
}

// Each thread keeps its own compiled shapes and scratchpad (the user-managed scratchpad makes
// concurrent products on different threads safe). A sentence brings a handful of shapes; the map
// is cleared past kMaxShapes so a long session of different lengths cannot grow it without bound.
constexpr size_t kMaxShapes = 96;

struct ThreadState {
    std::map<Key, std::unique_ptr<Compiled>> shapes;
    std::vector<unsigned char> scratchpad;
    std::vector<uint16_t> tokens16;  // the tokens rounded to BF16 (bf16Products())
};

ThreadState& state()
{
    thread_local ThreadState s;
    return s;
}

// A compiled product: `packed` null for weights in place (strides (1, ldw)), else the weights in
// that packed layout.
// With `half`, tokens (dense, BF16) and weights (in place, BF16) are 16-bit, the sums float32.
const Compiled* compiled(const kernels::ProductArgs& a, std::ptrdiff_t out, int threads,
                         const dnnl::memory::desc* packed, bool half = false)
{
    using dt = dnnl::memory::data_type;
    using dims = dnnl::memory::dims;
    const Key key{a.rows, a.depth, out, a.ldx, packed ? 0 : a.ldw, a.ldy, a.bias != nullptr, threads, packed != nullptr,
                  half};
    ThreadState& s = state();
    // Packed weights of one shape may come in more than one layout (oneDNN's blocking follows
    // the threads it saw when packing): a compiled product serves only the layout it was made for.
    if (const auto found = s.shapes.find(key);
        found != s.shapes.end() && (!packed || found->second->weights == *packed))
        return found->second.get();
    if (s.shapes.size() >= kMaxShapes)
        s.shapes.clear();
    s.shapes.erase(key);
    auto c = std::make_unique<Compiled>();
    const dt input = half ? dt::bf16 : dt::f32;
    c->src = dnnl::memory::desc(dims{a.rows, a.depth}, input, dims{a.ldx, 1});
    // W (out, in) row-major is the (in, out) right-hand side with strides (1, ldw).
    c->weights = packed ? *packed : dnnl::memory::desc(dims{a.depth, out}, input, dims{1, a.ldw});
    c->dst = dnnl::memory::desc(dims{a.rows, out}, dt::f32, dims{a.ldy, 1});
    if (a.bias)
        c->bias = dnnl::memory::desc(dims{1, out}, dt::f32, dims{out, 1});
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    const auto desc = a.bias ? dnnl::matmul::desc(c->src, c->weights, c->bias, c->dst)
                             : dnnl::matmul::desc(c->src, c->weights, c->dst);
    const dnnl::matmul::primitive_desc pd(desc, attr, engine());
    // oneDNN's reference matmul (no JIT kernel takes the shape or the layout) is far slower than
    // our own kernels: refused, the caller computes it.
    if (std::string_view(pd.impl_info_str()).rfind("ref", 0) == 0 || (packed && pd.weights_desc() != *packed))
        return nullptr;
    c->scratchpadBytes = pd.scratchpad_desc().get_size();
    c->matmul = dnnl::matmul(pd);
    return s.shapes.emplace(key, std::move(c)).first->second.get();
}

bool run(const kernels::ProductArgs& a, std::ptrdiff_t out, const dnnl::memory::desc* packed, bool half = false)
{
    try {
        const Compiled* c = compiled(a, out, omp_in_parallel() ? 1 : omp_get_max_threads(), packed, half);
        if (!c)
            return false;
        ThreadState& s = state();
        if (s.scratchpad.size() < c->scratchpadBytes)
            s.scratchpad.resize(c->scratchpadBytes);
        // oneDNN's memory objects take non-const handles; it only reads src, weights and bias.
        const auto handle = [](const void* p) { return const_cast<void*>(p); };
        std::unordered_map<int, dnnl::memory> args{
            {DNNL_ARG_SRC, dnnl::memory(c->src, engine(), handle(a.x))},
            {DNNL_ARG_WEIGHTS, dnnl::memory(c->weights, engine(), handle(a.w))},
            {DNNL_ARG_DST, dnnl::memory(c->dst, engine(), a.y)},
            {DNNL_ARG_SCRATCHPAD,
             dnnl::memory(dnnl::memory::desc({dnnl::memory::dim(c->scratchpadBytes)}, dnnl::memory::data_type::u8,
                                             dnnl::memory::format_tag::a),
                          engine(), s.scratchpad.data())}};
        if (a.bias)
            args.emplace(DNNL_ARG_BIAS, dnnl::memory(c->bias, engine(), handle(a.bias)));
        dnnl::stream stream(engine());
        c->matmul.execute(stream, args);
        stream.wait();
        return true;
    } catch (const std::exception&) {
        return false;  // a shape oneDNN has no kernel for: the caller's own path computes it
    }
}

std::atomic<bool> packingOn{true};
std::atomic<bool> halfProducts{false};

// x rounded to the nearest BF16 (ties to even; a NaN stays a NaN), row by row into `to`.
void roundToBf16(const float* x, std::ptrdiff_t ldx, std::ptrdiff_t rows, std::ptrdiff_t depth, uint16_t* to)
{
    for (std::ptrdiff_t r = 0; r < rows; ++r) {
        const float* row = x + r * ldx;
        uint16_t* dst = to + r * depth;
        for (std::ptrdiff_t i = 0; i < depth; ++i) {
            uint32_t bits;
            std::memcpy(&bits, row + i, 4);
            const bool nan = (bits & 0x7FFFFFFFu) > 0x7F800000u;
            dst[i] = nan ? static_cast<uint16_t>((bits >> 16) | 0x40u)
                         : static_cast<uint16_t>((bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16);
        }
    }
}

}  // namespace

bool libraryProduct(const kernels::ProductArgs& a, std::ptrdiff_t out)
{
    if (a.type != kernels::WeightType::F32 || a.rows <= 0 || out <= 0 || a.depth <= 0)
        return false;
    return run(a, out, nullptr);
}

bool libraryProductBf16(const kernels::ProductArgs& a, std::ptrdiff_t out)
{
    if (a.type != kernels::WeightType::BF16 || a.rows <= 0 || out <= 0 || a.depth <= 0)
        return false;
    std::vector<uint16_t>& tokens = state().tokens16;
    tokens.resize(size_t(a.rows) * size_t(a.depth));
    roundToBf16(a.x, a.ldx, a.rows, a.depth, tokens.data());
    kernels::ProductArgs half = a;
    half.x = reinterpret_cast<const float*>(tokens.data());  // oneDNN reads it as BF16
    half.ldx = a.depth;
    return run(half, out, nullptr, true);
}

void useBf16Products(bool use)
{
    halfProducts = use;
}

bool bf16Products()
{
    return halfProducts;
}


struct PackedWeights::Impl {
    std::ptrdiff_t out = 0, depth = 0;
    bool half = false;  // BF16 weights, products with BF16 tokens (packBf16)
    dnnl::memory::desc layout;
    std::unique_ptr<unsigned char, decltype(&std::free)> data{nullptr, &std::free};
    size_t bytes = 0;
};

PackedWeights::PackedWeights(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PackedWeights::~PackedWeights() = default;
std::ptrdiff_t PackedWeights::out() const { return impl_->out; }
std::ptrdiff_t PackedWeights::depth() const { return impl_->depth; }
size_t PackedWeights::bytes() const { return impl_->bytes; }

namespace {

// W's rows in oneDNN's own layout for its matmul, `type` f32 or bf16 (null if it has none).
std::unique_ptr<PackedWeights::Impl> packAs(dnnl::memory::data_type type, const void* w, std::ptrdiff_t out,
                                            std::ptrdiff_t depth, std::ptrdiff_t ldw)
{
    if (!packingOn || out <= 0 || depth <= 0)
        return nullptr;
    using dims = dnnl::memory::dims;
    using dt = dnnl::memory::data_type;
    try {
        // The layout oneDNN's matmul asks for (one token; it is the same for any number).
        const dnnl::memory::desc src(dims{1, depth}, type, dims{depth, 1}),
            any(dims{depth, out}, type, dnnl::memory::format_tag::any), dst(dims{1, out}, dt::f32, dims{out, 1});
        const dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(src, any, dst), engine());
        if (std::string_view(pd.impl_info_str()).rfind("ref", 0) == 0)
            return nullptr;  // no JIT kernel for it on this CPU (e.g. BF16 without AVX-512)
        auto impl = std::make_unique<PackedWeights::Impl>();
        impl->out = out;
        impl->depth = depth;
        impl->half = type == dt::bf16;
        impl->layout = pd.weights_desc();
        impl->bytes = impl->layout.get_size();
        impl->data.reset(static_cast<unsigned char*>(std::aligned_alloc(64, (impl->bytes + 63) / 64 * 64)));
        if (!impl->data)
            return nullptr;
        const dnnl::memory plain(dnnl::memory::desc(dims{depth, out}, type, dims{1, ldw}), engine(),
                                 const_cast<void*>(w));
        dnnl::memory packed(impl->layout, engine(), impl->data.get());
        dnnl::stream stream(engine());
        dnnl::reorder(plain, packed).execute(stream, const_cast<dnnl::memory&>(plain), packed);
        stream.wait();
        return impl;
    } catch (const std::exception&) {
        return nullptr;
    }
}

}  // namespace

bool bf16ProductsAvailable()
{
    static const bool available = [] {
        const uint16_t one = 0x3F80;  // 1.0
        return packAs(dnnl::memory::data_type::bf16, &one, 1, 1, 1) != nullptr;
    }();
    return available;
}

std::shared_ptr<const PackedWeights> PackedWeights::pack(const float* w, std::ptrdiff_t out, std::ptrdiff_t depth,
                                                         std::ptrdiff_t ldw)
{
    auto impl = packAs(dnnl::memory::data_type::f32, w, out, depth, ldw);
    return impl ? std::shared_ptr<const PackedWeights>(new PackedWeights(std::move(impl))) : nullptr;
}

std::shared_ptr<const PackedWeights> PackedWeights::packBf16(const uint16_t* w, std::ptrdiff_t out,
                                                             std::ptrdiff_t depth, std::ptrdiff_t ldw)
{
    auto impl = packAs(dnnl::memory::data_type::bf16, w, out, depth, ldw);
    return impl ? std::shared_ptr<const PackedWeights>(new PackedWeights(std::move(impl))) : nullptr;
}

bool PackedWeights::bf16() const
{
    return impl_->half;
}

bool PackedWeights::product(const float* x, std::ptrdiff_t ldx, std::ptrdiff_t rows, const float* bias, float* y,
                            std::ptrdiff_t ldy) const
{
    if (rows <= 0)
        return rows == 0;
    if (impl_->half) {  // the tokens rounded to BF16, back to back
        std::vector<uint16_t>& tokens = state().tokens16;
        tokens.resize(size_t(rows) * size_t(impl_->depth));
        roundToBf16(x, ldx, rows, impl_->depth, tokens.data());
        const kernels::ProductArgs a{reinterpret_cast<const float*>(tokens.data()), impl_->depth, rows, impl_->depth,
                                     impl_->data.get(), 0, kernels::WeightType::BF16, y, ldy, bias};
        return run(a, impl_->out, &impl_->layout, true);
    }
    // oneDNN's kernels for packed weights take the tokens' rows back to back: rows of a wider
    // matrix are copied together first (few floats beside the product).
    std::vector<float> dense;
    if (ldx != impl_->depth) {
        dense.resize(size_t(rows) * size_t(impl_->depth));
        for (std::ptrdiff_t r = 0; r < rows; ++r)
            std::copy_n(x + r * ldx, impl_->depth, dense.data() + r * impl_->depth);
        x = dense.data();
        ldx = impl_->depth;
    }
    const kernels::ProductArgs a{x, ldx, rows, impl_->depth, impl_->data.get(), 0, kernels::WeightType::F32, y, ldy, bias};
    return run(a, impl_->out, &impl_->layout);
}

void PackedWeights::unpack(void* w) const
{
    using dt = dnnl::memory::data_type;
    using dims = dnnl::memory::dims;
    try {
        dnnl::memory packed(impl_->layout, engine(), impl_->data.get());
        dnnl::memory plain(dnnl::memory::desc(dims{impl_->depth, impl_->out}, impl_->half ? dt::bf16 : dt::f32,
                                              dims{1, impl_->depth}),
                           engine(), w);
        dnnl::stream stream(engine());
        dnnl::reorder(packed, plain).execute(stream, packed, plain);
        stream.wait();
    } catch (const dnnl::error& e) {
        throw std::runtime_error(std::string("oneDNN could not unpack a weight matrix: ") + e.what());
    }
}

void usePackedWeights(bool use)
{
    packingOn = use;
}

bool hasLibraryProduct()
{
    return true;
}

const char* libraryProductName()
{
    static const std::string name = [] {
        const dnnl_version_t* v = dnnl_version();
        char text[64];
        std::snprintf(text, sizeof text, "oneDNN %d.%d.%d", v->major, v->minor, v->patch);
        return std::string(text);
    }();
    return name.c_str();
}

#else

struct PackedWeights::Impl {};
PackedWeights::PackedWeights(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PackedWeights::~PackedWeights() = default;
std::ptrdiff_t PackedWeights::out() const { return 0; }
std::ptrdiff_t PackedWeights::depth() const { return 0; }
size_t PackedWeights::bytes() const { return 0; }
std::shared_ptr<const PackedWeights> PackedWeights::pack(const float*, std::ptrdiff_t, std::ptrdiff_t, std::ptrdiff_t)
{
    return nullptr;
}
bool PackedWeights::product(const float*, std::ptrdiff_t, std::ptrdiff_t, const float*, float*, std::ptrdiff_t) const
{
    return false;
}
std::shared_ptr<const PackedWeights> PackedWeights::packBf16(const uint16_t*, std::ptrdiff_t, std::ptrdiff_t,
                                                             std::ptrdiff_t)
{
    return nullptr;
}
bool PackedWeights::bf16() const
{
    return false;
}
void PackedWeights::unpack(void*) const {}
void usePackedWeights(bool) {}

bool hasLibraryProduct()
{
    return false;
}

bool libraryProduct(const kernels::ProductArgs&, std::ptrdiff_t)
{
    return false;
}

bool libraryProductBf16(const kernels::ProductArgs&, std::ptrdiff_t)
{
    return false;
}

void useBf16Products(bool) {}

bool bf16ProductsAvailable()
{
    return false;
}

bool bf16Products()
{
    return false;
}

const char* libraryProductName()
{
    return "none";
}

#endif

}  // namespace orderlens
