#pragma once
// One sentence as a row of token cards: the token, its position index and, for models with
// a role head, the predicted role as a coloured chip (施事 / 动作 / 受事 / 其他).
#include <QStringList>
#include <QWidget>

#include <vector>

class QHBoxLayout;
class QLabel;

namespace orderlens::widgets {

class TokenStrip : public QWidget {
    Q_OBJECT
public:
    explicit TokenStrip(const QString& name, QWidget* parent = nullptr);

    // roles: (T) orderlens::Role or -1; empty when the model has no role head.
    // unknown: (T) true where the token is outside the vocabulary.
    void setTokens(const QStringList& tokens, const std::vector<int>& roles, const std::vector<bool>& unknown);
    void clearTokens(const QString& message);

    QStringList tokens() const { return tokens_; }
    std::vector<int> roles() const { return roles_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    QString name_;
    QStringList tokens_;
    std::vector<int> roles_;
    std::vector<bool> unknown_;
    QString message_;
    QHBoxLayout* cards_ = nullptr;
};

}  // namespace orderlens::widgets
