#include "head_roles.h"

#include "decoder.h"
#include "decomposition.h"
#include "rope_terms.h"
#include "model.h"
#include "threads.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace orderlens {

std::string toString(HeadKind k)
{
    switch (k) {
    case HeadKind::Positional: return "positional";
    case HeadKind::Content: return "content";
    case HeadKind::Mixed: return "mixed";
    }
    return "mixed";
}

std::string labelZh(HeadKind k)
{
    switch (k) {
    case HeadKind::Positional: return "位置头";
    case HeadKind::Content: return "内容头";
    case HeadKind::Mixed: return "混合";
    }
    return "混合";
}

std::string toString(HeadPattern p)
{
    switch (p) {
    case HeadPattern::None: return "none";
    case HeadPattern::PreviousToken: return "previous_token";
    case HeadPattern::NextToken: return "next_token";
    case HeadPattern::Self: return "self";
    case HeadPattern::FirstToken: return "first_token";
    }
    return "none";
}

HeadKind headKindFromScore(double s)
{
    if (s >= 0.6) return HeadKind::Positional;
    if (s <= 0.4) return HeadKind::Content;
    return HeadKind::Mixed;
}

double patternStrength(const Matrix& a, HeadPattern pattern)
{
    const Eigen::Index T = a.rows();
    double sum = 0;
    int count = 0;
    for (Eigen::Index q = 0; q < T; ++q) {
        Eigen::Index k = -1;
        switch (pattern) {
        case HeadPattern::PreviousToken: k = q - 1; break;
        case HeadPattern::NextToken: k = q + 1; break;
        case HeadPattern::Self: k = q; break;
        case HeadPattern::FirstToken: k = q == 0 ? -1 : 0; break;
        case HeadPattern::None: break;
        }
        if (k < 0 || k >= T)
            continue;
        sum += a(q, k);
        ++count;
    }
    return count == 0 ? 0.0 : sum / count;
}

HeadPattern strongestPattern(const Matrix& a, double* strength)
{
    HeadPattern best = HeadPattern::None;
    double bestValue = 0.4;
    for (auto p : {HeadPattern::PreviousToken, HeadPattern::NextToken, HeadPattern::Self, HeadPattern::FirstToken}) {
        const double v = patternStrength(a, p);
        if (v > bestValue) {
            bestValue = v;
            best = p;
        }
    }
    if (strength)
        *strength = best == HeadPattern::None ? 0.0 : bestValue;
    return best;
}

namespace {

std::vector<int> shuffled(int n, std::mt19937_64& rng)
{
    std::vector<int> perm(static_cast<size_t>(n));
    std::iota(perm.begin(), perm.end(), 0);
    if (n < 2)
        return perm;
    do {
        std::shuffle(perm.begin(), perm.end(), rng);
    } while (std::is_sorted(perm.begin(), perm.end()));
    return perm;
}

// Mean absolute change of every head's attention: [layer][head].
std::vector<std::vector<double>> attentionChange(const Trace& a, const Trace& b)
{
    std::vector<std::vector<double>> out(a.layers.size());
    for (size_t l = 0; l < a.layers.size(); ++l)
        for (size_t h = 0; h < a.layers[l].attention.size(); ++h)
            out[l].push_back(static_cast<double>((a.layers[l].attention[h] - b.layers[l].attention[h]).cwiseAbs().mean()));
    return out;
}

}  // namespace

namespace {

// How much each head's attention moves, [layer][head], summed over `shuffles` passes with the
// token identities shuffled (positions kept: rows stay at their positions) and as many with the
// positions shuffled (the same rows, other positions). `forward(ids, positions, types)` is one
// pass of the model. Empty when the sentence has one token or no shuffle is asked.
struct Changes {
    std::vector<std::vector<double>> content, position;
    bool ran = false;
};

template <class Forward>
Changes shuffleChanges(const Trace& trace, int H, double passWork, int shuffles, std::uint64_t seed,
                       const Forward& forward)
{
    const int T = trace.length();
    const int L = static_cast<int>(trace.layers.size());
    std::vector<int> ids, positions, types;
    for (const auto& t : trace.tokens) {
        ids.push_back(t.id);
        positions.push_back(t.position);
        types.push_back(t.type);
    }
    Changes out;
    out.content.assign(static_cast<size_t>(L), std::vector<double>(static_cast<size_t>(H)));
    out.position = out.content;
    std::mt19937_64 rng(seed);
    out.ran = T >= 2 && shuffles > 0;
    // The ablation inputs, drawn in a fixed order: per shuffle, identities, then positions.
    struct Ablation {
        std::vector<int> ids, positions, types;
        bool content;  // identities shuffled
    };
    std::vector<Ablation> ablations;
    for (int s = 0; out.ran && s < shuffles; ++s) {
        const auto perm = shuffled(T, rng);
        Ablation c{std::vector<int>(ids.size()), positions, std::vector<int>(types.size()), true};
        for (int i = 0; i < T; ++i) {
            c.ids[static_cast<size_t>(i)] = ids[static_cast<size_t>(perm[static_cast<size_t>(i)])];
            c.types[static_cast<size_t>(i)] = types[static_cast<size_t>(perm[static_cast<size_t>(i)])];
        }
        ablations.push_back(std::move(c));
        const auto perm2 = shuffled(T, rng);
        Ablation p{ids, std::vector<int>(positions.size()), types, false};
        for (int i = 0; i < T; ++i)
            p.positions[static_cast<size_t>(i)] = positions[static_cast<size_t>(perm2[static_cast<size_t>(i)])];
        ablations.push_back(std::move(p));
    }
    // The forward passes are independent: one per thread (coarse work survives a busy machine
    // far better than splitting each product), when one pass is long (passWork multiply-adds).
    // Summed afterwards in order, so results are the same on any number of threads.
    std::vector<std::vector<std::vector<double>>> changes(ablations.size());
    parallelFor(static_cast<int>(ablations.size()), passWork > 2e7, [&](int i) {
        const Ablation& a = ablations[static_cast<size_t>(i)];
        changes[static_cast<size_t>(i)] = attentionChange(trace, forward(a.ids, a.positions, a.types));
    });
    for (size_t i = 0; i < ablations.size(); ++i) {
        auto& total = ablations[i].content ? out.content : out.position;
        for (int l = 0; l < L; ++l)
            for (int h = 0; h < H; ++h)
                total[static_cast<size_t>(l)][static_cast<size_t>(h)] += changes[i][static_cast<size_t>(l)][static_cast<size_t>(h)];
    }
    return out;
}

// The role of head (l, h) from the shuffles' changes (the kind still to be set).
HeadRole shuffledRole(const Changes& changes, const Trace& trace, int l, int h)
{
    HeadRole r;
    r.layer = l;
    r.head = h;
    if (changes.ran) {
        const double dc = changes.content[static_cast<size_t>(l)][static_cast<size_t>(h)];
        const double dp = changes.position[static_cast<size_t>(l)][static_cast<size_t>(h)];
        r.ablationPositionScore = dc + dp > 1e-12 ? dp / (dc + dp) : 0.5;
    } else
        r.ablationPositionScore = std::numeric_limits<double>::quiet_NaN();
    r.positionScore = changes.ran ? r.ablationPositionScore : 0.5;
    r.pattern = strongestPattern(trace.layers[static_cast<size_t>(l)].attention[static_cast<size_t>(h)],
                                 &r.patternStrength);
    return r;
}

}  // namespace

std::vector<HeadRole> headRoles(const Model& model, const Trace& trace, int shuffles, std::uint64_t seed,
                                const HeadAblation* ablation)
{
    const ModelConfig& c = model.config();
    const int L = static_cast<int>(trace.layers.size()), H = c.n_heads;
    const double passWork = double(trace.length()) * c.n_layers * (4.0 * c.d_model * c.d_model + 2.0 * c.d_model * c.d_ff);
    const Changes changes = shuffleChanges(trace, H, passWork, shuffles, seed,
                                           [&](const std::vector<int>& ids, const std::vector<int>& positions,
                                               const std::vector<int>& types) {
                                               return model.forward(ids, positions, types, false, ablation);
                                           });
    std::vector<HeadRole> roles;
    for (int l = 0; l < L; ++l)
        for (int h = 0; h < H; ++h) {
            HeadRole r = shuffledRole(changes, trace, l, h);
            if (l == 0 && trace.terms) {
                const TermShares s = termShares(*trace.terms, h);
                r.decompositionPositionShare = s.position;
                r.decompositionContentShare = s.content;
                r.positionScore = s.position + 0.5 * s.mixed;
            }
            r.kind = headKindFromScore(r.positionScore);
            roles.push_back(r);
        }
    return roles;
}

std::vector<HeadRole> headRoles(const DecoderModel& model, const Trace& trace, const std::vector<RopeShares>& ropeShares,
                                int shuffles, std::uint64_t seed, const HeadAblation* ablation)
{
    const DecoderConfig& c = model.config();
    const int L = static_cast<int>(trace.layers.size()), H = c.n_heads;
    std::vector<HeadRole> roles;
    if (ropeShares.size() == static_cast<size_t>(L) * static_cast<size_t>(H)) {
        // RoPE's exact split of every head's scores: the kind read from its position share.
        for (int l = 0; l < L; ++l)
            for (int h = 0; h < H; ++h) {
                const RopeShares& share = ropeShares[static_cast<size_t>(l * H + h)];
                HeadRole r = shuffledRole(Changes{}, trace, l, h);
                r.decompositionPositionShare = share.position;
                r.decompositionContentShare = share.content;
                // One token (nothing to tell apart: both shares 0) is neither kind.
                r.positionScore = share.content + share.position > 0 ? share.position : 0.5;
                r.kind = headKindFromScore(r.positionScore);
                roles.push_back(r);
            }
        return roles;
    }
    const double passWork =
        double(trace.length()) * c.n_layers * (4.0 * c.d_model * c.d_model + 3.0 * c.d_model * c.d_ff);
    const Changes changes = shuffleChanges(trace, H, passWork, shuffles, seed,
                                           [&](const std::vector<int>& ids, const std::vector<int>& positions,
                                               const std::vector<int>&) {
                                               return model.forward(ids, 0, ablation, &positions).trace;
                                           });
    for (int l = 0; l < L; ++l)
        for (int h = 0; h < H; ++h) {
            HeadRole r = shuffledRole(changes, trace, l, h);
            r.kind = headKindFromScore(r.positionScore);
            roles.push_back(r);
        }
    return roles;
}

}  // namespace orderlens
