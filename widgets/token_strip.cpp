#include "token_strip.h"

#include "plot_style.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace orderlens::widgets {

TokenStrip::TokenStrip(const QString& name, QWidget* parent) : QWidget(parent), name_(name)
{
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* nameLabel = new QLabel(name_, this);
    QFont bold = nameLabel->font();
    bold.setBold(true);
    nameLabel->setFont(bold);
    nameLabel->setMinimumWidth(nameLabel->fontMetrics().horizontalAdvance(name_) + 8);
    outer->addWidget(nameLabel);
    cards_ = new QHBoxLayout;
    cards_->setSpacing(6);
    outer->addLayout(cards_);
    outer->addStretch(1);
}

void TokenStrip::setTokens(const QStringList& tokens, const std::vector<int>& roles, const std::vector<bool>& unknown)
{
    tokens_ = tokens;
    roles_ = roles;
    unknown_ = unknown;
    message_.clear();
    rebuild();
}

void TokenStrip::clearTokens(const QString& message)
{
    tokens_.clear();
    roles_.clear();
    unknown_.clear();
    message_ = message;
    rebuild();
}

void TokenStrip::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild();
}

void TokenStrip::rebuild()
{
    const PlotColours colours = plotColours(this);
    if (!messageLabel_) {
        messageLabel_ = new QLabel(this);
        cards_->addWidget(messageLabel_);
    }
    messageLabel_->setVisible(!message_.isEmpty());
    messageLabel_->setText(message_);
    messageLabel_->setStyleSheet(QStringLiteral("color: %1;").arg(colours.subtle.name()));
    QFont tokenFont = font();
    tokenFont.setPointSizeF(font().pointSizeF() * 1.5);
    QFont smallFont = font();
    smallFont.setPointSizeF(std::max(7.0, font().pointSizeF() * 0.85));
    const int shown = message_.isEmpty() ? static_cast<int>(tokens_.size()) : 0;
    while (static_cast<int>(pool_.size()) < shown) {
        Card card;
        card.frame = new QFrame(this);
        card.frame->setFrameShape(QFrame::StyledPanel);
        auto* column = new QVBoxLayout(card.frame);
        column->setContentsMargins(6, 2, 6, 2);
        column->setSpacing(1);
        card.text = new QLabel(card.frame);
        card.text->setFont(tokenFont);
        card.text->setAlignment(Qt::AlignCenter);
        column->addWidget(card.text);
        card.index = new QLabel(card.frame);
        card.index->setFont(smallFont);
        card.index->setAlignment(Qt::AlignCenter);
        column->addWidget(card.index);
        card.chip = new QLabel(card.frame);
        card.chip->setFont(smallFont);
        card.chip->setAlignment(Qt::AlignCenter);
        column->addWidget(card.chip);
        cards_->addWidget(card.frame);
        pool_.push_back(card);
    }
    for (int i = 0; i < static_cast<int>(pool_.size()); ++i) {
        const Card& card = pool_[static_cast<size_t>(i)];
        card.frame->setVisible(i < shown);
        if (i >= shown)
            continue;
        const bool isUnknown = i < static_cast<int>(unknown_.size()) && unknown_[static_cast<size_t>(i)];
        card.frame->setStyleSheet(isUnknown ? QStringLiteral("QFrame { border: 2px dashed #d55e00; border-radius: 4px; }")
                                            : QString());
        card.frame->setToolTip(isUnknown ? tr("Not in the model's vocabulary: it reads as [UNK]") : QString());
        card.text->setText(tokens_[i]);
        card.text->setStyleSheet(QStringLiteral("border: none;"));
        card.index->setText(tr("pos %1").arg(i));
        card.index->setStyleSheet(QStringLiteral("border: none; color: %1;").arg(colours.subtle.name()));
        const int role = i < static_cast<int>(roles_.size()) ? roles_[static_cast<size_t>(i)] : -1;
        card.chip->setVisible(role >= 0);
        if (role >= 0) {
            const QColor colour = roleColour(role);
            card.chip->setText(roleLabel(role));
            card.chip->setStyleSheet(QStringLiteral("border: none; border-radius: 6px; padding: 1px 6px;"
                                                    "background: %1; color: %2;")
                                         .arg(colour.name(), readableTextOn(colour).name()));
        }
    }
}

}  // namespace orderlens::widgets
