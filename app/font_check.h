#pragma once
// Is there a font that can draw these characters? Checked at start-up and before export so
// that Chinese never silently turns into boxes.
#include <QString>

namespace orderlens::app {

struct FontCoverage {
    bool complete = true;
    QString missing;     // the characters no installed font covers (each once)
    QString message() const;  // a sentence for the user; empty when complete
};

// Needs a QGuiApplication. Spaces and control characters are ignored.
FontCoverage checkFontCoverage(const QString& text);

// The family OrderLens prefers for Chinese (from fonts-wqy-microhei), or the system default
// when it is not installed.
QString preferredChineseFamily();

}  // namespace orderlens::app
