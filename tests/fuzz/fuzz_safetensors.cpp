// libFuzzer entry point: any bytes must either parse or be rejected with orderlens::Error, and a
// parsed file must convert every float tensor without reading out of bounds. Any other exception
// escapes and counts as a finding. Built and run by tests/fuzz/CMakeLists.txt (preset "fuzz").
#include "errors.h"
#include "safetensors.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace orderlens;
    try {
        const SafetensorsFile file = SafetensorsFile::parse(data, size, "fuzz.safetensors");
        for (const std::string& name : file.names()) {
            const TensorInfo& info = file.info(name);
            if (info.shape.size() == 1 || info.shape.size() == 2) {
                try {
                    const Matrix m = file.matrix(name, info.shape);
                    volatile float sink = m.size() ? m.data()[m.size() - 1] : 0.f;
                    (void)sink;
                } catch (const Error&) {
                    // dtypes OrderLens does not convert
                }
            }
            if (const float* values = file.f32Data(name); values && info.end > info.begin) {
                volatile float last = values[(info.end - info.begin) / sizeof(float) - 1];
                (void)last;
            }
        }
    } catch (const Error&) {
        // rejected with a message: the expected outcome for most inputs
    }
    return 0;
}
