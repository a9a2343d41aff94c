#pragma once
// `orderlens bench`: the speed figures the README's table quotes. Medians of repeated runs.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace orderlens::app {

struct BenchFigure {
    std::string name;     // stable key, e.g. "trace_all_analyses_16tok"
    std::string what;     // one line a reader understands
    double value = 0;     // median
    std::string unit;     // "ms", "%"
    std::string target;   // e.g. "< 1 ms", empty when none
};

std::vector<BenchFigure> runBenchmarks(bool quick);
nlohmann::json benchFiguresToJson(const std::vector<BenchFigure>&);
std::string benchFiguresToText(const std::vector<BenchFigure>&);

}  // namespace orderlens::app
