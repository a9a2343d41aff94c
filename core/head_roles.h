#pragma once
// Which heads look at positions and which at content.
//  * Layer 0 (additive schemes and ALiBi): from the exact decomposition (termShares).
//  * Every layer: by ablation. Shuffle token identities keeping positions, and shuffle
//    positions keeping identities (re-aligned by token), and measure how much each head's
//    attention moves. A head that moves only when positions move is positional.
// Also names the common positional patterns: previous token, next token, self, first token.
#include "head_surgery.h"
#include "trace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace orderlens {

class Model;
class DecoderModel;
struct RopeShares;

enum class HeadKind { Positional, Content, Mixed };
enum class HeadPattern { None, PreviousToken, NextToken, Self, FirstToken };

struct HeadRole {
    int layer = 0, head = 0;
    HeadKind kind = HeadKind::Mixed;
    double positionScore = 0;       // 0 = pure content, 1 = pure position (the score the kind is read from)
    double ablationPositionScore = 0;  // from the shuffles; NaN when the sentence has one token
    double decompositionPositionShare = -1;  // layer 0 (additive schemes), every layer (a RoPE decoder); -1 where undefined
    double decompositionContentShare = -1;
    HeadPattern pattern = HeadPattern::None;
    double patternStrength = 0;     // mean attention weight on the pattern's key
};

std::string toString(HeadKind);
std::string labelZh(HeadKind);
std::string toString(HeadPattern);

// Thresholds: positionScore >= 0.6 -> positional, <= 0.4 -> content, else mixed.
HeadKind headKindFromScore(double positionScore);

// Mean attention on the pattern's key, and the strongest pattern when it exceeds 0.4.
double patternStrength(const Matrix& attention, HeadPattern pattern);
HeadPattern strongestPattern(const Matrix& attention, double* strength);

// Roles of every head of every layer for this trace. `shuffles` random permutations of each kind.
// The shuffled passes run with the trace's own surgery (`ablation`, the one it was traced with).
std::vector<HeadRole> headRoles(const Model& model, const Trace& trace, int shuffles = 4, std::uint64_t seed = 1,
                                const HeadAblation* ablation = nullptr);

// A decoder's heads. With RoPE's exact split of every head (`ropeShares`, layer-major, as
// analyse() makes it) the kind is read from each head's position share of its scores; otherwise
// (GPT-2, or RoPE past the length its terms are kept for) by the shuffles above, the positions
// moved through DecoderModel::forward's `positions`.
std::vector<HeadRole> headRoles(const DecoderModel& model, const Trace& trace, const std::vector<RopeShares>& ropeShares,
                                int shuffles = 4, std::uint64_t seed = 1, const HeadAblation* ablation = nullptr);

}  // namespace orderlens
