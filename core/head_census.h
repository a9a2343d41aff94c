#pragma once
// The head census (after Clark et al. 2019, "What does BERT look at?"): over a corpus, where
// each head's attention goes. For every head of every layer, averaged over every query token
// of every sentence:
//   first        attention on the sentence's first token (queries 1..T-1: the first token's own
//                row says nothing); a decoder's attention sink, BERT's [CLS]
//   special      on special tokens ([CLS], [SEP], a decoder's BOS)
//   punctuation  on tokens that are punctuation only (。 ， . !)
//   self         on the query's own token
//   previous     on the token before (queries 1..T-1)
//   next         on the token after (queries 0..T-2; under a causal mask always 0)
//   entropy      of the attention row, in bits
// and the same shares of the value-norm-weighted attention (Kobayashi et al. 2020): key j's
// weight is α_qj·‖W_O,h v_j‖, what the head really moves from j into the residual stream,
// renormalised per query. A sink (a high `first`) that moves nothing shows a low weighted share.
// Heads are also placed on a 2-D map: the Jensen–Shannon distance of two heads' attention rows
// (the same query of the same sentence), averaged over every query, then classical
// multidimensional scaling of that distance matrix (Clark et al., Fig. 6).
#include "tensor.h"
#include "trace.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace orderlens {

class Model;
class DecoderModel;

struct CensusShares {
    double first = 0, special = 0, punctuation = 0, self = 0, previous = 0, next = 0;
};

struct HeadCensusRow {
    int layer = 0, head = 0;
    CensusShares raw;       // attention weights
    CensusShares weighted;  // value-norm-weighted attention
    double entropy = 0;     // bits, mean over queries
    double mapX = 0, mapY = 0;  // the 2-D map (classical MDS of the Jensen–Shannon distances)
};

struct HeadCensus {
    std::string modelId;
    int layers = 0, heads = 0;
    int sentences = 0, tokens = 0;
    bool cancelled = false;          // stopped early: the figures cover `sentences` only
    std::vector<HeadCensusRow> rows;  // layers * heads, layer-major
    Matrix distance;                 // (layers * heads)^2 mean Jensen–Shannon distance, in [0, 1]
    double mapExplained = 0;         // share of the distances' (double-centred) variance the map keeps
};

// What a head mostly looks at: the largest of its six shares when it reaches `threshold`, else
// Broad (its attention spread over the sentence). Ties go to the earlier one in this order
// (BERT's [CLS] is both the first token and a special one: First).
enum class CensusPattern { First, Special, Punctuation, Self, Previous, Next, Broad };
CensusPattern dominantPattern(const CensusShares& shares, double threshold = 0.3);

// Sums the census over traces one sentence at a time. `outputGrams` [layer][head] is W_O,hᵀ W_O,h
// (dHead x dHead), so that ‖W_O,h v‖² = vᵀ G v (outputGrams of a model).
class HeadCensusBuilder {
public:
    explicit HeadCensusBuilder(std::vector<std::vector<Matrix>> outputGrams);
    // One sentence: its trace and which of its tokens are special.
    void add(const Trace& trace, const std::vector<bool>& special);
    HeadCensus finish(std::string modelId) const;

private:
    std::vector<std::vector<Matrix>> grams_;
    int layers_ = 0, heads_ = 0, sentences_ = 0, tokens_ = 0;
    struct Sums {
        CensusShares raw, weighted;
        double entropy = 0;
    };
    std::vector<Sums> sums_;
    // Query counts behind each share: every query, queries with a first token before them
    // (1..T-1: first and previous), queries with a next token (0..T-2).
    double queries_ = 0, queriesAfterFirst_ = 0, queriesBeforeLast_ = 0;
    Eigen::MatrixXd distanceSum_;
};

// Whether a token's text is punctuation only (after leading and trailing spaces): 。 ， . ! ...
bool isPunctuationToken(const std::string& text);

// W_O,hᵀ W_O,h for every head (see HeadCensusBuilder).
std::vector<std::vector<Matrix>> outputGrams(const Model& model);
std::vector<std::vector<Matrix>> outputGrams(const DecoderModel& model);

using CensusProgress = std::function<void(int done, int total)>;
// The census of a model over sentences (text, one per entry). A sentence the model cannot read
// (empty, longer than it takes) is an Error(BadInput) naming its number (1-based). `progress`
// is called after each sentence; when *cancel becomes true the census stops and says so.
HeadCensus headCensus(const Model& model, const std::vector<std::string>& sentences,
                      const CensusProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);
HeadCensus headCensus(const DecoderModel& model, const std::vector<std::string>& sentences,
                      const CensusProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);

// The corpus the census and mean ablation read when the user gives none: the built-in showcase
// sentences (猫追老鼠 ...) and `heldOut` held-out sentences of the built-in corpus, as text.
std::vector<std::string> defaultCensusCorpus(int heldOut = 200);
// A corpus file: one sentence a line (UTF-8; blank lines skipped, a CR before the newline dropped),
// at most kMaxCorpusBytes. Error(BadFile) when it cannot be read or holds no sentence.
inline constexpr std::uint64_t kMaxCorpusBytes = 64ull << 20;
std::vector<std::string> readCorpusFile(const std::string& path);

}  // namespace orderlens
