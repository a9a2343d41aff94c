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
    while (QLayoutItem* item = cards_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const PlotColours colours = plotColours(this);
    if (!message_.isEmpty()) {
        auto* label = new QLabel(message_, this);
        label->setStyleSheet(QStringLiteral("color: %1;").arg(colours.subtle.name()));
        cards_->addWidget(label);
        return;
    }
    QFont tokenFont = font();
    tokenFont.setPointSizeF(font().pointSizeF() * 1.5);
    QFont smallFont = font();
    smallFont.setPointSizeF(std::max(7.0, font().pointSizeF() * 0.85));
    for (int i = 0; i < tokens_.size(); ++i) {
        auto* card = new QFrame(this);
        card->setFrameShape(QFrame::StyledPanel);
        const bool isUnknown = i < static_cast<int>(unknown_.size()) && unknown_[static_cast<size_t>(i)];
        if (isUnknown) {
            card->setStyleSheet(QStringLiteral("QFrame { border: 2px dashed #d55e00; border-radius: 4px; }"));
            card->setToolTip(tr("Not in the model's vocabulary: it reads as [UNK]"));
        }
        auto* column = new QVBoxLayout(card);
        column->setContentsMargins(6, 2, 6, 2);
        column->setSpacing(1);
        auto* text = new QLabel(tokens_[i], card);
        text->setFont(tokenFont);
        text->setAlignment(Qt::AlignCenter);
        text->setStyleSheet(QStringLiteral("border: none;"));
        column->addWidget(text);
        auto* index = new QLabel(tr("pos %1").arg(i), card);
        index->setFont(smallFont);
        index->setAlignment(Qt::AlignCenter);
        index->setStyleSheet(QStringLiteral("border: none; color: %1;").arg(colours.subtle.name()));
        column->addWidget(index);
        if (i < static_cast<int>(roles_.size()) && roles_[static_cast<size_t>(i)] >= 0) {
            const int role = roles_[static_cast<size_t>(i)];
            const QColor colour = roleColour(role);
            auto* chip = new QLabel(roleLabel(role), card);
            chip->setFont(smallFont);
            chip->setAlignment(Qt::AlignCenter);
            chip->setStyleSheet(QStringLiteral("border: none; border-radius: 6px; padding: 1px 6px;"
                                               "background: %1; color: %2;")
                                    .arg(colour.name(), readableTextOn(colour).name()));
            column->addWidget(chip);
        }
        cards_->addWidget(card);
    }
}

}  // namespace orderlens::widgets
