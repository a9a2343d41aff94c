#pragma once
// The encoder of DESIGN.md: one family, described by ModelConfig. Weights are a struct of
// named tensors (all Matrix; a bias/gain vector is a (1, n) row). The forward pass fills a Trace.
#include "config.h"
#include "head_surgery.h"
#include "library_product.h"
#include "tensor.h"
#include "tokenizer.h"
#include "trace.h"
#include "vocabulary.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace orderlens {

struct LayerWeights {
    Matrix queryWeight, keyWeight, valueWeight, outputWeight;  // (d, d): y = x W^T + b
    Matrix queryBias, keyBias, valueBias, outputBias;          // (1, d)
    Matrix norm1Gain, norm1Bias, norm2Gain, norm2Bias;         // (1, d)
    Matrix ffnInWeight;                                        // (d_ff, d)
    Matrix ffnInBias;                                          // (1, d_ff)
    Matrix ffnOutWeight;                                       // (d, d_ff)
    Matrix ffnOutBias;                                         // (1, d)
};

struct ModelWeights {
    Matrix wordTable;           // (vocab, d) as stored; the forward pass adds embedding_scale x a row
    Matrix positionTable;       // (max_len, d) for learned positions; empty otherwise
    Matrix tokenTypeTable;      // (type_vocab, d); empty when type_vocab == 0
    Matrix embeddingNormGain, embeddingNormBias;  // (1, d) when embedding_norm
    std::vector<LayerWeights> layers;
    Matrix finalNormGain, finalNormBias;          // (1, d) when final_norm and pre-LN
    Matrix roleWeight;          // (n_roles, d) when n_roles > 0
    Matrix roleBias;            // (1, n_roles)
    std::map<std::string, Matrix> extra;  // tensors the forward pass does not use (e.g. a masked-word head), kept on save
};

// One named tensor slot of a model and the shape it must have. The single list of names
// and shapes used by save, load, random init and validation.
struct TensorSlot {
    std::string name;
    Matrix* value;
    int rows, cols;
    bool isVector;  // stored as a 1-D tensor [cols]
};
std::vector<TensorSlot> tensorSlots(ModelWeights& weights, const ModelConfig& config);

class Tokenizer {
public:
    virtual ~Tokenizer() = default;
    // Throws Error(BadInput) for empty text.
    virtual std::vector<Token> tokenize(std::string_view text) const = 0;
    // Two sentences as one input ([CLS] A [SEP] B [SEP], token types 0 and 1 for BERT).
    // Default: Error(Usage), the model takes one sentence at a time.
    virtual std::vector<Token> tokenizePair(std::string_view a, std::string_view b) const;
};

class Model {
public:
    // Validates the config and every tensor's shape (names the tensor, expected and actual shape).
    Model(std::string id, ModelConfig config, std::shared_ptr<const Vocabulary> vocabulary, ModelWeights weights,
          std::shared_ptr<const Tokenizer> tokenizer = nullptr);

    // Untrained weights from a seed (small normal init, unit LayerNorm gains): "before training".
    static Model random(PositionScheme scheme, std::uint64_t seed = 1, ModelConfig config = {});
    // The hand-made 3-D model of the classic example (no layers): 猫 = [0.5, 0.3, -0.2],
    // third position = [0.1, -0.4, 0.3]. Other rows are small fixed values.
    static Model handmade();

    // Built-in model files: safetensors with the config and vocabulary in "__metadata__".
    static Model fromSafetensorsBytes(const std::uint8_t* data, size_t size, const std::string& id);
    static Model load(const std::string& path);  // a model file written by save()
    void save(const std::string& path) const;    // temp file + rename
    std::vector<std::uint8_t> serialize() const;

    const std::string& id() const { return id_; }
    const ModelConfig& config() const { return config_; }
    const Vocabulary& vocabulary() const { return *vocabulary_; }
    // The weights as held: in a model with packed matrices (packedBytes() > 0) the feed-forward
    // matrices are empty here. fullWeights() is a copy with every matrix (for saving, or building
    // another model from this one).
    const ModelWeights& weights() const { return weights_; }
    ModelWeights fullWeights() const;
    // For changing the weights in place (tests): the packed copies are dropped, and every weight is
    // row-major again (the forward pass then runs from them).
    ModelWeights& mutableWeights();
    // Bytes of the weights packed for oneDNN (library_product.h); 0 when none are.
    size_t packedBytes() const;
    const Tokenizer& tokenizer() const { return *tokenizer_; }

    std::vector<Token> tokenize(std::string_view sentence) const;
    // Tokenize + forward + layer-0 decomposition. Throws Error(BadInput) when the sentence is
    // empty or longer than max_len (naming the limit).
    // With an active `ablation`, its heads are switched off (head_surgery.h) and the trace says so.
    Trace trace(std::string_view sentence, const HeadAblation* ablation = nullptr) const;
    Trace trace(std::vector<Token> tokens, const HeadAblation* ablation = nullptr) const;
    // The tokens trace() would run, after the same checks (empty, longer than max_len), without
    // the forward pass: for validating input up front.
    std::vector<Token> checkedTokens(std::string_view sentence) const;
    // Forward pass only, for ablations: ids at the given positions (the same length).
    Trace forward(const std::vector<int>& ids, const std::vector<int>& positions,
                  const std::vector<int>& types = {}, bool withTerms = false,
                  const HeadAblation* ablation = nullptr) const;

    // (len, d) the position rows the scheme adds for positions 0..len-1 (zero for rope/alibi/none).
    Matrix positionRows(const std::vector<int>& positions) const;
    // Full position table for the views: (max_len, d).
    Matrix positionTable() const;

private:
    void checkLength(const std::vector<Token>& tokens) const;

    std::string id_;
    ModelConfig config_;
    std::shared_ptr<const Vocabulary> vocabulary_;
    ModelWeights weights_;
    std::shared_ptr<const Tokenizer> tokenizer_;
    Matrix sinusoidal_;  // cached (max_len, d) when pe == sinusoidal

    // A layer's weight matrices copied into oneDNN's layout (library_product.h), for models whose
    // matrices are large enough to gain (BERT-sized); the forward pass multiplies with them. The
    // feed-forward matrices, read by nothing else, are then kept only packed (weights_ holds
    // them empty; save() and mutableWeights() unpack them), so memory grows only by the
    // attention matrices.
    enum Slot { Query, Key, Value, Output, FfnIn, FfnOut, kSlots };
    std::vector<std::array<std::shared_ptr<const PackedWeights>, kSlots>> packed_;
    void packWeights();
    Matrix project(int layer, Slot slot, const MatrixRef& x, const Matrix& weight, const Matrix& bias) const;
};

class LexiconModelTokenizer : public Tokenizer {
public:
    explicit LexiconModelTokenizer(std::shared_ptr<const Vocabulary> v) : vocabulary_(std::move(v)), impl_(*vocabulary_) {}
    std::vector<Token> tokenize(std::string_view text) const override { return impl_.tokenize(text); }

private:
    std::shared_ptr<const Vocabulary> vocabulary_;
    LexiconTokenizer impl_;
};

}  // namespace orderlens
