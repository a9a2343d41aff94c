#pragma once
// The snapshot: everything the views draw, computed in one place from a model and the traces
// of sentence A (and B). An immutable value, Qt-free; the window's views, `orderlens export`
// and `orderlens analyse` (JSON, snapshot_json.h) all read the same one. Safe to compute off
// the GUI thread.
#include "alignment.h"
#include "config.h"
#include "decomposition.h"
#include "errors.h"
#include "head_roles.h"
#include "residual.h"
#include "rope_terms.h"
#include "tensor.h"
#include "trace.h"
#include "word_groups.h"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace orderlens {

class Model;
class DecoderModel;

// Rows of the position table the views draw (and the recoverability curve's length).
constexpr int kPositionsShown = 48;

// Per residual stage, over the sentence's tokens: the mean cosines and the decoding accuracy.
struct StageSummary {
    std::string name;               // "input", "layer 1", ...
    double meanCosineToWord = 0;    // mean over tokens of cos(x, own E row)
    double meanCosineToPosition = 0;  // mean over tokens with a non-zero P row; NaN when none has one
    double decodingAccuracy = 0;    // share of tokens whose nearest word row is their own
};

// One sentence run through the model, with its analyses.
struct SentenceSnapshot {
    std::shared_ptr<const Trace> trace;
    std::vector<std::string> tokens;         // (T) token text as typed (UTF-8)
    std::vector<int> roles;                  // (T) predicted role (orderlens::Role), -1 without a role head
    std::vector<HeadRole> headRoles;         // n_layers * n_heads, layer-major; empty while pending
    bool headRolesPending = false;           // left for fillHeadRoles() (SnapshotRequest::deferHeadRoles)
    std::vector<TermShares> termShares;      // (n_heads) layer 0; empty when the trace has no terms
    std::vector<RopeShares> ropeShares;      // n_layers * n_heads, layer-major: RoPE's content / position and per-pair shares; empty for other schemes
    std::vector<ResidualStage> residual;     // input, then after each layer
    std::vector<StageSummary> residualSummary;            // (stages) means of `residual`
    std::vector<std::vector<std::string>> nearestWords;  // per residual stage: (T) text of the nearest word row
    Matrix pcaEmbedding, pcaPosition, pcaInput;  // (T, k) PCA coordinates of E, P and E + P rows
    bool hasPositionRows = false;            // some P row is non-zero (the scheme adds positions)
    // n_layers * n_heads, layer-major: each head's mean attention of tokens 1..T-1 on the first
    // token (a decoder's attention sink; [CLS] for BERT); 0 for a one-token sentence.
    std::vector<double> firstTokenShare;
    std::vector<std::vector<NextToken>> nextTokens;  // decoders: (T) x top 5, most likely first; else empty
    // Its words and every head's word-level attention (word_groups.h), when the request merged
    // words (SnapshotRequest::mergeWords, encoders only); else null.
    std::shared_ptr<const WordLevel> words;

    int length() const { return static_cast<int>(tokens.size()); }
    const HeadRole* headRole(int layer, int head) const;
};

// Position tables and their pictures' numbers (Positional encoding view); per model, except
// alibiBias (for sentence A's length).
struct PositionFacts {
    PositionScheme scheme = PositionScheme::Sinusoidal;
    Matrix table;         // (positions shown, d) rows the scheme adds; empty for rope/alibi/none
    Matrix similarity;    // (positions, positions): cosine of position rows; RoPE: mean cos of relative angles
    Matrix ropeAngles;    // (positions, dHead / 2) radians, RoPE only
    Matrix ropeCosines;   // (positions, dHead / 2) cos of ropeAngles, RoPE only
    double tableRange = 1;  // max |table| (colour scale and curve range), 1 when empty
    std::vector<float> alibiSlopes;     // (n_heads), ALiBi only
    std::vector<Matrix> alibiBias;      // per head (T, T) for sentence A's length, ALiBi only
    double alibiRange = 1;              // max |alibiBias| over heads (one colour scale)
    // RoPE: each frequency pair's wavelength in positions (2 pi / its frequency), as the model
    // computes it and without its rope_scaling (equal when it has none); empty for other schemes.
    std::vector<double> ropeWavelengths, ropeUnscaledWavelengths;
};

// Recoverability of word and position from the sum, against width d.
struct RecoverabilityFacts {
    bool ready = false;           // false while the random-table curve is still being computed
    bool failed = false;          // the curve could not be computed (e.g. out of memory): shown as unavailable
    int vocab = 0, length = 0;    // table sizes the random curve used
    std::vector<int> dims;
    std::vector<double> addWord, addPosition, concatWord, concatPosition;  // (dims)
    bool hasCurrent = false;      // the model's own tables (additive schemes only)
    int currentDim = 0;
    double currentAddWord = 0, currentAddPosition = 0;
};

struct HeadCensus;
struct SurgeryExperiment;

// The Heads view's numbers (head_census.h, surgery_experiment.h): per model and corpus, not per
// sentence. The window computes them in the background when the view is first shown.
struct HeadsFacts {
    bool ready = false;            // the census was run (it may have been stopped early: census->cancelled)
    std::string error;             // it could not be run (the corpus does not fit the model, ...), in English
    std::string corpus;            // what it read: empty for the built-in corpus, else the file's name
    std::shared_ptr<const HeadCensus> census;
    // Reversal-pair accuracy with heads switched off; null for models without a role head
    // (BERT folders, decoders), whose outputs have no roles to measure order by.
    std::shared_ptr<const SurgeryExperiment> experiment;
};

// Facts about a model that do not depend on the sentences, computed once per model.
struct ModelFacts {
    PositionFacts positions;      // without alibiBias (that needs a sentence)
    RecoverabilityFacts recoverability;
};

struct Snapshot {
    std::string modelId;
    ModelConfig config;
    bool handmade = false;        // the editable 2-D / 3-D example
    SentenceSnapshot a;
    std::optional<SentenceSnapshot> b;            // present when comparing
    std::optional<AlignedDifference> difference;  // B reordered into A's tokens, minus A
    std::optional<AlignedDifference> wordDifference;  // the same for the merged words (no logits); with words only
    PositionFacts positions;
    int pcaComponents = 0;
    std::vector<double> pcaExplainedRatio;    // (k) share of the variance on each axis
    // The component pair (0-based, first < second) the PCA view opens on: the one that keeps the
    // drawn points apart best (see choosePcaPair); (0, 1) when there are only two components.
    int pcaDefaultFirst = 0, pcaDefaultSecond = 1;
    RecoverabilityFacts recoverability;
    HeadsFacts heads;             // not ready until the Heads view asked for them
    // Colour ranges fixed across A and B so both are read on one scale (symmetric around 0).
    double vectorRange = 1;       // E, P, E + P
    double logitRange = 1;        // logit terms
    double differenceRange = 0.1; // aligned attention difference
    double wordDifferenceRange = 0.1;  // the same for the merged words
    // The heads the traces ran with switched off (SnapshotRequest::ablation); empty: none.
    HeadSurgery surgery;
    std::shared_ptr<const HeadAblation> ablation;  // with the means, for fillHeadRoles

    std::vector<const SentenceSnapshot*> sentences() const;  // A, then B when present
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

// Positions only (fast); recoverability is left not ready.
ModelFacts positionFacts(const Model& model);
// The add-vs-concatenate curve for the model's vocabulary and the model's own point. Slow for a
// large vocabulary (seconds for BERT's 21128 words): the window runs it in the background.
// Returns a not-ready result when *cancel becomes true between widths.
RecoverabilityFacts recoverabilityFacts(const Model& model, const std::atomic<bool>* cancel = nullptr);
// Both, in one go.
ModelFacts modelFacts(const Model& model);
// The census over `corpus` (text, one sentence an entry; empty: defaultCensusCorpus()) and, for a
// model with a role head, the surgery experiment with the method `experiment` (nullopt: none, e.g.
// for an untrained model). A corpus the model cannot read is
// an Error (BadInput) naming the sentence; `progress` and `cancel` as headCensus's (a stopped
// census leaves the experiment out).
HeadsFacts headsFacts(const Model& model, const std::vector<std::string>& corpus, std::optional<AblationMethod> experiment,
                      const std::function<void(int, int)>& progress = {}, const std::atomic<bool>* cancel = nullptr);
HeadsFacts headsFacts(const DecoderModel& model, const std::vector<std::string>& corpus,
                      const std::function<void(int, int)>& progress = {}, const std::atomic<bool>* cancel = nullptr);

// The pair of PCA axes (0-based, first < second) on which the drawn points stand furthest apart:
// for each candidate pair, the smallest distance between two points that differ in d-space
// (the same word at two positions, two positions, two words), in units of the points' RMS
// radius on that plane; the pair with the largest such distance wins (ties: the earlier pair).
// points (n, k) are coordinates on k >= 2 axes, distinct[i] groups rows that are the same vector
// (equal ids are not compared). Returns (0, 1) when k < 3 or no two points differ.
std::pair<int, int> choosePcaPair(const Matrix& points, const std::vector<int>& distinct);

// (n, n) cosine similarity of the rows of m; 0 where a row is zero.
Matrix cosineMatrix(const Matrix& m);
// Means of one sentence's residual stages (see StageSummary).
std::vector<StageSummary> summariseResidual(const std::vector<ResidualStage>& stages);

struct SnapshotRequest {
    std::string sentenceA, sentenceB;
    bool compare = true;
    bool showRoles = true;   // role predictions (trained models only)
    // The last snapshot of the same model with the same showRoles, or null: a sentence whose
    // tokens it already holds (the other sentence, while one is typed) is taken from it, not
    // traced and analysed again.
    SnapshotPtr previous;
    // Leave each new sentence's head roles (the ablation: extra forward passes for every head)
    // for fillHeadRoles(), so the first picture does not wait for them.
    bool deferHeadRoles = false;
    // Heads switched off (head_surgery.h): every trace, head role and prediction is of the model
    // with them off. Null or inactive: the intact model.
    std::shared_ptr<const HeadAblation> ablation;
    // Also merge each word's pieces (word_groups.h): SentenceSnapshot::words and wordDifference.
    // Encoders only; a decoder's snapshot leaves them out.
    bool mergeWords = false;
};

struct SnapshotResult {
    SnapshotPtr snapshot;              // null when sentence A could not be traced
    std::optional<Error> errorA, errorB;
};

// Traces A (and B when comparing) and runs every analysis. Never throws an Error: errors are returned.
SnapshotResult analyse(const Model& model, const ModelFacts& facts, const SnapshotRequest& request);
// The snapshot with the head roles a deferHeadRoles analysis left out (A and B, one thread each);
// null when `cancel` was set before they were done (a newer sentence made them stale).
SnapshotPtr fillHeadRoles(const Model& model, const Snapshot& snapshot, const std::atomic<bool>* cancel = nullptr);
// Whether analyses of `model` defer their head roles in the window: more than 32 heads (BERT-base:
// 144 heads, about 75 ms of ablation a sentence), where they would hold up the first picture.
bool headRolesAreSlow(const Model& model);
// A decoder's: the shuffles (GPT-2, or RoPE past the length its exact terms are kept for) when it
// has more than 32 heads; RoPE's exact kinds are never deferred (they cost nothing).
SnapshotPtr fillHeadRoles(const DecoderModel& model, const Snapshot& snapshot, const std::atomic<bool>* cancel = nullptr);
bool headRolesAreSlow(const DecoderModel& model);

// Decoders (decoder.h): the position table of GPT-2 (its wpe rows) or RoPE's angles with the
// model's own frequencies (rope_scaling included) and both wavelengths per pair. The
// recoverability curves are not computed for decoders (failed stays false, ready false).
ModelFacts positionFacts(const DecoderModel& model);
// A decoder's snapshot: its traces (masked logits -infinity, masked attention exactly 0), the
// first-token shares and next tokens, RoPE's exact split of every head (while ropeTermsAreSmall),
// PCA and colour ranges as for encoders. In the aligned difference a cell masked in A or in B
// is NaN. No head roles (they need one forward pass per shuffle) and no residual stages (the
// nearest of a large vocabulary's rows at every stage): both stay empty.
SnapshotResult analyse(const DecoderModel& model, const ModelFacts& facts, const SnapshotRequest& request);

// The hand-made model: d = 2 or 3, the classic defaults (猫 = [0.5, 0.3, −0.2], third
// position = [0.1, −0.4, 0.3]) with the user's edits on top (rows longer than d are cut,
// unknown words and positions beyond max_len ignored).
struct HandmadeTables {
    int dimension = 3;
    std::map<std::string, std::vector<double>> words;  // word -> row (edits only)
    std::map<int, std::vector<double>> positions;      // position index -> row (edits only)
    bool operator==(const HandmadeTables&) const = default;
};
std::shared_ptr<const Model> buildHandmadeModel(const HandmadeTables& tables);

}  // namespace orderlens
