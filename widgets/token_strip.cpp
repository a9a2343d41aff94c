#include "token_strip.h"

#include "plot_style.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QScrollArea>
#include <QScrollBar>

namespace orderlens::widgets {

namespace {
constexpr int kPadX = 8, kPadY = 4;     // inside the card
constexpr int kChipPadX = 6, kChipPadY = 1;
constexpr int kLineGap = 1;
}  // namespace

TokenCard::TokenCard(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void TokenCard::setToken(const QString& text, int position, int role, bool unknown, bool reserveChip)
{
    if (text == text_ && position == position_ && role == role_ && unknown == unknown_ && reserveChip == reserveChip_)
        return;
    const QSize before = sizeHint();
    geometry_.reset();
    picture_ = QPixmap();
    text_ = text;
    position_ = position;
    role_ = role;
    unknown_ = unknown;
    reserveChip_ = reserveChip;
    setToolTip(unknown ? tr("Not in the model's vocabulary: it reads as [UNK]") : QString());
    if (sizeHint() != before)
        updateGeometry();
    QWidget::update();
}

QString TokenCard::positionText() const { return tr("pos %1").arg(position_); }

QString TokenCard::roleText() const { return roleLabel(role_); }

QString TokenCard::chipText() const { return role_ >= 0 ? roleText() : next_; }

void TokenCard::setNextTokens(const QStringList& texts, const std::vector<double>& probabilities)
{
    QString chip, tip;
    if (!texts.isEmpty() && !probabilities.empty()) {
        chip = tr("→ %1 %2 %").arg(QString(texts.front()).replace(QLatin1Char('\n'), QStringLiteral("↵")))
                   .arg(qRound(100 * probabilities.front()));
        tip = tr("What the model expects next:");
        for (qsizetype i = 0; i < texts.size() && i < static_cast<qsizetype>(probabilities.size()); ++i)
            tip += QStringLiteral("\n%1  %2 %").arg(texts[i]).arg(100 * probabilities[static_cast<size_t>(i)], 0, 'f', 1);
    }
    if (chip == next_)
        return;
    const QSize before = sizeHint();
    next_ = chip;
    geometry_.reset();
    picture_ = QPixmap();
    setToolTip(tip);
    if (sizeHint() != before)
        updateGeometry();
    QWidget::update();
}

QFont TokenCard::tokenFont() const
{
    QFont f = font();
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 1.5);
    else
        f.setPixelSize(f.pixelSize() * 3 / 2);
    return f;
}

QFont TokenCard::smallFont() const
{
    QFont f = font();
    if (f.pointSizeF() > 0)
        f.setPointSizeF(std::max(8.0, f.pointSizeF() * 0.9));
    return f;
}

const TokenCard::Geometry& TokenCard::lines() const
{
    if (geometry_)
        return *geometry_;
    const QFontMetrics big(tokenFont()), small(smallFont());
    const QString chip = chipText();
    const int textWidth = big.horizontalAdvance(text_);
    const int positionWidth = small.horizontalAdvance(positionText());
    const int chipWidth = chip.isEmpty() ? 0 : small.horizontalAdvance(chip) + 2 * kChipPadX;
    const int inner = std::max({textWidth, positionWidth, chipWidth, big.height()});
    Geometry g;
    int y = kPadY;
    g.text = QRect(kPadX, y, inner, big.height());
    y += big.height() + kLineGap;
    g.position = QRect(kPadX, y, inner, small.height());
    y += small.height();
    if (reserveChip_ || !chip.isEmpty()) {
        y += 2 * kLineGap;
        const int chipHeight = small.height() + 2 * kChipPadY;
        if (!chip.isEmpty())
            g.chip = QRect(kPadX + (inner - chipWidth) / 2, y, chipWidth, chipHeight);
        y += chipHeight;
    }
    g.size = QSize(inner + 2 * kPadX, y + kPadY);
    geometry_ = g;
    return *geometry_;
}

QSize TokenCard::sizeHint() const { return lines().size; }
QRect TokenCard::textRect() const { return lines().text; }
QRect TokenCard::positionRect() const { return lines().position; }
QRect TokenCard::chipRect() const { return lines().chip; }

void TokenCard::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        geometry_.reset();
        updateGeometry();
    }
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        picture_ = QPixmap();
}

void TokenCard::paintEvent(QPaintEvent*)
{
    const qreal ratio = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * ratio).toSize();
    const qint64 key = palette().cacheKey() * 4 + palette().currentColorGroup();
    if (picture_.size() != pixels || picture_.devicePixelRatio() != ratio || pictureKey_ != key) {
        picture_ = QPixmap(pixels);
        picture_.setDevicePixelRatio(ratio);
        picture_.fill(Qt::transparent);
        QPainter onPicture(&picture_);
        paintCard(onPicture);
        pictureKey_ = key;
    }
    QPainter painter(this);
    painter.drawPixmap(0, 0, picture_);
}

void TokenCard::paintCard(QPainter& painter) const
{
    const Geometry& g = lines();
    const PlotColours colours = plotColours(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF frame = QRectF(rect()).adjusted(1, 1, -1, -1);
    painter.setBrush(colours.background);
    if (unknown_)
        painter.setPen(QPen(QColor(213, 94, 0), 2, Qt::DashLine));
    else
        painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.drawRoundedRect(frame, 5, 5);

    painter.setPen(colours.text);
    painter.setFont(tokenFont());
    painter.drawText(g.text, Qt::AlignCenter, text_);
    painter.setFont(smallFont());
    painter.setPen(colours.subtle);
    painter.drawText(g.position, Qt::AlignCenter, positionText());
    if (!g.chip.isEmpty()) {
        // A next token: an outlined chip (a prediction, not a role).
        const bool next = role_ < 0;
        const QColor colour = next ? colours.background : roleColour(role_);
        painter.setPen(next ? QPen(colours.subtle, 1) : Qt::NoPen);
        painter.setBrush(colour);
        painter.drawRoundedRect(QRectF(g.chip), g.chip.height() / 2.0, g.chip.height() / 2.0);
        painter.setPen(next ? colours.text : readableTextOn(colour));
        painter.drawText(g.chip, Qt::AlignCenter, chipText());
    }
}

TokenStrip::TokenStrip(const QString& name, QWidget* parent) : QWidget(parent), name_(name)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* nameLabel = new QLabel(name_, this);
    QFont bold = nameLabel->font();
    bold.setBold(true);
    nameLabel->setFont(bold);
    nameLabel->setMinimumWidth(nameLabel->fontMetrics().horizontalAdvance(name_) + 8);
    outer->addWidget(nameLabel);

    scroll_ = new QScrollArea(this);
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setWidgetResizable(true);
    scroll_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    scroll_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    row_ = new QWidget(scroll_);
    row_->setAutoFillBackground(false);
    cards_ = new QHBoxLayout(row_);
    cards_->setContentsMargins(0, 0, 0, 0);
    cards_->setSpacing(6);
    messageLabel_ = new QLabel(row_);
    messageLabel_->setVisible(false);
    cards_->addWidget(messageLabel_);
    cards_->addStretch(1);
    scroll_->setWidget(row_);
    scroll_->viewport()->setAutoFillBackground(false);
    outer->addWidget(scroll_, 1);
    fitHeight();
}

void TokenStrip::setTokens(const QStringList& tokens, const std::vector<int>& roles, const std::vector<bool>& unknown)
{
    tokens_ = tokens;
    roles_ = roles;
    unknown_ = unknown;
    next_.clear();
    message_.clear();
    fillCards();
}

void TokenStrip::setNextTokens(const std::vector<std::vector<std::pair<QString, double>>>& next)
{
    next_ = next;
    fillCards();
}

void TokenStrip::clearTokens(const QString& message)
{
    tokens_.clear();
    roles_.clear();
    unknown_.clear();
    next_.clear();
    message_ = message;
    fillCards();
}

std::vector<const TokenCard*> TokenStrip::visibleCards() const
{
    std::vector<const TokenCard*> out;
    for (const TokenCard* card : pool_)
        if (!card->isHidden())
            out.push_back(card);
    return out;
}

void TokenStrip::fillCards()
{
    const int shown = message_.isEmpty() ? static_cast<int>(tokens_.size()) : 0;
    // Cards are made once and kept; they go in before the stretch at the end of the row.
    while (static_cast<int>(pool_.size()) < shown) {
        auto* card = new TokenCard(row_);
        card->setVisible(false);
        cards_->insertWidget(static_cast<int>(pool_.size()), card);
        pool_.push_back(card);
    }
    bool anyRole = false;
    for (int role : roles_)
        anyRole = anyRole || role >= 0;
    for (int i = 0; i < static_cast<int>(pool_.size()); ++i) {
        TokenCard* card = pool_[static_cast<size_t>(i)];
        if (i < shown) {
            const auto at = static_cast<size_t>(i);
            card->setToken(tokens_[i], i, at < roles_.size() ? roles_[at] : -1, at < unknown_.size() && unknown_[at],
                           anyRole || !next_.empty());
            QStringList texts;
            std::vector<double> probabilities;
            if (at < next_.size())
                for (const auto& [text, probability] : next_[at]) {
                    texts << text;
                    probabilities.push_back(probability);
                }
            card->setNextTokens(texts, probabilities);
        }
        // Explicit: a card must count in the layout now, not after a queued show.
        if (card->isHidden() == (i < shown))
            card->setVisible(i < shown);
    }
    const PlotColours colours = plotColours(this);
    const QString style = QStringLiteral("color: %1;").arg(colours.subtle.name());
    if (messageLabel_->styleSheet() != style)  // a style sheet is re-applied even when equal
        messageLabel_->setStyleSheet(style);
    messageLabel_->setText(message_);
    messageLabel_->setVisible(!message_.isEmpty());
    fitHeight();
}

void TokenStrip::fitHeight()
{
    // The row's own height (cards or message), plus the scroll bar when the row is wider than
    // the strip. Cards never shrink below their text.
    int height = row_->minimumSizeHint().height();
    if (height <= 0) {
        TokenCard probe;
        probe.setFont(font());
        probe.setToken(QStringLiteral("猫"), 0, -1, false, false);
        height = probe.sizeHint().height();
    }
    if (row_->minimumSizeHint().width() > scroll_->viewport()->width() && scroll_->viewport()->width() > 0)
        height += scroll_->horizontalScrollBar()->sizeHint().height();
    if (scroll_->height() != height || scroll_->minimumHeight() != height)
        scroll_->setFixedHeight(height);
}

void TokenStrip::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitHeight();
}

}  // namespace orderlens::widgets
