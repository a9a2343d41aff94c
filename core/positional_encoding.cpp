#include "positional_encoding.h"

#include <cmath>

namespace orderlens {

Matrix sinusoidalTable(int length, int d)
{
    Matrix table(length, d);
    for (int pos = 0; pos < length; ++pos) {
        for (int j = 0; j < d; ++j) {
            const int twoI = j - (j % 2);
            const double angle = pos / std::pow(10000.0, static_cast<double>(twoI) / d);
            table(pos, j) = static_cast<float>(j % 2 == 0 ? std::sin(angle) : std::cos(angle));
        }
    }
    return table;
}

std::vector<float> alibiSlopes(int heads)
{
    std::vector<float> slopes(static_cast<size_t>(heads));
    for (int h = 1; h <= heads; ++h)
        slopes[static_cast<size_t>(h - 1)] = static_cast<float>(std::pow(2.0, -8.0 * h / heads));
    return slopes;
}

float alibiBias(float slope, int head, int queryPosition, int keyPosition)
{
    const int distance = std::abs(queryPosition - keyPosition);
    const bool keyAfter = keyPosition > queryPosition;
    const bool charged = head % 2 == 0 ? keyAfter : keyPosition < queryPosition;
    return -slope * static_cast<float>(distance) * (charged ? 2.0f : 1.0f);
}

Matrix alibiBiasMatrix(int length, float slope, int head)
{
    Matrix bias(length, length);
    for (int q = 0; q < length; ++q)
        for (int k = 0; k < length; ++k)
            bias(q, k) = alibiBias(slope, head, q, k);
    return bias;
}

Matrix ropeAngles(int length, int dHead, float base)
{
    Matrix angles(length, dHead / 2);
    for (int pos = 0; pos < length; ++pos)
        for (int i = 0; i < dHead / 2; ++i)
            angles(pos, i) = static_cast<float>(pos * std::pow(static_cast<double>(base), -2.0 * i / dHead));
    return angles;
}

void applyRope(Eigen::Ref<Matrix> x, const std::vector<int>& positions, float base)
{
    const int dHead = static_cast<int>(x.cols());
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const double pos = positions[static_cast<size_t>(r)];
        for (int i = 0; i < dHead / 2; ++i) {
            const double angle = pos * std::pow(static_cast<double>(base), -2.0 * i / dHead);
            const float c = static_cast<float>(std::cos(angle)), s = static_cast<float>(std::sin(angle));
            const float a = x(r, 2 * i), b = x(r, 2 * i + 1);
            x(r, 2 * i) = a * c - b * s;
            x(r, 2 * i + 1) = a * s + b * c;
        }
    }
}

}  // namespace orderlens
