#include "colour_scales.h"

namespace orderlens::widgets {

QColor maskedCellColour() { return QColor(150, 150, 150); }

QCPColorGradient divergingGradient()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(33, 102, 172));
    g.setColorStopAt(0.25, QColor(146, 197, 222));
    g.setColorStopAt(0.5, QColor(247, 247, 247));
    g.setColorStopAt(0.75, QColor(244, 165, 130));
    g.setColorStopAt(1.0, QColor(178, 24, 43));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setNanHandling(QCPColorGradient::nhNanColor);
    g.setNanColor(maskedCellColour());
    return g;
}

QCPColorGradient sequentialGradient()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(255, 255, 217));
    g.setColorStopAt(0.25, QColor(199, 233, 180));
    g.setColorStopAt(0.5, QColor(65, 182, 196));
    g.setColorStopAt(0.75, QColor(34, 94, 168));
    g.setColorStopAt(1.0, QColor(8, 29, 88));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setNanHandling(QCPColorGradient::nhNanColor);
    g.setNanColor(maskedCellColour());
    return g;
}

}  // namespace orderlens::widgets
