// The four real tokenizers (GPT-2 from vocab.json + merges.txt, Qwen3, LLaMA 2, LLaMA 3 from
// tokenizer.json) against HuggingFace's tokenizers on every text of
// tests/fixtures/tokenizer_corpus.json, id for id, with and without special tokens, and their
// offsets. The expected values come from tests/tokenizer/generate_reference.js; the tokenizer files
// from scripts/fetch-tokenizers.sh (scripts/test.sh runs it first), found in
// $ORDERLENS_TOKENIZER_DIR or build/tokenizers.
#include "hf_tokenizer.h"

#include "file_io.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <sys/stat.h>

namespace orderlens {
namespace {

using nlohmann::json;

std::string tokenizerDir()
{
    const char* env = std::getenv("ORDERLENS_TOKENIZER_DIR");
    return env && *env ? env : std::string(ORDERLENS_SOURCE_DIR) + "/build/tokenizers";
}

bool exists(const std::string& path)
{
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0;
}

json readJson(const std::string& path) { return json::parse(readRegularFile(path, 64u << 20)); }

std::string quoted(const std::string& s) { return json(s).dump(); }

class RealTokenizer : public testing::TestWithParam<std::string> {};

TEST_P(RealTokenizer, MatchesHuggingFaceIdForIdOnTheCorpus)
{
    const std::string name = GetParam();
    const std::string folder = tokenizerDir() + "/" + name;
    if (!exists(folder + "/.sha256"))
        GTEST_SKIP() << "the " << name << " tokenizer files are not in " << folder
                     << " (run scripts/fetch-tokenizers.sh; scripts/test.sh does)";
    const auto tokenizer = HfTokenizer::open(folder);
    const json corpus = readJson(std::string(ORDERLENS_SOURCE_DIR) + "/tests/fixtures/tokenizer_corpus.json");
    const json reference = readJson(std::string(ORDERLENS_SOURCE_DIR) + "/tests/fixtures/tokenizer_reference/" + name + ".json");
    ASSERT_EQ(reference["texts"].get<size_t>(), corpus.size()) << "regenerate the reference for the corpus";
    int idMismatches = 0, specialMismatches = 0, offsetMismatches = 0;
    size_t tokens = 0;
    for (size_t k = 0; k < corpus.size(); ++k) {
        const std::string text = corpus[k].get<std::string>();
        const HfEncoding plain = tokenizer->encode(text, false);
        const auto expected = reference["ids"][k].get<std::vector<int>>();
        tokens += expected.size();
        if (plain.ids() != expected && ++idMismatches <= 5) {
            std::string got;
            for (const EncodedToken& t : plain.tokens)
                got += std::to_string(t.id) + ":" + quoted(t.token) + " ";
            ADD_FAILURE() << name << " text " << k << " " << quoted(text) << "\n expected " << json(expected).dump()
                          << "\n got      " << got;
        }
        const auto expectedSpecial = reference["ids_with_special_tokens"][k].get<std::vector<int>>();
        if (tokenizer->encode(text, true).ids() != expectedSpecial && ++specialMismatches <= 5)
            ADD_FAILURE() << name << " text " << k << " with special tokens " << quoted(text) << "\n expected "
                          << json(expectedSpecial).dump() << "\n got " << json(tokenizer->encode(text, true).ids()).dump();
        std::vector<uint32_t> offsets;
        for (const EncodedToken& t : plain.tokens) {
            offsets.push_back(t.offsets.start);
            offsets.push_back(t.offsets.end);
        }
        const auto expectedOffsets = reference["offsets"][k].get<std::vector<uint32_t>>();
        if (plain.ids() == expected && offsets != expectedOffsets && ++offsetMismatches <= 5)
            ADD_FAILURE() << name << " text " << k << " offsets " << quoted(text) << "\n expected " << json(expectedOffsets).dump()
                          << "\n got      " << json(offsets).dump();
    }
    std::printf("%s: %zu texts, %zu tokens; mismatches: ids %d, with special tokens %d, offsets %d\n", name.c_str(),
                corpus.size(), tokens, idMismatches, specialMismatches, offsetMismatches);
    EXPECT_EQ(idMismatches, 0);
    EXPECT_EQ(specialMismatches, 0);
    EXPECT_EQ(offsetMismatches, 0);
}

INSTANTIATE_TEST_SUITE_P(Families, RealTokenizer, testing::Values("gpt2", "qwen3", "llama2", "llama3"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace orderlens
