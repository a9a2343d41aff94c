#pragma once
// Pictures for slides and handouts: one view, the whole window, or every view into a folder.
// The GUI's export and `orderlens export` both draw a view's picture with View::paintPicture
// and write it with widgets::writePicture (the one place files are written, whole or not at all).
#include "head_surgery.h"
#include "picture_file.h"

#include <QSize>
#include <QString>
#include <QStringList>

class QImage;

namespace orderlens::widgets {
class View;
}

namespace orderlens::app {

class MainWindow;
struct SessionState;

using ExportOptions = widgets::PictureOptions;

// The names `--view` accepts: the eight views' keys and "window".
QStringList exportViewNames();
// The caption line under every picture: the sentences and the model.
// With heads switched off (the selection's surgery), the caption says which and how.
// `bf16Products`: the model computes with BF16 products (the inexact mode), which the caption says.
QString pictureCaption(const SessionState& state, const QString& modelSpec, bool bf16Products = false);
// "output zeroed", "mean output", "uniform attention", in the interface language.
QString surgeryMethodName(AblationMethod method);

// One view's picture (plot + caption) into path, format from the extension (.png, .jpg, .svg, .pdf).
// Returns false with *error set.
bool writeViewPicture(widgets::View& view, const QString& path, const ExportOptions& options, QString* error);
// The same picture as pixels (the clipboard).
QImage viewImage(widgets::View& view, const ExportOptions& options);

bool exportView(MainWindow& window, const QString& viewKey, const QString& path, const ExportOptions& options,
                QString* error);
bool exportWindow(MainWindow& window, const QString& path, const ExportOptions& options, QString* error);
// Writes <folder>/<view>.<format> for every view; the paths written go to *written.
bool exportAllViews(MainWindow& window, const QString& folder, const QString& format, const ExportOptions& options,
                    QStringList* written, QString* error);
// The window rendered to an image (for the clipboard and the PNG export).
QImage renderWindow(MainWindow& window, const ExportOptions& options);

}  // namespace orderlens::app
