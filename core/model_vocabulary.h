#pragma once
// A tokenizer.json "vocab" object ({"piece": id, ...}) read with its limits: the lookup both ways.
#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace orderlens {

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class ModelVocabulary {
public:
    ModelVocabulary() = default;
    // Throws Error(BadFile) "<where>: ..." for a vocab that is not an object of distinct
    // non-negative integer ids, or larger than the limits of tokenizer_json.h.
    ModelVocabulary(const nlohmann::json& vocab, const std::string& where);
    void add(std::string token, int id);  // for readers of vocab.txt-like files

    int idOf(std::string_view token) const
    {
        const auto it = ids_.find(token);
        return it == ids_.end() ? -1 : it->second;
    }
    const std::string* tokenOf(int id) const
    {
        return id >= 0 && static_cast<size_t>(id) < tokens_.size() && has_[static_cast<size_t>(id)] ? &tokens_[static_cast<size_t>(id)]
                                                                                                     : nullptr;
    }
    int idLimit() const { return static_cast<int>(tokens_.size()); }
    size_t size() const { return ids_.size(); }

private:
    std::unordered_map<std::string, int, StringHash, std::equal_to<>> ids_;
    std::vector<std::string> tokens_;
    std::vector<bool> has_;
};

}  // namespace orderlens
