#include "census_json.h"

#include "trace_json.h"

#include <cmath>
#include <cstdio>

namespace orderlens {

namespace {
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json sharesToJson(const CensusShares& s)
{
    return {{"first", s.first}, {"special", s.special},   {"punctuation", s.punctuation},
            {"self", s.self},   {"previous", s.previous}, {"next", s.next}};
}

void appendShares(std::string& line, const CensusShares& s)
{
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, ",%.6f,%.6f,%.6f,%.6f,%.6f,%.6f", s.first, s.special, s.punctuation, s.self,
                  s.previous, s.next);
    line += buffer;
}
}  // namespace

nlohmann::json censusToJson(const HeadCensus& c)
{
    nlohmann::json heads = nlohmann::json::array();
    for (const HeadCensusRow& r : c.rows) {
        nlohmann::json row = sharesToJson(r.raw);
        row["layer"] = r.layer;
        row["head"] = r.head;
        row["entropy_bits"] = r.entropy;
        row["weighted"] = sharesToJson(r.weighted);
        row["map"] = {r.mapX, r.mapY};
        heads.push_back(std::move(row));
    }
    return {{"model", c.modelId},         {"sentences", c.sentences}, {"tokens", c.tokens},
            {"layers", c.layers},         {"heads", c.heads},         {"cancelled", c.cancelled},
            {"map_explained", number(c.mapExplained)}, {"heads_table", std::move(heads)},
            {"js_distance", matrixToJson(c.distance)}};
}

std::string censusToCsv(const HeadCensus& c)
{
    std::string out = "layer,head,first,special,punctuation,self,previous,next,entropy_bits,weighted_first,"
                      "weighted_special,weighted_punctuation,weighted_self,weighted_previous,weighted_next,map_x,map_y\n";
    for (const HeadCensusRow& r : c.rows) {
        std::string line = std::to_string(r.layer) + "," + std::to_string(r.head);
        appendShares(line, r.raw);
        char buffer[96];
        std::snprintf(buffer, sizeof buffer, ",%.6f", r.entropy);
        line += buffer;
        appendShares(line, r.weighted);
        std::snprintf(buffer, sizeof buffer, ",%.6f,%.6f\n", r.mapX, r.mapY);
        line += buffer;
        out += line;
    }
    return out;
}

nlohmann::json surgeryExperimentToJson(const SurgeryExperiment& e)
{
    nlohmann::json roles = nlohmann::json::array();
    for (const HeadRole& r : e.roles)
        roles.push_back({{"layer", r.layer}, {"head", r.head}, {"kind", toString(r.kind)},
                         {"ablation_position_score", number(r.ablationPositionScore)}});
    nlohmann::json rows = nlohmann::json::array();
    auto add = [&](const char* group, const SurgeryRow& r) {
        nlohmann::json heads = nlohmann::json::array();
        for (const HeadId& h : r.heads)
            heads.push_back(toString(h));
        rows.push_back({{"group", group},
                        {"label", r.label},
                        {"heads", std::move(heads)},
                        {"reversal_accuracy", r.reversalNounAccuracy},
                        {"held_out_accuracy", r.heldOutAccuracy},
                        {"showcase_correct", r.showcaseCorrect},
                        {"showcase_total", r.showcaseTotal}});
    };
    add("none", e.intact);
    for (const SurgeryRow& r : e.single)
        add("single", r);
    add("positional", e.positional);
    for (const SurgeryRow& r : e.random)
        add("random", r);
    return {{"model", e.modelId},          {"method", toString(e.method)}, {"reversal_pairs", e.reversalPairs},
            {"random_pool", e.randomPool}, {"random_mean", number(e.randomMean)}, {"roles", std::move(roles)},
            {"rows", std::move(rows)}};
}

}  // namespace orderlens
