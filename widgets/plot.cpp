#include "plot.h"

#include <cmath>

#include <QHash>
#include <QPaintDevice>
#include <QStaticText>
#include <QStyle>

namespace orderlens::widgets {

namespace {

// Fills the viewport with the plot's background, below every other layer.
class BackgroundFill : public QCPLayerable {
public:
    BackgroundFill(Plot* plot, const QString& layer) : QCPLayerable(plot, layer), plot_(plot) {}

protected:
    void applyDefaultAntialiasingHint(QCPPainter*) const override {}
    // QCPLayer clips each child to its clip rect moved up by one pixel: one row more, so the
    // viewport's bottom row is filled too (the buffer is copied, not drawn over a fill).
    QRect clipRect() const override { return mParentPlot->viewport().adjusted(0, 0, 0, 1); }
    void draw(QCPPainter* painter) override
    {
        const QBrush brush = plot_->backgroundBrush();  // read now: a transparent export clears it
        if (brush.style() != Qt::NoBrush)
            painter->fillRect(mParentPlot->viewport(), brush);
    }

private:
    Plot* plot_;
};

constexpr const char* kFillLayer = "orderlens-background";

// Text measured and laid out once: the box QFontMetrics gives (as QCustomPlot measures it) and
// the glyphs, ready to draw.
struct TextLayout {
    QRect bounds;
    QStaticText glyphs;
};

TextLayout& layoutOf(const QFont& font, const QString& text, int flags, const QPaintDevice* device = nullptr)
{
    const int dpi = device ? device->logicalDpiY() : 0;
    static QHash<QString, TextLayout> cache;  // GUI thread only
    if (cache.size() > 8192)
        cache.clear();  // sentences come and go; a bound, not an eviction policy
    const QString key = font.key() + QChar(0x1f) + QString::number(flags) + QChar(0x1f) + QString::number(dpi) +
                        QChar(0x1f) + text;
    auto it = cache.find(key);
    if (it == cache.end()) {
        TextLayout layout;
        layout.bounds = (device ? QFontMetrics(font, device) : QFontMetrics(font)).boundingRect(0, 0, 0, 0, flags, text);
        layout.glyphs.setTextFormat(Qt::PlainText);
        layout.glyphs.setText(text);
        it = cache.insert(key, layout);
    }
    return *it;
}

bool singleLine(const QString& text) { return !text.contains(QLatin1Char('\n')); }

}  // namespace

Plot::Plot(QWidget* parent) : QCustomPlot(parent)
{
    // One paint buffer: nothing we draw uses the overlay layer's separate buffer.
    layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmLogical);
    addLayer(QString::fromLatin1(kFillLayer), layer(QStringLiteral("background")), QCustomPlot::limBelow);
    new BackgroundFill(this, QString::fromLatin1(kFillLayer));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void Plot::paintEvent(QPaintEvent* event)
{
    const bool opaque = mBackgroundBrush.style() == Qt::SolidPattern && mBackgroundBrush.color().alpha() == 255;
    if (!opaque || mPaintBuffers.size() != 1 || !qFuzzyCompare(bufferDevicePixelRatio(), devicePixelRatioF()) ||
        !mBackgroundPixmap.isNull()) {
        QCustomPlot::paintEvent(event);
        return;
    }
    // The buffer already holds the background: copied, not blended over another fill.
    QCPPainter painter(this);
    if (!painter.isActive())
        return;
    painter.setCompositionMode(QPainter::CompositionMode_Source);
    mPaintBuffers.front()->draw(&painter);
}

Label::Label(QCustomPlot* plot) : QCPItemText(plot) {}

void Label::draw(QCPPainter* painter)
{
    if (painter->modes().testFlag(QCPPainter::pmVectorized) || !qFuzzyIsNull(mRotation) || !singleLine(mText)) {
        QCPItemText::draw(painter);
        return;
    }
    // QCPItemText::draw, with the measuring and shaping done once.
    const QFont font = mainFont();
    const int flags = Qt::TextDontClip | mTextAlignment;
    TextLayout& layout = layoutOf(font, mText, flags, painter->device());
    const QPointF pos(position->pixelPosition());
    QTransform transform = painter->transform();
    transform.translate(pos.x(), pos.y());
    QRect textRect = layout.bounds;
    QRect box = textRect.adjusted(-mPadding.left(), -mPadding.top(), mPadding.right(), mPadding.bottom());
    const QPointF at = getTextDrawPoint(QPointF(0, 0), box, mPositionAlignment);
    textRect.moveTopLeft(at.toPoint() + QPoint(mPadding.left(), mPadding.top()));
    box.moveTopLeft(at.toPoint());
    const double pad = mainPen().widthF();
    const QRectF reach = QRectF(box).adjusted(-pad, -pad, pad, pad);
    if (!transform.mapRect(reach).intersects(painter->transform().mapRect(QRectF(clipRect()))))
        return;
    painter->setTransform(transform);
    if ((mainBrush().style() != Qt::NoBrush && mainBrush().color().alpha() != 0) ||
        (mainPen().style() != Qt::NoPen && mainPen().color().alpha() != 0)) {
        painter->setPen(mainPen());
        painter->setBrush(mainBrush());
        painter->drawRect(box);
    }
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(mainColor()));
    painter->setFont(font);
    painter->drawStaticText(textRect.topLeft(), layout.glyphs);
}

Title::Title(QCustomPlot* plot, const QString& text, const QFont& font) : QCPTextElement(plot, text, font) {}

QFont Title::layoutFont() const
{
    // A title drawn smaller to fit its room (fitTitleFont) keeps the row it was given.
    const QVariant natural = property("orderlens.naturalFont");
    return natural.isValid() ? natural.value<QFont>() : mFont;
}

QString Title::layoutText() const
{
    const QVariant natural = property("orderlens.naturalText");
    return natural.isValid() ? natural.toString() : mText;
}

QSize Title::minimumOuterSizeHint() const
{
    if (mTextFlags & Qt::TextWordWrap)
        return QCPTextElement::minimumOuterSizeHint();
    QSize size = layoutOf(layoutFont(), layoutText(), Qt::TextDontClip).bounds.size();
    // A narrow column may take the title at 70 % of its size (fitTitleFont draws it smaller).
    size.setWidth(static_cast<int>(std::ceil(0.7 * size.width())));
    size.rwidth() += mMargins.left() + mMargins.right();
    size.rheight() += mMargins.top() + mMargins.bottom();
    return size;
}

QSize Title::maximumOuterSizeHint() const
{
    if (mTextFlags & Qt::TextWordWrap)
        return QCPTextElement::maximumOuterSizeHint();
    QSize size = layoutOf(layoutFont(), layoutText(), Qt::TextDontClip).bounds.size();
    size.setWidth(QWIDGETSIZE_MAX);
    size.rheight() += mMargins.top() + mMargins.bottom();
    return size;
}

void Title::draw(QCPPainter* painter)
{
    const QFont font = mainFont();
    if (painter->modes().testFlag(QCPPainter::pmVectorized) || (mTextFlags & Qt::TextWordWrap) || !singleLine(mText)) {
        QCPTextElement::draw(painter);
        return;
    }
    TextLayout& layout = layoutOf(font, mText, Qt::TextDontClip, painter->device());
    if (layout.bounds.width() > mRect.width() || layout.bounds.height() > mRect.height()) {
        QCPTextElement::draw(painter);  // clipped to its cell, as QCustomPlot does
        return;
    }
    const Qt::Alignment alignment(mTextFlags & (Qt::AlignHorizontal_Mask | Qt::AlignVertical_Mask));
    mTextBoundingRect = QStyle::alignedRect(Qt::LeftToRight, alignment, layout.bounds.size(), mRect);
    painter->setFont(font);
    painter->setPen(QPen(mainTextColor()));
    painter->drawStaticText(mTextBoundingRect.topLeft(), layout.glyphs);
}

}  // namespace orderlens::widgets
