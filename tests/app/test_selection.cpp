// The selection belongs to the session: views ask for a change and follow what the session
// sets; it is saved in session files (older files without it still open), lessons set it, and a
// head clicked in the attention grid is the head the Decomposition view shows. Also: --help and
// --version answer with no display at all.
#include "attention_view.h"
#include "decomposition_view.h"
#include "lesson.h"
#include "pca_view.h"
#include "position_view.h"
#include "session.h"
#include "vectors_view.h"
#include "window_fixture.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace orderlens;
using widgets::Selection;

namespace {

Selection picked()
{
    Selection s;
    s.view = "decomposition";
    s.sentence = 1;
    s.token = 2;
    s.layer = 1;
    s.head = 3;
    s.pcaFirst = 1;
    s.pcaSecond = 2;
    s.gridLayer = 1;
    s.singleHead = true;
    s.dimension = 5;
    return s;
}

QByteArray sessionJson(const QByteArray& extra)
{
    return R"({"format": "orderlens-session", "version": 1, "sentence_a": "猫追老鼠", "sentence_b": "老鼠追猫",)"
           R"( "model": "builtin:sinusoidal", "view": "pca", "compare": true)" +
           extra + "}";
}

}  // namespace

class TestSelection : public QObject {
    Q_OBJECT
private slots:
    void selectionRoundTripsThroughJson()
    {
        app::SessionState state;
        state.selection = picked();
        app::SessionState back;
        QString error;
        QVERIFY2(app::sessionFromJson(app::sessionToJson(state), &back, &error), qPrintable(error));
        QVERIFY(back.selection == picked());
        QVERIFY(back == state);
    }

    // A session saved before selections were kept: the view is read from "view", the rest is the default.
    void olderSessionOpensWithTheDefaultSelection()
    {
        app::SessionState state;
        QString error;
        QVERIFY2(app::sessionFromJson(sessionJson(""), &state, &error), qPrintable(error));
        Selection expected;
        expected.view = "pca";
        QVERIFY(state.selection == expected);
    }

    void badSelectionRefused_data()
    {
        QTest::addColumn<QByteArray>("selection");
        QTest::addColumn<QString>("named");
        QTest::newRow("not an object") << QByteArray(R"(, "selection": 3)") << "selection";
        QTest::newRow("head not whole") << QByteArray(R"(, "selection": {"head": 1.5})") << "head";
        QTest::newRow("negative layer") << QByteArray(R"(, "selection": {"layer": -2})") << "layer";
        QTest::newRow("sentence 2") << QByteArray(R"(, "selection": {"sentence": 2})") << "sentence";
        QTest::newRow("head as text") << QByteArray(R"(, "selection": {"head": "2"})") << "head";
        QTest::newRow("pca axes out of order") << QByteArray(R"(, "selection": {"pca_axes": [3, 1]})") << "pca_axes";
        QTest::newRow("single_head not bool") << QByteArray(R"(, "selection": {"single_head": 1})") << "single_head";
    }

    void badSelectionRefused()
    {
        QFETCH(QByteArray, selection);
        QFETCH(QString, named);
        app::SessionState state;
        const app::SessionState before = state;
        QString error;
        QVERIFY(!app::sessionFromJson(sessionJson(selection), &state, &error));
        QVERIFY2(error.contains(named), qPrintable(error));
        QVERIFY(state == before);
    }

    // What the user picked in the views is saved with the session and shown again when it is opened.
    void viewsSelectionSurvivesSaveAndOpen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("picked.orderlens");
        {
            testing::WindowFixture f(testing::kWindowSize);
            QVERIFY(f.load());
            f.window.showView("pca");
            static_cast<widgets::PcaView*>(f.window.view("pca"))->setComponents(0, 2);
            f.window.showView("attention");
            static_cast<widgets::AttentionView*>(f.window.view("attention"))->showHead(1, 3);
            f.window.showView("vectors");
            static_cast<widgets::VectorsView*>(f.window.view("vectors"))->selectToken(1, 2);
            QVERIFY(f.session()->waitForIdle());
            const Selection s = f.session()->selection();
            QCOMPARE(s.view, std::string("vectors"));
            QCOMPARE(s.pcaFirst, 0);
            QCOMPARE(s.pcaSecond, 2);
            QCOMPARE(s.layer, 1);
            QCOMPARE(s.head, 3);
            QVERIFY(s.singleHead);
            QCOMPARE(s.sentence, 1);
            QCOMPARE(s.token, 2);
            QString error;
            QVERIFY2(f.window.saveSession(path, &error), qPrintable(error));
        }
        testing::WindowFixture f(testing::kWindowSize);
        QString error;
        QVERIFY2(f.window.openSession(path, &error), qPrintable(error));
        QVERIFY(f.session()->waitForIdle());
        QCOMPARE(f.window.currentView()->key(), QStringLiteral("vectors"));
        auto* vectors = static_cast<widgets::VectorsView*>(f.window.view("vectors"));
        QCOMPARE(vectors->selectedSentence(), 1);
        QCOMPARE(vectors->selectedToken(), 2);
        auto* attention = static_cast<widgets::AttentionView*>(f.window.view("attention"));
        f.window.showView("attention");
        QVERIFY(attention->isEnlarged());
        QCOMPARE(attention->selectedLayer(), 1);
        QCOMPARE(attention->selectedHead(), 3);
        f.window.showView("pca");
        QCOMPARE(f.window.view("pca")->selectionCaption(), QStringLiteral("PC1 / PC3"));
    }

    // A view asks; the session owns the value; every view follows it (and nothing else changes it).
    void viewsFollowTheSession()
    {
        testing::WindowFixture f(testing::kWindowSize);
        QVERIFY(f.load());
        QSignalSpy changed(f.session(), &app::SessionModel::selectionChanged);
        auto* decomposition = static_cast<widgets::DecompositionView*>(f.window.view("decomposition"));
        decomposition->selectHead(2);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(f.session()->selection().head, 2);
        QCOMPARE(decomposition->selectedHead(), 2);
        auto* attention = static_cast<widgets::AttentionView*>(f.window.view("attention"));
        QCOMPARE(attention->selection().head, 2);  // the other views got the same selection
        // Set from outside (a lesson, a session): the view shows it without asking back.
        Selection next = f.session()->selection();
        next.head = 1;
        f.session()->setSelection(next);
        QCOMPARE(decomposition->selectedHead(), 1);
        QCOMPARE(changed.count(), 2);
    }

    // A click on a head in the attention grid enlarges it and makes it the Decomposition's head.
    void headClickedInGridIsTheDecompositionsHead()
    {
        testing::WindowFixture f(QSize(1600, 1000));
        QVERIFY(QTest::qWaitForWindowExposed(&f.window));
        QVERIFY(f.session()->waitForIdle());
        f.window.showView("attention");
        auto* attention = static_cast<widgets::AttentionView*>(f.window.view("attention"));
        QVERIFY(!attention->isEnlarged());
        QCoreApplication::processEvents();
        const QRectF map = attention->mapPixelRect(widgets::AttentionView::PanelA, 0, 2);
        QVERIFY(!map.isEmpty());
        QTest::mouseClick(attention->plot(), Qt::LeftButton, Qt::NoModifier, map.center().toPoint());
        QVERIFY(attention->isEnlarged());
        QCOMPARE(attention->selectedLayer(), 0);
        QCOMPARE(attention->selectedHead(), 2);
        QCOMPARE(f.session()->selection().head, 2);
        QVERIFY(f.session()->selection().singleHead);
        f.window.showView("decomposition");
        auto* decomposition = static_cast<widgets::DecompositionView*>(f.window.view("decomposition"));
        QCOMPARE(decomposition->selectedHead(), 2);
        QVERIFY2(decomposition->selectionCaption().contains(QLatin1String("3")), qPrintable(decomposition->selectionCaption()));
    }

    // A lesson step selects by fields, without reaching into view classes.
    void lessonStepSetsTheSelection()
    {
        const QByteArray json = R"({"title": {"zh": "选择", "en": "Selection"}, "steps": [
            {"title": {"zh": "一个头", "en": "One head"}, "text": {"zh": "看这个头。", "en": "Look at this head."},
             "sentence_a": "猫追老鼠", "sentence_b": "老鼠追猫", "model": "builtin:sinusoidal", "view": "attention",
             "layer": 1, "head": 2, "single_head": true},
            {"title": {"zh": "主成分", "en": "Components"}, "text": {"zh": "第二和第三主成分。", "en": "PC2 and PC3."},
             "sentence_a": "猫追老鼠", "sentence_b": "", "model": "builtin:sinusoidal", "view": "pca", "pca_axes": [2, 3]},
            {"title": {"zh": "一层", "en": "One layer"}, "text": {"zh": "只看第二层。", "en": "Only layer 2."},
             "sentence_a": "猫追老鼠", "sentence_b": "老鼠追猫", "model": "builtin:sinusoidal", "view": "attention",
             "grid_layer": 1}]})";
        const app::Lesson lesson = app::parseLesson(json, "selection.json");
        testing::WindowFixture f(testing::kWindowSize);
        f.window.startLesson(lesson);
        QVERIFY(f.session()->waitForIdle());
        auto* attention = static_cast<widgets::AttentionView*>(f.window.view("attention"));
        QVERIFY(f.session()->selection() == lesson.steps[0].selection());
        QVERIFY(attention->isEnlarged());
        QCOMPARE(attention->selectedLayer(), 1);
        QCOMPARE(attention->selectedHead(), 2);
        f.window.goToLessonStep(1);
        QVERIFY(f.session()->waitForIdle());
        QCOMPARE(f.window.currentView()->key(), QStringLiteral("pca"));
        QCOMPARE(f.window.currentView()->selectionCaption(), QStringLiteral("PC2 / PC3"));
        f.window.goToLessonStep(2);
        QVERIFY(f.session()->waitForIdle());
        QVERIFY(!attention->isEnlarged());
        QCOMPARE(attention->layerFilter(), 1);
    }

    // Only a token picked for the Vectors view is one of B's; every other step starts from A.
    void lessonStepsStartFromA()
    {
        app::LessonStep step;
        step.sentenceA = QStringLiteral("猫追老鼠");
        step.sentenceB = QStringLiteral("老鼠追猫");
        step.view = QStringLiteral("decomposition");
        QCOMPARE(step.selection().sentence, 0);
        step.view = QStringLiteral("vectors");
        QCOMPARE(step.selection().sentence, 0);  // no token picked
        step.token = 2;
        QCOMPARE(step.selection().sentence, 1);
        step.sentenceB.clear();
        QCOMPARE(step.selection().sentence, 0);
    }

    // A snapshot handed over (export --view window) is shown as it is, even when a job was running:
    // that job's result is dropped and no model work follows.
    void handedOverSnapshotIsKept()
    {
        app::MainWindow window(nullptr, false);
        QVERIFY(window.session()->waitForIdle());
        const auto model = window.session()->model();
        app::SessionState state = window.session()->state();
        state.sentenceA = QStringLiteral("狗追猫");
        state.compare = false;
        SnapshotRequest request;
        request.sentenceA = state.sentenceA.toStdString();
        request.compare = false;
        const SnapshotPtr snapshot = analyse(*model, positionFacts(*model), request).snapshot;
        QVERIFY(snapshot);
        window.session()->setSentenceA(QStringLiteral("老鼠追猫了"));  // a job is running now
        QVERIFY(window.session()->isBusy());
        window.session()->showSnapshot(model, state, snapshot);
        QVERIFY(window.session()->waitForIdle(30000, false));
        QCOMPARE(window.session()->current(), snapshot);
        QCOMPARE(window.session()->state().sentenceA, QStringLiteral("狗追猫"));
        QVERIFY(!window.session()->isBusy());
    }

    // No display, no platform set: --help and --version still answer (they used to abort on xcb).
    void helpAndVersionNeedNoDisplay_data()
    {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--help") << "--help" << "analyse";
        QTest::newRow("-h") << "-h" << "export";
        QTest::newRow("--version") << "--version" << ORDERLENS_VERSION;
    }

    void helpAndVersionNeedNoDisplay()
    {
        QFETCH(QString, flag);
        QFETCH(QString, expected);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("QT_QPA_PLATFORM");
        p.setProcessEnvironment(env);
        p.start(ORDERLENS_BINARY, {flag});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains(expected), qPrintable(out));
        if (flag != QLatin1String("--version"))
            for (const char* sub : {"trace", "analyse", "export", "train", "eval", "bench", "tokenize"})
                QVERIFY2(out.contains(QLatin1String(sub)), sub);
    }
};

QTEST_MAIN(TestSelection)
#include "test_selection.moc"
