#pragma once
// Guided lessons: a JSON file of steps, each setting sentences, model, view and selection,
// with an explanation in Chinese and English. A malformed file is refused with the line at fault.
#include "selection.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace orderlens::app {

struct LessonText {
    QString zh, en;
    QString in(const QString& language) const { return language.startsWith("zh") ? zh : en; }
};

struct LessonStep {
    LessonText title;
    LessonText text;            // two to five plain sentences: what to look at, what to notice
    QString sentenceA, sentenceB;  // sentenceB may be empty (no comparison)
    QString model;              // a model spec (builtin:..., random:..., handmade, or a path), or
                                // "decoder": the decoder folder open when the lesson starts
    QString view;               // one of lessonViewNames()
    int layer = 0, head = 0;    // the selected head (attention, decomposition)
    int token = -1;             // the selected token, -1 for none
    int pcaFirst = 0, pcaSecond = 0;  // the PCA view's axes, 1-based ("pca_axes": [1, 3]); 0, 0: chosen from the data
    int gridLayer = -1;         // the attention grid's layer filter, -1 every layer ("grid_layer")
    bool singleHead = false;    // attention: the (layer, head) enlarged instead of the grid ("single_head")
    bool mergeWords = false;    // attention: each word's pieces merged ("merge_words")
    HeadSurgery surgery;        // heads switched off ("surgery": {"method", "heads"}, as in sessions)
    // What the step selects: its view, and in it the head, token (of B when the step compares),
    // PCA axes and attention mode.
    widgets::Selection selection() const;
};

struct Lesson {
    LessonText title;
    QVector<LessonStep> steps;
};

// The views a step may name, as the command line's --view names them.
const QStringList& lessonViewNames();

class LessonError : public std::exception {
public:
    LessonError(QString message, int line) : message_(std::move(message)), line_(line), utf8_(message_.toUtf8()) {}
    const QString& message() const { return message_; }
    int line() const { return line_; }
    const char* what() const noexcept override { return utf8_.constData(); }

private:
    QString message_;
    int line_;
    QByteArray utf8_;
};

// Throws LessonError whose message starts "<name> line N: ...".
Lesson parseLesson(const QByteArray& json, const QString& name);
// A lesson is a small JSON file: only a regular file of at most kMaxLessonBytes is read (a pipe,
// device or folder is refused at once: "cannot read '<path>': it is not a regular file ...").
constexpr qsizetype kMaxLessonBytes = 4 * 1024 * 1024;
Lesson loadLesson(const QString& path);
// The lesson shipped with the app (resources/lessons/adding-position.json).
Lesson builtinLesson();
// The second lesson, for a decoder the user opened (weights cannot ship): its steps name the
// model "decoder" (resources/lessons/decoder-position.json).
Lesson decoderLesson();
// The model name a step's "decoder" stands for.
inline const QString kOpenDecoder = QStringLiteral("decoder");
// The lesson with every "decoder" step's model replaced by `decoderSpec`.
Lesson withDecoder(Lesson lesson, const QString& decoderSpec);
// Whether a step names "decoder".
bool needsDecoder(const Lesson& lesson);

}  // namespace orderlens::app
