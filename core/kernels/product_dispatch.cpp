#include "product.h"

#include <string_view>

namespace orderlens::kernels {

namespace {
enum class Isa { Avx512, Avx2, None };

Isa detect()
{
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("avx512dq"))
        return Isa::Avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return Isa::Avx2;  // F16C comes with every AVX2 CPU
#endif
    return Isa::None;
}

Isa& chosen()
{
    static Isa current = detect();
    return current;
}

Isa isa()
{
    return chosen();
}
}  // namespace

bool useKernel(const char* name)
{
    const std::string_view wanted(name ? name : "");
    const Isa best = detect();
    Isa isa;
    if (wanted == "avx512")
        isa = Isa::Avx512;
    else if (wanted == "avx2")
        isa = Isa::Avx2;
    else if (wanted == "none")
        isa = Isa::None;
    else
        return false;
    if (static_cast<int>(isa) < static_cast<int>(best))  // better than this CPU has
        return false;
    chosen() = isa;
    return true;
}

bool product(const ProductArgs& args, std::ptrdiff_t begin, std::ptrdiff_t end)
{
#if defined(__x86_64__)
    switch (isa()) {
    case Isa::Avx512:
        productAvx512(args, begin, end);
        return true;
    case Isa::Avx2:
        productAvx2(args, begin, end);
        return true;
    case Isa::None:
        break;
    }
#else
    (void)args, (void)begin, (void)end;
#endif
    return false;
}

int panelTokens()
{
#if defined(__x86_64__)
    switch (isa()) {
    case Isa::Avx512:
        return panelTokensAvx512();
    case Isa::Avx2:
        return panelTokensAvx2();
    case Isa::None:
        break;
    }
#endif
    return 0;
}

std::ptrdiff_t packedFloats(std::ptrdiff_t rows, std::ptrdiff_t depth)
{
    const int n = panelTokens();
    return n == 0 ? 0 : (rows + n - 1) / n * n * depth;
}

void pack(const ProductArgs& args, float* packed, std::ptrdiff_t panelBegin, std::ptrdiff_t panelEnd)
{
#if defined(__x86_64__)
    if (isa() == Isa::Avx512)
        packAvx512(args, packed, panelBegin, panelEnd);
    else if (isa() == Isa::Avx2)
        packAvx2(args, packed, panelBegin, panelEnd);
#else
    (void)args, (void)packed, (void)panelBegin, (void)panelEnd;
#endif
}

void panelProduct(const ProductArgs& args, const float* packed, float* scratch, float* yt, std::ptrdiff_t begin,
                  std::ptrdiff_t end)
{
#if defined(__x86_64__)
    if (isa() == Isa::Avx512)
        panelProductAvx512(args, packed, scratch, yt, begin, end);
    else if (isa() == Isa::Avx2)
        panelProductAvx2(args, packed, scratch, yt, begin, end);
#else
    (void)args, (void)packed, (void)scratch, (void)yt, (void)begin, (void)end;
#endif
}

const char* productKernel()
{
    switch (isa()) {
    case Isa::Avx512:
        return "avx512";
    case Isa::Avx2:
        return "avx2";
    case Isa::None:
        break;
    }
    return "none";
}

}  // namespace orderlens::kernels
