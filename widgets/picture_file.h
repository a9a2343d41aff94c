#pragma once
// The one place pictures become files: PNG / JPEG / SVG / PDF by the file's extension, written
// whole (core/file_io.h: a temporary file renamed over the target) or not at all, and only to a
// regular file: a folder, device or pipe at the path is refused before anything is painted. A picture is a paint function; views
// (View::paintPicture) and the whole window (app/exporter) both come here.
#include <QImage>
#include <QSize>
#include <QString>

#include <functional>

class QCPPainter;

namespace orderlens::widgets {

struct PictureOptions {
    PictureOptions(QSize size = QSize(1600, 900), double scale = 1.0, bool transparent = false)
        : size(size), scale(scale), transparent(transparent)
    {
    }
    QSize size;               // pixels (PNG, JPEG) or points (SVG, PDF)
    double scale;             // enlarges text and lines: 1920x1080 at 2 lays out like 960x540
    bool transparent;         // PNG only: leave the background empty
    QString title, description;  // SVG and PDF metadata
};

// Paints into `logical` (= size / scale) painter coordinates. transparent is only ever true for PNG.
using PaintPicture = std::function<void(QCPPainter* painter, QSize logical, bool transparent)>;

QSize logicalSize(const PictureOptions& options);
// The size and scale are in range (64 … 16384 pixels a side, scale 0.25 … 8); else false with *error.
bool checkPictureOptions(const PictureOptions& options, QString* error);
// path can be written as a picture file (not a folder, device, pipe; its folder exists); else
// false with *error naming the file and the reason. Writes nothing.
bool checkPictureTarget(const QString& path, QString* error);
// The picture as pixels (clipboard, PNG): filled with background unless transparent.
QImage paintImage(const PictureOptions& options, const QColor& background, const PaintPicture& paint);
// Writes path; false with *error set (nothing written) on a bad extension, option or write error.
bool writePicture(const QString& path, const PictureOptions& options, const QColor& background,
                  const PaintPicture& paint, QString* error);

}  // namespace orderlens::widgets
