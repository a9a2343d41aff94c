#pragma once
// The configuration of every encoder OrderLens runs: built-in, random, hand-made and BERT.
// Validated once, when a model is built (validate()).
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace orderlens {

// The limits every configuration is checked against, by validate() and by the file readers.
inline constexpr int kMaxVocab = 1000000;
inline constexpr int kMaxWidth = 8192;    // d_model (and so n_heads)
inline constexpr int kMaxLayers = 96;
inline constexpr int kMaxFeedForward = 65536;
inline constexpr int kMaxPositions = 8192;  // max_len
inline constexpr int kMaxRoles = 64;
inline constexpr int kMaxTokenTypes = 16;
// Position tables OrderLens computes instead of reading them from a file (sinusoidal rows, the
// zero rows of rope/alibi/none that the views draw) hold max_len x d_model floats: at most this
// many (16 MiB), so a small file cannot make it allocate a huge table (8192 x 8192 is refused;
// 4096 x 1024 and BERT's 512 x 768 pass).
inline constexpr long long kMaxPositionTableElements = 1LL << 22;
// Float fields: finite and in these ranges (a denormal epsilon or an infinite base is refused).
inline constexpr double kMinLnEps = 1e-20, kMaxLnEps = 0.1;
inline constexpr double kMinRopeBase = 2, kMaxRopeBase = 1e9;
inline constexpr double kMinEmbeddingScale = 1e-4, kMaxEmbeddingScale = 1e4;

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
    bool causal = false;        // a decoder: each token attends to itself and the tokens before it
    int head_dim = 0;           // width of one head's queries and keys; 0: d_model / n_heads
    bool bf16_products = false; // a decoder opened with BF16 products (inexact; library_product.h)
                                // (decoders such as Qwen3 name a different one)

    int headDim() const { return head_dim > 0 ? head_dim : d_model / n_heads; }
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

// Strict readers for one field of a config file: never coerce. An integer must be a JSON integer
// (not 1.5, not true, not "8") in [lowest, highest], compared before any narrowing; a number must
// be a JSON number in [lowest, highest]. Throw Error(BadFile) naming the field and the value:
// "\"n_heads\" is 4294967300, expected at most 8192"; callers add the file name.
int integerField(const nlohmann::json& value, const char* key, int lowest, int highest);
double numberField(const nlohmann::json& value, const char* key, double lowest, double highest);
bool booleanField(const nlohmann::json& value, const char* key);
std::string stringField(const nlohmann::json& value, const char* key);

// A configuration file's text as a JSON object (config.json, the shard index, ...). Throws
// Error(BadFile) "<source>: not valid JSON (...)" or "<source>: expected a JSON object".
nlohmann::json parseJsonObject(std::string_view text, const std::string& source);

void to_json(nlohmann::json&, const ModelConfig&);
// Reads and validates; missing optional keys keep their defaults.
void from_json(const nlohmann::json&, ModelConfig&);

}  // namespace orderlens
