#include "config.h"

#include "errors.h"

#include <nlohmann/json.hpp>

#include <cmath>
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

void ModelConfig::validate() const
{
    require(vocab > 0, QT_TRANSLATE_NOOP("orderlens::core", "%1 must be positive (got %2)"), {"vocab", std::to_string(vocab)});
    requireRange(d_model > 0 && d_model <= 8192, "d_model", "1..8192", d_model);
    require(n_heads > 0, QT_TRANSLATE_NOOP("orderlens::core", "%1 must be positive (got %2)"),
            {"n_heads", std::to_string(n_heads)});
    require(d_model % n_heads == 0, QT_TRANSLATE_NOOP("orderlens::core", "d_model (%1) must be divisible by n_heads (%2)"),
            {std::to_string(d_model), std::to_string(n_heads)});
    requireRange(n_layers >= 0 && n_layers <= 96, "n_layers", "0..96", n_layers);
    requireRange(d_ff > 0 && d_ff <= 65536, "d_ff", "1..65536", d_ff);
    requireRange(max_len > 0 && max_len <= 8192, "max_len", "1..8192", max_len);
    require(ln_eps > 0 && ln_eps < 1, QT_TRANSLATE_NOOP("orderlens::core", "%1 must be in %2"), {"ln_eps", "(0, 1)"});
    require(rope_base > 1, QT_TRANSLATE_NOOP("orderlens::core", "rope_base must be greater than 1"));
    require(n_roles >= 0 && n_roles <= 64, QT_TRANSLATE_NOOP("orderlens::core", "%1 must be in %2"), {"n_roles", "0..64"});
    require(type_vocab >= 0 && type_vocab <= 16, QT_TRANSLATE_NOOP("orderlens::core", "%1 must be in %2"),
            {"type_vocab", "0..16"});
    require(pe != PositionScheme::Rope || headDim() % 2 == 0,
            QT_TRANSLATE_NOOP("orderlens::core", "RoPE needs an even head dimension"));
    require(vocab <= 1000000, QT_TRANSLATE_NOOP("orderlens::core", "vocab must be at most %1"), {"1000000"});
    require(std::isfinite(embedding_scale) && embedding_scale > 0,
            QT_TRANSLATE_NOOP("orderlens::core", "embedding_scale must be a finite number greater than 0 (got %1)"),
            {std::to_string(embedding_scale)});
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
        auto num = [&](const char* key, auto& field) {
            if (!j.contains(key))
                return;
            try {
                field = j.at(key).get<std::decay_t<decltype(field)>>();
            } catch (const nlohmann::json::exception&) {
                throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "%1 has the wrong JSON type (%2)"),
                                 {key, j.at(key).type_name()});
            }
        };
        num("vocab", c.vocab);
        num("d_model", c.d_model);
        num("n_heads", c.n_heads);
        num("n_layers", c.n_layers);
        num("d_ff", c.d_ff);
        num("max_len", c.max_len);
        num("ln_eps", c.ln_eps);
        num("rope_base", c.rope_base);
        num("n_roles", c.n_roles);
        num("type_vocab", c.type_vocab);
        num("embedding_norm", c.embedding_norm);
        num("final_norm", c.final_norm);
        // Read wide: a value beyond the float range is refused by validate(), not cast blindly.
        double embeddingScale = c.embedding_scale;
        num("embedding_scale", embeddingScale);
        c.embedding_scale = std::abs(embeddingScale) <= std::numeric_limits<float>::max()
                                ? static_cast<float>(embeddingScale)
                                : std::numeric_limits<float>::infinity();
        if (j.contains("pe")) c.pe = parsePositionScheme(j.at("pe").get<std::string>());
        if (j.contains("norm")) c.norm = parseNormPlacement(j.at("norm").get<std::string>());
        if (j.contains("activation")) c.activation = parseActivation(j.at("activation").get<std::string>());
    } catch (const Error& e) {
        refuse(e);
    } catch (const nlohmann::json::exception& e) {
        throw fileError(kInvalidConfiguration, {e.what()});
    }
    c.validate();
}

}  // namespace orderlens
