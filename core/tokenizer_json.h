#pragma once
// Reading the fields of one tokenizer.json component ({"type": "Split", "pattern": ...}) with
// errors that name the component and the field: "pre_tokenizer Split: \"behavior\" is 'Sideways',
// expected one of Removed, Isolated, ...". Shared by the normalizer, pre-tokenizer, model,
// post-processor and decoder readers.
#include "errors.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace orderlens::tokenizer_json {

using Json = nlohmann::json;

// Limits on what a tokenizer.json may hold (the largest real ones: 150,000-300,000 entries).
constexpr size_t kMaxVocabulary = 2'000'000;
constexpr size_t kMaxMerges = 4'000'000;
constexpr size_t kMaxComponents = 64;     // items of one Sequence
constexpr size_t kMaxTokenBytes = 4096;   // one vocabulary entry or added token

// What a field must be, for the error that says it is not.
enum class Expected { Boolean, String, StringOrNull, Integer, Array, Object, OneCharacter, Pattern, TokenAndId, TokenName };
// Error(BadFile) "<where>: \"<name>\" must be a string" (and the like, one template per kind).
Error wrongType(const std::string& where, const std::string& name, Expected expected);

// "<kind> <type>", e.g. "pre_tokenizer Split": how errors name a component.
std::string componentName(const std::string& kind, const Json& component);
// The "type" of a component object. Throws when it is not an object with a string "type".
std::string componentType(const std::string& kind, const Json& component);
// Error(BadFile) "the <kind> type '<type>' is not supported (OrderLens reads <known>)".
Error unsupported(const std::string& kind, const std::string& type, const std::string& known);

bool boolField(const Json& object, const char* name, bool fallback, const std::string& where);
std::string stringField(const Json& object, const char* name, const std::string& where);  // required
std::string stringField(const Json& object, const char* name, const std::string& fallback, const std::string& where);
// Absent or null -> nullopt.
std::optional<std::string> optionalString(const Json& object, const char* name, const std::string& where);
int64_t intField(const Json& object, const char* name, int64_t fallback, int64_t min, int64_t max, const std::string& where);
// A required array of at most kMaxComponents items.
const Json& arrayField(const Json& object, const char* name, const std::string& where, size_t maxItems = kMaxComponents);
// One of `allowed`: the field's value, or fallback when absent.
std::string choiceField(const Json& object, const char* name, const std::vector<std::string>& allowed,
                        const std::string& fallback, const std::string& where);

// A pattern {"String": "..."} or {"Regex": "..."}: the text, and whether it is a regex.
struct PatternField {
    std::string text;
    bool regex = false;
};
PatternField patternField(const Json& object, const char* name, const std::string& where);

}  // namespace orderlens::tokenizer_json
