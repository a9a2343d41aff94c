#pragma once
// The state a user can save and reopen: both sentences, the model, the view and the
// hand-made tables. Stored as .orderlens JSON, written atomically through QSaveFile.
#include "analysis.h"

#include <QString>

namespace orderlens::app {

struct SessionState {
    QString sentenceA = QStringLiteral("猫追老鼠");
    QString sentenceB = QStringLiteral("老鼠追猫");
    bool compare = true;
    QString modelSpec;            // empty: the default model
    QString view = QStringLiteral("attention");  // a View::key()
    HandmadeTables handmade;
    bool operator==(const SessionState&) const = default;
};

QByteArray sessionToJson(const SessionState& state);
// Parses and validates; on any problem returns false with a message naming it (state untouched).
bool sessionFromJson(const QByteArray& json, SessionState* state, QString* error);

bool saveSessionFile(const QString& path, const SessionState& state, QString* error);
bool loadSessionFile(const QString& path, SessionState* state, QString* error);

}  // namespace orderlens::app
