#include "view.h"

#include "plot_style.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QVBoxLayout>

namespace orderlens::widgets {

View::View(QWidget* parent) : QWidget(parent)
{
    layout_ = new QVBoxLayout(this);
    layout_->setContentsMargins(4, 4, 4, 4);
    layout_->setSpacing(4);
    controls_ = new QHBoxLayout;
    controls_->setSpacing(8);
    layout_->addLayout(controls_);
    plot_ = new QCustomPlot(this);
    plot_->setMinimumSize(320, 240);
    plot_->setNoAntialiasingOnDrag(true);
    layout_->addWidget(plot_, 1);
    connect(plot_, &QCustomPlot::afterLayout, this, &View::applyAspect);
}

void View::keepAspect(QCPAxisRect* rect, const QCPRange& x, const QCPRange& y) { aspect_.push_back({rect, x, y}); }

void View::applyAspect()
{
    for (const AspectRect& a : aspect_) {
        if (!a.rect)
            continue;
        const double w = a.rect->width(), h = a.rect->height();
        if (w < 2 || h < 2)
            continue;
        const double unitsPerPixel = std::max(a.x.size() / w, a.y.size() / h);
        const double cx = a.x.center(), cy = a.y.center();
        a.rect->axis(QCPAxis::atBottom)->setRange(cx - w * unitsPerPixel / 2, cx + w * unitsPerPixel / 2);
        a.rect->axis(QCPAxis::atLeft)->setRange(cy - h * unitsPerPixel / 2, cy + h * unitsPerPixel / 2);
    }
}

void View::setData(ViewDataPtr data)
{
    data_ = std::move(data);
    redraw();
}

void View::redraw()
{
    if (isVisible()) {
        stale_ = false;
        rebuild();
        emit explanationChanged();
    } else {
        stale_ = true;
    }
}

void View::ensureDrawn()
{
    if (stale_ || plot_->plotLayout()->elementCount() == 0) {
        stale_ = false;
        rebuild();
    }
}

void View::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (stale_) {
        stale_ = false;
        rebuild();
        emit explanationChanged();
    }
}

void View::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        redraw();
}

void View::setCaption(const QString& caption)
{
    if (caption == caption_)
        return;
    caption_ = caption;
    emit captionChanged();
}

QString View::caption() const
{
    const QString own = selectionCaption();
    if (own.isEmpty())
        return caption_;
    if (caption_.isEmpty())
        return own;
    return caption_ + QStringLiteral("  ·  ") + own;
}

QFont View::resetPlot()
{
    aspect_.clear();
    plot_->clearItems();
    plot_->clearPlottables();
    plot_->clearGraphs();
    plot_->plotLayout()->clear();  // removes axis rects, colour scales and titles
    plot_->plotLayout()->simplify();
    plot_->setAutoAddPlottableToLegend(false);
    if (plot_->legend)
        plot_->legend->setVisible(false);
    QFont font = this->font();
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() + 1);
    const PlotColours colours = plotColours(this);
    plot_->setBackground(QBrush(colours.background));
    return font;
}

void View::showMessage(const QString& message)
{
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    auto* text = new QCPTextElement(plot_, message, font);
    text->setTextColor(colours.subtle);
    text->setTextFlags(Qt::AlignCenter | Qt::TextWordWrap);
    plot_->plotLayout()->addElement(0, 0, text);
    plot_->replot();
}

void View::renderPicture(QCPPainter* painter, QSize logicalSize)
{
    ensureDrawn();
    const QString text = caption();
    QFont captionFont = font();
    const QFontMetrics metrics(captionFont);
    const int captionHeight = text.isEmpty() ? 0 : metrics.height() + 10;
    const int plotHeight = std::max(1, logicalSize.height() - captionHeight);
    plot_->toPainter(painter, logicalSize.width(), plotHeight);
    if (captionHeight > 0) {
        const PlotColours colours = plotColours(this);
        painter->save();
        painter->setFont(captionFont);
        painter->setPen(colours.subtle);
        const QRect box(8, plotHeight, logicalSize.width() - 16, captionHeight);
        painter->drawText(box, Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(text, Qt::ElideMiddle, box.width()));
        painter->restore();
    }
}

QImage View::renderToImage(QSize pixelSize, double scale, bool transparent)
{
    if (pixelSize.isEmpty())
        pixelSize = plot_->size().isEmpty() ? QSize(1600, 900) : plot_->size();
    if (scale <= 0)
        scale = 1.0;
    QImage image(pixelSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(transparent ? QColor(Qt::transparent) : plotColours(this).background);
    if (transparent)
        plot_->setBackground(Qt::NoBrush);
    {
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.scale(scale, scale);
        const QSize logical(qRound(pixelSize.width() / scale), qRound(pixelSize.height() / scale));
        renderPicture(&painter, logical);
    }
    if (transparent)
        plot_->setBackground(QBrush(plotColours(this).background));
    return image;
}

bool View::saveAs(const QString& path, QSize pixelSize, double scale, QString* error, bool transparent)
{
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (pixelSize.isEmpty())
        pixelSize = plot_->size().isEmpty() ? QSize(1600, 900) : plot_->size();
    if (scale <= 0)
        scale = 1.0;
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const QSize logical(qRound(pixelSize.width() / scale), qRound(pixelSize.height() / scale));
    if (suffix == QLatin1String("png") || suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg")) {
        const QImage image = renderToImage(pixelSize, scale, transparent && suffix == QLatin1String("png"));
        QImageWriter writer(&buffer, suffix == QLatin1String("png") ? "png" : "jpeg");
        if (!writer.write(image))
            return fail(tr("Could not encode the picture: %1").arg(writer.errorString()));
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(logical);
        generator.setViewBox(QRect(QPoint(0, 0), logical));
        generator.setTitle(title());
        generator.setDescription(caption());
        QCPPainter painter(&generator);
        painter.setMode(QCPPainter::pmVectorized);
        renderPicture(&painter, logical);
        painter.end();
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(&buffer);
        writer.setResolution(72);
        writer.setPageSize(QPageSize(QSizeF(logical), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(title());
        writer.setCreator(QStringLiteral("OrderLens"));
        QCPPainter painter(&writer);
        painter.setMode(QCPPainter::pmVectorized);
        renderPicture(&painter, logical);
        painter.end();
    } else {
        return fail(tr("Unknown picture format '.%1': use .png, .jpg, .svg or .pdf").arg(suffix));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

}  // namespace orderlens::widgets
