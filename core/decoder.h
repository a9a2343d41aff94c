#pragma once
// Decoder checkpoints (causal language models) from a HuggingFace folder:
//   config.json                       model_type gpt2, llama (also mistral without a sliding
//                                     window), qwen2 or qwen3; anything else is refused by name
//   tokenizer.json, or vocab.json + merges.txt (GPT-2); tokenizer_config.json optional
//   model.safetensors, or shards model-0000x-of-0000y.safetensors named by
//   model.safetensors.index.json ("weight_map"); F32, F16 or BF16
//
// The families, as transformers computes them (tests/decoders/hf_decoders.py is the reference):
//   gpt2   learned positions (wpe), pre-LN LayerNorm, GELU tanh ("gelu_new"), Conv1D weights
//          stored [in, out], fused c_attn, lm_head tied to wte; keys with or without
//          "transformer."; the old buffers h.N.attn.bias / attn.masked_bias are ignored.
//   llama  RMSNorm, SwiGLU MLP, grouped-query attention (num_key_value_heads), RoPE in the
//          rotate_half layout (dimension i pairs with i + head_dim/2) with rope_theta and
//          rope_scaling linear, dynamic, yarn or llama3; head_dim from config when given; lm_head
//          tied or not.
//   qwen2  llama with biases on q/k/v; qwen3: llama with per-head RMSNorm q_norm / k_norm
//          before RoPE, no q/k/v bias, explicit head_dim.
// Compute is float32 (16-bit weights are widened when read). Every problem is an Error(BadFile)
// naming the file and the field or tensor.
#include "hf_tokenizer.h"
#include "stored_matrix.h"
#include "tensor.h"
#include "trace.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orderlens {

enum class DecoderFamily { Gpt2, Llama, Qwen2, Qwen3 };
std::string toString(DecoderFamily family);  // "gpt2", "llama", "qwen2", "qwen3"

// config.json's rope_scaling, as modeling_rope_utils reads it.
struct RopeScaling {
    std::string type = "default";  // default, linear, dynamic, yarn, llama3
    double factor = 1;
    double lowFreqFactor = 1, highFreqFactor = 4;  // llama3
    int originalMaxPositions = 0;                   // llama3, yarn (0: max_position_embeddings)
    double betaFast = 32, betaSlow = 1;             // yarn
    std::optional<double> attentionFactor, mscale, mscaleAllDim;  // yarn
    bool truncate = true;                           // yarn
};

struct DecoderConfig {
    DecoderFamily family = DecoderFamily::Llama;
    std::string modelType;  // as config.json spells it ("mistral" reads as llama)
    int vocab = 0, d_model = 0, n_layers = 0, n_heads = 0, n_kv_heads = 0, head_dim = 0, d_ff = 0;
    int max_positions = 0;  // the longest input (n_positions, max_position_embeddings)
    double norm_eps = 1e-5;
    double rope_theta = 10000;
    RopeScaling rope;
    bool tied = true;
    bool qkvBias = false, outputBias = false, mlpBias = false;  // llama family (GPT-2 has all biases)
    bool qkNorm = false;                                       // qwen3

    bool rotary() const { return family != DecoderFamily::Gpt2; }
    // RoPE's head_dim/2 frequencies (radians per position) for a forward over `length` positions
    // (dynamic NTK depends on it), and the factor cos and sin are multiplied by (YaRN; else 1).
    struct Frequencies {
        std::vector<double> inverse;
        double attentionScaling = 1;
    };
    Frequencies ropeFrequencies(int length) const;
    // Without the scaling (rope_type default): for plotting each pair's wavelength both ways.
    std::vector<double> unscaledFrequencies() const;
};
// Throws Error(BadFile) "<source>: ..." naming the missing or wrong field, or the refused model_type.
DecoderConfig parseDecoderConfig(std::string_view jsonText, const std::string& source);
// Whether config.json text names a decoder family OrderLens opens (its model_type), without
// validating the rest: for choosing the loader of a folder.
bool isDecoderConfig(std::string_view jsonText);

// The products' weights stay as stored (16-bit kept 16-bit, stored_matrix.h); norms, biases and
// GPT-2's position table are float32.
struct DecoderLayerWeights {
    Matrix norm1Gain, norm1Bias, norm2Gain, norm2Bias;  // (1, d); biases only for GPT-2
    StoredMatrix query, key, value, output;             // (out, in): y = x W^T + b
    Matrix queryBias, keyBias, valueBias, outputBias;   // (1, out); zeros where the family has none
    Matrix queryNorm, keyNorm;                          // (1, head_dim), qwen3
    StoredMatrix ffnIn, ffnOut;                         // GPT-2's c_fc / c_proj as (out, in)
    Matrix ffnInBias, ffnOutBias;
    StoredMatrix gate, up, down;                        // llama family SwiGLU (out, in)
    Matrix gateBias, upBias, downBias;                  // (1, out); zeros without mlp_bias
    // With BF16 products (DecoderModel::bf16Products) the llama family's products that share an
    // input are one packed matrix: q, k and v stacked, and gate and up stacked (the separate
    // matrices then empty). Empty otherwise.
    StoredMatrix queryKeyValue, gateUp;
    Matrix queryKeyValueBias, gateUpBias;
};

struct DecoderWeights {
    StoredMatrix tokenTable;  // (vocab, d)
    Matrix positionTable;     // (max_positions, d) GPT-2's wpe; empty for RoPE
    std::vector<DecoderLayerWeights> layers;
    Matrix finalNormGain, finalNormBias;  // (1, d); bias only for GPT-2
    StoredMatrix lmHead;                  // (vocab, d) when untied; empty when tied to tokenTable
    size_t bytes() const;                 // the weights' memory
};

// A decoder's forward pass: the encoder's Trace (tokens, embedding rows, position rows for GPT-2,
// per layer queries/keys/values/logits/attention/output per query head) and what only decoders have.
struct DecoderTrace {
    Trace trace;  // config holds the sizes the views read (d_model, n_heads, n_layers, pe, max_len)
    DecoderFamily family = DecoderFamily::Llama;
    // logits: masked (future) entries are -infinity; attention: exactly 0 there.
    Matrix finalNorm;                             // (T, d)
    std::vector<std::vector<NextToken>> nextTokens;  // T x top-k
};

class DecoderModel {
public:
    // Opens a folder (see above); the id is the folder path. Checks every tensor's presence,
    // dtype and shape before reading any.
    static std::shared_ptr<const DecoderModel> open(const std::string& folder);
    // From a config and weights already in memory (tests); validates the shapes.
    DecoderModel(std::string id, DecoderConfig config, DecoderWeights weights,
                 std::shared_ptr<const HfTokenizer> tokenizer = nullptr);

    const std::string& id() const { return id_; }
    const DecoderConfig& config() const { return config_; }
    const DecoderWeights& weights() const { return weights_; }
    const HfTokenizer* tokenizer() const { return tokenizer_.get(); }
    // Whether it was opened with BF16 products (library_product.h's useBf16Products: inexact,
    // the products' tokens rounded to BF16); false: every product exact in float32.
    bool bf16Products() const { return bf16Products_; }

    // Ids at positions 0..T-1. Throws Error(BadInput) for no ids, an id outside the vocabulary,
    // more than max_positions. topK next tokens per position (0: none computed).
    // With an active `ablation` its heads are switched off (head_surgery.h; uniform rows cover
    // the keys a query may see).
    // `positions` (T entries, each below the longest the model takes) puts token t at position
    // positions[t] instead of t (GPT-2's wpe row, RoPE's angle; the causal order stays the
    // order of the ids): the head-role shuffles move positions and keep the words.
    DecoderTrace forward(const std::vector<int>& ids, int topK = 5, const HeadAblation* ablation = nullptr,
                         const std::vector<int>* positions = nullptr) const;
    // The sentence as the model reads it: tokenized, special tokens as the tokenizer adds them.
    // Throws Error(BadInput) for an empty sentence, more tokens than the model takes, or a
    // folder without tokenizer files.
    HfEncoding encode(std::string_view sentence) const;
    // forward() of the encoding's ids; the tokens carry its readable texts.
    DecoderTrace forward(const HfEncoding& encoding, int topK = 5, const HeadAblation* ablation = nullptr) const;
    // encode() and forward().
    DecoderTrace trace(std::string_view sentence, int topK = 5, const HeadAblation* ablation = nullptr) const;
    // (T, vocab) next-token logits of final-norm rows.
    Matrix lmLogits(const Matrix& finalNorm) const;
    // Every position's topK most likely next tokens and their probabilities, from the final norm
    // (T, d_model): the vocabulary's logits a chunk at a time, never all at once.
    std::vector<std::vector<NextToken>> nextTokens(const Matrix& finalNorm, int topK) const;
    // The encoder-style description of the sizes, for Trace::config (pe = learned or rope).
    ModelConfig traceConfig() const;

private:
    std::string id_;
    DecoderConfig config_;
    DecoderWeights weights_;
    std::shared_ptr<const HfTokenizer> tokenizer_;
    bool bf16Products_ = false;
};

// RoPE seen exactly in a decoder (rope_terms.h has the encoder's): for every layer and head, in
// the rotate_half layout (pair i is dimensions i and i + head_dim/2),
//   content = the logit of the unrotated (and q/k-normed) query and key, times YaRN's scaling
//             squared — as if the query and key stood at one position;
//   position = logit - content;  pairs[i] = pair i's term of the rotated query and key, summing
//   to the logit; pairPositions[i] = pairs[i] minus its unrotated term, summing to position.
// Future (masked) entries are NaN: not data. Empty for GPT-2.
std::vector<std::vector<RopeHeadTerms>> decoderRopeTerms(const DecoderModel& model, const DecoderTrace& trace);
// Whether decoderRopeTerms() of `length` tokens stays a readable size: T^2 x head_dim/2 numbers
// per head and layer, at most 2^23 in all (about 100 MB of JSON). False for GPT-2.
bool ropeTermsAreSmall(const DecoderConfig& config, int length);

}  // namespace orderlens
