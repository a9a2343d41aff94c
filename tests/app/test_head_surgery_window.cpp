// Head surgery in the window: switching heads off is part of the selection, every view's data
// follows (traces of the model with those heads off, roles included), pictures say so in their
// caption, the Heads menu does it, and sessions keep it.
#include "lesson.h"
#include "session.h"
#include "window_fixture.h"

#include <QAction>
#include <QMenuBar>
#include <QtTest>

using namespace orderlens;

class TestHeadSurgeryWindow : public QObject {
    Q_OBJECT
private slots:
    void surgeryFollowsInEveryView();
    void theHeadsMenuSwitchesHeads();
    void sessionsKeepTheSurgery();
    void lessonStepsSetTheSurgery();
};

void TestHeadSurgeryWindow::surgeryFollowsInEveryView()
{
    testing::WindowFixture f;
    QVERIFY(f.load("builtin:learned"));
    const SnapshotPtr intact = f.session()->current();
    QVERIFY(intact && intact->surgery.empty());

    widgets::Selection sel = f.session()->selection();
    sel.surgery.method = AblationMethod::Uniform;
    sel.surgery.heads = {{0, 1}, {0, 2}};
    f.session()->setSelection(sel);
    QVERIFY(f.session()->waitForIdle());
    const SnapshotPtr cut = f.session()->current();
    QVERIFY(cut != intact);
    QVERIFY(cut->surgery == sel.surgery);
    QVERIFY(cut->a.trace->surgery == sel.surgery);
    const Matrix& a = cut->a.trace->layers[0].attention[1];
    QVERIFY((a.array() - 1.0f / float(a.cols())).abs().maxCoeff() < 1e-6f);
    // Everything after the heads is the model's with them off: layer outputs and role predictions.
    QVERIFY((cut->a.trace->layers[0].output - intact->a.trace->layers[0].output).cwiseAbs().maxCoeff() > 1e-3f);
    QVERIFY((cut->a.trace->roleProbabilities - intact->a.trace->roleProbabilities).cwiseAbs().maxCoeff() > 0.0f);
    // Counted from 1 in the caption, as the pictures count.
    QVERIFY2(f.showView("attention")->caption().contains("layer 1 head 2, layer 1 head 3"),
             qPrintable(f.showView("attention")->caption()));

    // Mean ablation: the window's corpus gives the means.
    sel.surgery.method = AblationMethod::Mean;
    f.session()->setSelection(sel);
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(f.session()->current()->surgery.method == AblationMethod::Mean);
    QVERIFY((f.session()->current()->a.trace->layers[0].attention[1] - intact->a.trace->layers[0].attention[1])
                .cwiseAbs()
                .maxCoeff() == 0.0f);  // mean ablation keeps the attention, replaces the output

    sel.surgery.heads.clear();
    f.session()->setSelection(sel);
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(f.session()->current()->surgery.empty());
    QVERIFY(!f.showView("attention")->caption().contains("heads off"));
}

void TestHeadSurgeryWindow::theHeadsMenuSwitchesHeads()
{
    testing::WindowFixture f;
    QVERIFY(f.load("builtin:learned"));
    auto action = [&](const QString& text) -> QAction* {
        for (QAction* a : f.window.menuBar()->findChildren<QAction*>())
            if (a->text().remove('&').contains(text))
                return a;
        return nullptr;
    };
    std::vector<HeadId> expected;  // sentence A's positional heads in the picture on screen
    for (const HeadRole& r : f.session()->current()->a.headRoles)
        if (r.kind == HeadKind::Positional)
            expected.push_back({r.layer, r.head});
    QVERIFY(!expected.empty());
    QAction* positional = action("Switch off every positional head");
    QVERIFY(positional);
    positional->trigger();
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(f.session()->selection().surgery.heads == expected);
    QVERIFY(!f.session()->current()->surgery.empty());
    QAction* restore = action("Switch every head back on");
    QVERIFY(restore && restore->isEnabled());
    restore->trigger();
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(f.session()->current()->surgery.empty());
    QVERIFY(!restore->isEnabled());
    QAction* toggle = action("Switch the enlarged head off");
    QVERIFY(toggle);
    toggle->trigger();
    QVERIFY(f.session()->waitForIdle());
    const HeadSurgery one = f.session()->current()->surgery;
    QCOMPARE(one.heads.size(), size_t(1));
    toggle->trigger();
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(f.session()->current()->surgery.empty());
}

void TestHeadSurgeryWindow::sessionsKeepTheSurgery()
{
    app::SessionState state;
    state.sentenceA = "猫追老鼠";
    state.selection.surgery.method = AblationMethod::Mean;
    state.selection.surgery.heads = {{0, 3}, {1, 0}};
    app::SessionState back;
    QString error;
    QVERIFY2(app::sessionFromJson(app::sessionToJson(state), &back, &error), qPrintable(error));
    QVERIFY(back.selection.surgery == state.selection.surgery);
    // A malformed surgery is refused with the field named.
    QByteArray json = app::sessionToJson(state);
    json.replace("\"L0H3\"", "\"L0X3\"");
    QVERIFY(!app::sessionFromJson(json, &back, &error));
    QVERIFY2(error.contains("surgery"), qPrintable(error));
}

void TestHeadSurgeryWindow::lessonStepsSetTheSurgery()
{
    const QByteArray lesson = R"({"title": {"en": "t", "zh": "t"}, "steps": [
        {"title": {"en": "a", "zh": "a"}, "text": {"en": "a", "zh": "a"}, "sentence_a": "猫追老鼠",
         "model": "builtin:learned", "view": "attention", "surgery": {"method": "uniform", "heads": ["L0H1", "L1H3"]}},
        {"title": {"en": "b", "zh": "b"}, "text": {"en": "b", "zh": "b"}, "sentence_a": "猫追老鼠",
         "model": "builtin:learned", "view": "attention"}]})";
    const app::Lesson parsed = app::parseLesson(lesson, "surgery.json");
    const HeadSurgery s = parsed.steps[0].selection().surgery;
    QVERIFY(s.method == AblationMethod::Uniform);
    QCOMPARE(s.heads.size(), size_t(2));
    QVERIFY(s.contains(0, 1) && s.contains(1, 3));
    QByteArray layer = lesson;
    layer.replace("\"L1H3\"", "\"L1\"");  // a whole layer has no size before a model is open
    QVERIFY_THROWS_EXCEPTION(app::LessonError, app::parseLesson(layer, "surgery.json"));
    QVERIFY(parsed.steps[1].selection().surgery.empty());  // the next step switches them back on
    QByteArray bad = lesson;
    bad.replace("\"L0H1\"", "\"head one\"");
    try {
        app::parseLesson(bad, "surgery.json");
        QFAIL("a bad surgery was accepted");
    } catch (const app::LessonError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains("surgery"), e.what());
    }
}

QTEST_MAIN(TestHeadSurgeryWindow)
#include "test_head_surgery_window.moc"
