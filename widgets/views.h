#pragma once
// The nine views, made by key: the window's tabs and `orderlens export` build them here, so
// both draw a picture with the same code from the same (snapshot, selection).
#include "view.h"

#include <QStringList>

#include <memory>

namespace orderlens::widgets {

// "vectors", "position", "pca", "attention", "decomposition", "residual", "recoverability",
// "training", "heads", in tab order.
const QStringList& viewKeys();
// A new view of that key, or null for an unknown key.
std::unique_ptr<View> createView(const QString& key);

}  // namespace orderlens::widgets
