#pragma once
// One sentence as a row of token cards: the token, its position index and, for models with
// a role head, the predicted role as a coloured chip (施事 / 动作 / 受事 / 其他).
//
// Cards are painted widgets whose size hint comes from their own text, kept in a pool and
// updated in place on every keystroke (no widgets created or deleted while typing), inside a
// horizontal scroll area so a long sentence scrolls instead of squeezing the cards.
#include <QPixmap>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QHBoxLayout;
class QLabel;
class QPainter;
class QScrollArea;

namespace orderlens::widgets {

// One token: text, "pos N" and an optional role chip. Never narrower or lower than its text.
class TokenCard : public QWidget {
    Q_OBJECT
public:
    explicit TokenCard(QWidget* parent = nullptr);

    // role: orderlens::Role or -1 (no chip); reserveChip keeps the chip's height even without
    // a role, so every card of a strip has the same height.
    void setToken(const QString& text, int position, int role, bool unknown, bool reserveChip);
    // A decoder's most likely next tokens after this one ("→ the 31 %" in the chip, all of them
    // in the tooltip); empty: none. Shown where there is no role.
    void setNextTokens(const QStringList& texts, const std::vector<double>& probabilities);
    QString text() const { return text_; }
    QString positionText() const;
    QString roleText() const;
    QString chipText() const;  // the role, else the most likely next token, else empty

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }
    // Where each line is painted, in card coordinates (tests check they fit the card).
    QRect textRect() const;
    QRect positionRect() const;
    QRect chipRect() const;  // empty without a role

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QFont tokenFont() const;
    QFont smallFont() const;
    struct Geometry {
        QRect text, position, chip;
        QSize size;
    };
    // Measured once per token and font (layouts ask for the size hint many times a keystroke).
    const Geometry& lines() const;
    mutable std::optional<Geometry> geometry_;
    // The painted card, kept while its text, size, colours and pixel ratio stay: a strip is
    // repainted whenever a card moves, and drawing the text anew is the dear part.
    void paintCard(QPainter& painter) const;
    QPixmap picture_;
    qint64 pictureKey_ = 0;  // the palette (cache key and colour group) the picture was drawn with

    QString text_;
    int position_ = 0;
    int role_ = -1;
    bool unknown_ = false;
    bool reserveChip_ = false;
    QString next_;  // "→ the 31 %", or empty
};

class TokenStrip : public QWidget {
    Q_OBJECT
public:
    explicit TokenStrip(const QString& name, QWidget* parent = nullptr);

    // roles: (T) orderlens::Role or -1; empty when the model has no role head.
    // unknown: (T) true where the token is outside the vocabulary.
    void setTokens(const QStringList& tokens, const std::vector<int>& roles, const std::vector<bool>& unknown);
    // A decoder's next tokens per card, (T) lists of (text, probability), most likely first;
    // after setTokens(); empty: none.
    void setNextTokens(const std::vector<std::vector<std::pair<QString, double>>>& next);
    void clearTokens(const QString& message);

    QStringList tokens() const { return tokens_; }
    std::vector<int> roles() const { return roles_; }
    // The cards now showing, in order (tests check their geometry).
    std::vector<const TokenCard*> visibleCards() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void fillCards();
    void fitHeight();

    QString name_;
    QStringList tokens_;
    std::vector<int> roles_;
    std::vector<bool> unknown_;
    std::vector<std::vector<std::pair<QString, double>>> next_;
    QString message_;
    QScrollArea* scroll_ = nullptr;
    QWidget* row_ = nullptr;
    QHBoxLayout* cards_ = nullptr;
    QLabel* messageLabel_ = nullptr;
    std::vector<TokenCard*> pool_;
};

}  // namespace orderlens::widgets
