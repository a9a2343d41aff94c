#pragma once
// Drawing figures for `orderlens bench` (needs a QApplication; offscreen is fine):
// keystroke to every visible view redrawn, and the attention grid of a 12 x 12-head model.
#include "bench.h"

#include <QString>

#include <vector>

namespace orderlens::app {

std::vector<BenchFigure> runViewBenchmarks(bool quick);
// keystroke_to_views_bert_base_16tok: the window on the BERT folder at `folder`.
BenchFigure bertKeystrokeFigure(const QString& folder, bool quick);

}  // namespace orderlens::app
