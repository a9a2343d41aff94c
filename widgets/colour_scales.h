#pragma once
// Colour-blind-safe colour scales shared by every view: diverging for signed values,
// sequential for probabilities.
#include <qcustomplot.h>

namespace orderlens::widgets {

// Cells that hold no data (a decoder's future keys: NaN in the map): mid grey, apart from every
// colour of both scales. Both gradients draw NaN in it.
QColor maskedCellColour();
// Blue - white - red (signed values; white is zero when the range is symmetric).
QCPColorGradient divergingGradient();
// Light yellow to dark blue (probabilities, 0..1).
QCPColorGradient sequentialGradient();

}  // namespace orderlens::widgets
