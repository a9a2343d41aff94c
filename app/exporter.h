#pragma once
// Pictures for slides and handouts: one view, the whole window, or every view into a folder.
// The GUI's export and `orderlens export` both come here, so they give the same pixels.
// Every file is written whole (QSaveFile) or not at all.
#include <QSize>
#include <QString>
#include <QStringList>

class QImage;

namespace orderlens::app {

class MainWindow;

struct ExportOptions {
    QSize size{1600, 900};    // pixels (PNG) or points (SVG, PDF)
    double scale = 1.0;       // enlarges text and lines: 1920x1080 at 2 lays out like 960x540
    bool transparent = false; // PNG only: leave the background empty
};

// The names `--view` accepts: the eight views' keys and "window".
QStringList exportViewNames();

// Format from the extension (.png, .jpg, .svg, .pdf). Returns false with *error set.
bool exportView(MainWindow& window, const QString& viewKey, const QString& path, const ExportOptions& options,
                QString* error);
bool exportWindow(MainWindow& window, const QString& path, const ExportOptions& options, QString* error);
// Writes <folder>/<view>.<format> for every view; the paths written go to *written.
bool exportAllViews(MainWindow& window, const QString& folder, const QString& format, const ExportOptions& options,
                    QStringList* written, QString* error);
// The window rendered to an image (for the clipboard and the PNG export).
QImage renderWindow(MainWindow& window, const ExportOptions& options);

}  // namespace orderlens::app
