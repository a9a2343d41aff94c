#include "config.h"

#include "errors.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <limits>

namespace orderlens {

namespace {
// "invalid model configuration: <what is wrong>", each part translated on its own.
constexpr const char* kInvalidConfiguration = QT_TRANSLATE_NOOP("orderlens::core", "invalid model configuration: %1");

[[noreturn]] void refuse(const Error& cause) { throw fileError(kInvalidConfiguration, {}, cause); }

void require(bool ok, const char* messageTemplate, std::vector<std::string> values = {})
{
    if (!ok)
        refuse(fileError(messageTemplate, std::move(values)));
}

// A field and its value: "d_ff must be in 1..65536 (got 0)".
void requireRange(bool ok, const char* field, const char* range, int value)
{
    require(ok, QT_TRANSLATE_NOOP("orderlens::core", "%1 must be in %2 (got %3)"), {field, range, std::to_string(value)});
}
}  // namespace

namespace {
// The value as the file wrote it, short enough for one line.
std::string shownValue(const nlohmann::json& value)
{
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return text.size() <= 40 ? text : text.substr(0, 40) + "...";
}

// A limit as people write it: 1e-20, 0.1, 2, 1e+09.
std::string numberText(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

void requireNumberIn(double value, const char* field, double lowest, double highest)
{
    require(value >= lowest && value <= highest, QT_TRANSLATE_NOOP("orderlens::core", "%1 is %2, expected %3 to %4"),
            {field, numberText(value), numberText(lowest), numberText(highest)});
}
}  // namespace

int integerField(const nlohmann::json& value, const char* key, int lowest, int highest)
{
    if (!value.is_number_integer())  // booleans and 1.5 are not integers here
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "\"%1\" must be an integer, got %2"), {key, shownValue(value)});
    // Compared as written (up to 2^64 - 1 or down to -2^63), before narrowing to int.
    const bool tooLow = value.is_number_unsigned() ? lowest > 0 && value.get<uint64_t>() < uint64_t(lowest)
                                                   : value.get<int64_t>() < lowest;
    const bool tooHigh = value.is_number_unsigned() ? value.get<uint64_t>() > uint64_t(std::max(highest, 0))
                                                    : value.get<int64_t>() > highest;
    if (tooLow)
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "\"%1\" is %2, expected at least %3"),
                        {key, shownValue(value), std::to_string(lowest)});
    if (tooHigh)
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "\"%1\" is %2, expected at most %3"),
                        {key, shownValue(value), std::to_string(highest)});
    return static_cast<int>(value.get<int64_t>());
}

double numberField(const nlohmann::json& value, const char* key, double lowest, double highest)
{
    if (!value.is_number())
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "\"%1\" must be a number, got %2"), {key, shownValue(value)});
    const double number = value.get<double>();
    if (!(number >= lowest && number <= highest))
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "\"%1\" is %2, expected %3 to %4"),
                        {key, shownValue(value), numberText(lowest), numberText(highest)});
    return number;
}

bool booleanField(const nlohmann::json& value, const char* key)
{
    if (!value.is_boolean())
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "\"%1\" must be true or false, got %2"),
                        {key, shownValue(value)});
    return value.get<bool>();
}

std::string stringField(const nlohmann::json& value, const char* key)
{
    if (!value.is_string())
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "\"%1\" must be a string, got %2"), {key, shownValue(value)});
    return value.get<std::string>();
}

void ModelConfig::validate() const
{
    requireRange(vocab > 0 && vocab <= kMaxVocab, "vocab", "1..1000000", vocab);
    requireRange(d_model > 0 && d_model <= kMaxWidth, "d_model", "1..8192", d_model);
    require(n_heads > 0, QT_TRANSLATE_NOOP("orderlens::core", "%1 must be positive (got %2)"),
            {"n_heads", std::to_string(n_heads)});
    require(d_model % n_heads == 0, QT_TRANSLATE_NOOP("orderlens::core", "d_model (%1) must be divisible by n_heads (%2)"),
            {std::to_string(d_model), std::to_string(n_heads)});
    requireRange(n_layers >= 0 && n_layers <= kMaxLayers, "n_layers", "0..96", n_layers);
    requireRange(d_ff > 0 && d_ff <= kMaxFeedForward, "d_ff", "1..65536", d_ff);
    requireRange(max_len > 0 && max_len <= kMaxPositions, "max_len", "1..8192", max_len);
    requireRange(n_roles >= 0 && n_roles <= kMaxRoles, "n_roles", "0..64", n_roles);
    requireRange(type_vocab >= 0 && type_vocab <= kMaxTokenTypes, "type_vocab", "0..16", type_vocab);
    requireNumberIn(ln_eps, "ln_eps", kMinLnEps, kMaxLnEps);
    requireNumberIn(rope_base, "rope_base", kMinRopeBase, kMaxRopeBase);
    requireNumberIn(embedding_scale, "embedding_scale", kMinEmbeddingScale, kMaxEmbeddingScale);
    require(pe != PositionScheme::Rope || headDim() % 2 == 0,
            QT_TRANSLATE_NOOP("orderlens::core", "RoPE needs an even head dimension"));
    require(pe == PositionScheme::Learned || (long long)max_len * d_model <= kMaxPositionTableElements,
            QT_TRANSLATE_NOOP("orderlens::core",
                              "max_len x d_model is %1 x %2 = %3 position values, above the %4 that OrderLens computes "
                              "for %5 positions"),
            {std::to_string(max_len), std::to_string(d_model), std::to_string((long long)max_len * d_model),
             std::to_string(kMaxPositionTableElements), toString(pe)});
}

std::string toString(PositionScheme s)
{
    switch (s) {
    case PositionScheme::Sinusoidal: return "sinusoidal";
    case PositionScheme::Learned: return "learned";
    case PositionScheme::Rope: return "rope";
    case PositionScheme::Alibi: return "alibi";
    case PositionScheme::None: return "none";
    }
    return "none";
}
std::string toString(NormPlacement n) { return n == NormPlacement::Pre ? "pre" : "post"; }
std::string toString(Activation a) { return a == Activation::Gelu ? "gelu" : "relu"; }

PositionScheme parsePositionScheme(const std::string& s)
{
    for (auto k : {PositionScheme::Sinusoidal, PositionScheme::Learned, PositionScheme::Rope, PositionScheme::Alibi,
                   PositionScheme::None})
        if (s == toString(k))
            return k;
    throw usageError(QT_TRANSLATE_NOOP("orderlens::core",
                                       "unknown position scheme '%1' (expected sinusoidal, learned, rope, alibi or none)"),
                     {s});
}
NormPlacement parseNormPlacement(const std::string& s)
{
    if (s == "pre") return NormPlacement::Pre;
    if (s == "post") return NormPlacement::Post;
    throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "unknown norm placement '%1' (expected pre or post)"), {s});
}
Activation parseActivation(const std::string& s)
{
    if (s == "gelu") return Activation::Gelu;
    if (s == "relu") return Activation::Relu;
    throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "unknown activation '%1' (expected gelu or relu)"), {s});
}

void to_json(nlohmann::json& j, const ModelConfig& c)
{
    j = nlohmann::json{{"vocab", c.vocab},
                       {"d_model", c.d_model},
                       {"n_heads", c.n_heads},
                       {"n_layers", c.n_layers},
                       {"d_ff", c.d_ff},
                       {"max_len", c.max_len},
                       {"pe", toString(c.pe)},
                       {"norm", toString(c.norm)},
                       {"activation", toString(c.activation)},
                       {"ln_eps", c.ln_eps},
                       {"rope_base", c.rope_base},
                       {"n_roles", c.n_roles},
                       {"type_vocab", c.type_vocab},
                       {"embedding_norm", c.embedding_norm},
                       {"final_norm", c.final_norm},
                       {"embedding_scale", c.embedding_scale}};
}

void from_json(const nlohmann::json& j, ModelConfig& c)
{
    if (!j.is_object())
        refuse(fileError(QT_TRANSLATE_NOOP("orderlens::core", "expected a JSON object"), {}));
    try {
        auto integer = [&](const char* key, int& field, int lowest, int highest) {
            if (j.contains(key))
                field = integerField(j.at(key), key, lowest, highest);
        };
        auto number = [&](const char* key, float& field, double lowest, double highest) {
            if (j.contains(key))  // read wide, checked, then narrowed: in range, so finite as a float
                field = static_cast<float>(numberField(j.at(key), key, lowest, highest));
        };
        auto boolean = [&](const char* key, bool& field) {
            if (j.contains(key))
                field = booleanField(j.at(key), key);
        };
        integer("vocab", c.vocab, 1, kMaxVocab);
        integer("d_model", c.d_model, 1, kMaxWidth);
        integer("n_heads", c.n_heads, 1, kMaxWidth);
        integer("n_layers", c.n_layers, 0, kMaxLayers);
        integer("d_ff", c.d_ff, 1, kMaxFeedForward);
        integer("max_len", c.max_len, 1, kMaxPositions);
        number("ln_eps", c.ln_eps, kMinLnEps, kMaxLnEps);
        number("rope_base", c.rope_base, kMinRopeBase, kMaxRopeBase);
        integer("n_roles", c.n_roles, 0, kMaxRoles);
        integer("type_vocab", c.type_vocab, 0, kMaxTokenTypes);
        boolean("embedding_norm", c.embedding_norm);
        boolean("final_norm", c.final_norm);
        number("embedding_scale", c.embedding_scale, kMinEmbeddingScale, kMaxEmbeddingScale);
        if (j.contains("pe")) c.pe = parsePositionScheme(stringField(j.at("pe"), "pe"));
        if (j.contains("norm")) c.norm = parseNormPlacement(stringField(j.at("norm"), "norm"));
        if (j.contains("activation")) c.activation = parseActivation(stringField(j.at("activation"), "activation"));
    } catch (const Error& e) {
        refuse(e);
    }
    c.validate();
}

nlohmann::json parseJsonObject(std::string_view text, const std::string& source)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception& e) {
        throw errorInFile(source, fileError(QT_TRANSLATE_NOOP("orderlens::core", "not valid JSON (%1)"),
                                            {std::string(e.what()).substr(0, 200)}));
    }
    if (!j.is_object())
        throw errorInFile(source, fileError(QT_TRANSLATE_NOOP("orderlens::core", "expected a JSON object"), {}));
    return j;
}

}  // namespace orderlens
