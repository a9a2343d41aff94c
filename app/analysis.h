#pragma once
// Everything the views draw, computed from a model and two sentences. Pure functions, safe
// to run off the GUI thread (the session model runs them through QtConcurrent).
#include "model.h"
#include "view_data.h"

#include <QMap>
#include <QString>
#include <QVector>

#include <atomic>
#include <memory>

namespace orderlens::app {

// Facts about a model that do not depend on the sentences, computed once per model.
struct ModelFacts {
    widgets::PositionData positions;        // table, similarity, RoPE angles, ALiBi slopes (no per-sentence bias)
    widgets::RecoverabilityData recoverability;
};
// Positions only (fast); recoverability is left not ready.
ModelFacts positionFacts(const Model& model);
// The add-vs-concatenate curve for the model's vocabulary and the model's own point. Slow for a
// large vocabulary (seconds for BERT's 21128 words): the session runs it in the background.
// Returns a not-ready result when *cancel becomes true between widths.
widgets::RecoverabilityData recoverabilityFacts(const Model& model, const std::atomic<bool>* cancel = nullptr);
// Both, in one go.
ModelFacts modelFacts(const Model& model);

struct AnalysisRequest {
    QString sentenceA, sentenceB;
    bool compare = true;
    bool showRoles = true;   // role chips (trained models only)
    // The last result of the same model with the same showRoles, or null: a sentence whose
    // tokens it already holds (the other sentence, while one is typed) is taken from it, not
    // traced and analysed again.
    widgets::ViewDataPtr previous;
};

struct AnalysisResult {
    widgets::ViewDataPtr data;  // null when sentence A could not be traced
    QString errorA, errorB;     // user-facing messages
};

// Traces A (and B when comparing) and runs every analysis. Never throws: errors are returned.
AnalysisResult analyse(const Model& model, const ModelFacts& facts, const AnalysisRequest& request);

// The hand-made model: d = 2 or 3, the classic defaults (猫 = [0.5, 0.3, −0.2], third
// position = [0.1, −0.4, 0.3]) with the user's edits on top.
struct HandmadeTables {
    int dimension = 3;
    QMap<QString, QVector<double>> words;     // word -> row (edits only)
    QMap<int, QVector<double>> positions;     // position index -> row (edits only)
    bool operator==(const HandmadeTables&) const = default;
};
std::shared_ptr<const Model> buildHandmadeModel(const HandmadeTables& tables);

}  // namespace orderlens::app
