#pragma once
// The immutable snapshot every view draws from: the traces of sentence A (and B) and the
// analyses computed from them off the GUI thread (app/analysis.*). Views only read it; they
// never call the model. Shared between views through ViewDataPtr.
#include "alignment.h"
#include "config.h"
#include "decomposition.h"
#include "head_roles.h"
#include "residual.h"
#include "tensor.h"
#include "trace.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace orderlens::widgets {

// One sentence run through the model, with its analyses.
struct SentenceData {
    std::shared_ptr<const Trace> trace;
    QStringList tokens;                      // (T) token text as typed
    std::vector<int> roles;                  // (T) predicted role (orderlens::Role), -1 without a role head
    std::vector<HeadRole> headRoles;         // n_layers * n_heads, layer-major
    std::vector<TermShares> termShares;      // (n_heads) layer 0; empty when the trace has no terms
    std::vector<ResidualStage> residual;     // input, then after each layer
    std::vector<QStringList> nearestWords;   // per residual stage: (T) text of the nearest word row
    Matrix pcaEmbedding, pcaPosition, pcaInput;  // (T, k) PCA coordinates of E, P and E + P rows

    int length() const { return static_cast<int>(tokens.size()); }
    const HeadRole* headRole(int layer, int head) const;
};

// Position table pictures (Positional encoding view).
struct PositionData {
    PositionScheme scheme = PositionScheme::Sinusoidal;
    Matrix table;         // (positions shown, d) rows the scheme adds; empty for rope/alibi/none
    Matrix similarity;    // (positions, positions): cosine of position rows; RoPE: mean cos of relative angles
    Matrix ropeAngles;    // (positions, dHead / 2) radians, RoPE only
    std::vector<float> alibiSlopes;     // (n_heads), ALiBi only
    std::vector<Matrix> alibiBias;      // per head (T, T) for sentence A's length, ALiBi only
};

// Recoverability of word and position from the sum, against width d.
struct RecoverabilityData {
    bool ready = false;           // false while the random-table curve is still being computed
    bool failed = false;          // the curve could not be computed (e.g. out of memory): shown as unavailable
    int vocab = 0, length = 0;    // table sizes the random curve used
    std::vector<int> dims;
    std::vector<double> addWord, addPosition, concatWord, concatPosition;  // (dims)
    bool hasCurrent = false;      // the model's own tables (additive schemes only)
    int currentDim = 0;
    double currentAddWord = 0, currentAddPosition = 0;
};

struct ViewData {
    QString modelId;
    ModelConfig config;
    bool handmade = false;        // the editable 2-D / 3-D example
    SentenceData a;
    std::optional<SentenceData> b;            // present when comparing
    std::optional<AlignedDifference> difference;  // B reordered into A's tokens, minus A
    PositionData positions;
    int pcaComponents = 0;
    std::vector<double> pcaExplainedRatio;    // (k) share of the variance on each axis
    RecoverabilityData recoverability;
    // Colour ranges fixed across A and B so both are read on one scale (symmetric around 0).
    double vectorRange = 1;       // E, P, E + P
    double logitRange = 1;        // logit terms
    double differenceRange = 0.1; // aligned attention difference

    std::vector<const SentenceData*> sentences() const;  // A, then B when present
};

using ViewDataPtr = std::shared_ptr<const ViewData>;

}  // namespace orderlens::widgets
