// libFuzzer entry point for the config of a built-in model file (the "orderlens_config" JSON in the
// safetensors metadata, read by core/config.cpp). The input is that JSON text. It must be refused
// with orderlens::Error or give a config that validates, holds exactly the values the text gives
// (no wrapped, truncated or coerced numbers, finite floats) and survives a to_json round trip. The
// text is then put into a copy of resources/models/sinusoidal.safetensors: the model must load or
// be refused with orderlens::Error, and a model that loads must trace a sentence into finite
// numbers or refuse it with orderlens::Error.
// Built and run by tests/fuzz/CMakeLists.txt (preset "fuzz"), for a bounded time in scripts/test.sh.
#include "config.h"
#include "errors.h"
#include "model.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

using namespace orderlens;

void check(bool ok)
{
    if (!ok)
        std::abort();  // a finding: libFuzzer saves the input
}

// The seed model file split into its header JSON and its tensor bytes.
struct SeedModel {
    nlohmann::json header;
    std::vector<uint8_t> tensorBytes;
};

const SeedModel& seedModel()
{
    static const SeedModel seed = [] {
        std::ifstream in(ORDERLENS_FUZZ_SEED_MODEL, std::ios::binary);
        const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        check(bytes.size() > 8);
        uint64_t headerLength = 0;
        for (int i = 7; i >= 0; --i)
            headerLength = (headerLength << 8) | bytes[static_cast<size_t>(i)];
        check(8 + headerLength <= bytes.size());
        SeedModel s;
        s.header = nlohmann::json::parse(bytes.begin() + 8, bytes.begin() + 8 + static_cast<std::ptrdiff_t>(headerLength));
        s.tensorBytes.assign(bytes.begin() + 8 + static_cast<std::ptrdiff_t>(headerLength), bytes.end());
        return s;
    }();
    return seed;
}

std::vector<uint8_t> modelFileWithConfig(const std::string& configText)
{
    nlohmann::json header = seedModel().header;
    header["__metadata__"]["orderlens_config"] = configText;
    const std::string headerText = header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::vector<uint8_t> file(8);
    for (int i = 0; i < 8; ++i)
        file[static_cast<size_t>(i)] = static_cast<uint8_t>(headerText.size() >> (8 * i));
    file.insert(file.end(), headerText.begin(), headerText.end());
    file.insert(file.end(), seedModel().tensorBytes.begin(), seedModel().tensorBytes.end());
    return file;
}

bool finite(const Matrix& m) { return m.allFinite(); }
bool finite(const std::vector<Matrix>& ms)
{
    for (const Matrix& m : ms)
        if (!m.allFinite())
            return false;
    return true;
}

void checkFinite(const Trace& trace)
{
    check(finite(trace.embedding) && finite(trace.position) && finite(trace.input) && finite(trace.roleProbabilities));
    for (const LayerTrace& layer : trace.layers)
        check(finite(layer.attentionInput) && finite(layer.queries) && finite(layer.keys) && finite(layer.values) &&
              finite(layer.logits) && finite(layer.attention) && finite(layer.output));
    if (trace.terms)
        check(finite(trace.terms->ee) && finite(trace.terms->ep) && finite(trace.terms->pe) && finite(trace.terms->pp) &&
              finite(trace.terms->bias));
}

// An accepted config holds what the text says, not a coerced value: every known field read is
// equal to the text's value (4294967300 is not 4, 1.5 and true are not 1), floats are finite.
void checkReadAsWritten(const nlohmann::json& text, const nlohmann::json& written)
{
    for (const auto& [key, value] : written.items()) {
        if (value.is_number_float())
            check(std::isfinite(value.get<double>()));
        if (!text.contains(key))
            continue;
        const nlohmann::json& given = text.at(key);
        if (value.is_number_float())
            check(given.is_number() && static_cast<float>(given.get<double>()) == value.get<float>());
        else
            check(given == value);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_discarded()) {  // not JSON at all: only the model loader below sees it
        try {
            const ModelConfig config = parsed.get<ModelConfig>();
            config.validate();
            const nlohmann::json written = config;
            check(nlohmann::json(written.get<ModelConfig>()) == written);
            checkReadAsWritten(parsed, written);
        } catch (const Error&) {
        }
    }
    const std::vector<uint8_t> file = modelFileWithConfig(text);
    try {
        const Model model = Model::fromSafetensorsBytes(file.data(), file.size(), "fuzz.safetensors");
        try {
            checkFinite(model.trace("猫追老鼠"));
        } catch (const Error&) {
        }
    } catch (const Error&) {
    }
    return 0;
}
