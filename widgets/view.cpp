#include "view.h"

#include "plot.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QMetaMethod>
#include <QResizeEvent>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace {
// Quiet time after the last snapshot before the smooth redraw (a typist pauses longer).
constexpr int kSettleMs = 250;
// The plot's own minimum (below it the tab scrolls: an 800x600 window still lays every view out
// without overlap); grown for crowded word labels (View::growForLabels), reset on a new layout.
const QSize kMinimumPlot(640, 360);
}  // namespace

namespace orderlens::widgets {

View::View(QWidget* parent) : QWidget(parent)
{
    layout_ = new QVBoxLayout(this);
    layout_->setContentsMargins(4, 4, 4, 4);
    layout_->setSpacing(4);
    controls_ = new QHBoxLayout;
    controls_->setSpacing(8);
    layout_->addLayout(controls_);
    plot_ = new Plot(this);
    plot_->setMinimumSize(kMinimumPlot);
    plot_->setNoAntialiasingOnDrag(true);
    layout_->addWidget(plot_, 1);
    connect(plot_, &QCustomPlot::afterLayout, this, &View::applyAspect);
    plot_->installEventFilter(this);
    smoothen_ = new QTimer(this);
    smoothen_->setSingleShot(true);
    smoothen_->setInterval(kSettleMs);
    connect(smoothen_, &QTimer::timeout, this, &View::smoothen);
}

void View::smoothen()
{
    smoothen_->stop();
    if (!fastFrame_)
        return;
    fastFrame_ = false;
    plot_->setNotAntialiasedElements(QCP::aeNone);
    plot_->replot();
}

bool View::eventFilter(QObject* watched, QEvent* event)
{
    // Before QCustomPlot lays itself out for the new size. A stale picture (made for an older
    // snapshot or selection) is not arranged: it is made anew before it is shown.
    if (watched == plot_ && event->type() == QEvent::Resize && built_ && !stale_)
        arrange(static_cast<QResizeEvent*>(event)->size());
    if (watched == plot_ && (event->type() == QEvent::Resize || event->type() == QEvent::Move) && outOfDate_)
        outOfDate_->setGeometry(plot_->geometry());
    return QWidget::eventFilter(watched, event);
}

void View::keepAspect(QCPAxisRect* rect, const QCPRange& x, const QCPRange& y, AspectFit fit)
{
    for (AspectRect& a : aspect_)
        if (a.rect == rect) {
            a.x = x;
            a.y = y;
            a.fit = fit;
            return;
        }
    aspect_.push_back({rect, x, y, fit});
}

void View::applyAspectRects()
{
    for (AspectRect& a : aspect_) {
        if (!a.rect)
            continue;
        double w = a.rect->width(), h = a.rect->height();
        if (w < 2 || h < 2)
            continue;
        const double unitsPerPixel = std::max(a.x.size() / w, a.y.size() / h);
        a.widthBound = a.x.size() / w >= a.y.size() / h;
        if (a.fit != AspectFit::ExpandRange) {
            // The layout gave the rect its cell; keep only what the ranges need.
            const int spareW = std::max(0, static_cast<int>(std::floor(w - a.x.size() / unitsPerPixel)));
            const int spareH = std::max(0, static_cast<int>(std::floor(h - a.y.size() / unitsPerPixel)));
            const int above = a.fit == AspectFit::ShrinkRectCentred ? spareH / 2 : 0;
            if (spareW > 0 || spareH > 0) {
                a.rect->setOuterRect(
                    a.rect->outerRect().adjusted(spareW / 2, above, -(spareW - spareW / 2), -(spareH - above)));
                a.rect->insetLayout()->setOuterRect(a.rect->rect());
                a.rect->insetLayout()->update(QCPLayoutElement::upLayout);
                w = a.rect->width();
                h = a.rect->height();
            }
        }
        const double cx = a.x.center(), cy = a.y.center();
        a.rect->axis(QCPAxis::atBottom)->setRange(cx - w * unitsPerPixel / 2, cx + w * unitsPerPixel / 2);
        a.rect->axis(QCPAxis::atLeft)->setRange(cy - h * unitsPerPixel / 2, cy + h * unitsPerPixel / 2);
    }
}

bool View::fitTexts()
{
    bool changed = false;
    for (QCPLayoutElement* element : plot_->plotLayout()->elements(true)) {
        if (auto* title = qobject_cast<QCPTextElement*>(element))
            changed = fitTitleFont(title) || changed;
        else if (auto* bar = qobject_cast<QCPColorScale*>(element); bar && bar->visible())
            changed = fitTickLabels(bar->axis()) || changed;
    }
    for (QCPAxisRect* rect : plot_->axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            changed = fitTickLabels(axis) || changed;
            changed = fitAxisTitle(axis) || changed;
        }
        bool legends = false;
        for (QCPLayoutElement* element : rect->insetLayout()->elements(false))
            if (auto* legend = qobject_cast<QCPLegend*>(element))
                legends = fitLegend(legend, rect->rect()) || legends;
        if (legends)
            rect->insetLayout()->update(QCPLayoutElement::upLayout);
        changed = changed || legends;
    }
    return changed;
}

void View::applyAspect()
{
    applyAspectRects();
    afterLayout();
    // Titles, tick labels, axis titles and legends fitted to the room the layout gave them. What
    // changed there changes the margins the layout needs: laid out once more with them, so the
    // picture drawn now has margins that hold its labels.
    if (fitTexts() && !refitting_) {
        refitting_ = true;
        QCPLayoutGrid* layout = plot_->plotLayout();
        layout->update(QCPLayoutElement::upMargins);
        layout->update(QCPLayoutElement::upLayout);
        applyAspectRects();
        afterLayout();
        fitTexts();
        refitting_ = false;
    }
    if (!pictureLayout_ && !growPending_ && isVisible() && labelCrowding() > 1.01) {
        growPending_ = true;  // not now: resizing the plot inside its own layout pass
        QTimer::singleShot(0, this, &View::growForLabels);
    }
}

double View::labelCrowding() const
{
    double crowding = 1;
    for (QCPLayoutElement* element : plot_->plotLayout()->elements(true))
        if (auto* bar = qobject_cast<QCPColorScale*>(element); bar && bar->visible())
            crowding = std::max(crowding, widgets::labelCrowding(bar->axis()));
    for (QCPAxisRect* rect : plot_->axisRects())
        for (QCPAxis* axis : rect->axes())
            crowding = std::max(crowding, widgets::labelCrowding(axis));
    return crowding;
}

void View::growForLabels()
{
    growPending_ = false;
    if (pictureLayout_)
        return;
    // Across (width) for crowded labels along a horizontal axis, down (height) for a vertical
    // one; for a map of square cells, the side that bounds its scale (the other has room to
    // spare, and the map grows once this one does; next time the other may bound). At most 1.6 times
    // a step: the margins stay, so the maps grow by more than the plot; what is still crowded
    // grows again after the next layout, and a step overshoots what the labels need by little.
    double across = 1, down = 1;
    for (QCPAxisRect* rect : plot_->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            const double crowding = widgets::labelCrowding(axis);
            if (crowding <= 1.01)
                continue;
            const auto square = std::find_if(aspect_.begin(), aspect_.end(),
                                             [&](const AspectRect& a) { return a.rect == rect; });
            const bool wide = square != aspect_.end() ? square->widthBound : axis->orientation() == Qt::Horizontal;
            (wide ? across : down) = std::max(wide ? across : down, crowding);
        }
    if (across <= 1 && down <= 1)
        return;
    auto grownSide = [](int side, double f) {
        return f <= 1 ? side : std::min(kMaxGrownSide, static_cast<int>(std::ceil(side * std::min(f * 1.05, 1.6))));
    };
    const QSize minimum =
        plot_->minimumSize().expandedTo(QSize(grownSide(plot_->width(), across), grownSide(plot_->height(), down)));
    if (minimum != plot_->minimumSize())
        plot_->setMinimumSize(minimum);
}

void View::setOutOfDate(const QString& reason)
{
    if (reason.isEmpty()) {
        if (outOfDate_)
            outOfDate_->hide();
        return;
    }
    if (!outOfDate_) {
        outOfDate_ = new QLabel(this);
        outOfDate_->setObjectName(QStringLiteral("outOfDate"));
        outOfDate_->setAlignment(Qt::AlignCenter);
        outOfDate_->setWordWrap(true);
        outOfDate_->setMargin(24);
    }
    // The window's own colours, most of the picture's contrast taken away.
    const QPalette p = palette();
    QColor veil = p.color(QPalette::Window);
    veil.setAlpha(215);
    outOfDate_->setStyleSheet(QStringLiteral("QLabel#outOfDate { background: rgba(%1, %2, %3, %4); color: %5; }")
                                  .arg(veil.red())
                                  .arg(veil.green())
                                  .arg(veil.blue())
                                  .arg(veil.alpha())
                                  .arg(p.color(QPalette::WindowText).name()));
    QFont f = titleFont();
    outOfDate_->setFont(f);
    outOfDate_->setText(reason);
    outOfDate_->setGeometry(plot_->geometry());
    outOfDate_->show();
    outOfDate_->raise();
}

QString View::outOfDateReason() const { return outOfDate_ && !outOfDate_->isHidden() ? outOfDate_->text() : QString(); }

void View::setData(SnapshotPtr data)
{
    setOutOfDate(QString());
    data_ = std::move(data);
    drawWhenVisible(true);
}

void View::setSelection(const Selection& selection)
{
    Selection old = selection_;
    selection_ = selection;
    old.view = selection.view;
    if (old == selection)
        return;  // only the view in front changed: nothing this view draws
    drawWhenVisible(false);
}

void View::requestSelection(const Selection& selection)
{
    if (isSignalConnected(QMetaMethod::fromSignal(&View::selectionRequested)))
        emit selectionRequested(selection);
    else
        setSelection(selection);
}

void View::invalidate()
{
    built_ = false;
    drawWhenVisible(false);
}

void View::drawWhenVisible(bool fastFrame)
{
    if (!isVisible()) {
        stale_ = true;
        return;
    }
    if (fastFrame) {
        fastFrame_ = true;
        plot_->setNotAntialiasedElements(QCP::aeAll);
    }
    draw();
    if (fastFrame)
        smoothen_->start();
}

void View::draw()
{
    stale_ = false;
    showSelection();
    const QString key = layoutKey();
    if (built_ && key == builtKey_) {
        refresh();
        ++refreshes_;
    } else {
        // A new layout (other sentences, another selection of panels): its labels decide anew
        // how large the plot must be.
        if (plot_->minimumSize() != kMinimumPlot)
            plot_->setMinimumSize(kMinimumPlot);
        build();
        built_ = true;
        builtKey_ = key;
        ++rebuilds_;
    }
    emit explanationChanged();
}

void View::drawFromScratch()
{
    built_ = false;
    draw();
}

void View::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (stale_ || !built_)
        draw();
}

void View::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        invalidate();
}

QFont View::plotFont() const
{
    QFont f = font();
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() + 2);
    else if (f.pixelSize() > 0)
        f.setPixelSize(f.pixelSize() + 3);
    return f;
}

QFont View::titleFont() const
{
    QFont f = font();
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() + 4);
    else if (f.pixelSize() > 0)
        f.setPixelSize(f.pixelSize() + 6);
    f.setBold(true);
    return f;
}

void View::layOutPlot(QSize plotSize)
{
    arrange(plotSize);
    plot_->setViewport(QRect(QPoint(0, 0), plotSize));
    QCPLayoutGrid* layout = plot_->plotLayout();
    layout->update(QCPLayoutElement::upPreparation);
    layout->update(QCPLayoutElement::upMargins);
    layout->update(QCPLayoutElement::upLayout);
    emit plot_->afterLayout();  // as a replot does: applyAspect() and the views' own fitting
}

double View::enlargementFor(QSize plotSize)
{
    const double crowding = labelCrowding();
    if (crowding <= 1.01)
        return 1;
    // As large as the labels need, at most kMaxExportEnlargement (beyond it the text would be
    // too small to read: every n-th word is drawn instead), and never past the largest picture.
    const double largest = 16384.0 / std::max(1, std::max(plotSize.width(), plotSize.height()));
    return std::max(1.0, std::min({crowding * 1.05, kMaxExportEnlargement, largest}));
}

void View::layoutAt(QSize plotSize, bool asExport)
{
    if (stale_ || !built_)
        draw();
    pictureLayout_ = true;
    layOutPlot(plotSize);
    if (asExport) {
        if (const double f = enlargementFor(plotSize); f > 1)
            layOutPlot(QSize(qRound(plotSize.width() * f), qRound(plotSize.height() * f)));
    }
    pictureLayout_ = false;
}

std::vector<View::TextBox> View::textBoxes() const
{
    std::vector<TextBox> boxes;
    const QRectF viewport = plot_->viewport();
    for (QCPLayoutElement* element : plot_->plotLayout()->elements(true)) {
        auto* text = qobject_cast<QCPTextElement*>(element);
        if (!text || !text->visible() || text->text().isEmpty())
            continue;
        const QFontMetricsF metrics(text->font());
        const QRectF room = text->rect();
        QRectF rect = metrics.boundingRect(QRectF(0, 0, 100000, 100000), text->textFlags() & ~Qt::TextWordWrap,
                                           text->text());
        rect.moveCenter(room.center());
        if (text->textFlags() & Qt::TextWordWrap)  // wraps into its room: only taller text is clipped
            rect = metrics.boundingRect(room, text->textFlags(), text->text());
        boxes.push_back({text->text(), rect, room});
    }
    for (int i = 0; i < plot_->itemCount(); ++i) {
        auto* item = qobject_cast<QCPItemText*>(plot_->item(i));
        if (!item || !item->visible() || item->text().isEmpty())
            continue;
        const QFontMetricsF metrics(item->font());
        QRectF rect = metrics.boundingRect(QRectF(0, 0, 0, 0), Qt::TextDontClip | item->textAlignment(), item->text());
        rect.adjust(-item->padding().left(), -item->padding().top(), item->padding().right(), item->padding().bottom());
        const QPointF at = item->position->pixelPosition();
        const Qt::Alignment a = item->positionAlignment();
        const double x = a & Qt::AlignRight ? at.x() - rect.width() : a & Qt::AlignHCenter ? at.x() - rect.width() / 2 : at.x();
        const double y = a & Qt::AlignBottom ? at.y() - rect.height() : a & Qt::AlignVCenter ? at.y() - rect.height() / 2 : at.y();
        rect.moveTopLeft(QPointF(x, y));
        QRectF room = viewport;
        if (item->clipToAxisRect() && item->clipAxisRect())
            room = item->clipAxisRect()->rect();
        if (!rect.intersects(room))
            continue;  // clipped away entirely on purpose (e.g. outside the visible range)
        boxes.push_back({item->text(), rect, room});
    }
    return boxes;
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
    const PlotColours colours = plotColours(this);
    plot_->setBackground(QBrush(colours.background));
    return plotFont();
}

void View::showMessage(const QString& message)
{
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    auto* text = new Title(plot_, message, font);
    text->setTextColor(colours.subtle);
    text->setTextFlags(Qt::AlignCenter | Qt::TextWordWrap);
    text->setMaximumSize(100000, 100000);  // the whole picture (not one line), so the message sits in its middle
    plot_->plotLayout()->addElement(0, 0, text);
    plot_->replot();
}

void View::paintPicture(QCPPainter* painter, QSize logicalSize, bool transparent)
{
    smoothen();  // smooth, and before the backgrounds change for a transparent picture
    if (stale_ || !built_)
        draw();
    // Transparent: neither the plot nor its axis rects paint a background (the gaps between
    // maps, and the rects around them, would show as boxes on a slide of another colour).
    std::vector<std::pair<QPointer<QCPAxisRect>, QBrush>> rectBackgrounds;
    if (transparent) {
        plot_->setBackground(Qt::NoBrush);
        for (QCPAxisRect* rect : plot_->axisRects()) {
            rectBackgrounds.emplace_back(rect, rect->backgroundBrush());
            rect->setBackground(Qt::NoBrush);
        }
    }
    const QString text = caption();
    QFont captionFont = font();
    const QFontMetrics metrics(captionFont);
    const int captionHeight = text.isEmpty() ? 0 : metrics.height() + 10;
    const int plotHeight = std::max(1, logicalSize.height() - captionHeight);
    const QSize plotSize(logicalSize.width(), plotHeight);
    pictureLayout_ = true;
    layOutPlot(plotSize);
    const double f = enlargementFor(plotSize);
    if (f > 1) {  // crowded word labels: laid out larger, painted scaled down to the picture
        painter->save();
        painter->scale(1 / f, 1 / f);
        const QSize larger(qRound(plotSize.width() * f), qRound(plotSize.height() * f));
        arrange(larger);
        plot_->toPainter(painter, larger.width(), larger.height());
        painter->restore();
    } else {
        arrange(plotSize);
        plot_->toPainter(painter, plotSize.width(), plotSize.height());
    }
    pictureLayout_ = false;
    arrange(plot_->size());
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
    if (transparent) {
        plot_->setBackground(QBrush(plotColours(this).background));
        for (const auto& [rect, brush] : rectBackgrounds)
            if (rect)
                rect->setBackground(brush);
    }
}

QStringList tokenTexts(const std::vector<std::string>& tokens)
{
    QStringList out;
    out.reserve(static_cast<qsizetype>(tokens.size()));
    for (const std::string& t : tokens)
        out << QString::fromStdString(t);
    return out;
}

namespace {
// A letter or digit of a script written with spaces between words (Latin, Cyrillic, …): not
// Han, kana or Hangul, which are written without them.
bool spacedWordCharacter(char32_t c)
{
    if (!QChar::isLetterOrNumber(c))
        return false;
    const QChar::Script script = QChar::script(c);
    return script != QChar::Script_Han && script != QChar::Script_Hiragana && script != QChar::Script_Katakana &&
           script != QChar::Script_Hangul && script != QChar::Script_Thai;
}
}  // namespace

QString joinedTokens(const std::vector<std::string>& tokens)
{
    QString out;
    // Byte-level BPE and SentencePiece pieces carry their own spaces (" cat", " ch" + "ases"):
    // the sentence is their concatenation.
    if (std::any_of(tokens.begin(), tokens.end(), [](const std::string& t) { return !t.empty() && t.front() == ' '; })) {
        for (const std::string& t : tokens)
            out += QString::fromStdString(t);
        return out.trimmed();
    }
    for (const std::string& t : tokens) {
        QString piece = QString::fromStdString(t);
        const bool continuation = piece.startsWith(QLatin1String("##")) && piece.size() > 2;  // a WordPiece suffix
        if (continuation)
            piece.remove(0, 2);
        if (!continuation && !out.isEmpty() && !piece.isEmpty()) {
            const QList<uint> before = out.right(2).toUcs4(), after = piece.left(2).toUcs4();
            if (!before.isEmpty() && !after.isEmpty() && spacedWordCharacter(after.front())) {
                const char32_t last = before.back();
                // After a word, or after the punctuation that ends one ("cat." but not "3.5").
                const bool endsWord = spacedWordCharacter(last) || (last != 0 && last < 128 && std::strchr(",;:!?)", int(last))) ||
                                      (last == '.' && before.size() == 2 && spacedWordCharacter(before.front()) &&
                                       !QChar::isDigit(before.front()));
                if (endsWord)
                    out += QLatin1Char(' ');
            }
        }
        out += piece;
    }
    return out;
}

QString noPositionVectorNote(PositionScheme scheme)
{
    switch (scheme) {
    case PositionScheme::Rope:
        return View::tr("RoPE adds no position vector: it rotates queries and keys inside attention.");
    case PositionScheme::Alibi:
        return View::tr("ALiBi adds no position vector: it lowers attention scores with distance.");
    case PositionScheme::None:
        return View::tr("No position information at all: the model sees a bag of words.");
    default:
        return View::tr("This model adds no position vector.");
    }
}

QString modelReading(const SentenceSnapshot& sentence)
{
    std::vector<std::string> read;
    for (const Token& token : sentence.trace->tokens)
        read.push_back(token.unknown ? std::string("[UNK]") : token.text);
    return joinedTokens(read);
}

}  // namespace orderlens::widgets
