#include "exporter.h"

#include "main_window.h"
#include "session_model.h"
#include "plot_style.h"
#include "view.h"
#include "views.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPainter>

namespace orderlens::app {

namespace {

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
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
        v->draw();
    QCoreApplication::processEvents();
}

widgets::PaintPicture viewPainter(widgets::View& view)
{
    return [&view](QCPPainter* painter, QSize logical, bool transparent) {
        view.paintPicture(painter, logical, transparent);
    };
}

// The window painted into logical coordinates at its current layout.
widgets::PaintPicture windowPainter(MainWindow& window)
{
    return [&window](QCPPainter* painter, QSize, bool transparent) {
        window.render(painter, QPoint(), QRegion(),
                      transparent ? QWidget::DrawChildren : QWidget::DrawWindowBackground | QWidget::DrawChildren);
    };
}

ExportOptions described(const widgets::View& view, ExportOptions options)
{
    options.title = view.title();
    options.description = view.caption();
    return options;
}

}  // namespace

QStringList exportViewNames() { return widgets::viewKeys() + QStringList{QStringLiteral("window")}; }

QString pictureCaption(const SessionState& state, const QString& modelSpec, bool bf16Products)
{
    QString caption = state.compare ? QCoreApplication::translate("orderlens::app::MainWindow", "A: %1  ·  B: %2")
                                          .arg(state.sentenceA, state.sentenceB)
                                    : QCoreApplication::translate("orderlens::app::MainWindow", "A: %1").arg(state.sentenceA);
    caption += QCoreApplication::translate("orderlens::app::MainWindow", "  ·  model %1").arg(modelSpec);
    if (bf16Products)
        caption += QCoreApplication::translate("orderlens::app::MainWindow", "  ·  BF16 products (inexact)");
    const HeadSurgery& surgery = state.selection.surgery;
    if (!surgery.empty()) {
        // Counted from 1, as the pictures name layers and heads.
        QStringList heads;
        for (const HeadId& h : surgery.heads)
            heads << QCoreApplication::translate("orderlens::app::MainWindow", "layer %1 head %2")
                         .arg(h.layer + 1)
                         .arg(h.head + 1);
        caption += QCoreApplication::translate("orderlens::app::MainWindow", "  ·  heads off (%1): %2")
                       .arg(surgeryMethodName(surgery.method), heads.join(QStringLiteral(", ")));
    }
    return caption;
}

QString surgeryMethodName(AblationMethod method)
{
    switch (method) {
    case AblationMethod::Zero: return QCoreApplication::translate("orderlens::app::MainWindow", "output zeroed");
    case AblationMethod::Mean: return QCoreApplication::translate("orderlens::app::MainWindow", "mean output");
    case AblationMethod::Uniform: return QCoreApplication::translate("orderlens::app::MainWindow", "uniform attention");
    }
    return {};
}

bool writeViewPicture(widgets::View& view, const QString& path, const ExportOptions& options, QString* error)
{
    view.draw();
    return widgets::writePicture(path, described(view, options), widgets::plotColours(&view).background,
                                 viewPainter(view), error);
}

QImage viewImage(widgets::View& view, const ExportOptions& options)
{
    view.draw();
    return widgets::paintImage(options, widgets::plotColours(&view).background, viewPainter(view));
}

bool exportView(MainWindow& window, const QString& viewKey, const QString& path, const ExportOptions& options,
                QString* error)
{
    if (!widgets::checkPictureOptions(options, error))
        return false;
    if (viewKey == QLatin1String("window"))
        return exportWindow(window, path, options, error);
    widgets::View* view = window.view(viewKey);
    if (!view)
        return fail(error, QCoreApplication::translate("Export", "Unknown view '%1' (expected one of %2)")
                               .arg(viewKey, exportViewNames().join(", ")));
    window.showView(viewKey);
    // The Heads view's census starts when the view is shown: its picture waits for it (the
    // event loop runs meanwhile, with the view's progress bar).
    if (viewKey == QLatin1String("heads"))
        window.session()->waitForIdle(30 * 60 * 1000, false);
    return writeViewPicture(*view, path, options, error);
}

QImage renderWindow(MainWindow& window, const ExportOptions& options)
{
    const QSize before = window.size();
    layOut(window, widgets::logicalSize(options));
    const QImage image = widgets::paintImage(options, window.palette().color(QPalette::Window), windowPainter(window));
    if (window.isVisible() && !window.testAttribute(Qt::WA_DontShowOnScreen))
        window.resize(before);
    return image;
}

bool exportWindow(MainWindow& window, const QString& path, const ExportOptions& options, QString* error)
{
    if (!widgets::checkPictureOptions(options, error))
        return false;
    const QSize before = window.size();
    layOut(window, widgets::logicalSize(options));
    ExportOptions o = options;
    o.title = window.windowTitle();
    const bool ok = widgets::writePicture(path, o, window.palette().color(QPalette::Window), windowPainter(window), error);
    if (window.isVisible() && !window.testAttribute(Qt::WA_DontShowOnScreen))
        window.resize(before);
    return ok;
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
