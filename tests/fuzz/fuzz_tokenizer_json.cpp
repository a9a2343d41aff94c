// libFuzzer entry point for the tokenizer.json reader (core/hf_tokenizer.h): any bytes must either
// give a tokenizer or be refused with orderlens::Error (never another exception, a crash or a
// hang); a tokenizer that loads must encode a few texts and the input itself with offsets inside
// the text, one reading per token, and decode what it encoded.
// Built and run by tests/fuzz/CMakeLists.txt (preset "fuzz"), for a bounded time in scripts/test.sh.
#include "errors.h"
#include "hf_tokenizer.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void check(const orderlens::HfTokenizer& tokenizer, std::string_view text)
{
    using namespace orderlens;
    std::u32string codePoints;
    if (!toCodePoints(text, codePoints))
        return;
    for (const bool special : {false, true}) {
        HfEncoding e;
        try {
            e = tokenizer.encode(text, special);
        } catch (const Error&) {
            continue;  // e.g. an unk_token outside the vocabulary, named
        }
        if (e.readings.size() != e.tokens.size())
            std::abort();
        for (const EncodedToken& t : e.tokens)
            if (t.offsets.start > t.offsets.end || t.offsets.end > codePoints.size())
                std::abort();
        (void)tokenizer.decode(e.ids());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace orderlens;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::shared_ptr<const HfTokenizer> tokenizer;
    try {
        tokenizer = HfTokenizer::fromJson(text, "tokenizer.json");
    } catch (const Error&) {
        return 0;
    }
    for (const char* sample : {"猫追老鼠", "The cat chases the mouse.", "  <|endoftext|> <s>x</s>  ", "e\xCC\x81 \xF0\x9F\x98\x80 12345", ""})
        check(*tokenizer, sample);
    check(*tokenizer, text.substr(0, 512));
    return 0;
}
