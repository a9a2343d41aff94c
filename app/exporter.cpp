#include "exporter.h"

#include "main_window.h"
#include "view.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QImageWriter>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace orderlens::app {

namespace {

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

bool checkOptions(const ExportOptions& o, QString* error)
{
    if (o.size.width() < 64 || o.size.height() < 64 || o.size.width() > 16384 || o.size.height() > 16384)
        return fail(error, QCoreApplication::translate("Export", "The picture size must be between 64 and 16384 "
                                                                 "pixels on each side (got %1×%2).")
                               .arg(o.size.width())
                               .arg(o.size.height()));
    if (!(o.scale >= 0.25 && o.scale <= 8))
        return fail(error, QCoreApplication::translate("Export", "The scale must be between 0.25 and 8 (got %1).")
                               .arg(o.scale));
    return true;
}

bool writeWhole(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, QCoreApplication::translate("Export", "Cannot write %1: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(error, QCoreApplication::translate("Export", "Cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

QSize logicalSize(const ExportOptions& o)
{
    return QSize(qRound(o.size.width() / o.scale), qRound(o.size.height() / o.scale));
}

// Lays the window out at the picture's logical size (it may be hidden, e.g. headless).
void layOut(MainWindow& window, QSize logical)
{
    window.resize(logical);
    if (!window.isVisible()) {
        window.setAttribute(Qt::WA_DontShowOnScreen, true);
        window.show();
    }
    QCoreApplication::processEvents();
    if (widgets::View* v = window.currentView())
        v->ensureDrawn();
    QCoreApplication::processEvents();
}

}  // namespace

QStringList exportViewNames()
{
    return {"vectors", "position", "pca", "attention", "decomposition", "residual", "recoverability", "training", "window"};
}

bool exportView(MainWindow& window, const QString& viewKey, const QString& path, const ExportOptions& options,
                QString* error)
{
    if (!checkOptions(options, error))
        return false;
    if (viewKey == QLatin1String("window"))
        return exportWindow(window, path, options, error);
    widgets::View* view = window.view(viewKey);
    if (!view)
        return fail(error, QCoreApplication::translate("Export", "Unknown view '%1' (expected one of %2)")
                               .arg(viewKey, exportViewNames().join(", ")));
    window.showView(viewKey);
    view->ensureDrawn();
    return view->saveAs(path, options.size, options.scale, error, options.transparent);
}

QImage renderWindow(MainWindow& window, const ExportOptions& options)
{
    const QSize before = window.size();
    layOut(window, logicalSize(options));
    QImage image(options.size, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(options.scale);
    image.fill(options.transparent ? QColor(Qt::transparent) : window.palette().color(QPalette::Window));
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        window.render(&painter, QPoint(), QRegion(), options.transparent ? QWidget::DrawChildren
                                                                          : QWidget::DrawWindowBackground | QWidget::DrawChildren);
    }
    image.setDevicePixelRatio(1.0);
    if (window.isVisible() && !window.testAttribute(Qt::WA_DontShowOnScreen))
        window.resize(before);
    return image;
}

bool exportWindow(MainWindow& window, const QString& path, const ExportOptions& options, QString* error)
{
    if (!checkOptions(options, error))
        return false;
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (suffix == QLatin1String("png") || suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg")) {
        QImageWriter writer(&buffer, suffix == QLatin1String("png") ? "png" : "jpeg");
        if (!writer.write(renderWindow(window, options)))
            return fail(error, QCoreApplication::translate("Export", "Could not encode the picture: %1")
                                   .arg(writer.errorString()));
    } else if (suffix == QLatin1String("svg") || suffix == QLatin1String("pdf")) {
        const QSize before = window.size();
        const QSize logical = logicalSize(options);
        layOut(window, logical);
        if (suffix == QLatin1String("svg")) {
            QSvgGenerator generator;
            generator.setOutputDevice(&buffer);
            generator.setSize(logical);
            generator.setViewBox(QRect(QPoint(), logical));
            generator.setTitle(window.windowTitle());
            QPainter painter(&generator);
            window.render(&painter);
        } else {
            QPdfWriter writer(&buffer);
            writer.setResolution(72);
            writer.setPageSize(QPageSize(QSizeF(logical), QPageSize::Point));
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            writer.setCreator(QStringLiteral("OrderLens"));
            QPainter painter(&writer);
            window.render(&painter);
        }
        if (window.isVisible() && !window.testAttribute(Qt::WA_DontShowOnScreen))
            window.resize(before);
    } else {
        return fail(error, QCoreApplication::translate("Export", "Unknown picture format '.%1': use .png, .jpg, .svg or .pdf")
                               .arg(suffix));
    }
    return writeWhole(path, bytes, error);
}

bool exportAllViews(MainWindow& window, const QString& folder, const QString& format, const ExportOptions& options,
                    QStringList* written, QString* error)
{
    const QDir dir(folder);
    if (!dir.exists())
        return fail(error, QCoreApplication::translate("Export", "The folder %1 does not exist").arg(folder));
    const QString previous = window.currentView() ? window.currentView()->key() : QString();
    bool ok = true;
    for (widgets::View* view : window.views()) {
        const QString path = dir.filePath(view->key() + QLatin1Char('.') + format);
        if (!exportView(window, view->key(), path, options, error)) {
            ok = false;
            break;
        }
        if (written)
            *written << path;
    }
    if (!previous.isEmpty())
        window.showView(previous);
    return ok;
}

}  // namespace orderlens::app
