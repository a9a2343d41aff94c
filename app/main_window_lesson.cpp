// MainWindow: guided lessons (step with ← / →), presentation mode (F11) and the language menu.
#include "language.h"
#include "lesson.h"
#include "main_window.h"
#include "view.h"

#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTextBrowser>

namespace orderlens::app {

void MainWindow::addLessonMenu()
{
    // Models beyond the chooser: a HuggingFace BERT folder or a file from `orderlens train`.
    QMenu* models = menuBar()->addMenu(tr("&Model"));
    QAction* folder = models->addAction(tr("Open a HuggingFace model &folder…"));
    connect(folder, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getExistingDirectory(
            this, tr("Open a model folder (config.json, vocab.txt, model.safetensors)"));
        if (!path.isEmpty())
            session_->setModelSpec(path);
    });
    QAction* file = models->addAction(tr("Open a model &file…"));
    connect(file, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a model file"), QString(),
                                                          tr("OrderLens models (*.safetensors);;All files (*)"));
        if (!path.isEmpty())
            session_->setModelSpec(path);
    });

    QMenu* menu = menuBar()->addMenu(tr("&Lesson"));
    QAction* builtin = menu->addAction(tr("&Start the lesson “Adding position to meaning”"));
    connect(builtin, &QAction::triggered, this, [this] {
        try {
            startLesson(builtinLesson());
        } catch (const LessonError& e) {
            QMessageBox::warning(this, tr("Lesson not opened"), e.message());
        }
    });
    QAction* open = menu->addAction(tr("&Open a lesson file…"));
    connect(open, &QAction::triggered, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open lesson"), QString(), tr("Lessons (*.json);;All files (*)"));
        if (path.isEmpty())
            return;
        try {
            startLesson(loadLesson(path));
        } catch (const LessonError& e) {
            QMessageBox::warning(this, tr("Lesson not opened"), e.message());
        }
    });
    menu->addSeparator();
    lessonPrevious_ = menu->addAction(tr("&Previous step"));
    lessonPrevious_->setShortcuts({QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
    connect(lessonPrevious_, &QAction::triggered, this, [this] { goToLessonStep(lessonStep_ - 1); });
    lessonNext_ = menu->addAction(tr("&Next step"));
    lessonNext_->setShortcuts({QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_PageDown)});
    connect(lessonNext_, &QAction::triggered, this, [this] { goToLessonStep(lessonStep_ + 1); });
    QAction* stop = menu->addAction(tr("S&top the lesson"));
    connect(stop, &QAction::triggered, this, [this] {
        lesson_ = Lesson{};
        lessonStep_ = -1;
        updateLessonActions();
        updateExplanation();
    });
    updateLessonActions();

    QMenu* viewMenu = nullptr;
    for (QAction* a : menuBar()->actions())
        if (a->menu() && a->text() == tr("&View"))
            viewMenu = a->menu();
    if (!viewMenu)
        viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addSeparator();
    presentationAction_ = viewMenu->addAction(tr("&Presentation mode"));
    presentationAction_->setCheckable(true);
    presentationAction_->setShortcut(QKeySequence(Qt::Key_F11));
    // Reachable while the menu bar is hidden in presentation mode.
    addAction(presentationAction_);
    addAction(lessonPrevious_);
    addAction(lessonNext_);
    connect(presentationAction_, &QAction::toggled, this, &MainWindow::setPresentationMode);
    auto* leave = new QAction(this);
    leave->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(leave, &QAction::triggered, this, [this] {
        if (presentationAction_->isChecked())
            presentationAction_->setChecked(false);
    });
    addAction(leave);

    QMenu* language = menuBar()->addMenu(tr("Lan&guage"));
    auto* group = new QActionGroup(language);
    const QString current = chosenLanguage();
    const struct {
        QString code;
        QString label;
    } choices[] = {{QString(), tr("Follow the system")}, {QStringLiteral("zh_CN"), QStringLiteral("中文")},
                   {QStringLiteral("en"), QStringLiteral("English")}};
    for (const auto& c : choices) {
        QAction* a = language->addAction(c.label);
        a->setCheckable(true);
        a->setChecked(current == c.code);
        group->addAction(a);
        const QString code = c.code;
        connect(a, &QAction::triggered, this, [this, code] {
            setChosenLanguage(code);
            emit languageChangeRequested();
        });
    }
}

void MainWindow::startLesson(const Lesson& lesson)
{
    lesson_ = lesson;
    lessonStep_ = -1;
    goToLessonStep(0);
}

void MainWindow::goToLessonStep(int index)
{
    if (lesson_.steps.isEmpty() || index < 0 || index >= lesson_.steps.size())
        return;
    lessonStep_ = index;
    const LessonStep& step = lesson_.steps[index];
    SessionState state = session_->state();
    state.sentenceA = step.sentenceA;
    state.sentenceB = step.sentenceB;
    state.compare = !step.sentenceB.isEmpty();
    state.modelSpec = step.model;
    state.selection = step.selection();
    session_->setState(state);
    updateLessonActions();
    updateExplanation();
}

int MainWindow::lessonStep() const { return lessonStep_; }

QString MainWindow::lessonText() const
{
    if (lessonStep_ < 0 || lessonStep_ >= lesson_.steps.size())
        return {};
    const QString language = currentLanguage();
    const LessonStep& step = lesson_.steps[lessonStep_];
    return tr("%1 — step %2 of %3: %4")
               .arg(lesson_.title.in(language))
               .arg(lessonStep_ + 1)
               .arg(lesson_.steps.size())
               .arg(step.title.in(language)) +
           QStringLiteral("\n\n") + step.text.in(language) + QStringLiteral("\n\n") +
           tr("← previous step · → next step");
}

void MainWindow::updateLessonActions()
{
    const bool active = lessonStep_ >= 0;
    lessonPrevious_->setEnabled(active && lessonStep_ > 0);
    lessonNext_->setEnabled(active && lessonStep_ + 1 < lesson_.steps.size());
}

void MainWindow::setPresentationMode(bool on)
{
    if (on == presenting_)
        return;
    presenting_ = on;
    // Only the current view and the lesson text: inputs, strips, tabs and bars step aside;
    // text and lines grow for the back row; the palette turns high-contrast.
    inputPanel_->setVisible(!on);
    tabs_->tabBar()->setVisible(!on);
    menuBar()->setVisible(!on);
    statusBar()->setVisible(!on);
    if (on) {
        normalFont_ = QApplication::font();
        normalPalette_ = QApplication::palette();
        QFont big = normalFont_;
        big.setPointSizeF(normalFont_.pointSizeF() * 1.7);
        QApplication::setFont(big);
        QPalette contrast;
        contrast.setColor(QPalette::Window, Qt::white);
        contrast.setColor(QPalette::Base, Qt::white);
        contrast.setColor(QPalette::WindowText, Qt::black);
        contrast.setColor(QPalette::Text, Qt::black);
        contrast.setColor(QPalette::ButtonText, Qt::black);
        QApplication::setPalette(contrast);
        showFullScreen();
    } else {
        QApplication::setFont(normalFont_);
        QApplication::setPalette(normalPalette_);
        showNormal();
    }
    if (presentationAction_->isChecked() != on)
        presentationAction_->setChecked(on);
}

}  // namespace orderlens::app
