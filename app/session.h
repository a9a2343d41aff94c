#pragma once
// The state a user can save and reopen: both sentences, the model, the selection (the view in
// front and what is picked in the views) and the hand-made tables. Stored as .orderlens JSON,
// written atomically and only to a regular file (core/file_io.h); read only from a regular file
// of at most kMaxSessionBytes.
#include "selection.h"
#include "snapshot.h"

#include <QJsonValue>
#include <QString>

#include <cstdint>

namespace orderlens::app {

struct SessionState {
    QString sentenceA = QStringLiteral("猫追老鼠");
    QString sentenceB = QStringLiteral("老鼠追猫");
    bool compare = true;
    QString modelSpec;            // empty: the default model
    widgets::Selection selection;  // selection.view: a View::key()
    HandmadeTables handmade;
    bool operator==(const SessionState&) const = default;
};

QByteArray sessionToJson(const SessionState& state);
// Parses and validates; on any problem returns false with a message naming it (state untouched).
bool sessionFromJson(const QByteArray& json, SessionState* state, QString* error);

// The "selection" object of a session (also a lesson step's fields): fields present replace
// those of *selection. On a bad field returns false with a message naming it.
bool selectionFromJson(const QJsonValue& value, widgets::Selection* selection, QString* error);
// {"method": "zero" | "mean" | "uniform" (default zero), "heads": ["L0H1", "L1H3", ...]} (head_surgery.h),
// as sessions and lesson steps write it; false for anything else.
bool surgeryFromJson(const QJsonValue& value, HeadSurgery* surgery);

// A session with hand-made tables and long sentences is a few KB; anything over this is refused
// ("cannot read '<path>': it is larger than 16 MB") before it is parsed.
constexpr std::uint64_t kMaxSessionBytes = 16 * 1024 * 1024;

// false with *error naming the file and what happened (not a regular file, too large, system error).
bool saveSessionFile(const QString& path, const SessionState& state, QString* error);
bool loadSessionFile(const QString& path, SessionState* state, QString* error);

}  // namespace orderlens::app
