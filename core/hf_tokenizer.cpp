#include "hf_tokenizer.h"

#include "file_io.h"
#include "post_processor.h"
#include "pre_tokenizer.h"
#include "subword_model.h"
#include "text_normalizer.h"
#include "token_decoder.h"
#include "tokenizer_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_set>

#include <sys/stat.h>

namespace orderlens {

namespace {

using tokenizer_json::Json;

// Deeper nesting than any tokenizer.json has is refused before parsing.
void checkDepth(std::string_view text)
{
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > HfTokenizer::kMaxJsonDepth)
                throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the JSON is nested more than %1 levels deep"),
                                {std::to_string(HfTokenizer::kMaxJsonDepth)});
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
}

Json parseJson(std::string_view text)
{
    checkDepth(text);
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "it is not valid JSON (byte %1)"), {std::to_string(e.byte)});
    }
}

bool isFolder(const std::string& path)
{
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool exists(const std::string& path)
{
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0;
}

std::vector<AddedToken> readAddedTokens(const Json& root)
{
    using namespace tokenizer_json;
    std::vector<AddedToken> out;
    const auto it = root.find("added_tokens");
    if (it == root.end() || it->is_null())
        return out;
    if (!it->is_array() || it->size() > kMaxVocabulary)
        throw tokenizer_json::wrongType("tokenizer.json", "added_tokens", tokenizer_json::Expected::Array);
    for (const Json& t : *it) {
        const std::string where = "added_tokens";
        if (!t.is_object())
            throw wrongType("added_tokens", "added_tokens", Expected::Object);
        AddedToken a;
        a.id = static_cast<int>(intField(t, "id", -1, 0, static_cast<int64_t>(2 * kMaxVocabulary), where));
        if (a.id < 0)
            throw wrongType(where, "id", Expected::Integer);
        a.content = stringField(t, "content", where);
        if (a.content.size() > kMaxTokenBytes)
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "a vocabulary entry is %1 bytes long, expected at most %2"),
                            {std::to_string(a.content.size()), std::to_string(kMaxTokenBytes)});
        a.special = boolField(t, "special", false, where);
        a.singleWord = boolField(t, "single_word", false, where);
        a.lstrip = boolField(t, "lstrip", false, where);
        a.rstrip = boolField(t, "rstrip", false, where);
        a.normalized = boolField(t, "normalized", !a.special, where);
        out.push_back(std::move(a));
    }
    return out;
}

// "<s>" or {"content": "<s>", ...}; absent or null: "".
std::string configToken(const Json& config, const char* name)
{
    const auto it = config.find(name);
    if (it == config.end() || it->is_null())
        return "";
    if (it->is_string())
        return it->get<std::string>();
    if (it->is_object() && it->contains("content") && (*it)["content"].is_string())
        return (*it)["content"].get<std::string>();
    throw tokenizer_json::wrongType("tokenizer_config.json", name, tokenizer_json::Expected::TokenName);
}

// GPT-2's folder form, as transformers' GPT2TokenizerFast turns it into a tokenizer.json.
Json gpt2Json(const std::string& folder)
{
    const std::string vocabPath = folder + "/vocab.json", mergesPath = folder + "/merges.txt";
    Json vocab;
    try {
        vocab = parseJson(readRegularFile(vocabPath, HfTokenizer::kMaxFileBytes));
    } catch (const Error& e) {
        throw errorInFile(vocabPath, e);
    }
    Json merges = Json::array();
    const std::string text = readRegularFile(mergesPath, HfTokenizer::kMaxFileBytes);
    size_t line = 0;
    for (size_t at = 0; at < text.size(); ++line) {
        size_t end = text.find('\n', at);
        if (end == std::string::npos)
            end = text.size();
        std::string item = text.substr(at, end - at);
        if (!item.empty() && item.back() == '\r')
            item.pop_back();
        at = end + 1;
        if (item.empty() || (line == 0 && item.rfind("#version", 0) == 0))
            continue;
        merges.push_back(std::move(item));
    }
    Json root;
    root["model"] = {{"type", "BPE"},
                     {"unk_token", nullptr},
                     {"continuing_subword_prefix", ""},
                     {"end_of_word_suffix", ""},
                     {"fuse_unk", false},
                     {"byte_fallback", false},
                     {"vocab", std::move(vocab)},
                     {"merges", std::move(merges)}};
    root["pre_tokenizer"] = {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}};
    root["post_processor"] = {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", false}, {"use_regex", true}};
    root["decoder"] = {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", true}, {"use_regex", true}};
    root["added_tokens"] = Json::array();
    const auto eot = root["model"]["vocab"].find("<|endoftext|>");
    if (eot != root["model"]["vocab"].end() && eot->is_number_integer())
        root["added_tokens"].push_back({{"id", *eot}, {"content", "<|endoftext|>"}, {"single_word", false}, {"lstrip", false},
                                        {"rstrip", false}, {"normalized", true}, {"special", true}});
    return root;
}

}  // namespace

std::vector<int> HfEncoding::ids() const
{
    std::vector<int> out;
    out.reserve(tokens.size());
    for (const EncodedToken& t : tokens)
        out.push_back(t.id);
    return out;
}

HfTokenizer::HfTokenizer() = default;
HfTokenizer::~HfTokenizer() = default;

std::shared_ptr<const HfTokenizer> HfTokenizer::fromJson(std::string_view json, const std::string& source)
{
    try {
        const Json root = parseJson(json);
        if (!root.is_object())
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "it is not a tokenizer.json (no \"model\" object)"), {});
        return fromRoot(root);
    } catch (const Error& e) {
        throw errorInFile(source, e);
    }
}

std::shared_ptr<const HfTokenizer> HfTokenizer::open(const std::string& path)
{
    if (!isFolder(path))
        return fromJson(readRegularFile(path, kMaxFileBytes), path);
    std::shared_ptr<HfTokenizer> tokenizer;
    const std::string json = path + "/tokenizer.json";
    if (exists(json)) {
        tokenizer = std::const_pointer_cast<HfTokenizer>(fromJson(readRegularFile(json, kMaxFileBytes), json));
    } else if (exists(path + "/vocab.json") && exists(path + "/merges.txt")) {
        try {
            tokenizer = fromRoot(gpt2Json(path));
        } catch (const Error& e) {
            throw errorInFile(path + "/merges.txt", e);
        }
    } else {
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the folder '%1' has neither tokenizer.json nor vocab.json and merges.txt"),
                        {path});
    }
    const std::string configPath = path + "/tokenizer_config.json";
    if (exists(configPath)) {
        try {
            const Json config = parseJson(readRegularFile(configPath, 16ull << 20));
            const auto flag = [&config](const char* name) -> std::optional<bool> {
                const auto it = config.find(name);
                if (it == config.end() || it->is_null())
                    return std::nullopt;
                if (!it->is_boolean())
                    throw tokenizer_json::wrongType("tokenizer_config.json", name, tokenizer_json::Expected::Boolean);
                return it->get<bool>();
            };
            const auto bos = flag("add_bos_token"), eos = flag("add_eos_token");
            if (config.is_object() && (bos.value_or(false) || eos.value_or(false)))
                tokenizer->setBosEos(bos.value_or(false) ? configToken(config, "bos_token") : "",
                                     eos.value_or(false) ? configToken(config, "eos_token") : "", configPath);
        } catch (const Error& e) {
            throw errorInFile(configPath, e);
        }
    }
    return tokenizer;
}

void HfTokenizer::setBosEos(const std::string& bos, const std::string& eos, const std::string& source)
{
    EncodedToken b, e;
    for (auto [token, name] : {std::pair{&b, &bos}, std::pair{&e, &eos}}) {
        if (name->empty())
            continue;
        token->id = idOf(*name);
        if (token->id < 0)
            throw errorInFile(source, fileError(QT_TRANSLATE_NOOP("orderlens::core", "the token '%1' is not in the vocabulary"), {*name}));
        token->token = *name;
        token->special = true;
    }
    postProcessor_ = bosEosProcessor(b, e);
}

std::shared_ptr<HfTokenizer> HfTokenizer::fromRoot(const nlohmann::json& root)
{
    using namespace tokenizer_json;
    std::shared_ptr<HfTokenizer> t(new HfTokenizer());
    // Parts of a tokenizer.json that change what the model sees and that OrderLens does not do.
    for (const char* field : {"truncation", "padding"})
        if (root.contains(field) && !root[field].is_null())
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "\"%1\" is set; OrderLens reads tokenizers without %1"), {field});
    const auto component = [&root](const char* name) -> const Json* {
        const auto it = root.find(name);
        return it == root.end() || it->is_null() ? nullptr : &*it;
    };
    if (!component("model"))
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "it is not a tokenizer.json (no \"model\" object)"), {});
    if (const Json* c = component("normalizer"))
        t->normalizer_ = readNormalizer(*c);
    if (const Json* c = component("pre_tokenizer"))
        t->preTokenizer_ = readPreTokenizer(*c);
    t->model_ = readSubwordModel(*component("model"));
    if (const Json* c = component("post_processor"))
        t->postProcessor_ = readPostProcessor(*c);
    if (const Json* c = component("decoder"))
        t->decoder_ = readDecoder(*c);
    // Ids as HuggingFace's add_tokens gives them, in file order (the file's "id" is not used): a
    // vocabulary entry keeps its id, a token seen before its first id, any other the next id after
    // the vocabulary and the tokens added so far.
    std::vector<AddedToken> added;
    std::unordered_set<std::string> seen;
    int64_t top = -1;  // the largest id given so far
    const auto size = static_cast<int64_t>(t->model_->vocabularySize());
    for (AddedToken& a : readAddedTokens(root)) {
        if (!seen.insert(a.content).second)
            continue;
        if (const int id = t->model_->idOf(a.content); id >= 0)
            a.id = id;
        else
            a.id = static_cast<int>(top < 0 ? size : top >= size || size == 0 ? top + 1 : size);
        top = std::max<int64_t>(top, a.id);
        added.push_back(std::move(a));
    }
    t->added_ = AddedTokens(std::move(added), t->normalizer_.get());
    if (t->decoder_)
        t->decoder_->describe(t->reading_);
    if (t->preTokenizer_ && t->preTokenizer_->isByteLevel())
        t->reading_.byteLevel = true;
    // <0xE7> reads as its byte whenever the model makes such tokens, decoder or not.
    if (const Json& m = *component("model"); m.is_object() && m.contains("byte_fallback") && m["byte_fallback"] == true)
        t->reading_.byteFallback = true;
    return t;
}

HfEncoding HfTokenizer::encode(std::string_view text, bool addSpecialTokens) const
{
    std::u32string codePoints;
    if (!toCodePoints(text, codePoints))
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "the text is not valid UTF-8"), {});
    std::vector<TextPiece> pieces = added_.extractAndNormalize(NormalizedText::original(codePoints), normalizer_.get());
    if (preTokenizer_)
        preTokenizer_->split(pieces);
    HfEncoding e;
    std::vector<SubwordPiece> subwords;
    for (const TextPiece& p : pieces) {
        if (p.addedTokenId >= 0) {
            const AddedToken* a = added_.byId(p.addedTokenId);
            EncodedToken t;
            t.id = p.addedTokenId;
            t.token = toUtf8(p.text.text);
            t.offsets = p.text.originalSpan(0, p.text.size());
            t.special = a && a->special;
            e.tokens.push_back(std::move(t));
            continue;
        }
        if (p.text.empty())
            continue;
        subwords.clear();
        model_->tokenize(p.text.text, subwords);
        for (const SubwordPiece& s : subwords) {
            EncodedToken t;
            t.id = s.id;
            const std::string* entry = model_->tokenOf(s.id);
            t.token = entry ? *entry : std::string();
            t.offsets = p.text.originalSpan(s.begin, s.end);
            e.tokens.push_back(std::move(t));
        }
    }
    if (postProcessor_)
        postProcessor_->process(e.tokens, addSpecialTokens);
    e.readings = readTokens(e.tokens, reading_);
    return e;
}

std::string HfTokenizer::decode(const std::vector<int>& ids) const
{
    std::vector<std::string> tokens;
    for (int id : ids)
        if (added_.byId(id))
            tokens.push_back(added_.decodedText(id));
        else if (const std::string* s = model_->tokenOf(id))
            tokens.push_back(*s);
    if (!decoder_) {
        std::string out;
        for (size_t i = 0; i < tokens.size(); ++i)
            out += (i ? " " : "") + tokens[i];
        return out;
    }
    std::string out;
    for (const std::string& s : decoder_->decodeChain(std::move(tokens)))
        out += s;
    return out;
}

int HfTokenizer::idOf(const std::string& token) const
{
    if (const AddedToken* a = added_.byContent(token))
        return a->id;
    return model_->idOf(token);
}

std::string HfTokenizer::tokenOf(int id) const
{
    if (const AddedToken* a = added_.byId(id))
        return a->content;
    const std::string* s = model_->tokenOf(id);
    return s ? *s : std::string();
}

}  // namespace orderlens
