#include "role_evaluation.h"

#include "errors.h"
#include "roles.h"

namespace orderlens {

std::vector<int> predictRoles(const Model& model, const std::vector<int>& ids, const HeadAblation* ablation)
{
    if (model.config().n_roles <= 0)
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core",
                                           "model %1 has no role head, so it labels no roles (use a builtin: or trained model)"),
                         {model.id()});
    std::vector<int> positions(ids.size());
    for (size_t i = 0; i < ids.size(); ++i)
        positions[i] = static_cast<int>(i);
    const Trace trace = model.forward(ids, positions, {}, false, ablation);
    std::vector<int> roles;
    for (int t = 0; t < trace.length(); ++t)
        roles.push_back(trace.predictedRole(t));
    return roles;
}

double reversalNounAccuracy(const Model& model,
                            const std::vector<std::pair<LabelledSentence, LabelledSentence>>& pairs,
                            const HeadAblation* ablation)
{
    int nouns = 0, right = 0;
    for (const auto& [a, b] : pairs)
        for (const LabelledSentence* s : {&a, &b}) {
            const auto predicted = predictRoles(model, s->ids, ablation);
            for (size_t t = 0; t < predicted.size(); ++t)
                if (s->roles[t] == static_cast<int>(Role::Agent) || s->roles[t] == static_cast<int>(Role::Patient)) {
                    ++nouns;
                    right += predicted[t] == s->roles[t];
                }
        }
    return nouns ? static_cast<double>(right) / nouns : 0.0;
}

RoleReport evaluateRoles(const Model& model, int heldOutSentences)
{
    return evaluateRoles(model, Corpus(model.vocabulary()), heldOutSentences);
}

RoleReport evaluateRoles(const Model& model, const Corpus& corpus, int heldOutSentences, const HeadAblation* ablation)
{
    RoleReport report;
    int correct = 0;
    for (const auto& s : corpus.heldOutSentences(heldOutSentences)) {
        const auto predicted = predictRoles(model, s.ids, ablation);
        for (size_t t = 0; t < predicted.size(); ++t)
            correct += predicted[t] == s.roles[t];
        report.heldOutTokens += static_cast<int>(predicted.size());
        ++report.heldOutSentences;
    }
    report.heldOutAccuracy = report.heldOutTokens ? static_cast<double>(correct) / report.heldOutTokens : 0.0;

    int tokens = 0, tokensRight = 0, nouns = 0, nounsRight = 0;
    for (const auto& [a, b] : corpus.reversalPairs()) {
        for (const LabelledSentence* s : {&a, &b}) {
            const auto predicted = predictRoles(model, s->ids, ablation);
            for (size_t t = 0; t < predicted.size(); ++t) {
                const bool right = predicted[t] == s->roles[t];
                ++tokens;
                tokensRight += right;
                if (s->roles[t] == static_cast<int>(Role::Agent) || s->roles[t] == static_cast<int>(Role::Patient)) {
                    ++nouns;
                    nounsRight += right;
                }
            }
        }
        ++report.reversalPairs;
    }
    report.reversalAccuracy = tokens ? static_cast<double>(tokensRight) / tokens : 0.0;
    report.reversalNounAccuracy = nouns ? static_cast<double>(nounsRight) / nouns : 0.0;

    for (const auto& s : corpus.showcase()) {
        ShowcaseResult r;
        r.sentence = s.text;
        for (int id : s.ids)
            r.tokens.push_back(model.vocabulary().word(id));
        r.expected = s.roles;
        r.predicted = predictRoles(model, s.ids, ablation);
        r.correct = r.predicted == r.expected;
        report.showcaseCorrect += r.correct;
        report.showcase.push_back(std::move(r));
    }
    return report;
}

}  // namespace orderlens
