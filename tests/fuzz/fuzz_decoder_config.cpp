// libFuzzer entry point for a decoder folder's config.json (GPT-2, LLaMA, Qwen): any bytes must
// either parse or be rejected with orderlens::Error; what parses must give finite RoPE
// frequencies and scaling for any length up to the longest input.
// Built and run by tests/fuzz/CMakeLists.txt (preset "fuzz"), for a bounded time in scripts/test.sh.
#include "decoder.h"
#include "errors.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace orderlens;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)isDecoderConfig(text);
    try {
        const DecoderConfig config = parseDecoderConfig(text, "config.json");
        if (config.rotary())
            for (const int length : {1, 7, config.max_positions, config.max_positions + 1, 4096}) {
                const auto f = config.ropeFrequencies(length);
                if (f.inverse.size() != static_cast<size_t>(config.head_dim / 2) || !std::isfinite(f.attentionScaling))
                    std::abort();
                for (const double v : f.inverse)
                    if (!std::isfinite(v) || v < 0)
                        std::abort();
            }
    } catch (const Error&) {
    }
    return 0;
}
