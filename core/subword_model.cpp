#include "subword_model.h"

#include "bpe_model.h"
#include "tokenizer_json.h"
#include "wordpiece_model.h"

namespace orderlens {

namespace {

using tokenizer_json::Json;

std::vector<std::pair<std::string, std::string>> readMerges(const Json& model)
{
    const Json& merges = tokenizer_json::arrayField(model, "merges", "model BPE", tokenizer_json::kMaxMerges);
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(merges.size());
    for (size_t k = 0; k < merges.size(); ++k) {
        const Json& m = merges[k];
        if (m.is_string()) {
            // The older form "a b": exactly one space.
            const std::string& s = m.get_ref<const std::string&>();
            const size_t space = s.find(' ');
            if (space == std::string::npos || s.find(' ', space + 1) != std::string::npos)
                throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "merge %1 ('%2') is not two pieces separated by one space"),
                                {std::to_string(k + 1), s});
            out.emplace_back(s.substr(0, space), s.substr(space + 1));
        } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
            out.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
        } else {
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "merge %1 must be \"a b\" or [\"a\", \"b\"]"), {std::to_string(k + 1)});
        }
    }
    return out;
}

}  // namespace

std::unique_ptr<SubwordModel> readSubwordModel(const Json& model)
{
    using namespace tokenizer_json;
    if (!model.is_object())
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the %1 must be an object with a \"type\""), {"model"});
    // Older files leave the type out: it is BPE when there are merges, WordPiece otherwise.
    std::string type;
    if (model.contains("type"))
        type = componentType("model", model);
    else
        type = model.contains("merges") ? "BPE" : model.contains("max_input_chars_per_word") ? "WordPiece" : "";
    const std::string where = "model " + type;
    if (type == "BPE") {
        if (model.contains("dropout") && !model["dropout"].is_null() &&
            !(model["dropout"].is_number() && model["dropout"].get<double>() == 0.0))
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" is %3; OrderLens tokenizes without dropout"),
                            {where, "dropout", model["dropout"].dump()});
        BpeOptions o;
        o.unkToken = optionalString(model, "unk_token", where);
        o.continuingSubwordPrefix = optionalString(model, "continuing_subword_prefix", where).value_or("");
        o.endOfWordSuffix = optionalString(model, "end_of_word_suffix", where).value_or("");
        o.fuseUnk = boolField(model, "fuse_unk", false, where);
        o.byteFallback = boolField(model, "byte_fallback", false, where);
        o.ignoreMerges = boolField(model, "ignore_merges", false, where);
        if (!model.contains("vocab"))
            throw wrongType(where, "vocab", Expected::Object);
        ModelVocabulary vocabulary(model["vocab"], where);
        return std::make_unique<BpeModel>(std::move(vocabulary), readMerges(model), std::move(o));
    }
    if (type == "WordPiece") {
        WordPieceOptions o;
        o.unkToken = stringField(model, "unk_token", "[UNK]", where);
        o.continuingSubwordPrefix = stringField(model, "continuing_subword_prefix", "##", where);
        o.maxInputCharsPerWord = static_cast<size_t>(intField(model, "max_input_chars_per_word", 100, 0, 1 << 20, where));
        if (!model.contains("vocab"))
            throw wrongType(where, "vocab", Expected::Object);
        return std::make_unique<WordPieceModel>(ModelVocabulary(model["vocab"], where), std::move(o));
    }
    throw unsupported("model", type.empty() ? std::string("(none)") : type, "BPE, WordPiece");
}

}  // namespace orderlens
