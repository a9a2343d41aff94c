#include "session.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace orderlens::app {

namespace {

constexpr auto kFormat = "orderlens-session";
constexpr int kVersion = 1;

QString trSession(const char* text) { return QCoreApplication::translate("orderlens::app::Session", text); }

QJsonArray toArray(const QVector<double>& row)
{
    QJsonArray out;
    for (double v : row)
        out.append(v);
    return out;
}

bool toRow(const QJsonValue& value, QVector<double>* row)
{
    if (!value.isArray())
        return false;
    row->clear();
    for (const QJsonValue& v : value.toArray()) {
        if (!v.isDouble())
            return false;
        row->append(v.toDouble());
    }
    return row->size() >= 2 && row->size() <= 3;
}

}  // namespace

QByteArray sessionToJson(const SessionState& state)
{
    QJsonObject words, positions;
    for (auto it = state.handmade.words.begin(); it != state.handmade.words.end(); ++it)
        words[it.key()] = toArray(it.value());
    for (auto it = state.handmade.positions.begin(); it != state.handmade.positions.end(); ++it)
        positions[QString::number(it.key())] = toArray(it.value());
    const QJsonObject root{
        {"format", kFormat},
        {"version", kVersion},
        {"sentence_a", state.sentenceA},
        {"sentence_b", state.sentenceB},
        {"compare", state.compare},
        {"model", state.modelSpec},
        {"view", state.view},
        {"handmade", QJsonObject{{"dimension", state.handmade.dimension}, {"words", words}, {"positions", positions}}},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool sessionFromJson(const QByteArray& json, SessionState* state, QString* error)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(trSession("not a session file: the JSON is broken at byte %1 (%2)")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    if (!document.isObject())
        return fail(trSession("not a session file: expected a JSON object"));
    const QJsonObject root = document.object();
    if (root.value("format").toString() != QLatin1String(kFormat))
        return fail(trSession("not an OrderLens session: \"format\" must be \"%1\"").arg(kFormat));
    if (root.value("version").toInt(-1) != kVersion)
        return fail(trSession("unsupported session version %1 (this OrderLens reads version %2)")
                        .arg(root.value("version").toVariant().toString())
                        .arg(kVersion));
    SessionState parsed;
    const struct {
        const char* key;
        QString* target;
    } strings[] = {{"sentence_a", &parsed.sentenceA},
                   {"sentence_b", &parsed.sentenceB},
                   {"model", &parsed.modelSpec},
                   {"view", &parsed.view}};
    for (const auto& field : strings) {
        const QJsonValue value = root.value(field.key);
        if (!value.isString())
            return fail(trSession("session field \"%1\" is missing or not text").arg(field.key));
        *field.target = value.toString();
    }
    if (!root.value("compare").isBool())
        return fail(trSession("session field \"compare\" is missing or not true/false"));
    parsed.compare = root.value("compare").toBool();
    if (root.contains("handmade")) {
        const QJsonObject handmade = root.value("handmade").toObject();
        const int dimension = handmade.value("dimension").toInt(3);
        if (dimension != 2 && dimension != 3)
            return fail(trSession("session field \"handmade.dimension\" must be 2 or 3"));
        parsed.handmade.dimension = dimension;
        const QJsonObject words = handmade.value("words").toObject();
        for (auto it = words.begin(); it != words.end(); ++it) {
            QVector<double> row;
            if (!toRow(it.value(), &row))
                return fail(trSession("hand-made row for \"%1\" must be 2 or 3 numbers").arg(it.key()));
            parsed.handmade.words[it.key()] = row;
        }
        const QJsonObject positions = handmade.value("positions").toObject();
        for (auto it = positions.begin(); it != positions.end(); ++it) {
            bool ok = false;
            const int index = it.key().toInt(&ok);
            QVector<double> row;
            if (!ok || index < 0 || !toRow(it.value(), &row))
                return fail(trSession("hand-made position \"%1\" must be an index with 2 or 3 numbers").arg(it.key()));
            parsed.handmade.positions[index] = row;
        }
    }
    *state = parsed;
    return true;
}

bool saveSessionFile(const QString& path, const SessionState& state, QString* error)
{
    QSaveFile file(path);
    const QByteArray bytes = sessionToJson(state);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = trSession("Cannot save %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool loadSessionFile(const QString& path, SessionState* state, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = trSession("Cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    QString reason;
    if (!sessionFromJson(file.read(1 << 20), state, &reason)) {
        if (error)
            *error = trSession("%1 was not opened: %2").arg(path, reason);
        return false;
    }
    return true;
}

}  // namespace orderlens::app
