#include "alignment.h"

namespace orderlens {

std::optional<std::vector<int>> alignTokens(const Trace& a, const Trace& b)
{
    if (a.tokens.size() != b.tokens.size())
        return std::nullopt;
    std::vector<int> map(a.tokens.size(), -1);
    std::vector<bool> used(b.tokens.size(), false);
    for (size_t i = 0; i < a.tokens.size(); ++i) {
        for (size_t j = 0; j < b.tokens.size(); ++j) {
            // What the model reads: the id and the segment, never the surface text.
            if (!used[j] && a.tokens[i].id == b.tokens[j].id && a.tokens[i].type == b.tokens[j].type) {
                map[i] = static_cast<int>(j);
                used[j] = true;
                break;
            }
        }
        if (map[i] < 0)
            return std::nullopt;
    }
    return map;
}

Matrix alignRows(const Matrix& m, const std::vector<int>& bIndexOfA)
{
    Matrix out(m.rows(), m.cols());
    for (size_t i = 0; i < bIndexOfA.size(); ++i)
        out.row(static_cast<Eigen::Index>(i)) = m.row(bIndexOfA[i]);
    return out;
}

namespace {
Matrix alignSquare(const Matrix& m, const std::vector<int>& map)
{
    const auto T = static_cast<Eigen::Index>(map.size());
    Matrix out(T, T);
    for (Eigen::Index q = 0; q < T; ++q)
        for (Eigen::Index k = 0; k < T; ++k)
            out(q, k) = m(map[static_cast<size_t>(q)], map[static_cast<size_t>(k)]);
    return out;
}
}  // namespace

std::optional<AlignedDifference> alignedDifference(const Trace& a, const Trace& b)
{
    const auto map = alignTokens(a, b);
    if (!map || a.layers.size() != b.layers.size())
        return std::nullopt;
    AlignedDifference diff;
    diff.bIndexOfA = *map;
    diff.sameInput = true;
    for (size_t i = 0; i < map->size(); ++i)
        diff.sameInput = diff.sameInput && (*map)[i] == static_cast<int>(i);
    for (size_t l = 0; l < a.layers.size(); ++l) {
        diff.attention.emplace_back();
        diff.logits.emplace_back();
        for (size_t h = 0; h < a.layers[l].attention.size(); ++h) {
            Matrix d = alignSquare(b.layers[l].attention[h], *map) - a.layers[l].attention[h];
            diff.maxAbsAttention = std::max(diff.maxAbsAttention, static_cast<double>(d.cwiseAbs().maxCoeff()));
            diff.attention.back().push_back(std::move(d));
            diff.logits.back().push_back(alignSquare(b.layers[l].logits[h], *map) - a.layers[l].logits[h]);
        }
    }
    return diff;
}

}  // namespace orderlens
