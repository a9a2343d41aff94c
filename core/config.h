#pragma once
// The configuration of every encoder OrderLens runs: built-in, random, hand-made and BERT.
// Validated once, when a model is built (validate()).
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace orderlens {

enum class PositionScheme { Sinusoidal, Learned, Rope, Alibi, None };
enum class NormPlacement { Pre, Post };
enum class Activation { Gelu, Relu };

struct ModelConfig {
    int vocab = 0;              // rows of the word table
    int d_model = 64;           // width of every token vector
    int n_heads = 4;            // attention heads per layer; d_model % n_heads == 0
    int n_layers = 2;           // encoder layers (0 allowed: the hand-made model)
    int d_ff = 128;             // hidden width of the feed-forward block
    int max_len = 64;           // most positions a sentence may use
    PositionScheme pe = PositionScheme::Sinusoidal;
    NormPlacement norm = NormPlacement::Pre;
    Activation activation = Activation::Gelu;
    float ln_eps = 1e-5f;       // LayerNorm epsilon
    float rope_base = 10000.f;  // RoPE frequency base
    int n_roles = 4;            // outputs of the role head (0: no role head)
    int type_vocab = 0;         // token-type rows (BERT: 2; built-in: 0)
    bool embedding_norm = false;  // LayerNorm after the embedding sum (BERT)
    bool final_norm = true;     // LayerNorm after the last layer (pre-LN models)
    float embedding_scale = 1.0f;  // the word row is multiplied by this before the position row is
                                   // added (sqrt(d_model) for the sinusoidal built-in, as in the
                                   // original Transformer); 1 for files written without the key

    int headDim() const { return d_model / n_heads; }
    // Throws Error(BadFile) naming the first inconsistent field.
    void validate() const;
};

std::string toString(PositionScheme);
std::string toString(NormPlacement);
std::string toString(Activation);
// Throw Error(Usage) listing the accepted names.
PositionScheme parsePositionScheme(const std::string&);
NormPlacement parseNormPlacement(const std::string&);
Activation parseActivation(const std::string&);

void to_json(nlohmann::json&, const ModelConfig&);
// Reads and validates; missing optional keys keep their defaults.
void from_json(const nlohmann::json&, ModelConfig&);

}  // namespace orderlens
