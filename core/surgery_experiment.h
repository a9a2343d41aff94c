#pragma once
// Head surgery on the built-in models, as an experiment: which heads does the model need to
// tell 猫追老鼠 from 老鼠追猫? Reversal-pair accuracy (the agent and patient tokens of both
// sentences of every held-out reversal pair: 50 % when the model cannot see order) with
//   no head off; each head off alone; every positional head off; and as many heads drawn from
//   the content heads (from content and mixed heads when there are too few content heads) off
//   instead: every such set when there are at most `draws` of them, else `draws` distinct
//   random sets.
// Head kinds here are the model's, not one sentence's: each head's ablation position score
// (head_roles.h) averaged over a corpus.
#include "head_roles.h"
#include "head_surgery.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace orderlens {

class Model;
class DecoderModel;
class Corpus;

// Each head's mean context row over the sentences (text), the model intact (mean ablation's values).
HeadMeans headMeans(const Model& model, const std::vector<std::string>& sentences);
HeadMeans headMeans(const DecoderModel& model, const std::vector<std::string>& sentences);

// The model's head kinds: per head, the ablation position score averaged over the sentences,
// the kind read from that mean (headKindFromScore). layer-major, as headRoles.
std::vector<HeadRole> corpusHeadRoles(const Model& model, const std::vector<std::string>& sentences);
std::vector<HeadId> headsOfKind(const std::vector<HeadRole>& roles, HeadKind kind);

// The surgery --ablate names: "positional", "content", or a head list ("L0H1,L1", head_surgery.h).
// Kinds are read from corpusHeadRoles over `sentences`; method Mean computes the means over them.
HeadAblation ablationFor(const Model& model, std::string_view heads, AblationMethod method,
                         const std::vector<std::string>& sentences);
// Decoders: a head list only (their head kinds are not computed: "positional" and "content" are
// Error(Usage) saying so).
HeadAblation ablationFor(const DecoderModel& model, std::string_view heads, AblationMethod method,
                         const std::vector<std::string>& sentences);

struct SurgeryRow {
    std::string label;            // "none", "L0H1", "positional", "content (draw 2)"
    std::vector<HeadId> heads;
    double reversalNounAccuracy = 0;  // agent + patient tokens of the reversal pairs
    double heldOutAccuracy = 0;       // every token of held-out sentences
    int showcaseCorrect = 0, showcaseTotal = 0;
};

struct SurgeryExperiment {
    std::string modelId;
    AblationMethod method = AblationMethod::Zero;
    std::vector<HeadRole> roles;   // the model's head kinds the groups were drawn from
    SurgeryRow intact;
    std::vector<SurgeryRow> single;    // each head alone, layer-major
    SurgeryRow positional;             // every positional head (empty heads: the model has none)
    std::vector<SurgeryRow> random;    // sets of as many content heads
    std::string randomPool;            // "content" or "content and mixed"
    double randomMean = 0;             // mean reversal accuracy of the draws
    int reversalPairs = 0;
};

// The experiment for a model with a role head (Error(BadInput) otherwise), over its own corpus.
SurgeryExperiment surgeryExperiment(const Model& model, AblationMethod method, int draws = 5,
                                    std::uint64_t seed = 11, int heldOut = 400);

}  // namespace orderlens
