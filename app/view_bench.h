#pragma once
// Drawing figures for `orderlens bench` (needs a QApplication; offscreen is fine):
// keystroke to every visible view redrawn, and the attention grid of a 12 x 12-head model.
#include "bench.h"

#include <vector>

namespace orderlens::app {

std::vector<BenchFigure> runViewBenchmarks(bool quick);

}  // namespace orderlens::app
