#include "tokenizer_json.h"

namespace orderlens::tokenizer_json {

namespace {

Error fieldError(const std::string& where, const char* name, Expected expected) { return wrongType(where, name, expected); }

const Json* find(const Json& object, const char* name)
{
    const auto it = object.find(name);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

}  // namespace

Error wrongType(const std::string& where, const std::string& name, Expected expected)
{
    const char* t = nullptr;
    switch (expected) {
    case Expected::Boolean: t = QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" must be true or false"); break;
    case Expected::String: t = QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" must be a string"); break;
    case Expected::StringOrNull: t = QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" must be a string or null"); break;
    case Expected::Integer: t = QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" must be an integer"); break;
    case Expected::Array: t = QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" must be an array"); break;
    case Expected::Object: t = QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" must be an object"); break;
    case Expected::OneCharacter: t = QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" must be one character"); break;
    case Expected::Pattern: t = QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" must be {\"String\": ...} or {\"Regex\": ...}"); break;
    case Expected::TokenAndId: t = QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" must be [\"token\", id]"); break;
    case Expected::TokenName: t = QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" must be a string or {\"content\": ...}"); break;
    }
    return fileError(t, {where, name});
}

std::string componentType(const std::string& kind, const Json& component)
{
    if (!component.is_object())
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the %1 must be an object with a \"type\""), {kind});
    const auto it = component.find("type");
    if (it == component.end() || !it->is_string())
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the %1 has no \"type\" (a string)"), {kind});
    return it->get<std::string>();
}

std::string componentName(const std::string& kind, const Json& component) { return kind + " " + componentType(kind, component); }

Error unsupported(const std::string& kind, const std::string& type, const std::string& known)
{
    return fileError(QT_TRANSLATE_NOOP("orderlens::core", "the %1 type '%2' is not supported (OrderLens reads %3)"),
                     {kind, type, known});
}

bool boolField(const Json& object, const char* name, bool fallback, const std::string& where)
{
    const Json* v = find(object, name);
    if (!v)
        return fallback;
    if (!v->is_boolean())
        throw fieldError(where, name, Expected::Boolean);
    return v->get<bool>();
}

std::string stringField(const Json& object, const char* name, const std::string& where)
{
    const Json* v = find(object, name);
    if (!v || !v->is_string())
        throw fieldError(where, name, Expected::String);
    return v->get<std::string>();
}

std::string stringField(const Json& object, const char* name, const std::string& fallback, const std::string& where)
{
    const Json* v = find(object, name);
    if (!v)
        return fallback;
    if (!v->is_string())
        throw fieldError(where, name, Expected::String);
    return v->get<std::string>();
}

std::optional<std::string> optionalString(const Json& object, const char* name, const std::string& where)
{
    const Json* v = find(object, name);
    if (!v)
        return std::nullopt;
    if (!v->is_string())
        throw fieldError(where, name, Expected::StringOrNull);
    return v->get<std::string>();
}

int64_t intField(const Json& object, const char* name, int64_t fallback, int64_t min, int64_t max, const std::string& where)
{
    const Json* v = find(object, name);
    if (!v)
        return fallback;
    if (!v->is_number_integer())
        throw fieldError(where, name, Expected::Integer);
    if (v->is_number_unsigned() ? v->get<uint64_t>() > static_cast<uint64_t>(max) : v->get<int64_t>() > max ||
                                                                                        v->get<int64_t>() < min)
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" is %3, expected %4 to %5"),
                        {where, name, v->dump(), std::to_string(min), std::to_string(max)});
    return v->get<int64_t>();
}

const Json& arrayField(const Json& object, const char* name, const std::string& where, size_t maxItems)
{
    const Json* v = find(object, name);
    if (!v || !v->is_array())
        throw fieldError(where, name, Expected::Array);
    if (v->size() > maxItems)
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" has %3 items, expected at most %4"),
                        {where, name, std::to_string(v->size()), std::to_string(maxItems)});
    return *v;
}

std::string choiceField(const Json& object, const char* name, const std::vector<std::string>& allowed,
                        const std::string& fallback, const std::string& where)
{
    const std::string value = stringField(object, name, fallback, where);
    for (const std::string& a : allowed)
        if (a == value)
            return value;
    std::string list;
    for (const std::string& a : allowed)
        list += (list.empty() ? "" : ", ") + a;
    throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: \"%2\" is '%3', expected one of %4"), {where, name, value, list});
}

PatternField patternField(const Json& object, const char* name, const std::string& where)
{
    const Json* v = find(object, name);
    if (!v || !v->is_object() || v->size() != 1)
        throw fieldError(where, name, Expected::Pattern);
    if (v->contains("String") && (*v)["String"].is_string())
        return {(*v)["String"].get<std::string>(), false};
    if (v->contains("Regex") && (*v)["Regex"].is_string())
        return {(*v)["Regex"].get<std::string>(), true};
    throw fieldError(where, name, Expected::Pattern);
}

}  // namespace orderlens::tokenizer_json
