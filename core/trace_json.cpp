#include "trace_json.h"

#include "roles.h"

#include <cmath>

namespace orderlens {

nlohmann::json matrixToJson(const Matrix& m)
{
    nlohmann::json rows = nlohmann::json::array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        nlohmann::json row = nlohmann::json::array();
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row.push_back(m(r, c));
        rows.push_back(std::move(row));
    }
    return rows;
}

namespace {
nlohmann::json perHead(const std::vector<Matrix>& heads)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto& m : heads)
        out.push_back(matrixToJson(m));
    return out;
}
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }
}  // namespace

nlohmann::json modelToJson(const std::string& id, const ModelConfig& config)
{
    nlohmann::json j = config;
    j["id"] = id;
    return j;
}

nlohmann::json tokensToJson(const std::vector<Token>& tokens, const ModelConfig& config)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : tokens) {
        nlohmann::json tok{{"text", t.text}, {"id", t.id}, {"position", t.position}};
        if (!t.known())
            tok["unknown"] = true;
        if (config.type_vocab > 0)
            tok["type"] = t.type;
        out.push_back(std::move(tok));
    }
    return out;
}

nlohmann::json headRoleToJson(const HeadRole& r)
{
    nlohmann::json item{{"layer", r.layer},
                        {"head", r.head},
                        {"kind", toString(r.kind)},
                        {"label", labelZh(r.kind)},
                        {"position_score", number(r.positionScore)},
                        {"ablation_position_score", number(r.ablationPositionScore)},
                        {"pattern", toString(r.pattern)},
                        {"pattern_strength", r.patternStrength}};
    if (r.decompositionPositionShare >= 0) {
        item["position_share"] = r.decompositionPositionShare;
        item["content_share"] = r.decompositionContentShare;
    }
    return item;
}

nlohmann::json surgeryToJson(const HeadSurgery& surgery)
{
    nlohmann::json heads = nlohmann::json::array();
    for (const HeadId& h : surgery.heads)
        heads.push_back(toString(h));
    return {{"method", toString(surgery.method)}, {"heads", std::move(heads)}};
}

nlohmann::json traceToJson(const Trace& trace, const std::vector<HeadRole>& headRoles)
{
    nlohmann::json j;
    j["model"] = modelToJson(trace.modelId, trace.config);
    j["tokens"] = tokensToJson(trace.tokens, trace.config);
    j["embedding"] = matrixToJson(trace.embedding);
    j["position"] = matrixToJson(trace.position);
    j["input"] = matrixToJson(trace.input);
    nlohmann::json layers = nlohmann::json::array();
    for (size_t l = 0; l < trace.layers.size(); ++l) {
        const auto& lt = trace.layers[l];
        nlohmann::json layer{{"logits", perHead(lt.logits)}, {"attention", perHead(lt.attention)},
                             {"output", matrixToJson(lt.output)}};
        if (l == 0 && trace.terms)
            layer["terms"] = {{"ee", perHead(trace.terms->ee)},
                              {"ep", perHead(trace.terms->ep)},
                              {"pe", perHead(trace.terms->pe)},
                              {"pp", perHead(trace.terms->pp)},
                              {"bias", perHead(trace.terms->bias)}};
        if (l < trace.ropeTerms.size()) {
            nlohmann::json content = nlohmann::json::array(), position = nlohmann::json::array(),
                           pairs = nlohmann::json::array();
            for (const RopeHeadTerms& head : trace.ropeTerms[l]) {
                content.push_back(matrixToJson(head.content));
                position.push_back(matrixToJson(head.position));
                pairs.push_back(perHead(head.pairs));
            }
            layer["rope_terms"] = {{"content", std::move(content)}, {"position", std::move(position)},
                                   {"pairs", std::move(pairs)}};
        }
        layers.push_back(std::move(layer));
    }
    j["layers"] = std::move(layers);
    if (trace.roleProbabilities.size() > 0) {
        nlohmann::json roles = nlohmann::json::array();
        for (int t = 0; t < trace.length(); ++t) {
            const int r = trace.predictedRole(t);
            nlohmann::json probs = nlohmann::json::array();
            for (Eigen::Index c = 0; c < trace.roleProbabilities.cols(); ++c)
                probs.push_back(trace.roleProbabilities(t, c));
            roles.push_back({{"token", trace.tokens[static_cast<size_t>(t)].text},
                             {"role", roleName(r)},
                             {"label", roleLabelZh(r)},
                             {"probabilities", std::move(probs)}});
        }
        j["roles"] = std::move(roles);
    }
    nlohmann::json hr = nlohmann::json::array();
    for (const auto& r : headRoles)
        hr.push_back(headRoleToJson(r));
    j["head_roles"] = std::move(hr);
    if (!trace.surgery.empty())
        j["surgery"] = surgeryToJson(trace.surgery);
    return j;
}

nlohmann::json decoderTraceToJson(const DecoderTrace& trace, const DecoderConfig& c)
{
    auto numbers = [](const Matrix& m) {  // -infinity (a masked logit) becomes null
        nlohmann::json rows = nlohmann::json::array();
        for (Eigen::Index r = 0; r < m.rows(); ++r) {
            nlohmann::json row = nlohmann::json::array();
            for (Eigen::Index col = 0; col < m.cols(); ++col)
                row.push_back(number(m(r, col)));
            rows.push_back(std::move(row));
        }
        return rows;
    };
    const Trace& t = trace.trace;
    nlohmann::json j;
    j["model"] = {{"id", t.modelId},       {"family", toString(c.family)}, {"model_type", c.modelType},
                  {"vocab", c.vocab},      {"d_model", c.d_model},         {"n_layers", c.n_layers},
                  {"n_heads", c.n_heads},  {"n_kv_heads", c.n_kv_heads},   {"head_dim", c.head_dim},
                  {"d_ff", c.d_ff},        {"max_len", t.config.max_len},  {"norm_eps", c.norm_eps},
                  {"tied_embeddings", c.tied}};
    j["causal"] = true;
    // How the products were computed: exactly in float32, or with the tokens rounded to BF16.
    j["arithmetic"] = t.config.bf16_products ? "bf16-products" : "float32";
    if (c.rotary()) {
        nlohmann::json scaling{{"type", c.rope.type}};
        if (c.rope.type != "default")
            scaling["factor"] = c.rope.factor;
        if (c.rope.originalMaxPositions > 0)
            scaling["original_max_position_embeddings"] = c.rope.originalMaxPositions;
        if (c.rope.type == "llama3") {
            scaling["low_freq_factor"] = c.rope.lowFreqFactor;
            scaling["high_freq_factor"] = c.rope.highFreqFactor;
        }
        const auto f = c.ropeFrequencies(t.length());
        if (c.rope.type == "yarn")
            scaling["attention_factor"] = f.attentionScaling;
        j["position_scheme"] = {{"type", "rope"}, {"theta", c.rope_theta}, {"scaling", std::move(scaling)},
                                {"inverse_frequencies", f.inverse}};
    } else {
        j["position_scheme"] = {{"type", "learned"}};
    }
    nlohmann::json tokens = nlohmann::json::array();
    for (const Token& token : t.tokens)
        tokens.push_back({{"text", token.text}, {"id", token.id}, {"position", token.position}});
    j["tokens"] = std::move(tokens);
    j["embedding"] = matrixToJson(t.embedding);
    if (!c.rotary())
        j["position"] = matrixToJson(t.position);
    j["input"] = matrixToJson(t.input);
    nlohmann::json layers = nlohmann::json::array();
    for (const LayerTrace& lt : t.layers) {
        nlohmann::json logits = nlohmann::json::array();
        for (const Matrix& m : lt.logits)
            logits.push_back(numbers(m));
        nlohmann::json layer{{"logits", std::move(logits)}, {"attention", perHead(lt.attention)}, {"output", matrixToJson(lt.output)}};
        const size_t l = layers.size();
        if (l < t.ropeTerms.size()) {  // future entries null, as in the logits
            nlohmann::json content = nlohmann::json::array(), position = nlohmann::json::array(),
                           pairs = nlohmann::json::array();
            for (const RopeHeadTerms& head : t.ropeTerms[l]) {
                content.push_back(numbers(head.content));
                position.push_back(numbers(head.position));
                nlohmann::json perPair = nlohmann::json::array();
                for (const Matrix& pair : head.pairs)
                    perPair.push_back(numbers(pair));
                pairs.push_back(std::move(perPair));
            }
            layer["rope_terms"] = {{"content", std::move(content)}, {"position", std::move(position)}, {"pairs", std::move(pairs)}};
        }
        layers.push_back(std::move(layer));
    }
    j["layers"] = std::move(layers);
    j["final_norm"] = matrixToJson(trace.finalNorm);
    nlohmann::json next = nlohmann::json::array();
    for (const auto& candidates : trace.nextTokens) {
        nlohmann::json row = nlohmann::json::array();
        for (const NextToken& n : candidates)
            row.push_back({{"id", n.id}, {"text", n.text}, {"probability", n.probability}});
        next.push_back(std::move(row));
    }
    j["next_token"] = std::move(next);
    if (!trace.trace.surgery.empty())
        j["surgery"] = surgeryToJson(trace.trace.surgery);
    return j;
}

}  // namespace orderlens
