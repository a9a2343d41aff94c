#pragma once
// Head surgery: switch chosen attention heads off and run the model on. A head's output is
// its context rows, attention x values (T, dHead), before the output projection mixes the
// heads. Three ways to switch it off:
//   zero     the context rows are 0: the head adds nothing to the residual stream;
//   mean     every row is the head's mean context row over a corpus (HeadMeans): the head
//            still adds what it adds on average, but nothing about this sentence;
//   uniform  the attention rows are uniform over the keys the query may see (1/T, or
//            1/(q+1) under a causal mask): the head still reads the words, but not where.
// The spec (which heads, which method) is a value the session keeps in its selection; the
// means are data computed from a model and a corpus (headMeans).
#include "tensor.h"

#include <compare>
#include <string>
#include <string_view>
#include <vector>

namespace orderlens {

enum class AblationMethod { Zero, Mean, Uniform };
std::string toString(AblationMethod);
// "zero", "mean" or "uniform"; Error(Usage) naming the choices otherwise.
AblationMethod parseAblationMethod(std::string_view text);

struct HeadId {
    int layer = 0, head = 0;  // 0-based
    auto operator<=>(const HeadId&) const = default;
};
// "L0H1" (0-based, as the trace's keys count).
std::string toString(HeadId);

struct HeadSurgery {
    std::vector<HeadId> heads;  // sorted, no repeats
    AblationMethod method = AblationMethod::Zero;

    bool empty() const { return heads.empty(); }
    bool contains(int layer, int head) const;
    // Sorts and removes repeats.
    void normalise();
    bool operator==(const HeadSurgery&) const = default;
};

// "L0H1,L1H2" (0-based, spaces allowed, case ignored; "L1" is every head of layer 1): Error(Usage) naming the item that is
// not of that form or names a head the model lacks (with the model's layers and heads).
std::vector<HeadId> parseHeadList(std::string_view text, int layers, int heads);
// "L0H1,L1H2"; "" for none.
std::string headListText(const std::vector<HeadId>& heads);

// Each head's mean context row, over every token of every sentence of a corpus, with no head
// switched off: [layer] (heads, dHead). What mean ablation puts in a head's place.
struct HeadMeans {
    std::vector<Matrix> layers;
    int sentences = 0, tokens = 0;  // what the means were taken over
    bool empty() const { return layers.empty(); }
};

// The surgery the forward pass applies: the spec and, for mean ablation, the means.
struct HeadAblation {
    HeadSurgery surgery;
    HeadMeans means;  // required when surgery.method == Mean
    bool active() const { return !surgery.empty(); }
};

struct LayerTrace;
// Adds each head's context rows (LayerTrace::context) of one intact trace to running sums;
// finish() divides by the tokens. For encoders and decoders alike.
class HeadMeanAccumulator {
public:
    void add(const std::vector<LayerTrace>& layers);
    HeadMeans finish() const;

private:
    std::vector<Eigen::MatrixXd> sums_;  // [layer] (heads, dHead), summed in double
    int sentences_ = 0, tokens_ = 0;
};

// Before a forward pass: every head exists (Error(Usage) naming it) and mean ablation has a mean
// for every head of the model (Error(BadInput) otherwise).
void checkAblation(const HeadAblation& ablation, int layers, int heads, int headDim);

// Switches a head off in one layer, in the forward pass's own terms. `attention` (T, T) is
// replaced by the uniform rows for Uniform (`causal`: query q sees keys 0..q); `context`
// (T, dHead) is the head's output, recomputed or replaced. No-op for heads not in the surgery.
// Never throws (it runs inside the parallel head loop): checkAblation first.
void ablateHead(const HeadAblation& ablation, int layer, int head, bool causal, Matrix& attention, Matrix& context,
                const Matrix& values);

}  // namespace orderlens
