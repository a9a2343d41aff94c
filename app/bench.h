#pragma once
// `orderlens bench`: the speed figures the README's table quotes. Medians of repeated runs.
#include <nlohmann/json.hpp>

#include <functional>

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

// Groups of figures: core (trace + analyses), pca, bert (forward, open a folder), train, views, census,
// export, tokenize (Qwen3's tokenizer on 1 MB of text). `only` empty: all of them.
const std::vector<std::string>& benchGroups();
std::vector<BenchFigure> runBenchmarks(bool quick, const std::vector<std::string>& only = {});

// Median wall time of `repeats` runs of work, in milliseconds.
double medianMs(int repeats, const std::function<void()>& work);
// 16 tokens with the built-in lexicon (大 黑 猫 在 追 小 白 老鼠 ， 老鼠 很 怕 大 猫 了 。), and the
// same words with the animals swapped.
extern const char* const kBenchSentence16;
extern const char* const kBenchSentence16Swapped;
nlohmann::json benchFiguresToJson(const std::vector<BenchFigure>&);
std::string benchFiguresToText(const std::vector<BenchFigure>&);

}  // namespace orderlens::app
