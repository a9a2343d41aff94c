#pragma once
// The residual stream keeps the word: for the input and after every layer, each token's
// cosine to its own embedding row and to its own position row, and whether the nearest
// word-table row (by cosine) is still its own word.
#include "trace.h"

#include <vector>

namespace orderlens {

class Model;

struct ResidualStage {
    std::string name;                  // "input", "layer 1", ...
    std::vector<double> cosineToWord;      // (T)
    std::vector<double> cosineToPosition;  // (T); NaN where the token's position row is zero
    std::vector<int> nearestWord;          // (T) vocabulary id of the nearest word row
    double decodingAccuracy = 0;           // share of tokens whose nearest word is their own
};

// stages[0] is the input to layer 0, stages[l + 1] the output of layer l.
std::vector<ResidualStage> residualStream(const Model& model, const Trace& trace);

}  // namespace orderlens
