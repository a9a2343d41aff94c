// The `orderlens analyse` JSON against the Snapshot it prints: the documented keys exist, every
// number is the snapshot's own, aligned_difference appears exactly when B is a permutation of A,
// null appears only where the README allows it (an undefined cosine or ablation score), and any
// other non-finite number is an error, not data.
#include "errors.h"
#include "head_roles.h"
#include "model.h"
#include "roles.h"
#include "snapshot.h"
#include "snapshot_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

using namespace orderlens;
using nlohmann::json;

namespace {

// The facts of Model::random(scheme, 3), the recoverability curve included, computed once per scheme.
const ModelFacts& factsOf(const Model& model)
{
    static std::map<PositionScheme, ModelFacts> facts;
    const auto known = facts.find(model.config().pe);
    return known != facts.end() ? known->second : facts.emplace(model.config().pe, modelFacts(model)).first->second;
}

SnapshotPtr snapshotOf(const Model& model, const std::string& a, const std::string& b, bool showRoles = true)
{
    SnapshotRequest request;
    request.sentenceA = a;
    request.sentenceB = b;
    request.compare = !b.empty();
    request.showRoles = showRoles;
    const SnapshotResult result = analyse(model, factsOf(model), request);
    EXPECT_FALSE(result.errorA || result.errorB);
    return result.snapshot;
}

std::set<std::string> keysOf(const json& object)
{
    std::set<std::string> keys;
    for (const auto& [key, value] : object.items())
        keys.insert(key);
    return keys;
}

const std::set<std::string> kTopLevel{"model",      "sentences",     "pca",         "aligned_difference",
                                      "head_roles", "term_shares",   "residual",    "positions",
                                      "recoverability", "colour_ranges", "causal", "arithmetic"};

// Every entry of j, a (rows, cols) array, is m's float exactly.
void expectMatrix(const json& j, const Matrix& m, const std::string& what)
{
    ASSERT_TRUE(j.is_array()) << what;
    ASSERT_EQ(j.size(), static_cast<size_t>(m.rows())) << what;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        ASSERT_EQ(j[r].size(), static_cast<size_t>(m.cols())) << what << " row " << r;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            ASSERT_EQ(j[r][c].get<float>(), m(r, c)) << what << "[" << r << "][" << c << "]";
    }
}

// A number, or null exactly where the value is NaN.
void expectNumberOrNull(const json& j, double v, const std::string& what)
{
    if (std::isnan(v)) {
        EXPECT_TRUE(j.is_null()) << what;
    } else {
        EXPECT_EQ(j.get<double>(), v) << what;
    }
}

// Paths ("residual/0/1/cosine_to_position/2") of every null in j.
void collectNulls(const json& j, const std::string& path, std::vector<std::string>* out)
{
    if (j.is_null())
        out->push_back(path);
    else if (j.is_object())
        for (const auto& [key, value] : j.items())
            collectNulls(value, path + "/" + key, out);
    else if (j.is_array())
        for (size_t i = 0; i < j.size(); ++i)
            collectNulls(j[i], path + "/" + std::to_string(i), out);
}

// The snapshot's every number, read back from its JSON.
void expectRoundTrip(const Snapshot& s, const json& j)
{
    const std::vector<const SentenceSnapshot*> sentences = s.sentences();
    const size_t n = sentences.size();
    EXPECT_EQ(j["model"]["id"], s.modelId);
    EXPECT_EQ(j["model"]["d_model"], s.config.d_model);
    EXPECT_EQ(j["model"]["pe"], toString(s.config.pe));

    ASSERT_EQ(j["sentences"].size(), n);
    ASSERT_EQ(j["pca"]["points"].size(), n);
    ASSERT_EQ(j["head_roles"].size(), n);
    ASSERT_EQ(j["term_shares"].size(), n);
    ASSERT_EQ(j["residual"].size(), n);
    EXPECT_EQ(j["pca"]["components"], s.pcaComponents);
    EXPECT_EQ(j["pca"]["explained_variance"].get<std::vector<double>>(), s.pcaExplainedRatio);
    for (size_t i = 0; i < n; ++i) {
        const SentenceSnapshot& x = *sentences[i];
        SCOPED_TRACE("sentence " + std::to_string(i));
        const json& sentence = j["sentences"][i];
        ASSERT_EQ(sentence["tokens"].size(), static_cast<size_t>(x.length()));
        for (int t = 0; t < x.length(); ++t) {
            const Token& token = x.trace->tokens[static_cast<size_t>(t)];
            EXPECT_EQ(sentence["tokens"][t]["text"], token.text);
            EXPECT_EQ(sentence["tokens"][t]["id"], token.id);
            EXPECT_EQ(sentence["tokens"][t]["position"], token.position);
        }
        EXPECT_EQ(sentence["has_position_rows"], x.hasPositionRows);
        EXPECT_EQ(sentence["first_token_share"].get<std::vector<double>>(), x.firstTokenShare);
        EXPECT_EQ(x.firstTokenShare.size(), size_t(s.config.n_layers * s.config.n_heads));
        EXPECT_FALSE(sentence.contains("next_token"));  // encoders predict no next token
        const bool rolesShown = !x.roles.empty() && x.roles.front() >= 0;
        ASSERT_EQ(sentence.contains("roles"), rolesShown);
        if (rolesShown)
            for (int t = 0; t < x.length(); ++t) {
                const json& role = sentence["roles"][t];
                EXPECT_EQ(role["role"], roleName(x.roles[static_cast<size_t>(t)]));
                EXPECT_EQ(role["token"], x.tokens[static_cast<size_t>(t)]);
                ASSERT_EQ(role["probabilities"].size(), static_cast<size_t>(x.trace->roleProbabilities.cols()));
                for (Eigen::Index c = 0; c < x.trace->roleProbabilities.cols(); ++c)
                    EXPECT_EQ(role["probabilities"][c].get<float>(), x.trace->roleProbabilities(t, c));
            }

        const json& points = j["pca"]["points"][i];
        expectMatrix(points["embedding"], x.pcaEmbedding, "pca embedding");
        expectMatrix(points["position"], x.pcaPosition, "pca position");
        expectMatrix(points["input"], x.pcaInput, "pca input");

        ASSERT_EQ(j["head_roles"][i].size(), x.headRoles.size());
        for (size_t h = 0; h < x.headRoles.size(); ++h) {
            const HeadRole& r = x.headRoles[h];
            const json& item = j["head_roles"][i][h];
            EXPECT_EQ(item["layer"], r.layer);
            EXPECT_EQ(item["head"], r.head);
            EXPECT_EQ(item["kind"], toString(r.kind));
            EXPECT_EQ(item["pattern"], toString(r.pattern));
            EXPECT_EQ(item["position_score"].get<double>(), r.positionScore);
            expectNumberOrNull(item["ablation_position_score"], r.ablationPositionScore, "ablation_position_score");
            EXPECT_EQ(item["pattern_strength"].get<double>(), r.patternStrength);
            ASSERT_EQ(item.contains("position_share"), r.decompositionPositionShare >= 0);
            if (r.decompositionPositionShare >= 0) {
                EXPECT_EQ(item["position_share"].get<double>(), r.decompositionPositionShare);
                EXPECT_EQ(item["content_share"].get<double>(), r.decompositionContentShare);
            }
        }

        ASSERT_EQ(j["term_shares"][i].size(), x.termShares.size());
        for (size_t h = 0; h < x.termShares.size(); ++h) {
            const json& item = j["term_shares"][i][h];
            EXPECT_EQ(item["head"], static_cast<int>(h));
            EXPECT_EQ(item["content"].get<double>(), x.termShares[h].content);
            EXPECT_EQ(item["position"].get<double>(), x.termShares[h].position);
            EXPECT_EQ(item["mixed"].get<double>(), x.termShares[h].mixed);
            EXPECT_EQ(item["bias"].get<double>(), x.termShares[h].bias);
        }

        if (!x.ropeShares.empty()) {
            ASSERT_EQ(j["rope_shares"][i].size(), x.ropeShares.size());
            for (size_t k = 0; k < x.ropeShares.size(); ++k) {
                const json& item = j["rope_shares"][i][k];
                EXPECT_EQ(item["layer"], static_cast<int>(k) / s.config.n_heads);
                EXPECT_EQ(item["head"], static_cast<int>(k) % s.config.n_heads);
                EXPECT_EQ(item["content"].get<double>(), x.ropeShares[k].content);
                EXPECT_EQ(item["position"].get<double>(), x.ropeShares[k].position);
                EXPECT_EQ(item["pairs"].get<std::vector<double>>(), x.ropeShares[k].pairs);
            }
        }

        ASSERT_EQ(j["residual"][i].size(), x.residual.size());
        for (size_t st = 0; st < x.residual.size(); ++st) {
            const ResidualStage& stage = x.residual[st];
            const StageSummary& summary = x.residualSummary[st];
            const json& item = j["residual"][i][st];
            EXPECT_EQ(item["name"], stage.name);
            EXPECT_EQ(item["cosine_to_word"].get<std::vector<double>>(), stage.cosineToWord);
            ASSERT_EQ(item["cosine_to_position"].size(), stage.cosineToPosition.size());
            for (size_t t = 0; t < stage.cosineToPosition.size(); ++t)
                expectNumberOrNull(item["cosine_to_position"][t], stage.cosineToPosition[t], "cosine_to_position");
            EXPECT_EQ(item["nearest_word"].get<std::vector<std::string>>(), x.nearestWords[st]);
            EXPECT_EQ(item["nearest_word_id"].get<std::vector<int>>(), stage.nearestWord);
            EXPECT_EQ(item["decoding_accuracy"].get<double>(), summary.decodingAccuracy);
            EXPECT_EQ(item["mean_cosine_to_word"].get<double>(), summary.meanCosineToWord);
            expectNumberOrNull(item["mean_cosine_to_position"], summary.meanCosineToPosition, "mean_cosine_to_position");
        }
    }

    ASSERT_EQ(j.contains("aligned_difference"), s.difference.has_value());
    if (s.difference) {
        const json& d = j["aligned_difference"];
        EXPECT_EQ(d["b_index_of_a"].get<std::vector<int>>(), s.difference->bIndexOfA);
        EXPECT_EQ(d["max_abs_attention"].get<double>(), s.difference->maxAbsAttention);
        ASSERT_EQ(d["attention"].size(), s.difference->attention.size());
        ASSERT_EQ(d["logits"].size(), s.difference->logits.size());
        for (size_t l = 0; l < s.difference->attention.size(); ++l) {
            ASSERT_EQ(d["attention"][l].size(), s.difference->attention[l].size());
            for (size_t h = 0; h < s.difference->attention[l].size(); ++h) {
                expectMatrix(d["attention"][l][h], s.difference->attention[l][h], "difference attention");
                expectMatrix(d["logits"][l][h], s.difference->logits[l][h], "difference logits");
            }
        }
    }

    const json& p = j["positions"];
    EXPECT_EQ(p["scheme"], toString(s.positions.scheme));
    expectMatrix(p["similarity"], s.positions.similarity, "similarity");
    ASSERT_EQ(p.contains("table"), s.positions.table.size() > 0);
    if (p.contains("table")) {
        expectMatrix(p["table"], s.positions.table, "table");
        EXPECT_EQ(p["table_range"].get<double>(), s.positions.tableRange);
    }
    ASSERT_EQ(p.contains("rope_angles"), s.positions.scheme == PositionScheme::Rope);
    if (p.contains("rope_angles")) {
        expectMatrix(p["rope_angles"], s.positions.ropeAngles, "rope_angles");
        expectMatrix(p["rope_cosines"], s.positions.ropeCosines, "rope_cosines");
    }
    ASSERT_EQ(p.contains("alibi_slopes"), s.positions.scheme == PositionScheme::Alibi);
    if (p.contains("alibi_slopes")) {
        EXPECT_EQ(p["alibi_slopes"].get<std::vector<float>>(), s.positions.alibiSlopes);
        ASSERT_EQ(p["alibi_bias"].size(), s.positions.alibiBias.size());
        for (size_t h = 0; h < s.positions.alibiBias.size(); ++h)
            expectMatrix(p["alibi_bias"][h], s.positions.alibiBias[h], "alibi_bias");
        EXPECT_EQ(p["alibi_range"].get<double>(), s.positions.alibiRange);
    }

    const json& r = j["recoverability"];
    const RecoverabilityFacts& rf = s.recoverability;
    EXPECT_EQ(r["ready"], rf.ready);
    EXPECT_EQ(r["dims"].get<std::vector<int>>(), rf.dims);
    EXPECT_EQ(r["add_word"].get<std::vector<double>>(), rf.addWord);
    EXPECT_EQ(r["add_position"].get<std::vector<double>>(), rf.addPosition);
    EXPECT_EQ(r["concat_word"].get<std::vector<double>>(), rf.concatWord);
    EXPECT_EQ(r["concat_position"].get<std::vector<double>>(), rf.concatPosition);
    ASSERT_EQ(r.contains("current"), rf.hasCurrent);
    if (rf.hasCurrent) {
        EXPECT_EQ(r["current"]["d"], rf.currentDim);
        EXPECT_EQ(r["current"]["add_word"].get<double>(), rf.currentAddWord);
        EXPECT_EQ(r["current"]["add_position"].get<double>(), rf.currentAddPosition);
    }

    EXPECT_EQ(j["colour_ranges"]["vectors"].get<double>(), s.vectorRange);
    EXPECT_EQ(j["colour_ranges"]["logits"].get<double>(), s.logitRange);
    EXPECT_EQ(j["colour_ranges"]["difference"].get<double>(), s.differenceRange);
}

struct JsonCase {
    const char* name;
    PositionScheme scheme;
    const char *a, *b;
    bool permutation;
};

class SnapshotJson : public ::testing::TestWithParam<JsonCase> {};

}  // namespace

TEST_P(SnapshotJson, RoundTripsTheSnapshot)
{
    const JsonCase& c = GetParam();
    const Model model = Model::random(c.scheme, 3);
    const SnapshotPtr s = snapshotOf(model, c.a, c.b);
    ASSERT_TRUE(s);
    const json j = snapshotToJson(*s);
    std::set<std::string> expected = kTopLevel;
    if (!c.permutation)
        expected.erase("aligned_difference");
    if (c.scheme == PositionScheme::Rope)  // RoPE's exact split, and only RoPE's
        expected.insert({"rope_shares", "rope_wavelengths"});
    EXPECT_EQ(keysOf(j), expected);
    EXPECT_EQ(s->difference.has_value(), c.permutation);
    expectRoundTrip(*s, j);
    // Printed and parsed again, the document is the same (no number lost to printing).
    EXPECT_EQ(json::parse(j.dump()), j);
}

// null only where the README allows it: a cosine to a zero position row, a mean over no such
// cosine, an ablation score of a one-token sentence.
TEST_P(SnapshotJson, NullOnlyWhereDocumented)
{
    const JsonCase& c = GetParam();
    const Model model = Model::random(c.scheme, 3);
    const SnapshotPtr s = snapshotOf(model, c.a, c.b);
    ASSERT_TRUE(s);
    std::vector<std::string> nulls;
    collectNulls(snapshotToJson(*s), "", &nulls);
    const std::regex allowed(R"(/residual/\d+/\d+/(cosine_to_position/\d+|mean_cosine_to_position))"
                             R"(|/head_roles/\d+/\d+/ablation_position_score)");
    size_t undefined = 0;  // NaNs in the snapshot at the allowed places
    for (const SentenceSnapshot* x : s->sentences()) {
        for (size_t st = 0; st < x->residual.size(); ++st) {
            for (double v : x->residual[st].cosineToPosition)
                undefined += std::isnan(v);
            undefined += std::isnan(x->residualSummary[st].meanCosineToPosition);
        }
        for (const HeadRole& r : x->headRoles)
            undefined += std::isnan(r.ablationPositionScore);
    }
    for (const std::string& path : nulls)
        EXPECT_TRUE(std::regex_match(path, allowed)) << path;
    EXPECT_EQ(nulls.size(), undefined);
    const bool addsPositions = c.scheme == PositionScheme::Sinusoidal || c.scheme == PositionScheme::Learned;
    if (addsPositions && s->a.length() > 1) {
        EXPECT_EQ(undefined, 0u);
    } else {
        EXPECT_GT(undefined, 0u);  // the case reaches null: no position rows, or one token
    }
}

INSTANTIATE_TEST_SUITE_P(
    Pairs, SnapshotJson,
    ::testing::Values(JsonCase{"sinusoidal_permutation", PositionScheme::Sinusoidal, "猫追老鼠", "老鼠追猫", true},
                      JsonCase{"sinusoidal_other_words", PositionScheme::Sinusoidal, "猫追老鼠", "狗追老鼠", false},
                      JsonCase{"sinusoidal_alone", PositionScheme::Sinusoidal, "大猫在追小老鼠", "", false},
                      JsonCase{"learned_one_token", PositionScheme::Learned, "猫", "猫", true},
                      JsonCase{"rope_permutation", PositionScheme::Rope, "猫追老鼠", "老鼠追猫", true},
                      JsonCase{"alibi_permutation", PositionScheme::Alibi, "老鼠被猫追", "猫被老鼠追", true},
                      JsonCase{"none_other_words", PositionScheme::None, "猫追老鼠", "猫追老鼠了", false},
                      JsonCase{"rope_one_token", PositionScheme::Rope, "猫", "", false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(SnapshotJsonRoles, PresentOnlyWhenShown)
{
    const Model model = Model::random(PositionScheme::Sinusoidal, 3);
    for (const bool shown : {true, false}) {
        const SnapshotPtr s = snapshotOf(model, "猫追老鼠", "老鼠追猫", shown);
        ASSERT_TRUE(s);
        const json j = snapshotToJson(*s);
        for (const json& sentence : j["sentences"]) {
            ASSERT_EQ(sentence.contains("roles"), shown);
            if (shown) {
                EXPECT_EQ(sentence["roles"].size(), sentence["tokens"].size());
            }
        }
    }
}

// A non-finite number anywhere else is an error naming the field; nothing is printed as data.
struct Planted {
    const char* name;
    std::function<void(Snapshot&)> plant;
    const char* field;
};

class SnapshotJsonNonFinite : public ::testing::TestWithParam<Planted> {};

TEST_P(SnapshotJsonNonFinite, IsAnErrorNamingTheField)
{
    const Model model = Model::random(PositionScheme::Sinusoidal, 3);
    const SnapshotPtr s = snapshotOf(model, "猫追老鼠", "老鼠追猫");
    ASSERT_TRUE(s && s->b && s->difference);
    Snapshot copy = *s;
    EXPECT_NO_THROW(snapshotToJson(copy));
    GetParam().plant(copy);
    try {
        (void)snapshotToJson(copy);
        FAIL() << "no error for " << GetParam().name;
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadInput);
        EXPECT_NE(std::string(e.what()).find(GetParam().field), std::string::npos) << e.what();
    }
}

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

INSTANTIATE_TEST_SUITE_P(
    Fields, SnapshotJsonNonFinite,
    ::testing::Values(
        Planted{"pca_point", [](Snapshot& s) { s.b->pcaInput(1, 2) = static_cast<float>(kNaN); },
                "pca.points[1].input[1][2]"},
        Planted{"explained", [](Snapshot& s) { s.pcaExplainedRatio[0] = kInf; }, "pca.explained_variance[0]"},
        Planted{"cosine_to_word", [](Snapshot& s) { s.a.residual[1].cosineToWord[0] = kNaN; },
                "residual[0][1].cosine_to_word[0]"},
        Planted{"infinite_cosine_to_position", [](Snapshot& s) { s.a.residual[0].cosineToPosition[2] = -kInf; },
                "residual[0][0].cosine_to_position[2]"},
        Planted{"head_role", [](Snapshot& s) { s.b->headRoles[3].positionScore = kNaN; },
                "head_roles[1][3].position_score"},
        Planted{"term_share", [](Snapshot& s) { s.a.termShares[2].mixed = kNaN; }, "term_shares[0][2].mixed"},
        Planted{"difference", [](Snapshot& s) { s.difference->attention[1][0](0, 1) = static_cast<float>(kInf); },
                "aligned_difference.attention[1][0][0][1]"},
        Planted{"similarity", [](Snapshot& s) { s.positions.similarity(4, 5) = static_cast<float>(kNaN); },
                "positions.similarity[4][5]"},
        Planted{"recoverability", [](Snapshot& s) { s.recoverability.addWord[3] = kNaN; },
                "recoverability.add_word[3]"},
        Planted{"colour_range", [](Snapshot& s) { s.logitRange = kInf; }, "colour_ranges.logits"}),
    [](const auto& info) { return std::string(info.param.name); });
