// libFuzzer entry point for the built-in models' word tokenizer: the input is a lexicon text
// ("word<TAB>class" lines), a NUL byte, then a sentence (no NUL: the sentence alone, over the
// built-in lexicon). A lexicon must parse or be refused with orderlens::Error; a sentence must
// tokenize (or be refused as blank) into tokens that cover it exactly: their texts, joined, are
// the sentence (spaces aside), every known token is that vocabulary word, positions count up.
// Built and run by tests/fuzz/CMakeLists.txt (preset "fuzz"), for a bounded time in scripts/test.sh.
#include "errors.h"
#include "tokenizer.h"
#include "vocabulary.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace {

using namespace orderlens;

// The sentence as the tokenizer reads it (invalid bytes as U+FFFD), without the characters it skips.
std::string withoutSpaces(std::string_view text)
{
    std::string out;
    for (const char32_t c : decodeUtf8(text))
        if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x3000 || c == 0xA0 ||
              (c >= 0x2000 && c <= 0x200A)))
            out += encodeUtf8(c);
    return out;
}

void check(bool ok)
{
    if (!ok)
        std::abort();  // a finding: libFuzzer saves the input
}

void tokenizeAndCheck(const Vocabulary& vocabulary, std::string_view sentence)
{
    std::vector<Token> tokens;
    try {
        tokens = LexiconTokenizer(vocabulary).tokenize(sentence);
    } catch (const Error& e) {
        check(e.kind() == ErrorKind::BadInput && withoutSpaces(sentence).empty());
        return;
    }
    std::string joined;
    for (size_t p = 0; p < tokens.size(); ++p) {
        const Token& t = tokens[p];
        check(!t.text.empty() && t.position == static_cast<int>(p));
        check(t.id >= 0 && t.id < vocabulary.size());
        if (t.known())
            check(vocabulary.word(t.id) == t.text && vocabulary.wordClass(t.id) != "special");
        else
            check(t.id == Vocabulary::kUnk);
        joined += t.text;
    }
    check(withoutSpaces(joined) == withoutSpaces(sentence));  // a lexicon word may hold a space
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const size_t nul = input.find('\0');
    if (nul == std::string_view::npos) {
        tokenizeAndCheck(Vocabulary::builtin(), input);
        return 0;
    }
    std::optional<Vocabulary> vocabulary;
    try {
        vocabulary.emplace(Vocabulary::parseLexicon(input.substr(0, nul)));
    } catch (const Error&) {
        return 0;  // refused with a message
    }
    tokenizeAndCheck(*vocabulary, input.substr(nul + 1));
    return 0;
}
