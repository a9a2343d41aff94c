#include "snapshot_json.h"

#include "errors.h"
#include "roles.h"
#include "trace_json.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace orderlens {

namespace {

using nlohmann::json;

std::string at(const std::string& field, size_t i) { return field + "[" + std::to_string(i) + "]"; }

[[noreturn]] void notFinite(const std::string& field, double v)
{
    throw inputError("the analysis gave " + std::string(std::isnan(v) ? "NaN" : "an infinite number") + " for " +
                     field + ", which is not a number that can be printed as data");
}

json finite(double v, const std::string& field)
{
    if (!std::isfinite(v))
        notFinite(field, v);
    return v;
}

// NaN is "undefined" where the README documents null; an infinity is still an error.
json finiteOrNull(double v, const std::string& field) { return std::isnan(v) ? json(nullptr) : finite(v, field); }

json numbers(const std::vector<double>& values, const std::string& field)
{
    json out = json::array();
    for (size_t i = 0; i < values.size(); ++i)
        out.push_back(finite(values[i], at(field, i)));
    return out;
}

json numbersOrNull(const std::vector<double>& values, const std::string& field)
{
    json out = json::array();
    for (size_t i = 0; i < values.size(); ++i)
        out.push_back(finiteOrNull(values[i], at(field, i)));
    return out;
}

// [[row], ...], every entry finite.
json matrix(const Matrix& m, const std::string& field)
{
    json rows = json::array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        json row = json::array();
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            const float v = m(r, c);
            if (!std::isfinite(v))
                notFinite(at(at(field, static_cast<size_t>(r)), static_cast<size_t>(c)), v);
            row.push_back(v);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

// As matrix(), with null where an entry is NaN (a decoder's masked cells); an infinity is an error.
json matrixOrNull(const Matrix& m, const std::string& field)
{
    json rows = json::array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        json row = json::array();
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row.push_back(finiteOrNull(m(r, c), at(at(field, static_cast<size_t>(r)), static_cast<size_t>(c))));
        rows.push_back(std::move(row));
    }
    return rows;
}

json perHeadOrNull(const std::vector<Matrix>& heads, const std::string& field)
{
    json out = json::array();
    for (size_t h = 0; h < heads.size(); ++h)
        out.push_back(matrixOrNull(heads[h], at(field, h)));
    return out;
}

json perHead(const std::vector<Matrix>& heads, const std::string& field)
{
    json out = json::array();
    for (size_t h = 0; h < heads.size(); ++h)
        out.push_back(matrix(heads[h], at(field, h)));
    return out;
}

json sentenceToJson(const SentenceSnapshot& s, const ModelConfig& config, const std::string& field)
{
    json j{{"tokens", tokensToJson(s.trace->tokens, config)}, {"has_position_rows", s.hasPositionRows}};
    // Roles are shown (a trained model's role head) or not at all: every entry is >= 0, or every one -1.
    if (!s.roles.empty() && std::all_of(s.roles.begin(), s.roles.end(), [](int r) { return r >= 0; })) {
        const Matrix& probabilities = s.trace->roleProbabilities;
        json roles = json::array();
        for (size_t t = 0; t < s.roles.size(); ++t) {
            const int r = s.roles[t];
            json p = json::array();
            if (static_cast<Eigen::Index>(t) < probabilities.rows())
                for (Eigen::Index c = 0; c < probabilities.cols(); ++c)
                    p.push_back(finite(probabilities(static_cast<Eigen::Index>(t), c),
                                       at(at(field + ".roles", t) + ".probabilities", static_cast<size_t>(c))));
            roles.push_back({{"token", s.tokens[t]}, {"role", roleName(r)}, {"label", roleLabelZh(r)},
                             {"probabilities", std::move(p)}});
        }
        j["roles"] = std::move(roles);
    }
    j["first_token_share"] = numbers(s.firstTokenShare, field + ".first_token_share");
    if (s.words) {  // analyse --words
        json attention = json::array();
        for (size_t l = 0; l < s.words->attention.size(); ++l)
            attention.push_back(perHeadOrNull(s.words->attention[l], at(field + ".words.attention", l)));
        j["words"] = {{"text", s.words->words}, {"word_of_token", s.words->wordOfToken}, {"attention", std::move(attention)}};
    }
    if (!s.nextTokens.empty()) {
        json next = json::array();
        for (size_t t = 0; t < s.nextTokens.size(); ++t) {
            json candidates = json::array();
            for (size_t i = 0; i < s.nextTokens[t].size(); ++i) {
                const NextToken& n = s.nextTokens[t][i];
                candidates.push_back({{"id", n.id},
                                      {"text", n.text},
                                      {"probability", finite(n.probability, at(at(field + ".next_token", t), i))}});
            }
            next.push_back(std::move(candidates));
        }
        j["next_token"] = std::move(next);
    }
    return j;
}

json headRolesToJson(const std::vector<HeadRole>& roles, const std::string& field)
{
    json out = json::array();
    for (size_t i = 0; i < roles.size(); ++i) {
        const HeadRole& r = roles[i];
        const std::string item = at(field, i);
        (void)finite(r.positionScore, item + ".position_score");
        (void)finite(r.patternStrength, item + ".pattern_strength");
        (void)finite(r.decompositionPositionShare, item + ".position_share");
        (void)finite(r.decompositionContentShare, item + ".content_share");
        (void)finiteOrNull(r.ablationPositionScore, item + ".ablation_position_score");  // NaN: one token
        out.push_back(headRoleToJson(r));
    }
    return out;
}

json termSharesToJson(const std::vector<TermShares>& shares, const std::string& field)
{
    json out = json::array();
    for (size_t h = 0; h < shares.size(); ++h) {
        const std::string item = at(field, h);
        out.push_back({{"head", static_cast<int>(h)},
                       {"content", finite(shares[h].content, item + ".content")},
                       {"position", finite(shares[h].position, item + ".position")},
                       {"mixed", finite(shares[h].mixed, item + ".mixed")},
                       {"bias", finite(shares[h].bias, item + ".bias")}});
    }
    return out;
}

json ropeSharesToJson(const std::vector<RopeShares>& shares, int heads, const std::string& field)
{
    json out = json::array();
    for (size_t i = 0; i < shares.size(); ++i) {
        const std::string item = at(field, i);
        out.push_back({{"layer", static_cast<int>(i) / heads},
                       {"head", static_cast<int>(i) % heads},
                       {"content", finite(shares[i].content, item + ".content")},
                       {"position", finite(shares[i].position, item + ".position")},
                       {"pairs", numbers(shares[i].pairs, item + ".pairs")}});
    }
    return out;
}

json residualToJson(const SentenceSnapshot& s, const std::string& field)
{
    json out = json::array();
    for (size_t i = 0; i < s.residual.size(); ++i) {
        const ResidualStage& stage = s.residual[i];
        const StageSummary& summary = s.residualSummary.at(i);
        const std::string item = at(field, i);
        out.push_back({{"name", stage.name},
                       {"cosine_to_word", numbers(stage.cosineToWord, item + ".cosine_to_word")},
                       {"cosine_to_position", numbersOrNull(stage.cosineToPosition, item + ".cosine_to_position")},
                       {"nearest_word", s.nearestWords.at(i)},
                       {"nearest_word_id", stage.nearestWord},
                       {"decoding_accuracy", finite(summary.decodingAccuracy, item + ".decoding_accuracy")},
                       {"mean_cosine_to_word", finite(summary.meanCosineToWord, item + ".mean_cosine_to_word")},
                       {"mean_cosine_to_position",
                        finiteOrNull(summary.meanCosineToPosition, item + ".mean_cosine_to_position")}});
    }
    return out;
}

json positionsToJson(const PositionFacts& p)
{
    json j{{"scheme", toString(p.scheme)}, {"similarity", matrix(p.similarity, "positions.similarity")}};
    if (p.table.size() > 0) {
        j["table"] = matrix(p.table, "positions.table");
        j["table_range"] = finite(p.tableRange, "positions.table_range");
    }
    if (p.scheme == PositionScheme::Rope) {
        j["rope_angles"] = matrix(p.ropeAngles, "positions.rope_angles");
        j["rope_cosines"] = matrix(p.ropeCosines, "positions.rope_cosines");
        if (!p.ropeWavelengths.empty()) {
            j["rope_wavelengths"] = numbers(p.ropeWavelengths, "positions.rope_wavelengths");
            j["rope_unscaled_wavelengths"] = numbers(p.ropeUnscaledWavelengths, "positions.rope_unscaled_wavelengths");
        }
    }
    if (p.scheme == PositionScheme::Alibi) {
        json slopes = json::array();
        for (size_t h = 0; h < p.alibiSlopes.size(); ++h)
            slopes.push_back(finite(p.alibiSlopes[h], at("positions.alibi_slopes", h)));
        j["alibi_slopes"] = std::move(slopes);
        j["alibi_bias"] = perHead(p.alibiBias, "positions.alibi_bias");
        j["alibi_range"] = finite(p.alibiRange, "positions.alibi_range");
    }
    return j;
}

json recoverabilityToJson(const RecoverabilityFacts& r)
{
    json j{{"ready", r.ready},
           {"failed", r.failed},
           {"vocab", r.vocab},
           {"length", r.length},
           {"dims", r.dims},
           {"add_word", numbers(r.addWord, "recoverability.add_word")},
           {"add_position", numbers(r.addPosition, "recoverability.add_position")},
           {"concat_word", numbers(r.concatWord, "recoverability.concat_word")},
           {"concat_position", numbers(r.concatPosition, "recoverability.concat_position")}};
    if (r.hasCurrent)
        j["current"] = {{"d", r.currentDim},
                        {"add_word", finite(r.currentAddWord, "recoverability.current.add_word")},
                        {"add_position", finite(r.currentAddPosition, "recoverability.current.add_position")}};
    return j;
}

json differenceToJson(const AlignedDifference& d)
{
    json attention = json::array(), logits = json::array();
    for (size_t l = 0; l < d.attention.size(); ++l)
        attention.push_back(perHeadOrNull(d.attention[l], at("aligned_difference.attention", l)));
    for (size_t l = 0; l < d.logits.size(); ++l)
        logits.push_back(perHeadOrNull(d.logits[l], at("aligned_difference.logits", l)));
    return {{"b_index_of_a", d.bIndexOfA},
            {"attention", std::move(attention)},
            {"logits", std::move(logits)},
            {"max_abs_attention", finite(d.maxAbsAttention, "aligned_difference.max_abs_attention")},
            {"same_input", d.sameInput}};
}

}  // namespace

nlohmann::json snapshotToJson(const Snapshot& snapshot)
{
    json j;
    j["model"] = modelToJson(snapshot.modelId, snapshot.config);
    j["model"]["head_dim"] = snapshot.config.headDim();
    j["causal"] = snapshot.config.causal;
    j["arithmetic"] = snapshot.config.bf16_products ? "bf16-products" : "float32";
    if (!snapshot.surgery.empty())
        j["surgery"] = surgeryToJson(snapshot.surgery);
    json sentences = json::array(), points = json::array(), headRoles = json::array(), termShares = json::array(),
         residual = json::array(), rope = json::array();
    const std::vector<const SentenceSnapshot*> all = snapshot.sentences();
    for (size_t i = 0; i < all.size(); ++i) {
        const SentenceSnapshot& s = *all[i];
        sentences.push_back(sentenceToJson(s, snapshot.config, at("sentences", i)));
        const std::string pca = at("pca.points", i);
        points.push_back({{"embedding", matrix(s.pcaEmbedding, pca + ".embedding")},
                          {"position", matrix(s.pcaPosition, pca + ".position")},
                          {"input", matrix(s.pcaInput, pca + ".input")}});
        headRoles.push_back(headRolesToJson(s.headRoles, at("head_roles", i)));
        termShares.push_back(termSharesToJson(s.termShares, at("term_shares", i)));
        rope.push_back(ropeSharesToJson(s.ropeShares, std::max(1, snapshot.config.n_heads), at("rope_shares", i)));
        residual.push_back(residualToJson(s, at("residual", i)));
    }
    j["sentences"] = std::move(sentences);
    j["pca"] = {{"components", snapshot.pcaComponents},
                {"explained_variance", numbers(snapshot.pcaExplainedRatio, "pca.explained_variance")},
                {"default_axes", {snapshot.pcaDefaultFirst + 1, snapshot.pcaDefaultSecond + 1}},
                {"points", std::move(points)}};
    if (snapshot.difference)
        j["aligned_difference"] = differenceToJson(*snapshot.difference);
    if (snapshot.wordDifference)
        j["aligned_word_difference"] = differenceToJson(*snapshot.wordDifference);
    j["head_roles"] = std::move(headRoles);
    j["term_shares"] = std::move(termShares);
    if (snapshot.config.pe == PositionScheme::Rope) {
        j["rope_shares"] = std::move(rope);
        j["rope_wavelengths"] = numbers(snapshot.positions.ropeWavelengths.empty()
                                            ? ropeWavelengths(snapshot.config.headDim(), snapshot.config.rope_base)
                                            : snapshot.positions.ropeWavelengths,
                                        "rope_wavelengths");
    }
    j["residual"] = std::move(residual);
    j["positions"] = positionsToJson(snapshot.positions);
    j["recoverability"] = recoverabilityToJson(snapshot.recoverability);
    j["colour_ranges"] = {{"vectors", finite(snapshot.vectorRange, "colour_ranges.vectors")},
                          {"logits", finite(snapshot.logitRange, "colour_ranges.logits")},
                          {"difference", finite(snapshot.differenceRange, "colour_ranges.difference")}};
    return j;
}

}  // namespace orderlens
