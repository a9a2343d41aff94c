// Guided lessons: the shipped lesson is complete in both languages; malformed files are
// refused with the line at fault.
#include "lesson.h"

#include <QTemporaryDir>
#include <QtTest>

using orderlens::app::Lesson;
using orderlens::app::LessonError;

class TestLesson : public QObject {
    Q_OBJECT
private slots:
    void builtinLessonIsCompleteInBothLanguages();
    void decoderLessonIsCompleteInBothLanguages();
    void malformedLessonNamesTheLine_data();
    void malformedLessonNamesTheLine();
    void missingFileIsReported();
};

void TestLesson::builtinLessonIsCompleteInBothLanguages()
{
    const Lesson lesson = orderlens::app::builtinLesson();
    QVERIFY(lesson.steps.size() >= 6);
    QVERIFY(!lesson.title.zh.isEmpty() && !lesson.title.en.isEmpty());
    QStringList views;
    for (const auto& step : lesson.steps) {
        QVERIFY(!step.text.zh.isEmpty());
        QVERIFY(!step.text.en.isEmpty());
        QVERIFY(step.text.zh != step.text.en);
        QVERIFY(!step.sentenceA.isEmpty());
        views << step.view;
    }
    // The article's argument: addition, the table, PCA, attention with and without positions,
    // decomposition, residual, add vs concatenate.
    for (const char* v : {"vectors", "position", "pca", "attention", "decomposition", "residual", "recoverability"})
        QVERIFY2(views.contains(v), v);
    QCOMPARE(lesson.steps.first().model, QString("handmade"));
    bool hasNone = false;
    for (const auto& step : lesson.steps)
        hasNone |= step.model == "builtin:none" && step.view == "attention";
    QVERIFY(hasNone);
}

void TestLesson::decoderLessonIsCompleteInBothLanguages()
{
    // Learned vs rotary, the causal triangle, the sink, RoPE's split: on the decoder open now.
    const Lesson lesson = orderlens::app::decoderLesson();
    QVERIFY(!lesson.title.zh.isEmpty() && !lesson.title.en.isEmpty());
    QStringList views;
    for (const auto& step : lesson.steps) {
        QVERIFY(!step.text.zh.isEmpty() && !step.text.en.isEmpty() && step.text.zh != step.text.en);
        QCOMPARE(step.model, orderlens::app::kOpenDecoder);
        views << step.view;
    }
    for (const char* v : {"position", "attention", "decomposition"})
        QVERIFY2(views.contains(v), v);
    const Lesson played = orderlens::app::withDecoder(lesson, "/models/qwen");
    QVERIFY(!orderlens::app::needsDecoder(played));
    for (const auto& step : played.steps)
        QCOMPARE(step.model, QStringLiteral("/models/qwen"));
}

void TestLesson::malformedLessonNamesTheLine_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("mentions");
    const QByteArray head = "{\n  \"title\": {\"zh\": \"课\", \"en\": \"Lesson\"},\n  \"steps\": [\n";
    const QByteArray good = "    {\"title\": {\"zh\": \"一\", \"en\": \"One\"}, \"text\": {\"zh\": \"看\", \"en\": \"Look\"},\n"
                            "     \"sentence_a\": \"猫追老鼠\", \"model\": \"handmade\", \"view\": \"vectors\"}";
    QTest::newRow("broken JSON") << QByteArray("{\n  \"title\": {\"zh\": \"课\", \"en\": \"x\"},\n  \"steps\": [\n    {,}\n  ]\n}")
                                 << 4 << "not valid JSON";
    QTest::newRow("not an object") << QByteArray("[1, 2]") << 1 << "JSON object";
    QTest::newRow("no steps") << QByteArray("{\n  \"title\": {\"zh\": \"课\", \"en\": \"x\"}\n}") << 1 << "steps";
    QTest::newRow("empty steps") << QByteArray("{\n  \"title\": {\"zh\": \"课\", \"en\": \"x\"},\n  \"steps\": []\n}") << 3
                                 << "non-empty";
    QTest::newRow("unknown view in step 2")
        << head + good + ",\n" +
               "    {\"title\": {\"zh\": \"二\", \"en\": \"Two\"}, \"text\": {\"zh\": \"看\", \"en\": \"Look\"},\n"
               "     \"sentence_a\": \"猫追老鼠\", \"model\": \"handmade\",\n"
               "     \"view\": \"hologram\"}\n  ]\n}"
        << 8 << "unknown view \"hologram\"";
    QTest::newRow("missing English text")
        << head + "    {\"title\": {\"zh\": \"一\", \"en\": \"One\"},\n     \"text\": {\"zh\": \"看\"},\n"
                  "     \"sentence_a\": \"猫\", \"model\": \"handmade\", \"view\": \"vectors\"}\n  ]\n}"
        << 5 << "\"en\" is missing";
    QTest::newRow("negative head")
        << head + "    {\"title\": {\"zh\": \"一\", \"en\": \"One\"}, \"text\": {\"zh\": \"看\", \"en\": \"Look\"},\n"
                  "     \"sentence_a\": \"猫\", \"model\": \"handmade\", \"view\": \"attention\",\n     \"head\": -2}\n  ]\n}"
        << 6 << "whole number";
    QTest::newRow("PCA axes out of order")
        << head + "    {\"title\": {\"zh\": \"一\", \"en\": \"One\"}, \"text\": {\"zh\": \"看\", \"en\": \"Look\"},\n"
                  "     \"sentence_a\": \"猫\", \"model\": \"handmade\", \"view\": \"pca\",\n     \"pca_axes\": [3, 1]}\n  ]\n}"
        << 6 << "pca_axes";
    QTest::newRow("PCA axes not a pair")
        << head + "    {\"title\": {\"zh\": \"一\", \"en\": \"One\"}, \"text\": {\"zh\": \"看\", \"en\": \"Look\"},\n"
                  "     \"sentence_a\": \"猫\", \"model\": \"handmade\", \"view\": \"pca\",\n     \"pca_axes\": 2}\n  ]\n}"
        << 6 << "pca_axes";
    QTest::newRow("sentence is a number")
        << head + "    {\"title\": {\"zh\": \"一\", \"en\": \"One\"}, \"text\": {\"zh\": \"看\", \"en\": \"Look\"},\n"
                  "     \"sentence_a\": 42, \"model\": \"handmade\", \"view\": \"vectors\"}\n  ]\n}"
        << 5 << "must be a string";
}

void TestLesson::malformedLessonNamesTheLine()
{
    QFETCH(QByteArray, json);
    QFETCH(int, line);
    QFETCH(QString, mentions);
    try {
        orderlens::app::parseLesson(json, "my-lesson.json");
        QFAIL("a malformed lesson was accepted");
    } catch (const LessonError& e) {
        QVERIFY2(e.message().startsWith(QStringLiteral("my-lesson.json line %1:").arg(line)), qPrintable(e.message()));
        QVERIFY2(e.message().contains(mentions), qPrintable(e.message()));
        QCOMPARE(e.line(), line);
    }
}

void TestLesson::missingFileIsReported()
{
    QTemporaryDir dir;
    try {
        orderlens::app::loadLesson(dir.filePath("nothing.json"));
        QFAIL("loaded a missing file");
    } catch (const LessonError& e) {
        QVERIFY(e.message().contains("nothing.json"));
    }
}

QTEST_GUILESS_MAIN(TestLesson)
#include "test_lesson.moc"
