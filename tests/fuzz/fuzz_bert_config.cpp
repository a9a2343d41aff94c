// libFuzzer entry point for the text files of a HuggingFace BERT folder: config.json,
// tokenizer_config.json and vocab.txt. Any bytes must either parse or be rejected with
// orderlens::Error; what parses must give a tokenizer that runs on the input itself.
// Built and run by tests/fuzz/CMakeLists.txt (preset "fuzz"), for a bounded time in scripts/test.sh.
#include "bert_checkpoint.h"
#include "errors.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace orderlens;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const BertConfig config = parseBertConfig(text, "config.json");
        (void)config;
    } catch (const Error&) {
    }
    try {
        (void)parseTokenizerConfig(text, "tokenizer_config.json", {});
    } catch (const Error&) {
    }
    try {
        std::vector<std::string> words = parseBertVocab(text, "vocab.txt");
        words.insert(words.end(), {"[UNK]", "[CLS]", "[SEP]"});
        auto vocabulary = std::make_shared<const Vocabulary>(Vocabulary::fromOrderedWords(std::move(words), "[UNK]"));
        for (const bool lowerCase : {true, false}) {
            BertTokenizerOptions options;
            options.lowerCase = lowerCase;
            const BertTokenizer tokenizer(vocabulary, options);
            (void)tokenizer.wordPieces(text);
        }
    } catch (const Error&) {
    }
    return 0;
}
