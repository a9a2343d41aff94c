#include "adam.h"

#include <cmath>
#include <numbers>

namespace orderlens {

Adam::Adam(const grad::EncoderParams<float>& params, AdamSettings settings)
    : settings_(settings), first_(params.zerosLike()), second_(params.zerosLike())
{
}

float Adam::learningRateAt(int step) const
{
    const auto& s = settings_;
    if (step < s.warmupSteps)
        return s.learningRate * static_cast<float>(step + 1) / static_cast<float>(s.warmupSteps);
    const int decaySteps = std::max(1, s.totalSteps - s.warmupSteps - 1);
    const double progress = std::min(1.0, static_cast<double>(step - s.warmupSteps) / decaySteps);
    const double cosine = 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
    return static_cast<float>(s.learningRate * (s.finalFraction + (1.0 - s.finalFraction) * cosine));
}

double clipGradientNorm(grad::EncoderParams<float>& grads, float maxNorm)
{
    double squared = 0;
    grads.forEach([&](const std::string&, grad::Mat<float>& g) { squared += g.cast<double>().squaredNorm(); });
    const double norm = std::sqrt(squared);
    if (maxNorm > 0 && norm > maxNorm) {
        const auto scale = static_cast<float>(maxNorm / norm);
        grads.forEach([&](const std::string&, grad::Mat<float>& g) { g *= scale; });
    }
    return norm;
}

double Adam::step(grad::EncoderParams<float>& params, grad::EncoderParams<float>& grads)
{
    const double norm = clipGradientNorm(grads, settings_.clipNorm);
    const float lr = learningRateAt(steps_);
    ++steps_;
    const float b1 = settings_.beta1, b2 = settings_.beta2;
    const float correction1 = 1.0f - std::pow(b1, static_cast<float>(steps_));
    const float correction2 = 1.0f - std::pow(b2, static_cast<float>(steps_));
    std::vector<grad::Mat<float>*> m, v, g;
    first_.forEach([&](const std::string&, grad::Mat<float>& x) { m.push_back(&x); });
    second_.forEach([&](const std::string&, grad::Mat<float>& x) { v.push_back(&x); });
    grads.forEach([&](const std::string&, grad::Mat<float>& x) { g.push_back(&x); });
    size_t i = 0;
    params.forEach([&](const std::string&, grad::Mat<float>& p) {
        auto& mi = *m[i];
        auto& vi = *v[i];
        const auto& gi = *g[i];
        ++i;
        if (p.size() == 0)
            return;
        mi = b1 * mi + (1.0f - b1) * gi;
        vi = b2 * vi + (1.0f - b2) * gi.cwiseProduct(gi);
        p.array() -= lr * (mi.array() / correction1) / ((vi.array() / correction2).sqrt() + settings_.epsilon);
    });
    return norm;
}

}  // namespace orderlens
