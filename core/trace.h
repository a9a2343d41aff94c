#pragma once
// Everything a view needs about one sentence run through one model. An immutable value:
// the model fills it once (Model::trace); views and analyses only read it.
#include "config.h"
#include "head_surgery.h"
#include "tensor.h"
#include "tokenizer.h"

#include <optional>
#include <string>
#include <vector>

namespace orderlens {

struct LayerTrace {
    Matrix attentionInput;              // (T, d) rows the attention reads (after LN1 in pre-LN)
    std::vector<Matrix> queries;        // per head (T, dHead), after RoPE when the scheme rotates
    std::vector<Matrix> keys;           // per head (T, dHead)
    std::vector<Matrix> values;         // per head (T, dHead)
    std::vector<Matrix> logits;         // per head (T, T), row = query; scaled by 1/sqrt(dHead), ALiBi bias included, before softmax
    std::vector<Matrix> attention;      // per head (T, T), row = query, rows sum to 1
    Matrix context;                     // (T, heads * dHead) each head's output (attention x values) as the
                                        // output projection reads it, after head surgery
    Matrix output;                      // (T, d) rows after the whole layer (attention + FFN + residuals)
};

// The exact layer-0 decomposition of every head's logits (see decomposition.h).
struct LogitTerms {
    std::vector<Matrix> ee, ep, pe, pp, bias;  // per head (T, T); ee + ep + pe + pp + bias == logits
};

// RoPE's exact split of one head's scaled logits (rope_terms.h): content + position == logits,
// and the sum of the frequency pairs' terms == logits.
struct RopeHeadTerms {
    Matrix content, position;      // (T, T)
    std::vector<Matrix> pairs;     // (dHead / 2) x (T, T): each pair's term, summing to the logits
    std::vector<Matrix> pairPositions;  // (dHead / 2) x (T, T): what the rotation adds to each pair's term, summing to position
};

// One of a decoder's most likely next tokens after a position.
struct NextToken {
    int id = 0;
    std::string text;  // readable display form of the token
    double probability = 0;
};

struct Trace {
    std::string modelId;                // e.g. "builtin:sinusoidal", "random:rope", a path
    ModelConfig config;
    std::vector<Token> tokens;          // T tokens, in input order
    Matrix embedding;                   // (T, d) word rows E as added: embedding_scale x word-table row
    Matrix position;                    // (T, d) position rows P; zero where the scheme adds none
    Matrix input;                       // (T, d) rows entering layer 0 (E + P; BERT: after the embedding LayerNorm)
    std::vector<LayerTrace> layers;     // n_layers
    std::optional<LogitTerms> terms;    // layer 0, for additive schemes and ALiBi; absent for RoPE
    std::vector<std::vector<RopeHeadTerms>> ropeTerms;  // (layers, heads) for RoPE models when terms are asked; else empty
    Matrix roleProbabilities;           // (T, n_roles) softmax of the role head; empty without one
    // The heads the forward pass switched off (empty: the intact model). Under uniform ablation
    // their `attention` holds the uniform rows they ran with; under zero and mean ablation it
    // holds the attention the head would have used (its logits and attention are still computed).
    HeadSurgery surgery;

    int length() const { return static_cast<int>(tokens.size()); }
    std::vector<int> tokenIds() const;
    int predictedRole(int token) const;  // argmax of roleProbabilities, -1 without a role head
};

}  // namespace orderlens
