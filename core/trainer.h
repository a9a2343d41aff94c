#pragma once
// Trains a built-in model: the encoder of model.h with a role head and a masked-word head, on
// the generated corpus (corpus.h), with Adam (adam.h). Deterministic from the seed: each
// minibatch is split into two fixed halves whose gradients are summed in a fixed order, so the
// run is the same with one thread or two. Reports progress and can be cancelled, so a GUI can
// run it off its thread.
#include "adam.h"
#include "config.h"
#include "model.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>

namespace orderlens {

struct TrainOptions {
    PositionScheme scheme = PositionScheme::Sinusoidal;
    std::uint64_t seed = 1;        // initial weights, sentence order and masking
    int steps = 1200;              // optimizer steps
    int batchSize = 32;            // sentences per step
    float learningRate = 3e-3f;    // peak Adam learning rate
    int warmupSteps = 100;         // linear warm-up, then cosine decay to 5 % of the peak
    float clipNorm = 1.0f;         // global gradient-norm clipping
    float maskProbability = 0.5f;  // share of sentences with one word replaced by [MASK]
    float maskLossWeight = 0.5f;   // weight of the masked-word loss beside the role loss
    int threads = 2;               // 1 or 2; the result does not depend on it
    int progressInterval = 25;     // steps between progress reports
    int reversalInterval = 50;     // steps between reversal-pair evaluations (0: none); also after the last step
    ModelConfig architecture;      // d_model, heads, layers, d_ff, norm, activation, embedding_scale (vocab and pe are filled in)
};

struct TrainProgress {
    int step = 0, totalSteps = 0;  // steps done
    double loss = 0;               // mean training loss since the last report
    double accuracy = 0;           // role accuracy on the training tokens since the last report
    double learningRate = 0;
    double seconds = 0;            // since the start
    // Who-does-what accuracy on the held-out reversal pairs (agent and patient tokens of
    // 猫追老鼠 / 老鼠追猫 …: reversalNounAccuracy of role_evaluation.h) of the weights now; NaN in
    // the reports between evaluations (TrainOptions::reversalInterval).
    double reversalAccuracy = std::numeric_limits<double>::quiet_NaN();
};

struct TrainResult {
    std::shared_ptr<const Model> model;  // the weights when training ended (also when cancelled)
    bool cancelled = false;
    int steps = 0;                       // steps done
    double seconds = 0;
    double finalLoss = 0;
};

// The options `orderlens train --pe KIND` uses: the defaults above, 8 heads for ALiBi and an
// embedding_scale of sqrt(d_model) for sinusoidal positions (see trainer.cpp for why).
TrainOptions defaultTrainOptions(PositionScheme scheme);

// Throws Error(Usage) for invalid options (steps < 1, batch < 2 ...).
TrainResult trainRoleModel(const TrainOptions& options,
                           const std::function<void(const TrainProgress&)>& onProgress = {},
                           const std::atomic<bool>* cancel = nullptr);

// The untrained weights a run starts from (exposed for tests).
grad::EncoderParams<float> initialParams(const ModelConfig& config, std::uint64_t seed);

}  // namespace orderlens
