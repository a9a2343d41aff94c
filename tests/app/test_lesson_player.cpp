// Playing a lesson in the window: each step sets sentences, model and view; ← / → step;
// the lesson text follows the interface language; presentation mode shows only view and text.
#include "language.h"
#include "pca_view.h"
#include "view.h"
#include "window_fixture.h"

#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QtTest>

using orderlens::testing::WindowFixture;

class TestLessonPlayer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void stepsApplyTheirState();
    void arrowKeysStepThrough();
    void lessonTextFollowsLanguage();
    void presentationModeShowsOnlyViewAndText();
};

void TestLessonPlayer::initTestCase()
{
    QCoreApplication::setOrganizationName("OrderLensTest");
    QCoreApplication::setApplicationName("test_lesson_player");
    QSettings().clear();
}

void TestLessonPlayer::stepsApplyTheirState()
{
    WindowFixture f(orderlens::testing::kOwnSize, false);
    const auto lesson = orderlens::app::builtinLesson();
    f.window.startLesson(lesson);
    for (int i = 0; i < lesson.steps.size(); ++i) {
        f.window.goToLessonStep(i);
        QVERIFY(f.session()->waitForIdle());
        const auto& step = lesson.steps[i];
        QCOMPARE(f.window.lessonStep(), i);
        QCOMPARE(f.session()->state().sentenceA, step.sentenceA);
        QCOMPARE(f.session()->state().sentenceB, step.sentenceB);
        QCOMPARE(f.session()->state().compare, !step.sentenceB.isEmpty());
        QCOMPARE(f.session()->state().modelSpec, step.model);
        QVERIFY(f.window.currentView());
        QCOMPARE(f.window.currentView()->key(), step.view);
        QCOMPARE(f.window.sentenceEditA()->text(), step.sentenceA);
        if (step.view == "pca") {
            const auto* pca = static_cast<const orderlens::widgets::PcaView*>(f.window.currentView());
            QCOMPARE(pca->selectionCaption(), QStringLiteral("PC%1 / PC%2").arg(step.pcaFirst).arg(step.pcaSecond));
        }
    }
    f.window.goToLessonStep(lesson.steps.size());  // past the end: stays on the last step
    QCOMPARE(f.window.lessonStep(), static_cast<int>(lesson.steps.size()) - 1);
}

void TestLessonPlayer::arrowKeysStepThrough()
{
    WindowFixture f(orderlens::testing::kOwnSize);
    QVERIFY(QTest::qWaitForWindowExposed(&f.window));
    f.window.startLesson(orderlens::app::builtinLesson());
    f.window.currentView()->setFocus();
    QTest::keyClick(&f.window, Qt::Key_Right);
    QCOMPARE(f.window.lessonStep(), 1);
    QTest::keyClick(&f.window, Qt::Key_Right);
    QCOMPARE(f.window.lessonStep(), 2);
    QTest::keyClick(&f.window, Qt::Key_Left);
    QCOMPARE(f.window.lessonStep(), 1);
    QVERIFY(f.session()->waitForIdle());
}

void TestLessonPlayer::lessonTextFollowsLanguage()
{
    const auto lesson = orderlens::app::builtinLesson();
    orderlens::app::setChosenLanguage("zh_CN");
    {
        WindowFixture f(orderlens::testing::kOwnSize, false);
        f.window.startLesson(lesson);
        QVERIFY(f.window.lessonText().contains(lesson.steps[0].text.zh));
        QVERIFY(f.window.explanationText().contains(lesson.steps[0].text.zh));
        QVERIFY(f.session()->waitForIdle());
    }
    orderlens::app::setChosenLanguage("en");
    {
        WindowFixture f(orderlens::testing::kOwnSize, false);
        f.window.startLesson(lesson);
        QVERIFY(f.window.lessonText().contains(lesson.steps[0].text.en));
        QVERIFY(!f.window.lessonText().contains(lesson.steps[0].text.zh));
        QVERIFY(f.session()->waitForIdle());
    }
    orderlens::app::setChosenLanguage(QString());
}

void TestLessonPlayer::presentationModeShowsOnlyViewAndText()
{
    WindowFixture f(orderlens::testing::kOwnSize);
    QVERIFY(QTest::qWaitForWindowExposed(&f.window));
    const double normalSize = QApplication::font().pointSizeF();
    f.window.setPresentationMode(true);
    QVERIFY(f.window.isPresenting());
    QVERIFY(!f.window.sentenceEditA()->isVisible());
    QVERIFY(!f.window.menuBar()->isVisible());
    QVERIFY(f.window.currentView()->isVisible());
    QVERIFY(QApplication::font().pointSizeF() > normalSize * 1.5);
    f.window.setPresentationMode(false);
    QVERIFY(f.window.sentenceEditA()->isVisible());
    QCOMPARE(QApplication::font().pointSizeF(), normalSize);
    QVERIFY(f.session()->waitForIdle());
}

QTEST_MAIN(TestLessonPlayer)
#include "test_lesson_player.moc"
