#include "model_vocabulary.h"

#include "tokenizer_json.h"

namespace orderlens {

ModelVocabulary::ModelVocabulary(const nlohmann::json& vocab, const std::string& where)
{
    using namespace tokenizer_json;
    if (!vocab.is_object())
        throw wrongType(where, "vocab", Expected::Object);
    if (vocab.size() > kMaxVocabulary)
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" has %3 items, expected at most %4"),
                        {where, "vocab", std::to_string(vocab.size()), std::to_string(kMaxVocabulary)});
    ids_.reserve(vocab.size());
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        const nlohmann::json& id = it.value();
        if (!id.is_number_integer() || (id.is_number_unsigned() ? id.get<uint64_t>() >= 2 * kMaxVocabulary
                                                                : id.get<int64_t>() < 0 || id.get<int64_t>() >= static_cast<int64_t>(2 * kMaxVocabulary)))
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: the id of '%2' is %3, expected an integer from 0 to %4"),
                            {where, it.key(), id.dump(), std::to_string(2 * kMaxVocabulary - 1)});
        add(it.key(), id.get<int>());
    }
}

void ModelVocabulary::add(std::string token, int id)
{
    if (token.size() > tokenizer_json::kMaxTokenBytes)
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "a vocabulary entry is %1 bytes long, expected at most %2"),
                        {std::to_string(token.size()), std::to_string(tokenizer_json::kMaxTokenBytes)});
    const auto at = static_cast<size_t>(id);
    if (at >= tokens_.size()) {
        tokens_.resize(at + 1);
        has_.resize(at + 1, false);
    }
    // Two entries with one id: the later one names it (as HuggingFace's reverse map).
    tokens_[at] = token;
    has_[at] = true;
    ids_[std::move(token)] = id;
}

}  // namespace orderlens
