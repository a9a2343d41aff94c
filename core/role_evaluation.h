#pragma once
// How well a model with a role head labels who does what: on held-out events, on reversal
// pairs (猫追老鼠 / 老鼠追猫 — the same words in another order) and on the showcase sentences.
// Runs Model::forward, the path the views use.
#include "corpus.h"
#include "model.h"

#include <string>
#include <vector>

namespace orderlens {

struct ShowcaseResult {
    std::string sentence;
    std::vector<std::string> tokens;
    std::vector<int> expected, predicted;  // Role per token
    bool correct = false;                  // every token right
};

struct RoleReport {
    double heldOutAccuracy = 0;      // token accuracy on random held-out sentences
    int heldOutSentences = 0, heldOutTokens = 0;
    double reversalAccuracy = 0;     // token accuracy on both sentences of every reversal pair
    double reversalNounAccuracy = 0; // the same, counting only the agent and patient tokens
    int reversalPairs = 0;
    std::vector<ShowcaseResult> showcase;
    int showcaseCorrect = 0;
};

// The predicted role of every token (argmax of the role head). Throws Error(BadInput) without a role head.
// With an active `ablation`, its heads are switched off (head_surgery.h).
std::vector<int> predictRoles(const Model& model, const std::vector<int>& ids, const HeadAblation* ablation = nullptr);

// The agent-and-patient token accuracy over the given reversal pairs (both sentences of each):
// the figure that falls to exactly 50 % without positions.
double reversalNounAccuracy(const Model& model,
                            const std::vector<std::pair<LabelledSentence, LabelledSentence>>& pairs,
                            const HeadAblation* ablation = nullptr);

// Builds the corpus over the model's own vocabulary (the split the trainer used).
RoleReport evaluateRoles(const Model& model, int heldOutSentences = 2000);
RoleReport evaluateRoles(const Model& model, const Corpus& corpus, int heldOutSentences = 2000,
                         const HeadAblation* ablation = nullptr);

}  // namespace orderlens
