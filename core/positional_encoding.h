#pragma once
// The position schemes of DESIGN.md, defined once.
#include "config.h"
#include "tensor.h"

#include <vector>

namespace orderlens {

// (length, d): P[pos, 2i] = sin(pos / 10000^(2i/d)), P[pos, 2i+1] = cos(pos / 10000^(2i/d)).
Matrix sinusoidalTable(int length, int d);

// ALiBi slopes for H heads: 2^(-8h/H), h = 1..H (8 heads: 1/2 ... 1/256).
std::vector<float> alibiSlopes(int heads);

// ALiBi in an encoder. The causal original only sees keys before the query; an encoder sees
// both sides, and a bias symmetric in |q - k| cannot tell a sentence from its mirror image
// ("猫追老鼠" reversed is "老鼠追猫": every distance is the same). So OrderLens's encoders use a
// directional ALiBi: even heads charge keys *after* the query twice the slope, odd heads keys
// *before* it. bias = -slope * |q - k| * (2 on the charged side, 1 on the other).
float alibiBias(float slope, int head, int queryPosition, int keyPosition);
// (T, T) the bias of one head for positions 0..T-1.
Matrix alibiBiasMatrix(int length, float slope, int head);

// RoPE angle of pair i at position pos: pos * base^(-2i/dHead). (length, dHead/2).
Matrix ropeAngles(int length, int dHead, float base);

// Rotates each row r of x (T, dHead) by the angles of position positions[r], pairs (2i, 2i+1).
void applyRope(Eigen::Ref<Matrix> x, const std::vector<int>& positions, float base);

}  // namespace orderlens
