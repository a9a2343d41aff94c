#pragma once
// Resolves the model names of the command line and the model chooser:
// builtin:<scheme> (trained, shipped as Qt resources), random:<scheme> (untrained, seeded),
// handmade, or a PATH (an OrderLens model file, or a HuggingFace BERT folder: see bert_checkpoint.h).
#include "decoder.h"
#include "model.h"
#include "snapshot.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace orderlens::app {

// Throws orderlens::Error with a message naming what is wrong.
std::shared_ptr<const Model> loadModel(const QString& spec);
// A folder whose config.json names a decoder family (gpt2, llama, mistral, qwen2, qwen3): opened
// with DecoderModel::open (core/decoder.h), which `orderlens trace` runs; loadModel() refuses it
// with a message saying so.
bool isDecoderFolder(const QString& spec);
// Any model name, encoder or decoder: what analyse and export need of it.
struct LoadedModel {
    std::shared_ptr<const Model> encoder;         // loadModel()
    std::shared_ptr<const DecoderModel> decoder;  // a decoder folder (encoder is null then)
    ModelFacts positionFacts() const;
    SnapshotResult analyse(const ModelFacts& facts, const SnapshotRequest& request) const;
    // Throws Error(BadInput) as the model would for a sentence it cannot take (empty, too long).
    void check(const QString& sentence) const;
};
// loadModel(), or DecoderModel::open for a decoder folder. Throws orderlens::Error.
LoadedModel loadAnyModel(const QString& spec);
// The names the chooser lists, built-ins first (only those shipped in this build).
QStringList knownModelSpecs();
// What the chooser shows for a spec, in the interface language: "RoPE (rotated queries and
// keys) · untrained" for random:rope; a path's file or folder name (the spec is its tooltip).
QString modelDisplayName(const QString& spec);
// Whether the views show the model's role predictions: not for untrained (random:) or hand-made models.
bool showsRoles(const QString& spec);
// The model used when none is chosen: builtin:sinusoidal when shipped, else random:sinusoidal.
QString defaultModelSpec();

}  // namespace orderlens::app
