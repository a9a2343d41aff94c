// Each component of the tokenizer.json reader on small hand-written tokenizers
// (tests/tokenizer/component_cases.js) against HuggingFace's outputs for them
// (tests/fixtures/tokenizer_reference/components.json): ids, tokens and offsets with and
// without special tokens, and the decoded text.
#include "hf_tokenizer.h"

#include "file_io.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace orderlens {
namespace {

using nlohmann::json;

const json& reference()
{
    static const json r = json::parse(
        readRegularFile(std::string(ORDERLENS_SOURCE_DIR) + "/tests/fixtures/tokenizer_reference/components.json", 16u << 20));
    return r;
}

std::vector<std::string> caseNames()
{
    std::vector<std::string> names;
    for (const json& c : reference()["cases"])
        names.push_back(c["name"].get<std::string>());
    return names;
}

class Component : public testing::TestWithParam<std::string> {};

TEST_P(Component, MatchesHuggingFace)
{
    const json* found = nullptr;
    for (const json& c : reference()["cases"])
        if (c["name"] == GetParam())
            found = &c;
    ASSERT_NE(found, nullptr);
    json tokenizerJson = (*found)["tokenizer"];
    if (tokenizerJson["model"].is_string())
        tokenizerJson["model"] = reference()["models"][tokenizerJson["model"].get<std::string>()];
    const auto tokenizer = HfTokenizer::fromJson(tokenizerJson.dump(), GetParam());
    ASSERT_GT((*found)["results"].size(), 0u);
    for (const json& r : (*found)["results"]) {
        const std::string text = r["text"].get<std::string>();
        SCOPED_TRACE("text " + json(text).dump());
        const HfEncoding e = tokenizer->encode(text, false);
        std::vector<std::string> tokens;
        std::vector<uint32_t> offsets;
        for (const EncodedToken& t : e.tokens) {
            tokens.push_back(t.token);
            offsets.push_back(t.offsets.start);
            offsets.push_back(t.offsets.end);
        }
        EXPECT_EQ(json(e.ids()), r["ids"]);
        EXPECT_EQ(json(tokens), r["tokens"]);
        EXPECT_EQ(json(offsets), r["offsets"]);
        const HfEncoding s = tokenizer->encode(text, true);
        std::vector<std::string> specialTokens;
        for (const EncodedToken& t : s.tokens)
            specialTokens.push_back(t.token);
        EXPECT_EQ(json(s.ids()), r["ids_with_special_tokens"]);
        EXPECT_EQ(json(specialTokens), r["tokens_with_special_tokens"]);
        EXPECT_EQ(tokenizer->decode(e.ids()), r["decoded"].get<std::string>());
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, Component, testing::ValuesIn(caseNames()), [](const auto& info) { return info.param; });

}  // namespace
}  // namespace orderlens
