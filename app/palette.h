#pragma once
// Named colour palettes for `--palette`: the window and its pictures follow the system palette;
// these let a user (or a headless export) pick light or dark explicitly.
#include <QPalette>
#include <QString>

namespace orderlens::app {

// "light" or "dark"; *ok is false (and the palette the default) for any other name.
QPalette namedPalette(const QString& name, bool* ok = nullptr);
QPalette darkPalette();

}  // namespace orderlens::app
