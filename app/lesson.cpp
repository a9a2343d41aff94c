#include "lesson.h"

#include "errors.h"
#include "file_io.h"
#include "session.h"

#include <QFile>
#include <algorithm>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace orderlens::app {

const QStringList& lessonViewNames()
{
    static const QStringList names{"vectors",  "position", "pca",            "attention",
                                   "decomposition", "residual", "recoverability", "training"};
    return names;
}

namespace {

int lineAtOffset(const QByteArray& text, qsizetype offset)
{
    return 1 + static_cast<int>(text.left(offset).count('\n'));
}

// Line where the value at path (keys and array indexes) starts; 1 when not found.
// A small scanner over the JSON text (already known to be valid JSON).
int lineOfPath(const QByteArray& text, const QStringList& path)
{
    struct Frame {
        bool isArray;
        int index;
        QString key;
    };
    QVector<Frame> stack;
    QString pendingKey;
    auto currentPathMatches = [&](int depth) {
        if (depth != path.size())
            return false;
        for (int i = 0; i < depth; ++i) {
            const Frame& f = stack[i];
            if (f.isArray ? QString::number(f.index) != path[i] : f.key != path[i])
                return false;
        }
        return true;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            qsizetype j = i + 1;
            QByteArray s;
            while (j < text.size() && text[j] != '"') {
                if (text[j] == '\\')
                    ++j;
                if (j < text.size())
                    s += text[j];
                ++j;
            }
            // A string followed by ':' is a key.
            qsizetype k = j + 1;
            while (k < text.size() && QChar(text[k]).isSpace())
                ++k;
            if (k < text.size() && text[k] == ':' && !stack.isEmpty() && !stack.last().isArray) {
                stack.last().key = QString::fromUtf8(s);
                if (currentPathMatches(stack.size()))
                    return lineAtOffset(text, i);
            } else if (!stack.isEmpty() && stack.last().isArray && currentPathMatches(stack.size())) {
                return lineAtOffset(text, i);
            }
            i = j;
        } else if (c == '{' || c == '[') {
            if (!stack.isEmpty() && stack.last().isArray && currentPathMatches(stack.size()))
                return lineAtOffset(text, i);
            stack.push_back({c == '[', 0, {}});
        } else if (c == '}' || c == ']') {
            if (!stack.isEmpty())
                stack.pop_back();
        } else if (c == ',') {
            if (!stack.isEmpty() && stack.last().isArray)
                ++stack.last().index;
        } else if (!QChar(c).isSpace() && c != ':' && !stack.isEmpty() && stack.last().isArray &&
                   currentPathMatches(stack.size())) {
            return lineAtOffset(text, i);
        }
    }
    return 1;
}

class Reader {
public:
    Reader(const QByteArray& text, QString name) : text_(text), name_(std::move(name)) {}

    [[noreturn]] void fail(const QStringList& path, const QString& what) const
    {
        const int line = lineOfPath(text_, path);
        throw LessonError(QStringLiteral("%1 line %2: %3").arg(name_).arg(line).arg(what), line);
    }

    QString string(const QJsonObject& o, const QString& key, const QStringList& path, bool required) const
    {
        if (!o.contains(key)) {
            if (required)
                fail(path, QStringLiteral("\"%1\" is missing").arg(key));
            return {};
        }
        if (!o.value(key).isString())
            fail(path + QStringList{key}, QStringLiteral("\"%1\" must be a string").arg(key));
        return o.value(key).toString();
    }

    int integer(const QJsonObject& o, const QString& key, const QStringList& path, int fallback, int minimum) const
    {
        if (!o.contains(key))
            return fallback;
        const QJsonValue v = o.value(key);
        if (!v.isDouble() || v.toDouble() != static_cast<double>(v.toInt()) || v.toInt() < minimum)
            fail(path + QStringList{key}, QStringLiteral("\"%1\" must be a whole number from %2 up").arg(key).arg(minimum));
        return v.toInt();
    }

    LessonText text(const QJsonObject& o, const QString& key, const QStringList& path) const
    {
        if (!o.value(key).isObject())
            fail(o.contains(key) ? path + QStringList{key} : path,
                 QStringLiteral("\"%1\" must be an object with \"zh\" and \"en\" texts").arg(key));
        const QJsonObject t = o.value(key).toObject();
        const QStringList here = path + QStringList{key};
        LessonText out{string(t, "zh", here, true), string(t, "en", here, true)};
        if (out.zh.trimmed().isEmpty() || out.en.trimmed().isEmpty())
            fail(here, QStringLiteral("\"%1\" needs both a Chinese and an English text").arg(key));
        return out;
    }

private:
    const QByteArray& text_;
    QString name_;
};

}  // namespace

Lesson parseLesson(const QByteArray& json, const QString& name)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const int line = lineAtOffset(json, error.offset);
        throw LessonError(QStringLiteral("%1 line %2: not valid JSON (%3)").arg(name).arg(line).arg(error.errorString()),
                          line);
    }
    const Reader r(json, name);
    if (!doc.isObject())
        r.fail({}, QStringLiteral("a lesson is a JSON object with \"title\" and \"steps\""));
    const QJsonObject root = doc.object();
    Lesson lesson;
    lesson.title = r.text(root, "title", {});
    if (!root.value("steps").isArray() || root.value("steps").toArray().isEmpty())
        r.fail(root.contains("steps") ? QStringList{"steps"} : QStringList{},
               QStringLiteral("\"steps\" must be a non-empty array of steps"));
    const QJsonArray steps = root.value("steps").toArray();
    for (int i = 0; i < steps.size(); ++i) {
        const QStringList path{"steps", QString::number(i)};
        if (!steps.at(i).isObject())
            r.fail(path, QStringLiteral("step %1 must be an object").arg(i + 1));
        const QJsonObject s = steps.at(i).toObject();
        LessonStep step;
        step.title = r.text(s, "title", path);
        step.text = r.text(s, "text", path);
        step.sentenceA = r.string(s, "sentence_a", path, true);
        if (step.sentenceA.trimmed().isEmpty())
            r.fail(path + QStringList{"sentence_a"}, QStringLiteral("step %1: \"sentence_a\" is empty").arg(i + 1));
        step.sentenceB = r.string(s, "sentence_b", path, false);
        step.model = r.string(s, "model", path, true);
        step.view = r.string(s, "view", path, true);
        if (!lessonViewNames().contains(step.view))
            r.fail(path + QStringList{"view"}, QStringLiteral("step %1: unknown view \"%2\" (expected one of %3)")
                                                   .arg(i + 1)
                                                   .arg(step.view, lessonViewNames().join(", ")));
        step.layer = r.integer(s, "layer", path, 0, 0);
        step.head = r.integer(s, "head", path, 0, 0);
        step.token = r.integer(s, "token", path, -1, -1);
        step.gridLayer = r.integer(s, "grid_layer", path, -1, -1);
        if (s.contains("single_head")) {
            if (!s.value("single_head").isBool())
                r.fail(path + QStringList{"single_head"},
                       QStringLiteral("step %1: \"single_head\" must be true or false").arg(i + 1));
            step.singleHead = s.value("single_head").toBool();
        }
        if (s.contains("merge_words")) {
            if (!s.value("merge_words").isBool())
                r.fail(path + QStringList{"merge_words"},
                       QStringLiteral("step %1: \"merge_words\" must be true or false").arg(i + 1));
            step.mergeWords = s.value("merge_words").toBool();
        }
        if (s.contains("surgery") && !surgeryFromJson(s.value("surgery"), &step.surgery))
            r.fail(path + QStringList{"surgery"},
                   QStringLiteral("step %1: \"surgery\" must be {\"method\": \"zero\", \"mean\" or \"uniform\", "
                                  "\"heads\": [\"L0H1\", ...]}")
                       .arg(i + 1));
        if (s.value("pca_axes") == QJsonValue(QStringLiteral("auto"))) {
            step.pcaFirst = step.pcaSecond = 0;
        } else if (s.contains("pca_axes")) {
            const QJsonArray axes = s.value("pca_axes").toArray();
            const bool valid = s.value("pca_axes").isArray() && axes.size() == 2 && axes[0].isDouble() &&
                               axes[1].isDouble() && axes[0].toInt() >= 1 && axes[0].toInt() < axes[1].toInt() &&
                               axes[1].toInt() <= 3 && axes[0].toDouble() == axes[0].toInt() &&
                               axes[1].toDouble() == axes[1].toInt();
            if (!valid)
                r.fail(path + QStringList{"pca_axes"},
                       QStringLiteral("step %1: \"pca_axes\" must be \"auto\" or two components in order, [1, 2], [1, 3] or [2, 3]")
                           .arg(i + 1));
            step.pcaFirst = axes[0].toInt();
            step.pcaSecond = axes[1].toInt();
        }
        lesson.steps.push_back(step);
    }
    return lesson;
}

widgets::Selection LessonStep::selection() const
{
    widgets::Selection selection;
    selection.view = view.toStdString();
    // A token picked for the Vectors view is one of the sentence being compared (B when there is one);
    // every other view starts from A.
    selection.sentence = view == QLatin1String("vectors") && token >= 0 && !sentenceB.isEmpty() ? 1 : 0;
    selection.token = token;
    selection.layer = layer;
    selection.head = head;
    selection.pcaFirst = pcaFirst >= 1 ? pcaFirst - 1 : -1;
    selection.pcaSecond = pcaFirst >= 1 ? pcaSecond - 1 : -1;
    selection.gridLayer = gridLayer;
    selection.singleHead = singleHead;
    selection.surgery = surgery;
    selection.mergeWords = mergeWords;
    return selection;
}

Lesson loadLesson(const QString& path)
{
    QByteArray bytes;
    if (path.startsWith(QLatin1Char(':'))) {
        // A lesson compiled into the program (Qt resource): trusted, still read bounded.
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            throw LessonError(QStringLiteral("cannot open lesson %1: %2").arg(path, file.errorString()), 0);
        bytes = file.read(kMaxLessonBytes + 1);
    } else {
        try {
            bytes = QByteArray::fromStdString(readRegularFile(QFile::encodeName(path).toStdString(), kMaxLessonBytes));
        } catch (const orderlens::Error& e) {
            throw LessonError(QString::fromStdString(e.what()), 0);
        }
    }
    if (bytes.size() > kMaxLessonBytes)
        throw LessonError(QStringLiteral("cannot read '%1': it is larger than %2")
                              .arg(path, QString::fromStdString(byteSizeText(kMaxLessonBytes))),
                          0);
    return parseLesson(bytes, QFileInfo(path).fileName());
}

Lesson builtinLesson() { return loadLesson(QStringLiteral(":/lessons/adding-position.json")); }

Lesson decoderLesson() { return loadLesson(QStringLiteral(":/lessons/decoder-position.json")); }

Lesson withDecoder(Lesson lesson, const QString& decoderSpec)
{
    for (LessonStep& step : lesson.steps)
        if (step.model == kOpenDecoder)
            step.model = decoderSpec;
    return lesson;
}

bool needsDecoder(const Lesson& lesson)
{
    return std::any_of(lesson.steps.begin(), lesson.steps.end(),
                       [](const LessonStep& step) { return step.model == kOpenDecoder; });
}

}  // namespace orderlens::app
