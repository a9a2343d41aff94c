// Head surgery (head_surgery.h, surgery_experiment.h) and the head census (head_census.h):
// exact expectations. Zero-ablating every head leaves each token's output a function of its own
// word and position; uniform ablation gives rows of 1/T; mean ablation over a one-sentence corpus
// puts that sentence's own mean in the head's place; the census of a hand-made trace whose
// attention is known equals the formulas.
#include "corpus.h"
#include "errors.h"
#include "head_census.h"
#include "head_surgery.h"
#include "role_evaluation.h"
#include "shipped_models.h"
#include "surgery_experiment.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

namespace orderlens {
namespace {

const Model& sinusoidal() { return testing::shipped("sinusoidal"); }

HeadAblation everyHead(const Model& model, AblationMethod method)
{
    HeadAblation a;
    a.surgery.method = method;
    for (int l = 0; l < model.config().n_layers; ++l)
        for (int h = 0; h < model.config().n_heads; ++h)
            a.surgery.heads.push_back({l, h});
    return a;
}

TEST(HeadSurgery, ZeroingEveryHeadLeavesEachTokenItsOwnWordAndPosition)
{
    // 猫 stands first in both; what follows it differs.
    for (const char* scheme : {"sinusoidal", "learned", "rope", "alibi"}) {
        const Model& model = testing::shipped(scheme);
        const HeadAblation off = everyHead(model, AblationMethod::Zero);
        const Trace a = model.trace("猫追老鼠", &off), b = model.trace("猫吃鱼", &off);
        ASSERT_EQ(a.tokens[0].text, "猫");
        ASSERT_EQ(b.tokens[0].text, "猫");
        EXPECT_EQ(a.surgery.heads.size(), off.surgery.heads.size());
        for (size_t l = 0; l < a.layers.size(); ++l)
            EXPECT_LE((a.layers[l].output.row(0) - b.layers[l].output.row(0)).cwiseAbs().maxCoeff(), 1e-6f)
                << scheme << " layer " << l;
        EXPECT_LE((a.roleProbabilities.row(0) - b.roleProbabilities.row(0)).cwiseAbs().maxCoeff(), 1e-6f) << scheme;
        // The intact model reads the rest of the sentence: the rows differ (the test can fail).
        const Trace ia = model.trace("猫追老鼠"), ib = model.trace("猫吃鱼");
        EXPECT_GT((ia.layers.back().output.row(0) - ib.layers.back().output.row(0)).cwiseAbs().maxCoeff(), 1e-3f)
            << scheme;
        EXPECT_TRUE(ia.surgery.empty());
    }
}

TEST(HeadSurgery, ZeroingOneHeadZeroesItsOutputOnly)
{
    const Model& model = sinusoidal();
    const int dh = model.config().headDim();
    HeadAblation off;
    off.surgery.heads = {{0, 1}};
    const Trace intact = model.trace("老鼠被猫追"), cut = model.trace("老鼠被猫追", &off);
    const Matrix& c = cut.layers[0].context;
    EXPECT_EQ(c.middleCols(dh, dh).cwiseAbs().maxCoeff(), 0.0f);
    EXPECT_EQ((c.leftCols(dh) - intact.layers[0].context.leftCols(dh)).cwiseAbs().maxCoeff(), 0.0f);
    // The attention of the zeroed head is still what it would have used.
    EXPECT_EQ((cut.layers[0].attention[1] - intact.layers[0].attention[1]).cwiseAbs().maxCoeff(), 0.0f);
    EXPECT_GT((cut.layers[0].output - intact.layers[0].output).cwiseAbs().maxCoeff(), 1e-4f);
}

TEST(HeadSurgery, UniformAblationGivesRowsOfOneOverT)
{
    const Model& model = testing::shipped("learned");
    HeadAblation uniform;
    uniform.surgery.method = AblationMethod::Uniform;
    uniform.surgery.heads = {{0, 2}, {1, 0}};
    const Trace t = model.trace("大黑猫把小老鼠抓了", &uniform);
    const float T = static_cast<float>(t.length());
    for (const HeadId& h : uniform.surgery.heads) {
        const Matrix& a = t.layers[static_cast<size_t>(h.layer)].attention[static_cast<size_t>(h.head)];
        EXPECT_LE((a.array() - 1.0f / T).abs().maxCoeff(), 1e-7f) << toString(h);
        // The head's output is the mean of its value rows.
        const int dh = model.config().headDim();
        const Matrix& v = t.layers[static_cast<size_t>(h.layer)].values[static_cast<size_t>(h.head)];
        const Eigen::RowVectorXf mean = v.colwise().mean();
        const Matrix ctx = t.layers[static_cast<size_t>(h.layer)].context.middleCols(h.head * dh, dh);
        for (Eigen::Index q = 0; q < ctx.rows(); ++q)
            EXPECT_LE((ctx.row(q) - mean).cwiseAbs().maxCoeff(), 1e-5f);
    }
    const Matrix& other = t.layers[0].attention[0];
    EXPECT_GT((other.array() - 1.0f / T).abs().maxCoeff(), 1e-3f);
}

TEST(HeadSurgery, MeanOfAOneSentenceCorpusIsThatSentencesOwnMean)
{
    const Model& model = sinusoidal();
    const int dh = model.config().headDim();
    const std::string sentence = "猫把老鼠追了";
    HeadAblation mean;
    mean.surgery.method = AblationMethod::Mean;
    mean.surgery.heads = {{0, 3}};
    mean.means = headMeans(model, {sentence});
    EXPECT_EQ(mean.means.sentences, 1);
    const Trace intact = model.trace(sentence), cut = model.trace(sentence, &mean);
    EXPECT_EQ(mean.means.tokens, intact.length());
    const Eigen::RowVectorXf own = intact.layers[0].context.middleCols(3 * dh, dh).colwise().mean();
    const Matrix ctx = cut.layers[0].context.middleCols(3 * dh, dh);
    for (Eigen::Index q = 0; q < ctx.rows(); ++q)
        EXPECT_LE((ctx.row(q) - own).cwiseAbs().maxCoeff(), 1e-6f);
    EXPECT_EQ((cut.layers[0].context.leftCols(3 * dh) - intact.layers[0].context.leftCols(3 * dh)).cwiseAbs().maxCoeff(),
              0.0f);
    // Mean ablation without means is refused, not silently zero.
    HeadAblation noMeans = mean;
    noMeans.means = {};
    EXPECT_THROW(model.trace(sentence, &noMeans), Error);
}

TEST(HeadSurgery, HeadListsAndTheirErrors)
{
    EXPECT_EQ(parseHeadList("L1H2, l0h1,L1H2", 2, 4), (std::vector<HeadId>{{0, 1}, {1, 2}}));
    EXPECT_EQ(parseHeadList("L1", 2, 3), (std::vector<HeadId>{{1, 0}, {1, 1}, {1, 2}}));
    EXPECT_EQ(headListText({{0, 1}, {1, 3}}), "L0H1,L1H3");
    for (const char* bad : {"L2H0", "L0H4", "H1", "L0H", "L0H1x", "LxH1", "L-1H0"}) {
        try {
            parseHeadList(bad, 2, 4);
            ADD_FAILURE() << bad << " accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Usage);
            EXPECT_NE(std::string(e.what()).find(std::string(bad).substr(0, 3)), std::string::npos) << e.what();
        }
    }
    EXPECT_EQ(parseAblationMethod("uniform"), AblationMethod::Uniform);
    EXPECT_THROW(parseAblationMethod("half"), Error);
}

TEST(HeadSurgery, AllPositionalAndAllContentComeFromTheModelsHeadKinds)
{
    const Model& model = sinusoidal();
    const std::vector<std::string> corpus = defaultCensusCorpus(20);
    const std::vector<HeadRole> roles = corpusHeadRoles(model, corpus);
    ASSERT_EQ(roles.size(), static_cast<size_t>(model.config().n_layers * model.config().n_heads));
    const HeadAblation positional = ablationFor(model, "positional", AblationMethod::Zero, corpus);
    EXPECT_EQ(positional.surgery.heads, headsOfKind(roles, HeadKind::Positional));
    for (const HeadRole& r : roles)
        EXPECT_EQ(positional.surgery.contains(r.layer, r.head), r.kind == HeadKind::Positional);
    const HeadAblation mean = ablationFor(model, "L0", AblationMethod::Mean, corpus);
    EXPECT_EQ(mean.means.sentences, static_cast<int>(corpus.size()));
}

TEST(HeadSurgery, TheExperimentsRowsAreTheEvaluationsUnderThatSurgery)
{
    const Model& model = sinusoidal();
    const SurgeryExperiment e = surgeryExperiment(model, AblationMethod::Zero, 3, 11, 200);
    const Corpus corpus(model.vocabulary());
    EXPECT_DOUBLE_EQ(e.intact.reversalNounAccuracy, evaluateRoles(model, corpus, 200).reversalNounAccuracy);
    ASSERT_EQ(e.single.size(), static_cast<size_t>(model.config().n_layers * model.config().n_heads));
    HeadAblation one;
    one.surgery.heads = e.single[2].heads;
    EXPECT_DOUBLE_EQ(e.single[2].reversalNounAccuracy, evaluateRoles(model, corpus, 200, &one).reversalNounAccuracy);
    EXPECT_EQ(e.positional.heads, headsOfKind(e.roles, HeadKind::Positional));
    for (const SurgeryRow& r : e.random)
        EXPECT_EQ(r.heads.size(), std::min(e.positional.heads.size(), r.heads.size()));
    EXPECT_GT(e.reversalPairs, 0);
}

// One layer, two heads, three tokens ([CLS] 猫 。), attention given; W_O,h = 2 I for head 0.
TEST(HeadCensus, AHandMadeTraceGivesTheFormulas)
{
    Trace t;
    t.tokens = {{"[CLS]", 2, 0}, {"猫", 5, 1}, {"。", 6, 2}};
    LayerTrace lt;
    Matrix a0(3, 3), a1(3, 3);
    a0 << 1, 0, 0,  0.5f, 0.5f, 0,  0.25f, 0.25f, 0.5f;
    a1 << 0, 1, 0,  0, 0, 1,  1, 0, 0;
    lt.attention = {a0, a1};
    Matrix v0(3, 2), v1(3, 2);
    v0 << 1, 0,  0, 3,  0, 0;  // key 2 moves nothing
    v1 << 1, 0,  1, 0,  1, 0;
    lt.values = {v0, v1};
    t.layers = {lt};
    std::vector<std::vector<Matrix>> grams(1);
    grams[0] = {Matrix::Identity(2, 2) * 4.0f, Matrix::Identity(2, 2)};
    HeadCensusBuilder builder(grams);
    builder.add(t, {true, false, false});
    const HeadCensus c = builder.finish("hand-made");
    ASSERT_EQ(c.rows.size(), 2u);
    const HeadCensusRow& h0 = c.rows[0];
    // first: queries 1, 2 -> (0.5 + 0.25) / 2; special = [CLS] over all queries (1 + .5 + .25) / 3
    EXPECT_NEAR(h0.raw.first, 0.375, 1e-9);
    EXPECT_NEAR(h0.raw.special, 1.75 / 3, 1e-7);
    EXPECT_NEAR(h0.raw.punctuation, 0.5 / 3, 1e-7);
    EXPECT_NEAR(h0.raw.self, (1 + 0.5 + 0.5) / 3, 1e-7);
    EXPECT_NEAR(h0.raw.previous, (0.5 + 0.25) / 2, 1e-7);
    EXPECT_NEAR(h0.raw.next, (0 + 0) / 2.0, 1e-7);
    EXPECT_NEAR(h0.entropy, (0 + 1 + 1.5) / 3, 1e-6);
    // Weighted: norms ‖2 v_j‖ = 2, 6, 0. Query 1: 0.5*2 : 0.5*6 -> 0.25 / 0.75; query 2: 0.5 : 1.5 : 0 -> .25 / .75 / 0.
    EXPECT_NEAR(h0.weighted.first, (0.25 + 0.25) / 2, 1e-6);
    EXPECT_NEAR(h0.weighted.punctuation, 0.0, 1e-7);
    EXPECT_NEAR(h0.weighted.self, (1 + 0.75 + 0) / 3, 1e-6);
    const HeadCensusRow& h1 = c.rows[1];
    EXPECT_NEAR(h1.raw.next, 1.0, 1e-7);
    EXPECT_NEAR(h1.raw.first, 0.5, 1e-7);
    EXPECT_NEAR(h1.raw.self, 0.0, 1e-7);
    EXPECT_NEAR(h1.entropy, 0.0, 1e-7);
    // JS distance of the two heads, per query: q0 (1,0,0) vs (0,1,0) -> 1; q1 (.5,.5,0) vs (0,0,1) -> 1;
    // q2 (.25,.25,.5) vs (1,0,0): JS = 0.5 [.25 log(.25/.625) + .25 log(.25/.125) + .5 log(.5/.25)] + 0.5 [1 log(1/.625)].
    const double q2 = 0.5 * (0.25 * std::log2(0.25 / 0.625) + 0.25 * std::log2(2.0) + 0.5 * std::log2(2.0)) +
                      0.5 * std::log2(1 / 0.625);
    EXPECT_NEAR(c.distance(0, 1), (1 + 1 + std::sqrt(q2)) / 3, 1e-6);
    EXPECT_EQ(c.distance(0, 0), 0.0f);
    // Two heads on the map stand their distance apart.
    EXPECT_NEAR(std::hypot(h0.mapX - h1.mapX, h0.mapY - h1.mapY), c.distance(0, 1), 1e-5);
}

TEST(HeadCensus, OverACorpusWithProgressCancelAndBadSentences)
{
    const Model& model = testing::shipped("alibi");
    const std::vector<std::string> corpus = defaultCensusCorpus(40);
    int calls = 0;
    const HeadCensus c = headCensus(model, corpus, [&](int done, int total) {
        ++calls;
        EXPECT_EQ(total, static_cast<int>(corpus.size()));
        EXPECT_EQ(done, calls);
    });
    EXPECT_EQ(c.sentences, static_cast<int>(corpus.size()));
    ASSERT_EQ(c.rows.size(), static_cast<size_t>(model.config().n_layers * model.config().n_heads));
    for (const HeadCensusRow& r : c.rows) {
        for (double s : {r.raw.first, r.raw.self, r.raw.previous, r.raw.next, r.raw.punctuation, r.weighted.first})
            EXPECT_TRUE(s >= 0 && s <= 1 + 1e-9) << s;
        EXPECT_EQ(r.raw.special, 0.0);  // the built-in corpus has no special tokens
        EXPECT_LE(r.entropy, std::log2(12.0));
    }
    std::atomic<bool> cancel{false};
    const HeadCensus stopped = headCensus(model, corpus, [&](int done, int) { cancel = done >= 3; }, &cancel);
    EXPECT_TRUE(stopped.cancelled);
    EXPECT_EQ(stopped.sentences, 3);
    try {
        headCensus(model, {"猫追老鼠", "   "});
        ADD_FAILURE() << "a blank sentence was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("sentence 2"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace orderlens
