#pragma once
// Colour-blind-safe colour scales shared by every view: diverging for signed values,
// sequential for probabilities.
#include <qcustomplot.h>

namespace orderlens::widgets {

// Blue - white - red (signed values; white is zero when the range is symmetric).
QCPColorGradient divergingGradient();
// Light yellow to dark blue (probabilities, 0..1).
QCPColorGradient sequentialGradient();

}  // namespace orderlens::widgets
