#include "corpus.h"

#include "errors.h"
#include "roles.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace orderlens {

std::string toString(SentenceForm f)
{
    switch (f) {
    case SentenceForm::Active: return "active";
    case SentenceForm::Passive: return "passive";
    case SentenceForm::Ba: return "ba";
    }
    return "active";
}

namespace {

// What the world of the corpus knows about its words. Words missing from a vocabulary are skipped.
// Who eats what: animals eat fish and bones, people eat rice and apples; nobody eats a teacher.
const std::map<std::string, std::vector<std::string>> kDiet{
    {"猫", {"鱼", "老鼠", "肉"}},         {"狗", {"骨头", "肉"}},
    {"老鼠", {"米饭", "奶酪", "苹果"}},   {"鸟", {"虫子", "米饭"}},
    {"鱼", {"虫子"}},                     {"兔子", {"胡萝卜", "草"}},
    {"老虎", {"肉", "兔子", "马"}},       {"马", {"草", "苹果", "胡萝卜"}},
    {"狐狸", {"鸟", "兔子", "肉"}},       {"猴子", {"香蕉", "苹果"}},
    {"小孩", {"苹果", "米饭", "香蕉"}},   {"老师", {"米饭", "鱼", "肉", "苹果"}},
    {"学生", {"米饭", "苹果", "肉"}},     {"医生", {"米饭", "鱼", "胡萝卜"}},
    {"妈妈", {"米饭", "鱼", "香蕉", "奶酪"}},
};
// Things a biter bites besides animals and people.
const std::set<std::string> kBiteable{"骨头", "肉", "苹果", "胡萝卜"};
// Verbs whose agent must be able to move about on land (a fish does not chase).
const std::set<std::string> kLandVerbs{"追", "抓", "帮", "叫"};
// Verbs that take 被 and 把.
const std::set<std::string> kPassiveVerbs{"追", "吃", "咬", "抓", "看", "找", "叫", "喜欢"};
const std::set<std::string> kBaVerbs{"追", "吃", "咬", "抓"};
// Verbs 很 may precede ("猫很怕狗").
const std::set<std::string> kDegreeVerbs{"喜欢", "怕"};
// Adjectives that only suit living things.
const std::set<std::string> kAnimateAdjectives{"饿"};

}  // namespace

Corpus::Corpus(Vocabulary vocabulary, std::uint64_t splitSeed, double heldOutFraction)
    : vocabulary_(std::move(vocabulary))
{
    for (const char* word : {"猫", "追", "老鼠", "被", "把", "了"})
        if (vocabulary_.id(word) < 0)
            throw inputError(
                QT_TRANSLATE_NOOP("orderlens::core", "the vocabulary lacks '%1', which the showcase sentences need"), {word});
    verbs_ = vocabulary_.idsOfClass("verb");
    std::vector<int> nouns;
    for (const char* cls : {"animal", "person", "food"})
        for (int id : vocabulary_.idsOfClass(cls))
            nouns.push_back(id);

    // Group events by verb and unordered pair, so a triple and its reverse share a side.
    std::map<std::tuple<int, int, int>, std::vector<RoleTriple>> groups;
    for (int verb : verbs_)
        for (int a : nouns)
            for (int p : nouns)
                if (sensible(a, verb, p))
                    groups[{verb, std::min(a, p), std::max(a, p)}].push_back({a, verb, p});
    std::vector<std::vector<RoleTriple>> ordered;
    for (auto& [key, triples] : groups)
        ordered.push_back(std::move(triples));
    // Fisher-Yates with the platform-independent index draw.
    std::mt19937_64 rng(splitSeed);
    for (size_t i = ordered.size(); i > 1; --i)
        std::swap(ordered[i - 1], ordered[uniformIndex(rng, i)]);
    const int showcaseAgent = vocabulary_.id("猫"), showcaseVerb = vocabulary_.id("追"),
              showcasePatient = vocabulary_.id("老鼠");
    const auto heldOutGroups = static_cast<size_t>(heldOutFraction * static_cast<double>(ordered.size()) + 0.5);
    for (size_t g = 0; g < ordered.size(); ++g) {
        const RoleTriple& first = ordered[g].front();
        const bool showcase = first.verb == showcaseVerb &&
                              ((first.agent == showcaseAgent && first.patient == showcasePatient) ||
                               (first.agent == showcasePatient && first.patient == showcaseAgent));
        auto& side = g < heldOutGroups || showcase ? heldOut_ : training_;
        side.insert(side.end(), ordered[g].begin(), ordered[g].end());
    }
    auto byVerb = [&](const std::vector<RoleTriple>& triples) {
        std::vector<std::vector<size_t>> out(verbs_.size());
        for (size_t i = 0; i < triples.size(); ++i)
            out[static_cast<size_t>(std::find(verbs_.begin(), verbs_.end(), triples[i].verb) - verbs_.begin())].push_back(i);
        return out;
    };
    trainingByVerb_ = byVerb(training_);
    heldOutByVerb_ = byVerb(heldOut_);
}

bool Corpus::sensible(int agent, int verb, int patient) const
{
    if (agent == patient)
        return false;
    const std::string& v = vocabulary_.word(verb);
    const std::string& a = vocabulary_.word(agent);
    const std::string& p = vocabulary_.word(patient);
    const std::string& agentClass = vocabulary_.wordClass(agent);
    const std::string& patientClass = vocabulary_.wordClass(patient);
    const bool agentAnimate = agentClass == "animal" || agentClass == "person";
    const bool patientAnimate = patientClass == "animal" || patientClass == "person";
    if (!agentAnimate)
        return false;
    if (kLandVerbs.count(v) && a == "鱼")
        return false;
    if (v == "吃") {
        const auto it = kDiet.find(a);
        return it != kDiet.end() && std::find(it->second.begin(), it->second.end(), p) != it->second.end();
    }
    if (v == "追") return patientAnimate && p != "鱼";
    if (v == "抓") return patientClass == "animal" && p != "老虎";
    if (v == "咬") return agentClass == "animal" && (patientAnimate || kBiteable.count(p));
    if (v == "怕") return patientAnimate;
    if (v == "帮" || v == "叫") return agentClass == "person" && patientAnimate;
    return true;  // 看, 找, 喜欢 and verbs without a rule: anything
}

bool Corpus::isHeldOut(const RoleTriple& t) const
{
    return std::find(heldOut_.begin(), heldOut_.end(), t) != heldOut_.end();
}

std::vector<SentenceForm> Corpus::formsOf(int verb) const
{
    std::vector<SentenceForm> forms{SentenceForm::Active};
    if (kPassiveVerbs.count(vocabulary_.word(verb)))
        forms.push_back(SentenceForm::Passive);
    if (kBaVerbs.count(vocabulary_.word(verb)))
        forms.push_back(SentenceForm::Ba);
    return forms;
}

LabelledSentence Corpus::render(const RoleTriple& t, SentenceForm form, const SentenceDecoration& d) const
{
    LabelledSentence s;
    s.triple = t;
    s.form = form;
    auto put = [&](int id, Role role) {
        s.ids.push_back(id);
        s.roles.push_back(static_cast<int>(role));
    };
    auto noun = [&](const std::vector<int>& modifier, int id, Role role) {
        for (int m : modifier)
            put(m, Role::Other);
        put(id, role);
    };
    const int le = vocabulary_.id("了");
    switch (form) {
    case SentenceForm::Active:
        noun(d.agentModifier, t.agent, Role::Agent);
        if (d.aspect >= 0)
            put(d.aspect, Role::Other);
        put(t.verb, Role::Action);
        if (d.perfective)
            put(le, Role::Other);
        noun(d.patientModifier, t.patient, Role::Patient);
        break;
    case SentenceForm::Passive:
        noun(d.patientModifier, t.patient, Role::Patient);
        put(vocabulary_.id("被"), Role::Other);
        noun(d.agentModifier, t.agent, Role::Agent);
        put(t.verb, Role::Action);
        if (d.perfective)
            put(le, Role::Other);
        break;
    case SentenceForm::Ba:
        noun(d.agentModifier, t.agent, Role::Agent);
        put(vocabulary_.id("把"), Role::Other);
        noun(d.patientModifier, t.patient, Role::Patient);
        put(t.verb, Role::Action);
        put(le, Role::Other);
        break;
    }
    if (d.punctuation >= 0)
        put(d.punctuation, Role::Other);
    for (int id : s.ids)
        s.text += vocabulary_.word(id);
    return s;
}

std::vector<int> Corpus::randomModifier(std::mt19937_64& rng, int noun) const
{
    const bool animate = vocabulary_.wordClass(noun) != "food";
    std::vector<int> adjectives;
    for (int id : vocabulary_.idsOfClass("adjective"))
        if (animate || !kAnimateAdjectives.count(vocabulary_.word(id)))
            adjectives.push_back(id);
    if (adjectives.empty())
        return {};
    const int hen = vocabulary_.id("很"), de = vocabulary_.id("的");
    const int first = adjectives[uniformIndex(rng, adjectives.size())];
    switch (uniformIndex(rng, 8)) {
    case 0: case 1: return {first};  // 大猫
    case 2: {                         // 小白老鼠
        const int second = adjectives[uniformIndex(rng, adjectives.size())];
        return second == first ? std::vector<int>{first} : std::vector<int>{first, second};
    }
    case 3: return hen >= 0 && de >= 0 ? std::vector<int>{hen, first, de} : std::vector<int>{first};  // 很饿的猫
    case 4: return de >= 0 ? std::vector<int>{first, de} : std::vector<int>{first};                   // 黑的狗
    default: return {};
    }
}

SentenceDecoration Corpus::randomDecoration(std::mt19937_64& rng, const RoleTriple& t, SentenceForm form) const
{
    SentenceDecoration d;
    d.agentModifier = randomModifier(rng, t.agent);
    d.patientModifier = randomModifier(rng, t.patient);
    if (form == SentenceForm::Active) {
        const std::string& verb = vocabulary_.word(t.verb);
        const int zai = vocabulary_.id("在"), hen = vocabulary_.id("很");
        const auto draw = uniformIndex(rng, 4);
        if (draw == 0 && zai >= 0)
            d.aspect = zai;  // 猫在追老鼠
        else if (draw == 1 && hen >= 0 && kDegreeVerbs.count(verb))
            d.aspect = hen;  // 猫很怕狗
        else if (draw == 2)
            d.perfective = true;  // 猫追了老鼠
    } else {
        d.perfective = form == SentenceForm::Ba || uniformIndex(rng, 2) == 0;
    }
    std::vector<int> marks;
    for (const char* m : {"。", "！"})
        if (vocabulary_.id(m) >= 0)
            marks.push_back(vocabulary_.id(m));
    if (!marks.empty() && uniformIndex(rng, 2) == 0)
        d.punctuation = marks[uniformIndex(rng, marks.size())];
    return d;
}

LabelledSentence Corpus::sample(std::mt19937_64& rng, bool heldOut) const
{
    const auto& triples = heldOut ? heldOut_ : training_;
    const auto& byVerb = heldOut ? heldOutByVerb_ : trainingByVerb_;
    // A verb first (so frequent verbs do not drown the others), then one of its events.
    size_t v = uniformIndex(rng, verbs_.size());
    while (byVerb[v].empty())
        v = (v + 1) % verbs_.size();
    const RoleTriple& t = triples[byVerb[v][uniformIndex(rng, byVerb[v].size())]];
    const auto forms = formsOf(t.verb);
    const SentenceForm form = forms[uniformIndex(rng, forms.size())];
    // One sentence in four is bare, like the showcase; the rest are decorated.
    const SentenceDecoration d = uniformIndex(rng, 4) == 0 ? SentenceDecoration{} : randomDecoration(rng, t, form);
    return render(t, form, d);
}

std::vector<LabelledSentence> Corpus::heldOutSentences(int count, std::uint64_t seed) const
{
    std::mt19937_64 rng(seed);
    std::vector<LabelledSentence> out;
    for (int i = 0; i < count; ++i)
        out.push_back(sample(rng, true));
    return out;
}

std::vector<std::pair<LabelledSentence, LabelledSentence>> Corpus::reversalPairs() const
{
    std::vector<std::pair<LabelledSentence, LabelledSentence>> pairs;
    for (const auto& t : heldOut_) {
        const RoleTriple reverse{t.patient, t.verb, t.agent};
        if (t.agent > t.patient || !isHeldOut(reverse))
            continue;
        for (auto form : formsOf(t.verb))
            pairs.emplace_back(render(t, form), render(reverse, form));
    }
    return pairs;
}

std::vector<LabelledSentence> Corpus::showcase() const
{
    const int cat = vocabulary_.id("猫"), chase = vocabulary_.id("追"), mouse = vocabulary_.id("老鼠");
    const RoleTriple catChases{cat, chase, mouse}, mouseChases{mouse, chase, cat};
    return {render(catChases, SentenceForm::Active),  render(mouseChases, SentenceForm::Active),
            render(catChases, SentenceForm::Passive), render(mouseChases, SentenceForm::Passive),
            render(catChases, SentenceForm::Ba),      render(mouseChases, SentenceForm::Ba)};
}

}  // namespace orderlens
