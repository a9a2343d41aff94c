// Playing a lesson in the window: each step sets sentences, model and view; ← / → step;
// the lesson text follows the interface language; presentation mode shows only view and text.
#include "language.h"
#include "pca_view.h"
#include "view.h"
#include "window_fixture.h"

#include <QDockWidget>
#include <QLineEdit>
#include <QScreen>
#include <QTabBar>
#include <QTextBrowser>
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
    void arrowKeysStepFromTheSentenceField();
    void stopIsOnlyOfferedDuringALesson();
    void presentationShowsTheLessonLargeBesideThePicture();
    void textSizeKeysWorkInBothModes();
    void leavingPresentationRestoresTheLayout();
    void lessonSurvivesALanguageSwitch();
    void windowFitsItsScreen();
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
    QVERIFY(QApplication::font().pointSizeF() >= normalSize * 1.2 - 0.01);  // x1.7 at 1080 lines, x1.2 at 768
    f.window.setPresentationMode(false);
    QVERIFY(f.window.sentenceEditA()->isVisible());
    QCOMPARE(QApplication::font().pointSizeF(), normalSize);
    QVERIFY(f.session()->waitForIdle());
}

void TestLessonPlayer::arrowKeysStepFromTheSentenceField()
{
    WindowFixture f(orderlens::testing::kOwnSize);
    QVERIFY(QTest::qWaitForWindowExposed(&f.window));
    QLineEdit* edit = f.window.sentenceEditA();
    // Without a lesson the arrows are the field's own: they move its cursor.
    edit->setFocus();
    edit->setCursorPosition(0);
    QTest::keyClick(edit, Qt::Key_Right);
    QCOMPARE(edit->cursorPosition(), 1);
    QCOMPARE(f.window.lessonStep(), -1);
    // With one, they step it wherever the focus is (the app starts with it in this field).
    f.window.startLesson(orderlens::app::builtinLesson());
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_Right);
    QCOMPARE(f.window.lessonStep(), 1);
    QTest::keyClick(edit, Qt::Key_PageDown);  // a presenter's clicker
    QCOMPARE(f.window.lessonStep(), 2);
    QTest::keyClick(f.window.sentenceEditB(), Qt::Key_PageUp);
    QCOMPARE(f.window.lessonStep(), 1);
    QTest::keyClick(edit, Qt::Key_Left);
    QCOMPARE(f.window.lessonStep(), 0);
    QVERIFY(f.session()->waitForIdle());
}

namespace {
QAction* actionNamed(QWidget* window, const QString& text)
{
    for (QAction* a : window->findChildren<QAction*>())
        if (a->text() == text)
            return a;
    return nullptr;
}
}  // namespace

void TestLessonPlayer::stopIsOnlyOfferedDuringALesson()
{
    WindowFixture f(orderlens::testing::kOwnSize, false);
    QAction* stop = actionNamed(&f.window, QStringLiteral("S&top the lesson"));
    QVERIFY(stop);
    QVERIFY(!stop->isEnabled());
    f.window.startLesson(orderlens::app::builtinLesson());
    QVERIFY(stop->isEnabled());
    stop->trigger();
    QCOMPARE(f.window.lessonStep(), -1);
    QVERIFY(!stop->isEnabled());
    // The menu names the lesson by the title its steps show.
    const auto lesson = orderlens::app::builtinLesson();
    QVERIFY(actionNamed(&f.window, QStringLiteral("&Start the lesson “%1”").arg(lesson.title.en)));
    QVERIFY(f.session()->waitForIdle());
}

void TestLessonPlayer::presentationShowsTheLessonLargeBesideThePicture()
{
    WindowFixture f(orderlens::testing::kOwnSize);
    QVERIFY(QTest::qWaitForWindowExposed(&f.window));
    const auto lesson = orderlens::app::builtinLesson();
    f.window.startLesson(lesson);
    f.window.goToLessonStep(2);
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(!f.window.presenterText()->isVisible());
    f.window.setPresentationMode(true);
    QTextBrowser* text = f.window.presenterText();
    QVERIFY(text->isVisible());
    QVERIFY(!f.window.explanationPanel()->isVisible());
    QVERIFY(text->toPlainText().contains(lesson.steps[2].text.en));
    QVERIFY(text->toPlainText().contains(QStringLiteral("Step 3 of %1").arg(lesson.steps.size())));
    // The step alone: the view's own explanation is not repeated under it.
    QVERIFY(!text->toPlainText().contains(f.window.currentView()->explanation().left(40)));
    // Large enough for the back row: 28 px at 1080 lines, in proportion on this screen.
    const int lines = f.window.screen()->geometry().height();
    QVERIFY2(text->font().pixelSize() >= std::max(18.0, 28.0 * lines / 1080.0) - 0.5,
             qPrintable(QString::number(text->font().pixelSize())));
    // The picture and the text share the screen, neither off it.
    const QRect screen = f.window.screen()->geometry();
    const QRect textRect(text->mapToGlobal(QPoint(0, 0)), text->size());
    // The part of the view on screen (its tab scrolls where the picture needs more room).
    const QRect shown = f.window.currentView()->visibleRegion().boundingRect();
    const QRect viewRect(f.window.currentView()->mapToGlobal(shown.topLeft()), shown.size());
    QVERIFY2(screen.contains(textRect), qPrintable(QString("%1,%2 %3x%4 in %5x%6").arg(textRect.x()).arg(textRect.y()).arg(textRect.width()).arg(textRect.height()).arg(screen.width()).arg(screen.height())));
    QVERIFY(screen.contains(viewRect));
    QVERIFY(!textRect.intersects(viewRect));
    QVERIFY(viewRect.width() * viewRect.height() > textRect.width() * textRect.height());
    // Stepping updates it; a view without a lesson shows its explanation instead.
    QTest::keyClick(&f.window, Qt::Key_PageDown);
    QVERIFY(text->toPlainText().contains(lesson.steps[3].text.en));
    f.window.stopLesson();
    QVERIFY(text->toPlainText().contains(f.window.currentView()->explanation().left(40)));
    f.window.setPresentationMode(false);
    QVERIFY(!text->isVisible());
    QVERIFY(f.session()->waitForIdle());
}

void TestLessonPlayer::textSizeKeysWorkInBothModes()
{
    WindowFixture f(orderlens::testing::kOwnSize);
    QVERIFY(QTest::qWaitForWindowExposed(&f.window));
    auto* panel = f.window.explanationPanel()->widget();
    const double normal = panel->font().pointSizeF();
    QTest::keyClick(&f.window, Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(f.window.textScale() > 1.1);
    QVERIFY(panel->font().pointSizeF() > normal * 1.1);
    f.window.setPresentationMode(true);
    const int presenting = f.window.presenterText()->font().pixelSize();
    QTest::keyClick(&f.window, Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(f.window.presenterText()->font().pixelSize() > presenting);
    QTest::keyClick(&f.window, Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(&f.window, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(f.window.presenterText()->font().pixelSize() < presenting);
    QTest::keyClick(&f.window, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(f.window.textScale(), 1.0);
    f.window.setPresentationMode(false);
    QCOMPARE(panel->font().pointSizeF(), normal);
    for (int i = 0; i < 40; ++i)
        f.window.setTextScale(f.window.textScale() * 1.15);
    QCOMPARE(f.window.textScale(), orderlens::app::kMaxTextScale);
    QVERIFY(f.session()->waitForIdle());
}

void TestLessonPlayer::leavingPresentationRestoresTheLayout()
{
    for (const bool panelOpen : {true, false}) {
        WindowFixture f(QSize(1000, 700));
        QVERIFY(QTest::qWaitForWindowExposed(&f.window));
        f.window.explanationPanel()->setVisible(panelOpen);
        QCoreApplication::processEvents();
        f.window.setPresentationMode(true);
        QVERIFY(f.window.isFullScreen() || f.window.windowState().testFlag(Qt::WindowFullScreen));
        f.window.setPresentationMode(false);
        QCoreApplication::processEvents();
        QVERIFY2(!f.window.windowState().testFlag(Qt::WindowFullScreen), qPrintable(QString::number(int(f.window.windowState()))));
        QCOMPARE(f.window.explanationPanel()->isVisible(), panelOpen);
        QVERIFY(f.window.sentenceEditA()->isVisible());
        QVERIFY(f.window.menuBar()->isVisible());
        QVERIFY(f.window.findChild<QTabBar*>()->isVisible());
        QVERIFY(f.session()->waitForIdle());
    }
}

void TestLessonPlayer::lessonSurvivesALanguageSwitch()
{
    const auto lesson = orderlens::app::builtinLesson();
    int pcaStep = -1;
    for (int i = 0; i < lesson.steps.size(); ++i)
        if (lesson.steps[i].view == "pca" && lesson.steps[i].pcaFirst > 0)
            pcaStep = i;
    QVERIFY(pcaStep >= 0);
    orderlens::app::setChosenLanguage("en");
    auto before = std::make_unique<WindowFixture>(orderlens::testing::kOwnSize, false);
    before->window.startLesson(lesson);
    before->window.goToLessonStep(pcaStep);
    before->window.setTextScale(1.3);
    QVERIFY(before->session()->waitForIdle());
    orderlens::app::setChosenLanguage("zh_CN");  // as the Language menu does before the rebuild
    WindowFixture after(orderlens::testing::kOwnSize, false);
    after.window.continueFrom(before->window);
    before.reset();
    QVERIFY(after.session()->waitForIdle());
    QCOMPARE(after.window.lessonStep(), pcaStep);
    QVERIFY(after.window.lessonText().contains(lesson.steps[pcaStep].text.zh));
    QCOMPARE(after.window.textScale(), 1.3);
    QCOMPARE(after.window.currentView()->key(), QStringLiteral("pca"));
    const auto* pca = static_cast<const orderlens::widgets::PcaView*>(after.window.currentView());
    QCOMPARE(pca->selectionCaption(), QStringLiteral("PC%1 / PC%2").arg(lesson.steps[pcaStep].pcaFirst).arg(lesson.steps[pcaStep].pcaSecond));
    QTest::keyClick(&after.window, Qt::Key_PageDown);
    QCOMPARE(after.window.lessonStep(), std::min(pcaStep + 1, static_cast<int>(lesson.steps.size()) - 1));
    QVERIFY(after.session()->waitForIdle());
    orderlens::app::setChosenLanguage(QString());
}

void TestLessonPlayer::windowFitsItsScreen()
{
    using orderlens::app::fittedWindowSize;
    QCOMPARE(fittedWindowSize(QSize(1920, 1040)), QSize(1400, 900));
    for (const QSize screen : {QSize(1024, 768), QSize(1280, 720), QSize(800, 600)}) {
        const QSize fitted = fittedWindowSize(screen);
        QVERIFY(fitted.width() <= screen.width() && fitted.height() <= screen.height());
        QVERIFY(fitted.width() >= screen.width() * 8 / 10 && fitted.height() >= screen.height() * 8 / 10);
    }
    // The window itself, on this (800 x 800 offscreen) screen.
    WindowFixture f(orderlens::testing::kOwnSize, false);
    const QRect available = f.window.screen()->availableGeometry();
    QVERIFY(f.window.width() <= available.width() && f.window.height() <= available.height());
    // Shown at the size of a 1024 x 768 projector's window, it keeps that size: no view's
    // minimum pushes it wider (a view scrolls instead), in both modes.
    const QSize projector = fittedWindowSize(QSize(1024, 768));
    WindowFixture g(projector);
    QVERIFY(QTest::qWaitForWindowExposed(&g.window));
    for (const QString& key : {"vectors", "attention", "decomposition", "training"}) {
        g.window.showView(key);
        QCoreApplication::processEvents();
        QVERIFY2(g.window.minimumSizeHint().width() <= projector.width(),
                 qPrintable(key + ": " + QString::number(g.window.minimumSizeHint().width())));
        QCOMPARE(g.window.size(), projector);
    }
    QVERIFY(g.session()->waitForIdle());
}

QTEST_MAIN(TestLessonPlayer)
#include "test_lesson_player.moc"
