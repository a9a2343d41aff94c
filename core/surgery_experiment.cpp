#include "surgery_experiment.h"

#include "corpus.h"
#include "decoder.h"
#include "errors.h"
#include "model.h"
#include "role_evaluation.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace orderlens {

namespace {
// The sentence through the intact model: the forward pass only (the means and the head kinds
// need no layer-0 decomposition or RoPE terms).
Trace intactTrace(const Model& model, const std::string& text, size_t index)
{
    try {
        std::vector<int> ids, positions, types;
        for (const Token& t : model.checkedTokens(text)) {
            ids.push_back(t.id);
            positions.push_back(t.position);
            types.push_back(t.type);
        }
        return model.forward(ids, positions, types);
    } catch (const Error& e) {
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "sentence %1 of the corpus: %2"),
                         {std::to_string(index + 1)}, e);
    }
}
}  // namespace

HeadMeans headMeans(const Model& model, const std::vector<std::string>& sentences)
{
    HeadMeanAccumulator sums;
    for (size_t i = 0; i < sentences.size(); ++i)
        sums.add(intactTrace(model, sentences[i], i).layers);
    return sums.finish();
}

HeadMeans headMeans(const DecoderModel& model, const std::vector<std::string>& sentences)
{
    HeadMeanAccumulator sums;
    for (size_t i = 0; i < sentences.size(); ++i) {
        try {
            sums.add(model.trace(sentences[i], 0).trace.layers);
        } catch (const Error& e) {
            throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "sentence %1 of the corpus: %2"),
                             {std::to_string(i + 1)}, e);
        }
    }
    return sums.finish();
}

std::vector<HeadRole> corpusHeadRoles(const Model& model, const std::vector<std::string>& sentences)
{
    std::vector<HeadRole> mean;
    std::vector<int> counted;
    for (size_t i = 0; i < sentences.size(); ++i) {
        const Trace trace = intactTrace(model, sentences[i], i);
        const std::vector<HeadRole> roles = headRoles(model, trace);
        if (mean.empty()) {
            mean = roles;
            for (HeadRole& r : mean)
                r.ablationPositionScore = r.positionScore = 0;
            counted.assign(roles.size(), 0);
        }
        for (size_t h = 0; h < roles.size(); ++h)
            if (std::isfinite(roles[h].ablationPositionScore)) {
                mean[h].ablationPositionScore += roles[h].ablationPositionScore;
                ++counted[h];
            }
    }
    for (size_t h = 0; h < mean.size(); ++h) {
        HeadRole& r = mean[h];
        r.ablationPositionScore = counted[h] ? r.ablationPositionScore / counted[h] : std::nan("");
        r.positionScore = counted[h] ? r.ablationPositionScore : 0.5;
        r.kind = headKindFromScore(r.positionScore);
        r.decompositionPositionShare = r.decompositionContentShare = -1;  // not a corpus figure
        r.pattern = HeadPattern::None;
        r.patternStrength = 0;
    }
    return mean;
}

std::vector<HeadId> headsOfKind(const std::vector<HeadRole>& roles, HeadKind kind)
{
    std::vector<HeadId> out;
    for (const HeadRole& r : roles)
        if (r.kind == kind)
            out.push_back({r.layer, r.head});
    return out;
}

HeadAblation ablationFor(const Model& model, std::string_view heads, AblationMethod method,
                         const std::vector<std::string>& sentences)
{
    HeadAblation ablation;
    ablation.surgery.method = method;
    if (heads == "positional" || heads == "content")
        ablation.surgery.heads = headsOfKind(corpusHeadRoles(model, sentences),
                                             heads == "positional" ? HeadKind::Positional : HeadKind::Content);
    else
        ablation.surgery.heads = parseHeadList(heads, model.config().n_layers, model.config().n_heads);
    ablation.surgery.normalise();
    if (method == AblationMethod::Mean && !ablation.surgery.empty())
        ablation.means = headMeans(model, sentences);
    return ablation;
}

HeadAblation ablationFor(const DecoderModel& model, std::string_view heads, AblationMethod method,
                         const std::vector<std::string>& sentences)
{
    if (heads == "positional" || heads == "content")
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core",
                                           "head kinds (positional, content) are not computed for decoders yet: name "
                                           "the heads instead, e.g. --ablate L0H1,L2"),
                         {});
    HeadAblation ablation;
    ablation.surgery.method = method;
    ablation.surgery.heads = parseHeadList(heads, model.config().n_layers, model.config().n_heads);
    if (method == AblationMethod::Mean && !ablation.surgery.empty())
        ablation.means = headMeans(model, sentences);
    return ablation;
}

SurgeryExperiment surgeryExperiment(const Model& model, AblationMethod method, int draws, std::uint64_t seed,
                                    int heldOut)
{
    if (model.config().n_roles <= 0)
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core",
                                           "model %1 has no role head, so the surgery experiment has nothing to measure "
                                           "(use a builtin: or trained model)"),
                         {model.id()});
    const Corpus corpus(model.vocabulary());
    std::vector<std::string> texts;
    for (const LabelledSentence& s : corpus.showcase())
        texts.push_back(s.text);
    for (const LabelledSentence& s : corpus.heldOutSentences(60, 99))
        texts.push_back(s.text);

    SurgeryExperiment e;
    e.modelId = model.id();
    e.method = method;
    e.roles = corpusHeadRoles(model, texts);
    HeadAblation ablation;
    ablation.surgery.method = method;
    if (method == AblationMethod::Mean) {
        std::vector<std::string> meanCorpus = texts;
        for (const LabelledSentence& s : corpus.heldOutSentences(200, 77))
            meanCorpus.push_back(s.text);
        ablation.means = headMeans(model, meanCorpus);
    }
    const auto pairs = corpus.reversalPairs();
    e.reversalPairs = static_cast<int>(pairs.size());
    auto measure = [&](std::string label, std::vector<HeadId> heads) {
        ablation.surgery.heads = std::move(heads);
        ablation.surgery.normalise();
        const RoleReport report = evaluateRoles(model, corpus, heldOut, &ablation);
        SurgeryRow row;
        row.label = std::move(label);
        row.heads = ablation.surgery.heads;
        row.reversalNounAccuracy = report.reversalNounAccuracy;
        row.heldOutAccuracy = report.heldOutAccuracy;
        row.showcaseCorrect = report.showcaseCorrect;
        row.showcaseTotal = static_cast<int>(report.showcase.size());
        return row;
    };
    e.intact = measure("none", {});
    for (const HeadRole& r : e.roles)
        e.single.push_back(measure(toString(HeadId{r.layer, r.head}), {{r.layer, r.head}}));
    const std::vector<HeadId> positional = headsOfKind(e.roles, HeadKind::Positional);
    e.positional = measure("positional", positional);

    std::vector<HeadId> pool = headsOfKind(e.roles, HeadKind::Content);
    e.randomPool = "content";
    if (pool.size() < positional.size()) {
        for (const HeadId& h : headsOfKind(e.roles, HeadKind::Mixed))
            pool.push_back(h);
        e.randomPool = "content and mixed";
    }
    // The draws: every set of k pool heads when there are no more than `draws` of them, else
    // `draws` distinct random sets.
    const size_t k = std::min(positional.size(), pool.size());
    std::vector<std::vector<HeadId>> sets;
    if (k > 0) {
        double combinations = 1;
        for (size_t i = 0; i < k; ++i)
            combinations = combinations * double(pool.size() - i) / double(i + 1);
        if (combinations <= draws) {
            std::vector<bool> pick(pool.size(), false);
            std::fill(pick.begin(), pick.begin() + static_cast<std::ptrdiff_t>(k), true);
            do {
                std::vector<HeadId> set;
                for (size_t i = 0; i < pool.size(); ++i)
                    if (pick[i])
                        set.push_back(pool[i]);
                sets.push_back(std::move(set));
            } while (std::prev_permutation(pick.begin(), pick.end()));
        } else {
            std::mt19937_64 rng(seed);
            for (int attempt = 0; static_cast<int>(sets.size()) < draws && attempt < 100 * draws; ++attempt) {
                std::vector<HeadId> drawn = pool;
                std::shuffle(drawn.begin(), drawn.end(), rng);
                drawn.resize(k);
                std::sort(drawn.begin(), drawn.end());
                if (std::find(sets.begin(), sets.end(), drawn) == sets.end())
                    sets.push_back(std::move(drawn));
            }
        }
    }
    double sum = 0;
    for (size_t d = 0; d < sets.size(); ++d) {
        e.random.push_back(measure("random " + e.randomPool + " " + std::to_string(d + 1), sets[d]));
        sum += e.random.back().reversalNounAccuracy;
    }
    e.randomMean = e.random.empty() ? std::nan("") : sum / static_cast<double>(e.random.size());
    return e;
}

}  // namespace orderlens
