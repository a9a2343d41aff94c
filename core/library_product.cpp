#include "library_product.h"

#ifdef ORDERLENS_HAVE_DNNL
#include <dnnl.hpp>
#include <omp.h>

#include <cstdio>
#include <exception>
#include <map>
#include <memory>
#include <string>
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
using Key = std::tuple<std::ptrdiff_t, std::ptrdiff_t, std::ptrdiff_t, std::ptrdiff_t, std::ptrdiff_t, std::ptrdiff_t,
                       bool, int>;

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
};

ThreadState& state()
{
    thread_local ThreadState s;
    return s;
}

const Compiled* compiled(const kernels::ProductArgs& a, std::ptrdiff_t out, int threads)
{
    using dt = dnnl::memory::data_type;
    using dims = dnnl::memory::dims;
    const Key key{a.rows, a.depth, out, a.ldx, a.ldw, a.ldy, a.bias != nullptr, threads};
    ThreadState& s = state();
    if (const auto found = s.shapes.find(key); found != s.shapes.end())
        return found->second.get();
    if (s.shapes.size() >= kMaxShapes)
        s.shapes.clear();
    auto c = std::make_unique<Compiled>();
    c->src = dnnl::memory::desc(dims{a.rows, a.depth}, dt::f32, dims{a.ldx, 1});
    // W (out, in) row-major is the (in, out) right-hand side with strides (1, ldw).
    c->weights = dnnl::memory::desc(dims{a.depth, out}, dt::f32, dims{1, a.ldw});
    c->dst = dnnl::memory::desc(dims{a.rows, out}, dt::f32, dims{a.ldy, 1});
    if (a.bias)
        c->bias = dnnl::memory::desc(dims{1, out}, dt::f32, dims{out, 1});
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    const auto desc = a.bias ? dnnl::matmul::desc(c->src, c->weights, c->bias, c->dst)
                             : dnnl::matmul::desc(c->src, c->weights, c->dst);
    const dnnl::matmul::primitive_desc pd(desc, attr, engine());
    c->scratchpadBytes = pd.scratchpad_desc().get_size();
    c->matmul = dnnl::matmul(pd);
    return s.shapes.emplace(key, std::move(c)).first->second.get();
}

}  // namespace

bool libraryProduct(const kernels::ProductArgs& a, std::ptrdiff_t out)
{
    if (a.type != kernels::WeightType::F32 || a.rows <= 0 || out <= 0 || a.depth <= 0)
        return false;
    try {
        const Compiled* c = compiled(a, out, omp_in_parallel() ? 1 : omp_get_max_threads());
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

bool hasLibraryProduct()
{
    return false;
}

bool libraryProduct(const kernels::ProductArgs&, std::ptrdiff_t)
{
    return false;
}

const char* libraryProductName()
{
    return "none";
}

#endif

}  // namespace orderlens
