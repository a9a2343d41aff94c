#include "session.h"

#include "error_text.h"
#include "errors.h"
#include "file_io.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace orderlens::app {

namespace {

constexpr auto kFormat = "orderlens-session";
constexpr int kVersion = 1;


QJsonArray toArray(const std::vector<double>& row)
{
    QJsonArray out;
    for (double v : row)
        out.append(v);
    return out;
}

bool toRow(const QJsonValue& value, std::vector<double>* row)
{
    if (!value.isArray())
        return false;
    row->clear();
    for (const QJsonValue& v : value.toArray()) {
        if (!v.isDouble())
            return false;
        row->push_back(v.toDouble());
    }
    return row->size() >= 2 && row->size() <= 3;
}

}  // namespace

bool surgeryFromJson(const QJsonValue& value, HeadSurgery* surgery)
{
    const QJsonObject o = value.toObject();
    if (!value.isObject() || !o.value("heads").isArray() || (o.contains("method") && !o.value("method").isString()))
        return false;
    HeadSurgery parsed;
    try {
        parsed.method = parseAblationMethod(o.value("method").toString("zero").toStdString());
        for (const QJsonValue& head : o.value("heads").toArray()) {
            // One head per entry ("L0H1"): a whole layer ("L1") has no size until a model is open.
            if (!head.isString() || !head.toString().contains(QLatin1Char('H'), Qt::CaseInsensitive))
                return false;
            for (const HeadId& id : parseHeadList(head.toString().toStdString(), 1000, 1000))
                parsed.heads.push_back(id);
        }
    } catch (const Error&) {
        return false;
    }
    parsed.normalise();
    *surgery = parsed;
    return true;
}

bool selectionFromJson(const QJsonValue& value, widgets::Selection* selection, QString* error)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (!value.isObject())
        return fail(QCoreApplication::translate("orderlens::app::Session", "session field \"selection\" must be an object"));
    const QJsonObject o = value.toObject();
    widgets::Selection parsed = *selection;
    // Whole numbers within [low, high]; absent fields keep their value.
    const struct {
        const char* key;
        int* target;
        int low, high;
    } numbers[] = {{"sentence", &parsed.sentence, 0, 1},   {"token", &parsed.token, -1, 100000},
                   {"layer", &parsed.layer, 0, 1000},      {"head", &parsed.head, 0, 1000},
                   {"grid_layer", &parsed.gridLayer, -1, 1000}, {"dimension", &parsed.dimension, 0, 100000}};
    for (const auto& field : numbers) {
        if (!o.contains(field.key))
            continue;
        const QJsonValue v = o.value(field.key);
        const double d = v.toDouble(-1e300);
        if (!v.isDouble() || d < field.low || d > field.high || d != std::floor(d))  // range first: no cast of 1e300
            return fail(QCoreApplication::translate("orderlens::app::Session", "selection field \"%1\" must be a whole number from %2 to %3")
                            .arg(field.key)
                            .arg(field.low)
                            .arg(field.high));
        *field.target = static_cast<int>(d);
    }
    if (o.contains("difference_scale")) {
        const double scale = o.value("difference_scale").toDouble(-1);
        if (!o.value("difference_scale").isDouble() || !(scale >= 0 && scale <= 1))
            return fail(QCoreApplication::translate("orderlens::app::Session",
                                                    "selection field \"difference_scale\" must be a number from 0 "
                                                    "(fitted to the pair) to 1"));
        parsed.differenceScale = scale;
    }
    if (o.contains("single_head")) {
        if (!o.value("single_head").isBool())
            return fail(QCoreApplication::translate("orderlens::app::Session", "selection field \"single_head\" must be true or false"));
        parsed.singleHead = o.value("single_head").toBool();
    }
    if (o.contains("merge_words")) {
        if (!o.value("merge_words").isBool())
            return fail(QCoreApplication::translate("orderlens::app::Session", "selection field \"merge_words\" must be true or false"));
        parsed.mergeWords = o.value("merge_words").toBool();
    }
    if (o.value("pca_axes") == QJsonValue(QStringLiteral("auto"))) {
        parsed.pcaFirst = parsed.pcaSecond = -1;
    } else if (o.contains("pca_axes")) {
        const QJsonArray axes = o.value("pca_axes").toArray();
        const int first = axes.size() == 2 ? axes.at(0).toInt(0) : 0, second = axes.size() == 2 ? axes.at(1).toInt(0) : 0;
        if (first < 1 || second <= first || second > 3)
            return fail(QCoreApplication::translate("orderlens::app::Session", "selection field \"pca_axes\" must be \"auto\" or two components in order: [1, 2], [1, 3] or "
                                  "[2, 3]"));
        parsed.pcaFirst = first - 1;
        parsed.pcaSecond = second - 1;
    }
    if (o.contains("surgery") && !surgeryFromJson(o.value("surgery"), &parsed.surgery))
        return fail(QCoreApplication::translate(
            "orderlens::app::Session",
            "selection field \"surgery\" must be {\"method\": \"zero\", \"mean\" or \"uniform\", \"heads\": [\"L0H1\", ...]}"));
    *selection = parsed;
    return true;
}

namespace {
QJsonObject surgeryToJson(const HeadSurgery& surgery)
{
    QJsonArray heads;
    for (const HeadId& h : surgery.heads)
        heads.append(QString::fromStdString(toString(h)));
    return {{"method", QString::fromStdString(toString(surgery.method))}, {"heads", heads}};
}
}  // namespace

QByteArray sessionToJson(const SessionState& state)
{
    QJsonObject words, positions;
    for (const auto& [word, row] : state.handmade.words)
        words[QString::fromStdString(word)] = toArray(row);
    for (const auto& [position, row] : state.handmade.positions)
        positions[QString::number(position)] = toArray(row);
    const widgets::Selection& sel = state.selection;
    const QJsonObject root{
        {"format", kFormat},
        {"version", kVersion},
        {"sentence_a", state.sentenceA},
        {"sentence_b", state.sentenceB},
        {"compare", state.compare},
        {"model", state.modelSpec},
        {"view", QString::fromStdString(sel.view)},
        {"selection", QJsonObject{{"sentence", sel.sentence},
                                  {"token", sel.token},
                                  {"layer", sel.layer},
                                  {"head", sel.head},
                                  {"pca_axes", sel.pcaFirst < 0 ? QJsonValue(QStringLiteral("auto"))
                                                               : QJsonValue(QJsonArray{sel.pcaFirst + 1, sel.pcaSecond + 1})},
                                  {"grid_layer", sel.gridLayer},
                                  {"single_head", sel.singleHead},
                                  {"difference_scale", sel.differenceScale},
                                  {"dimension", sel.dimension},
                                  {"merge_words", sel.mergeWords},
                                  {"surgery", surgeryToJson(sel.surgery)}}},
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
        return fail(QCoreApplication::translate("orderlens::app::Session", "not a session file: the JSON is broken at byte %1 (%2)")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    if (!document.isObject())
        return fail(QCoreApplication::translate("orderlens::app::Session", "not a session file: expected a JSON object"));
    const QJsonObject root = document.object();
    if (root.value("format").toString() != QLatin1String(kFormat))
        return fail(QCoreApplication::translate("orderlens::app::Session", "not an OrderLens session: \"format\" must be \"%1\"").arg(kFormat));
    if (root.value("version").toInt(-1) != kVersion)
        return fail(QCoreApplication::translate("orderlens::app::Session", "unsupported session version %1 (this OrderLens reads version %2)")
                        .arg(root.value("version").toVariant().toString())
                        .arg(kVersion));
    SessionState parsed;
    QString view;
    const struct {
        const char* key;
        QString* target;
    } strings[] = {{"sentence_a", &parsed.sentenceA},
                   {"sentence_b", &parsed.sentenceB},
                   {"model", &parsed.modelSpec},
                   {"view", &view}};
    for (const auto& field : strings) {
        const QJsonValue value = root.value(field.key);
        if (!value.isString())
            return fail(QCoreApplication::translate("orderlens::app::Session", "session field \"%1\" is missing or not text").arg(field.key));
        *field.target = value.toString();
    }
    if (!root.value("compare").isBool())
        return fail(QCoreApplication::translate("orderlens::app::Session", "session field \"compare\" is missing or not true/false"));
    parsed.compare = root.value("compare").toBool();
    parsed.selection.view = view.toStdString();
    if (root.contains("selection")) {  // sessions saved before selections were kept have none
        QString reason;
        if (!selectionFromJson(root.value("selection"), &parsed.selection, &reason))
            return fail(reason);
    }
    if (root.contains("handmade")) {
        const QJsonObject handmade = root.value("handmade").toObject();
        const int dimension = handmade.value("dimension").toInt(3);
        if (dimension != 2 && dimension != 3)
            return fail(QCoreApplication::translate("orderlens::app::Session", "session field \"handmade.dimension\" must be 2 or 3"));
        parsed.handmade.dimension = dimension;
        const QJsonObject words = handmade.value("words").toObject();
        for (auto it = words.begin(); it != words.end(); ++it) {
            std::vector<double> row;
            if (!toRow(it.value(), &row))
                return fail(QCoreApplication::translate("orderlens::app::Session", "hand-made row for \"%1\" must be 2 or 3 numbers").arg(it.key()));
            parsed.handmade.words[it.key().toStdString()] = row;
        }
        const QJsonObject positions = handmade.value("positions").toObject();
        for (auto it = positions.begin(); it != positions.end(); ++it) {
            bool ok = false;
            const int index = it.key().toInt(&ok);
            std::vector<double> row;
            if (!ok || index < 0 || !toRow(it.value(), &row))
                return fail(QCoreApplication::translate("orderlens::app::Session", "hand-made position \"%1\" must be an index with 2 or 3 numbers").arg(it.key()));
            parsed.handmade.positions[index] = row;
        }
    }
    *state = parsed;
    return true;
}

bool saveSessionFile(const QString& path, const SessionState& state, QString* error)
{
    const QByteArray bytes = sessionToJson(state);
    try {
        writeFileAtomically(QFile::encodeName(path).toStdString(), reinterpret_cast<const uint8_t*>(bytes.constData()),
                            size_t(bytes.size()));
    } catch (const orderlens::Error& e) {
        if (error)
            *error = userMessage(e);
        return false;
    }
    return true;
}

bool loadSessionFile(const QString& path, SessionState* state, QString* error)
{
    std::string bytes;
    try {
        bytes = readRegularFile(QFile::encodeName(path).toStdString(), kMaxSessionBytes);
    } catch (const orderlens::Error& e) {
        if (error)
            *error = userMessage(e);
        return false;
    }
    QString reason;
    if (!sessionFromJson(QByteArray::fromStdString(bytes), state, &reason)) {
        if (error)
            *error = QCoreApplication::translate("orderlens::app::Session", "%1 was not opened: %2").arg(path, reason);
        return false;
    }
    return true;
}

}  // namespace orderlens::app
