// Playing a lesson in the window: each step sets sentences, model and view; ← / → step;
// the lesson text follows the interface language; presentation mode shows only view and text.
#include "language.h"
#include "main_window.h"
#include "pca_view.h"
#include "view.h"

#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QtTest>

using orderlens::app::MainWindow;

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
    MainWindow window(nullptr, false);
    const auto lesson = orderlens::app::builtinLesson();
    window.startLesson(lesson);
    for (int i = 0; i < lesson.steps.size(); ++i) {
        window.goToLessonStep(i);
        QVERIFY(window.session()->waitForIdle());
        const auto& step = lesson.steps[i];
        QCOMPARE(window.lessonStep(), i);
        QCOMPARE(window.session()->state().sentenceA, step.sentenceA);
        QCOMPARE(window.session()->state().sentenceB, step.sentenceB);
        QCOMPARE(window.session()->state().compare, !step.sentenceB.isEmpty());
        QCOMPARE(window.session()->state().modelSpec, step.model);
        QVERIFY(window.currentView());
        QCOMPARE(window.currentView()->key(), step.view);
        QCOMPARE(window.sentenceEditA()->text(), step.sentenceA);
        if (step.view == "pca") {
            const auto* pca = static_cast<const orderlens::widgets::PcaView*>(window.currentView());
            QCOMPARE(pca->selectionCaption(), QStringLiteral("PC%1 / PC%2").arg(step.pcaFirst).arg(step.pcaSecond));
        }
    }
    window.goToLessonStep(lesson.steps.size());  // past the end: stays on the last step
    QCOMPARE(window.lessonStep(), static_cast<int>(lesson.steps.size()) - 1);
}

void TestLessonPlayer::arrowKeysStepThrough()
{
    MainWindow window(nullptr, false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.startLesson(orderlens::app::builtinLesson());
    window.currentView()->setFocus();
    QTest::keyClick(&window, Qt::Key_Right);
    QCOMPARE(window.lessonStep(), 1);
    QTest::keyClick(&window, Qt::Key_Right);
    QCOMPARE(window.lessonStep(), 2);
    QTest::keyClick(&window, Qt::Key_Left);
    QCOMPARE(window.lessonStep(), 1);
    QVERIFY(window.session()->waitForIdle());
}

void TestLessonPlayer::lessonTextFollowsLanguage()
{
    const auto lesson = orderlens::app::builtinLesson();
    orderlens::app::setChosenLanguage("zh_CN");
    {
        MainWindow window(nullptr, false);
        window.startLesson(lesson);
        QVERIFY(window.lessonText().contains(lesson.steps[0].text.zh));
        QVERIFY(window.explanationText().contains(lesson.steps[0].text.zh));
        QVERIFY(window.session()->waitForIdle());
    }
    orderlens::app::setChosenLanguage("en");
    {
        MainWindow window(nullptr, false);
        window.startLesson(lesson);
        QVERIFY(window.lessonText().contains(lesson.steps[0].text.en));
        QVERIFY(!window.lessonText().contains(lesson.steps[0].text.zh));
        QVERIFY(window.session()->waitForIdle());
    }
    orderlens::app::setChosenLanguage(QString());
}

void TestLessonPlayer::presentationModeShowsOnlyViewAndText()
{
    MainWindow window(nullptr, false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const double normalSize = QApplication::font().pointSizeF();
    window.setPresentationMode(true);
    QVERIFY(window.isPresenting());
    QVERIFY(!window.sentenceEditA()->isVisible());
    QVERIFY(!window.menuBar()->isVisible());
    QVERIFY(window.currentView()->isVisible());
    QVERIFY(QApplication::font().pointSizeF() > normalSize * 1.5);
    window.setPresentationMode(false);
    QVERIFY(window.sentenceEditA()->isVisible());
    QCOMPARE(QApplication::font().pointSizeF(), normalSize);
    QVERIFY(window.session()->waitForIdle());
}

QTEST_MAIN(TestLessonPlayer)
#include "test_lesson_player.moc"
