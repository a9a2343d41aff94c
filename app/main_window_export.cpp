// MainWindow: the export actions of the File menu (one view, clipboard, whole window, all views).
#include "export_dialog.h"
#include "exporter.h"
#include "main_window.h"
#include "start_folder.h"
#include "view.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace orderlens::app {

namespace {
constexpr const char* kExportWidthKey = "export/width";
constexpr const char* kExportHeightKey = "export/height";
constexpr const char* kExportScaleKey = "export/scale";
constexpr const char* kExportFolderKey = "export/folder";

ExportOptions lastOptions()
{
    QSettings s;
    ExportOptions o;
    o.size = QSize(s.value(kExportWidthKey, 1920).toInt(), s.value(kExportHeightKey, 1080).toInt());
    o.scale = s.value(kExportScaleKey, 2.0).toDouble();
    return o;
}

void rememberOptions(const ExportOptions& o)
{
    QSettings s;
    s.setValue(kExportWidthKey, o.size.width());
    s.setValue(kExportHeightKey, o.size.height());
    s.setValue(kExportScaleKey, o.scale);
}
}  // namespace

void MainWindow::addExportActions(QMenu* file)
{
    auto askOptions = [this](bool askFormat, ExportOptions* options, QString* format) {
        ExportDialog dialog(lastOptions(), askFormat, this);
        if (dialog.exec() != QDialog::Accepted)
            return false;
        *options = dialog.options();
        if (format)
            *format = dialog.format();
        rememberOptions(*options);
        return true;
    };
    auto askPath = [this](const QString& suggested) {
        const QString folder = dialogStartFolder(QSettings().value(kExportFolderKey).toString());
        QString path = QFileDialog::getSaveFileName(this, tr("Export picture"), QDir(folder).filePath(suggested),
                                                    tr("PNG picture (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
        if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".png");
        return path;
    };
    // The folder is remembered only after a save into it succeeded.
    auto report = [this](bool ok, const QString& path, const QString& error) {
        if (ok) {
            QSettings().setValue(kExportFolderKey, QFileInfo(path).absolutePath());
            statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
        } else {
            QMessageBox::warning(this, tr("Picture not saved"), error);
        }
    };

    QAction* picture = file->addAction(tr("&Export picture of this view…"));
    picture->setShortcut(QKeySequence(tr("Ctrl+E")));
    connect(picture, &QAction::triggered, this, [=, this] {
        widgets::View* v = currentView();
        ExportOptions options;
        if (!v || !askOptions(false, &options, nullptr))
            return;
        const QString path = askPath(v->key() + QStringLiteral(".png"));
        if (path.isEmpty())
            return;
        QString error;
        report(exportView(*this, v->key(), path, options, &error), path, error);
    });

    QAction* copy = file->addAction(tr("&Copy picture of this view"));
    copy->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    connect(copy, &QAction::triggered, this, [this] {
        widgets::View* v = currentView();
        if (!v)
            return;
        const ExportOptions o = lastOptions();
        QApplication::clipboard()->setImage(viewImage(*v, {o.size, o.scale, false}));
        statusBar()->showMessage(tr("Picture copied (%1×%2)").arg(o.size.width()).arg(o.size.height()), 5000);
    });

    QAction* window = file->addAction(tr("Export the &whole window…"));
    connect(window, &QAction::triggered, this, [=, this] {
        ExportOptions options;
        if (!askOptions(false, &options, nullptr))
            return;
        const QString path = askPath(QStringLiteral("orderlens-window.png"));
        if (path.isEmpty())
            return;
        QString error;
        report(exportWindow(*this, path, options, &error), path, error);
    });

    QAction* all = file->addAction(tr("Export &all views into a folder…"));
    connect(all, &QAction::triggered, this, [=, this] {
        ExportOptions options;
        QString format;
        if (!askOptions(true, &options, &format))
            return;
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Export all views into"), dialogStartFolder(QSettings().value(kExportFolderKey).toString()));
        if (folder.isEmpty())
            return;
        QStringList written;
        QString error;
        if (exportAllViews(*this, folder, format, options, &written, &error)) {
            QSettings().setValue(kExportFolderKey, folder);
            statusBar()->showMessage(tr("Saved %n picture(s) in %1", nullptr, static_cast<int>(written.size())).arg(folder),
                                     8000);
        } else {
            QMessageBox::warning(this, tr("Pictures not saved"),
                                 tr("%1\n\n%n picture(s) were saved before the problem.", nullptr,
                                    static_cast<int>(written.size()))
                                     .arg(error));
        }
    });
}

}  // namespace orderlens::app
