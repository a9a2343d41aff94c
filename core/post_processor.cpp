#include "post_processor.h"

#include "byte_level.h"
#include "tokenizer_json.h"

namespace orderlens {

namespace {

using tokenizer_json::Json;

// HuggingFace's byte_level::process_offsets.
void trimOffsets(std::vector<EncodedToken>& tokens, bool addPrefixSpace)
{
    const char32_t space = byte_level::charOfByte(' ');
    for (size_t i = 0; i < tokens.size(); ++i) {
        EncodedToken& t = tokens[i];
        const std::u32string s = toCodePoints(t.token);
        uint32_t leading = 0, trailing = 0;
        while (leading < s.size() && (s[leading] == space || isWhiteSpace(s[leading])))
            ++leading;
        while (trailing < s.size() && (s[s.size() - 1 - trailing] == space || isWhiteSpace(s[s.size() - 1 - trailing])))
            ++trailing;
        if (leading > 0) {
            const bool first = i == 0 || t.offsets.start == 0;
            if (first && addPrefixSpace && leading == 1)
                leading = 0;
            t.offsets.start = std::min(t.offsets.start + leading, t.offsets.end);
        }
        if (trailing > 0 && t.offsets.end >= trailing)
            t.offsets.end = std::max(t.offsets.end - trailing, t.offsets.start);
    }
}

class ByteLevelProcessor : public PostProcessor {
public:
    ByteLevelProcessor(bool trim, bool addPrefixSpace) : trim_(trim), addPrefixSpace_(addPrefixSpace) {}
    void process(std::vector<EncodedToken>& tokens, bool) const override
    {
        if (trim_)
            trimOffsets(tokens, addPrefixSpace_);
    }

private:
    bool trim_, addPrefixSpace_;
};

// One item of a template: a special token's ids and pieces, or the sequence.
struct TemplateItem {
    bool sequence = false;
    int typeId = 0;
    std::vector<EncodedToken> special;
};

class TemplateProcessor : public PostProcessor {
public:
    explicit TemplateProcessor(std::vector<TemplateItem> single) : single_(std::move(single)) {}
    void process(std::vector<EncodedToken>& tokens, bool addSpecialTokens) const override
    {
        if (!addSpecialTokens)
            return;
        std::vector<EncodedToken> out;
        for (const TemplateItem& item : single_) {
            if (item.sequence) {
                for (EncodedToken t : tokens) {
                    t.typeId = item.typeId;
                    out.push_back(std::move(t));
                }
            } else {
                for (EncodedToken t : item.special) {
                    t.typeId = item.typeId;
                    out.push_back(std::move(t));
                }
            }
        }
        tokens = std::move(out);
    }

private:
    std::vector<TemplateItem> single_;
};

class Sequence : public PostProcessor {
public:
    explicit Sequence(std::vector<std::unique_ptr<PostProcessor>> steps) : steps_(std::move(steps)) {}
    void process(std::vector<EncodedToken>& tokens, bool addSpecialTokens) const override
    {
        for (const auto& s : steps_)
            s->process(tokens, addSpecialTokens);
    }

private:
    std::vector<std::unique_ptr<PostProcessor>> steps_;
};

// Roberta: optional offset trimming, then <s> A </s>. Bert: [CLS] A [SEP].
class WrapProcessor : public PostProcessor {
public:
    WrapProcessor(EncodedToken cls, EncodedToken sep, bool trim, bool addPrefixSpace)
        : cls_(std::move(cls)), sep_(std::move(sep)), trim_(trim), addPrefixSpace_(addPrefixSpace)
    {
    }
    void process(std::vector<EncodedToken>& tokens, bool addSpecialTokens) const override
    {
        if (trim_)
            trimOffsets(tokens, addPrefixSpace_);
        if (!addSpecialTokens)
            return;
        tokens.insert(tokens.begin(), cls_);
        tokens.push_back(sep_);
    }

private:
    EncodedToken cls_, sep_;
    bool trim_, addPrefixSpace_;
};

EncodedToken specialPair(const Json& c, const char* name, const std::string& where)
{
    const auto it = c.find(name);
    if (it == c.end() || !it->is_array() || it->size() != 2 || !(*it)[0].is_string() || !(*it)[1].is_number_integer() ||
        (*it)[1].get<int64_t>() < 0 || (*it)[1].get<int64_t>() > (1 << 30))
        throw tokenizer_json::wrongType(where, name, tokenizer_json::Expected::TokenAndId);
    EncodedToken t;
    t.token = (*it)[0].get<std::string>();
    t.id = (*it)[1].get<int>();
    t.special = true;
    return t;
}

std::vector<TemplateItem> readTemplate(const Json& c, const std::string& where)
{
    using namespace tokenizer_json;
    const Json& items = arrayField(c, "single", where);
    const auto specials = c.find("special_tokens");
    std::vector<TemplateItem> out;
    for (const Json& item : items) {
        TemplateItem t;
        if (item.is_object() && item.contains("Sequence") && item["Sequence"].is_object()) {
            const Json& s = item["Sequence"];
            const std::string id = stringField(s, "id", where);
            if (id != "A")
                throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: the single template uses sequence '%2', expected A"), {where, id});
            t.sequence = true;
            t.typeId = static_cast<int>(intField(s, "type_id", 0, 0, 255, where));
        } else if (item.is_object() && item.contains("SpecialToken") && item["SpecialToken"].is_object()) {
            const Json& s = item["SpecialToken"];
            const std::string id = stringField(s, "id", where);
            t.typeId = static_cast<int>(intField(s, "type_id", 0, 0, 255, where));
            if (specials == c.end() || !specials->is_object() || !specials->contains(id))
                throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: the template uses '%2', which \"special_tokens\" does not define"),
                                {where, id});
            const Json& def = (*specials)[id];
            const Json& ids = arrayField(def, "ids", where);
            const Json& tokens = arrayField(def, "tokens", where);
            if (ids.size() != tokens.size())
                throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: special token '%2' has %3 ids and %4 tokens"),
                                {where, id, std::to_string(ids.size()), std::to_string(tokens.size())});
            for (size_t k = 0; k < ids.size(); ++k) {
                if (!ids[k].is_number_integer() || ids[k].get<int64_t>() < 0 || ids[k].get<int64_t>() > (1 << 30) ||
                    !tokens[k].is_string())
                    throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: special token '%2' has an id or token of the wrong type"),
                                    {where, id});
                EncodedToken e;
                e.id = ids[k].get<int>();
                e.token = tokens[k].get<std::string>();
                e.special = true;
                t.special.push_back(std::move(e));
            }
        } else {
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: a template item must be {\"Sequence\": ...} or {\"SpecialToken\": ...}"),
                            {where});
        }
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace

std::unique_ptr<PostProcessor> readPostProcessor(const Json& c)
{
    using namespace tokenizer_json;
    const std::string type = componentType("post_processor", c);
    const std::string where = "post_processor " + type;
    if (type == "ByteLevel")
        return std::make_unique<ByteLevelProcessor>(boolField(c, "trim_offsets", true, where), boolField(c, "add_prefix_space", true, where));
    if (type == "TemplateProcessing")
        return std::make_unique<TemplateProcessor>(readTemplate(c, where));
    if (type == "BertProcessing")
        return std::make_unique<WrapProcessor>(specialPair(c, "cls", where), specialPair(c, "sep", where), false, false);
    if (type == "RobertaProcessing")
        return std::make_unique<WrapProcessor>(specialPair(c, "cls", where), specialPair(c, "sep", where),
                                               boolField(c, "trim_offsets", true, where), boolField(c, "add_prefix_space", true, where));
    if (type == "Sequence") {
        std::vector<std::unique_ptr<PostProcessor>> steps;
        for (const Json& step : arrayField(c, "processors", where))
            steps.push_back(readPostProcessor(step));
        return std::make_unique<Sequence>(std::move(steps));
    }
    throw unsupported("post_processor", type, "TemplateProcessing, ByteLevel, BertProcessing, RobertaProcessing, Sequence");
}

std::unique_ptr<PostProcessor> bosEosProcessor(const EncodedToken& bos, const EncodedToken& eos)
{
    std::vector<TemplateItem> items;
    if (!bos.token.empty())
        items.push_back({false, 0, {bos}});
    items.push_back({true, 0, {}});
    if (!eos.token.empty())
        items.push_back({false, 0, {eos}});
    return std::make_unique<TemplateProcessor>(std::move(items));
}

}  // namespace orderlens
