#pragma once
// Adam with linear warm-up, cosine decay and global gradient-norm clipping, over the tensors
// of an EncoderParams<float>.
#include "encoder_grad.h"

namespace orderlens {

struct AdamSettings {
    float learningRate = 3e-3f;      // peak, reached at the end of warm-up
    int warmupSteps = 100;           // linear ramp from 0
    int totalSteps = 1000;           // cosine decay from the peak to finalFraction * peak at the last step
    float finalFraction = 0.05f;
    float beta1 = 0.9f, beta2 = 0.98f, epsilon = 1e-8f;
    float clipNorm = 1.0f;           // gradients are scaled down to this global L2 norm (0: no clipping)
};

// Scales grads in place so their global L2 norm is at most maxNorm (maxNorm <= 0: no change).
// Returns the norm before scaling.
double clipGradientNorm(grad::EncoderParams<float>& grads, float maxNorm);

class Adam {
public:
    Adam(const grad::EncoderParams<float>& params, AdamSettings settings);
    // The learning rate of step (0-based).
    float learningRateAt(int step) const;
    // Clips grads in place (clipGradientNorm), then updates params. Returns the norm before clipping.
    double step(grad::EncoderParams<float>& params, grad::EncoderParams<float>& grads);
    int stepsTaken() const { return steps_; }

private:
    AdamSettings settings_;
    grad::EncoderParams<float> first_, second_;  // moment estimates
    int steps_ = 0;
};

}  // namespace orderlens
