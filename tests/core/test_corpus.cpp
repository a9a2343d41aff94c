// The generated corpus: labels, preferences, the train/held-out split and determinism.
#include "corpus.h"
#include "roles.h"
#include "tokenizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace orderlens;

namespace {
const Corpus& corpus()
{
    static const Corpus c(Vocabulary::builtin());
    return c;
}
int id(const char* w) { return Vocabulary::builtin().id(w); }
std::string roleString(const LabelledSentence& s)
{
    std::string out;
    for (int r : s.roles)
        out += roleName(r).substr(0, 2) + " ";
    return out;
}
}  // namespace

TEST(Corpus, ShowcaseSentencesAndTheirLabels)
{
    const auto showcase = corpus().showcase();
    ASSERT_EQ(showcase.size(), 6u);
    const std::vector<std::pair<std::string, std::string>> expected{
        {"猫追老鼠", "AG AC PA "},     {"老鼠追猫", "AG AC PA "},     {"老鼠被猫追", "PA OT AG AC "},
        {"猫被老鼠追", "PA OT AG AC "}, {"猫把老鼠追了", "AG OT PA AC OT "}, {"老鼠把猫追了", "AG OT PA AC OT "}};
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(showcase[i].text, expected[i].first);
        EXPECT_EQ(roleString(showcase[i]), expected[i].second) << showcase[i].text;
    }
    // 猫 is the agent of the first and the patient of the second.
    EXPECT_EQ(showcase[0].roles[0], static_cast<int>(Role::Agent));
    EXPECT_EQ(showcase[1].roles[2], static_cast<int>(Role::Patient));
}

TEST(Corpus, ShowcaseEventsNeverAppearInTraining)
{
    const RoleTriple catChases{id("猫"), id("追"), id("老鼠")}, mouseChases{id("老鼠"), id("追"), id("猫")};
    EXPECT_TRUE(corpus().isHeldOut(catChases));
    EXPECT_TRUE(corpus().isHeldOut(mouseChases));
    const auto& training = corpus().trainingTriples();
    EXPECT_EQ(std::count(training.begin(), training.end(), catChases), 0);
    EXPECT_EQ(std::count(training.begin(), training.end(), mouseChases), 0);
    std::mt19937_64 rng(99);
    const std::vector<std::string> forbidden{"猫追老鼠", "老鼠追猫", "老鼠被猫追", "猫被老鼠追", "猫把老鼠追", "老鼠把猫追"};
    int sawCatAndMouse = 0;
    for (int i = 0; i < 20000; ++i) {
        const auto s = corpus().sample(rng, false);
        ASSERT_FALSE(s.triple == catChases || s.triple == mouseChases) << s.text;
        for (const auto& f : forbidden)
            ASSERT_EQ(s.text.find(f), std::string::npos) << s.text;
        EXPECT_FALSE(corpus().isHeldOut(s.triple)) << s.text;
        if (s.text.find("猫") != std::string::npos && s.text.find("老鼠") != std::string::npos)
            ++sawCatAndMouse;  // other events of the pair (猫吃老鼠 ...) are fine
    }
    EXPECT_GT(sawCatAndMouse, 0);
}

TEST(Corpus, SplitIsDisjointAndKeepsReversesTogether)
{
    const auto& training = corpus().trainingTriples();
    const auto& heldOut = corpus().heldOutTriples();
    EXPECT_GT(training.size(), 300u);
    EXPECT_GT(heldOut.size(), 30u);
    EXPECT_LT(heldOut.size(), training.size() / 3);
    for (const auto& t : training) {
        EXPECT_FALSE(corpus().isHeldOut(t));
        EXPECT_FALSE(corpus().isHeldOut({t.patient, t.verb, t.agent}));
    }
    for (const auto& t : heldOut) {
        const RoleTriple reverse{t.patient, t.verb, t.agent};
        EXPECT_EQ(std::count(training.begin(), training.end(), reverse), 0);
    }
    // A different split seed gives a different split.
    const Corpus other(Vocabulary::builtin(), 8);
    EXPECT_NE(other.heldOutTriples(), heldOut);
}

TEST(Corpus, SensiblePreferences)
{
    std::vector<RoleTriple> all = corpus().trainingTriples();
    all.insert(all.end(), corpus().heldOutTriples().begin(), corpus().heldOutTriples().end());
    auto has = [&](const char* a, const char* v, const char* p) {
        return std::count(all.begin(), all.end(), RoleTriple{id(a), id(v), id(p)}) > 0;
    };
    EXPECT_TRUE(has("猫", "吃", "鱼"));
    EXPECT_TRUE(has("狗", "吃", "骨头"));
    EXPECT_FALSE(has("猫", "吃", "老师"));
    EXPECT_FALSE(has("老师", "吃", "骨头"));
    EXPECT_FALSE(has("苹果", "追", "猫"));  // food does not act
    EXPECT_FALSE(has("鱼", "追", "猫"));
    const auto& v = Vocabulary::builtin();
    for (const auto& t : all) {
        EXPECT_NE(t.agent, t.patient);
        EXPECT_NE(v.wordClass(t.agent), "food");
        if (v.word(t.verb) == "吃") {
            EXPECT_NE(v.wordClass(t.patient), "person") << v.word(t.agent) << "吃" << v.word(t.patient);
        }
    }
}

TEST(Corpus, SentencesTokenizeBackAndAreLabelledPerToken)
{
    const LexiconTokenizer tokenizer(Vocabulary::builtin());
    std::mt19937_64 rng(5);
    std::set<SentenceForm> forms;
    bool sawModifier = false, sawZai = false;
    for (int i = 0; i < 3000; ++i) {
        const auto s = corpus().sample(rng, i % 2 == 0);
        ASSERT_EQ(s.ids.size(), s.roles.size());
        const auto tokens = tokenizer.tokenize(s.text);
        ASSERT_EQ(tokens.size(), s.ids.size()) << s.text;
        for (size_t t = 0; t < tokens.size(); ++t)
            ASSERT_EQ(tokens[t].id, s.ids[t]) << s.text;
        EXPECT_EQ(std::count(s.roles.begin(), s.roles.end(), static_cast<int>(Role::Agent)), 1) << s.text;
        EXPECT_EQ(std::count(s.roles.begin(), s.roles.end(), static_cast<int>(Role::Patient)), 1) << s.text;
        EXPECT_EQ(std::count(s.roles.begin(), s.roles.end(), static_cast<int>(Role::Action)), 1) << s.text;
        forms.insert(s.form);
        sawModifier |= Vocabulary::builtin().wordClass(s.ids[0]) == "adjective";
        sawZai |= std::find(s.ids.begin(), s.ids.end(), id("在")) != s.ids.end();
    }
    EXPECT_EQ(forms.size(), 3u);
    EXPECT_TRUE(sawModifier);
    EXPECT_TRUE(sawZai);
}

TEST(Corpus, DeterministicFromTheSeed)
{
    std::mt19937_64 a(3), b(3);
    for (int i = 0; i < 200; ++i)
        EXPECT_EQ(corpus().sample(a).text, corpus().sample(b).text);
    const Corpus again(Vocabulary::builtin());
    EXPECT_EQ(again.heldOutTriples(), corpus().heldOutTriples());
    const auto x = corpus().heldOutSentences(50), y = again.heldOutSentences(50);
    for (size_t i = 0; i < x.size(); ++i)
        EXPECT_EQ(x[i].text, y[i].text);
}

TEST(Corpus, ReversalPairsArePermutationsWithSwappedRoles)
{
    const auto pairs = corpus().reversalPairs();
    ASSERT_GE(pairs.size(), 3u);  // at least the three forms of 猫追老鼠 / 老鼠追猫
    bool sawShowcase = false;
    for (const auto& [a, b] : pairs) {
        auto ia = a.ids, ib = b.ids;
        std::sort(ia.begin(), ia.end());
        std::sort(ib.begin(), ib.end());
        EXPECT_EQ(ia, ib) << a.text << " / " << b.text;
        EXPECT_EQ(a.triple.agent, b.triple.patient);
        sawShowcase |= a.text == "猫追老鼠" || b.text == "猫追老鼠";
    }
    EXPECT_TRUE(sawShowcase);
}
