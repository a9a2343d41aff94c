#include "picture_file.h"

#include "errors.h"
#include "file_io.h"
#include "message_text.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace orderlens::widgets {

namespace {

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

// A vector painter: QCustomPlot draws lines and text as vectors (no pixel caches).
void paintVector(QPaintDevice* device, QSize logical, const PaintPicture& paint)
{
    QCPPainter painter(device);
    painter.setMode(QCPPainter::pmVectorized);
    paint(&painter, logical, false);
    painter.end();
}

}  // namespace

bool checkPictureTarget(const QString& path, QString* error)
{
    try {
        checkWritableFile(QFile::encodeName(path).toStdString());
    } catch (const orderlens::Error& e) {
        return fail(error, userMessage(e));
    }
    return true;
}

QSize logicalSize(const PictureOptions& o)
{
    const double scale = o.scale > 0 ? o.scale : 1.0;
    return QSize(qRound(o.size.width() / scale), qRound(o.size.height() / scale));
}

bool checkPictureOptions(const PictureOptions& o, QString* error)
{
    if (o.size.width() < 64 || o.size.height() < 64 || o.size.width() > 16384 || o.size.height() > 16384)
        return fail(error, QCoreApplication::translate("Export", "The picture size must be between 64 and 16384 pixels on each side (got %1×%2).")
                               .arg(o.size.width())
                               .arg(o.size.height()));
    if (!(o.scale >= 0.25 && o.scale <= 8))
        return fail(error, QCoreApplication::translate("Export", "The scale must be between 0.25 and 8 (got %1).").arg(o.scale));
    return true;
}

QImage paintImage(const PictureOptions& options, const QColor& background, const PaintPicture& paint)
{
    const double scale = options.scale > 0 ? options.scale : 1.0;
    QImage image(options.size, QImage::Format_ARGB32_Premultiplied);
    image.fill(options.transparent ? QColor(Qt::transparent) : background);
    {
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.scale(scale, scale);
        paint(&painter, logicalSize(options), options.transparent);
    }
    return image;
}

bool writePicture(const QString& path, const PictureOptions& options, const QColor& background,
                  const PaintPicture& paint, QString* error)
{
    if (!checkPictureOptions(options, error) || !checkPictureTarget(path, error))
        return false;
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize logical = logicalSize(options);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (suffix == QLatin1String("png") || suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg")) {
        const bool png = suffix == QLatin1String("png");
        PictureOptions o = options;
        o.transparent = options.transparent && png;
        QImageWriter writer(&buffer, png ? "png" : "jpeg");
        if (!writer.write(paintImage(o, background, paint)))
            return fail(error, QCoreApplication::translate("Export", "Could not encode the picture: %1").arg(writer.errorString()));
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(logical);
        generator.setViewBox(QRect(QPoint(0, 0), logical));
        generator.setTitle(options.title);
        generator.setDescription(options.description);
        paintVector(&generator, logical, paint);
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(&buffer);
        writer.setResolution(72);
        writer.setPageSize(QPageSize(QSizeF(logical), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(options.title);
        writer.setCreator(QStringLiteral("OrderLens"));
        paintVector(&writer, logical, paint);
    } else {
        return fail(error, QCoreApplication::translate("Export", "Unknown picture format '.%1': use .png, .jpg, .svg or .pdf").arg(suffix));
    }
    try {
        writeFileAtomically(QFile::encodeName(path).toStdString(), reinterpret_cast<const uint8_t*>(bytes.constData()),
                            size_t(bytes.size()));
    } catch (const orderlens::Error& e) {
        return fail(error, userMessage(e));
    }
    return true;
}

}  // namespace orderlens::widgets
