// MainWindow: guided lessons (step with ← / →), presentation mode (F11) and the language menu.
#include "language.h"
#include "library_product.h"
#include "lesson.h"
#include "main_window.h"
#include "view.h"

#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QKeyEvent>
#include <QScreen>
#include <QSplitter>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTextBrowser>

#include <algorithm>
#include <cmath>

namespace orderlens::app {

void MainWindow::addLessonMenu()
{
    // Models beyond the chooser: a HuggingFace BERT or decoder folder, or a file from `orderlens train`.
    QMenu* models = menuBar()->addMenu(tr("&Model"));
    QAction* folder = models->addAction(tr("Open a HuggingFace model &folder…"));
    connect(folder, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getExistingDirectory(
            this, tr("Open a model folder (config.json, tokenizer files, model.safetensors)"));
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
    models->addSeparator();
    // The inexact fast mode for BF16 decoders (library_product.h): the open decoder is opened
    // again with it, or without it.
    QAction* fast = models->addAction(tr("Fast &BF16 products (inexact)"));
    fast->setObjectName(QStringLiteral("bf16Products"));
    fast->setCheckable(true);
    fast->setChecked(bf16Products());
    fast->setToolTip(tr("Decoders with BF16 weights multiply in BF16, as PyTorch's bfloat16 does: faster, "
                        "but every number differs slightly from the exact float32 one."));
    connect(fast, &QAction::toggled, this, [this](bool on) {
        useBf16Products(on);
        session_->reopenModel();
        statusBar()->showMessage(!on                        ? tr("Decoders now compute exactly in float32")
                                 : bf16ProductsAvailable() ? tr("Decoders now multiply in BF16 (fast, inexact)")
                                                           : tr("This CPU has no BF16 kernels: decoders stay exact"),
                                 8000);
    });

    QMenu* menu = menuBar()->addMenu(tr("&Lesson"));
    // The menu names the lesson by its own title, the one its steps show.
    QString builtinTitle;
    try {
        builtinTitle = builtinLesson().title.in(currentLanguage());
    } catch (const LessonError&) {
    }
    QAction* builtin = menu->addAction(builtinTitle.isEmpty()
                                           ? tr("&Start the built-in lesson")
                                           : tr("&Start the lesson “%1”").arg(QString(builtinTitle).replace('&', "&&")));
    connect(builtin, &QAction::triggered, this, [this] {
        try {
            startLesson(builtinLesson());
        } catch (const LessonError& e) {
            QMessageBox::warning(this, tr("Lesson not opened"), e.message());
        }
    });
    QString decoderTitle;
    try {
        decoderTitle = decoderLesson().title.in(currentLanguage());
    } catch (const LessonError&) {
    }
    decoderLesson_ = menu->addAction(tr("Start the lesson “%1” (open a decoder folder first)")
                                         .arg(QString(decoderTitle).replace('&', "&&")));
    decoderLesson_->setVisible(!decoderTitle.isEmpty());
    connect(decoderLesson_, &QAction::triggered, this, [this] {
        try {
            startLesson(decoderLesson());
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
    // ← / → and PageUp / PageDown also reach the lesson from a sentence field: eventFilter().
    lessonPrevious_ = menu->addAction(tr("&Previous step"));
    lessonPrevious_->setShortcuts({QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
    connect(lessonPrevious_, &QAction::triggered, this, [this] { goToLessonStep(lessonStep_ - 1); });
    lessonNext_ = menu->addAction(tr("&Next step"));
    lessonNext_->setShortcuts({QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_PageDown)});
    connect(lessonNext_, &QAction::triggered, this, [this] { goToLessonStep(lessonStep_ + 1); });
    lessonStop_ = menu->addAction(tr("S&top the lesson"));
    connect(lessonStop_, &QAction::triggered, this, &MainWindow::stopLesson);
    updateLessonActions();

    QMenu* viewMenu = nullptr;
    for (QAction* a : menuBar()->actions())
        if (a->menu() && a->text() == tr("&View"))
            viewMenu = a->menu();
    if (!viewMenu)
        viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addSeparator();
    QAction* panel = explanationDock_->toggleViewAction();
    panel->setText(tr("&Explanation panel"));
    panel->setShortcut(QKeySequence(Qt::Key_F9));
    viewMenu->addAction(panel);
    QAction* larger = viewMenu->addAction(tr("&Larger text"));
    larger->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus)});
    connect(larger, &QAction::triggered, this, [this] { setTextScale(textScale_ * 1.15); });
    QAction* smaller = viewMenu->addAction(tr("S&maller text"));
    smaller->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    connect(smaller, &QAction::triggered, this, [this] { setTextScale(textScale_ / 1.15); });
    QAction* normal = viewMenu->addAction(tr("N&ormal text size"));
    normal->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(normal, &QAction::triggered, this, [this] { setTextScale(1.0); });
    presentationAction_ = viewMenu->addAction(tr("&Presentation mode"));
    presentationAction_->setCheckable(true);
    presentationAction_->setShortcut(QKeySequence(Qt::Key_F11));
    // Reachable while the menu bar is hidden in presentation mode.
    for (QAction* a : {presentationAction_, lessonPrevious_, lessonNext_, larger, smaller, normal})
        addAction(a);
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
    if (needsDecoder(lesson)) {
        // Its steps play on the decoder open now: weights cannot ship with the app.
        const SnapshotPtr data = session_->current();
        if (!data || !data->config.causal) {
            statusBar()->showMessage(tr("This lesson plays on a decoder: open a GPT-2, LLaMA or Qwen folder first "
                                        "(Model → Open a HuggingFace model folder…)."),
                                     15000);
            return;
        }
        lesson_ = withDecoder(lesson, session_->modelSpec());
        lessonStep_ = -1;
        goToLessonStep(0);
        return;
    }
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

void MainWindow::stopLesson()
{
    lesson_ = Lesson{};
    lessonStep_ = -1;
    updateLessonActions();
    updateExplanation();
}

void MainWindow::updateLessonActions()
{
    const bool active = lessonStep_ >= 0;
    lessonPrevious_->setEnabled(active && lessonStep_ > 0);
    lessonNext_->setEnabled(active && lessonStep_ + 1 < lesson_.steps.size());
    lessonStop_->setEnabled(active);
    if (decoderLesson_) {
        const SnapshotPtr data = session_->current();
        decoderLesson_->setEnabled(data && data->config.causal);
    }
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    // Only key presses that reach a widget of this window: a sentence field takes ← / → for its
    // cursor before any shortcut, so a running lesson claims them here. Dialogs, menus and
    // drop-down lists are windows of their own and keep their keys.
    if (event->type() == QEvent::KeyPress && lessonStep_ >= 0) {
        const auto* key = static_cast<const QKeyEvent*>(event);
        const auto* widget = qobject_cast<const QWidget*>(watched);
        if (widget && widget->window() == this && (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
            int step = 0;
            if (key->key() == Qt::Key_Left || key->key() == Qt::Key_PageUp)
                step = -1;
            else if (key->key() == Qt::Key_Right || key->key() == Qt::Key_PageDown)
                step = 1;
            if (step != 0) {
                goToLessonStep(lessonStep_ + step);
                return true;
            }
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::setTextScale(double scale)
{
    scale = std::clamp(scale, kMinTextScale, kMaxTextScale);
    if (std::abs(scale - 1.0) < 0.01)
        scale = 1.0;  // back to exactly normal after a few steps up and down
    if (scale == textScale_)
        return;
    textScale_ = scale;
    applyTextSizes();
}

void MainWindow::applyTextSizes()
{
    QFont panel = explanationFont_;
    panel.setPointSizeF(explanationFont_.pointSizeF() * textScale_);
    explanation_->setFont(panel);
    // Presentation: 28 px at 1080 lines, in proportion elsewhere (20 px on a 1024 x 768 projector),
    // read from the back row; then the teacher's text size on top.
    const int lines = screen() ? screen()->geometry().height() : 1080;
    QFont stage = explanationFont_;
    stage.setPixelSize(std::max(1, static_cast<int>(std::lround(std::max(18.0, 28.0 * lines / 1080.0) * textScale_))));
    presenterText_->setFont(stage);
}

void MainWindow::updatePresenterText()
{
    if (!presenting_)
        return;
    // The lesson step alone (the view's own explanation would repeat it), else the explanation.
    QString html;
    if (lessonStep_ >= 0 && lessonStep_ < lesson_.steps.size()) {
        const QString language = currentLanguage();
        const LessonStep& step = lesson_.steps[lessonStep_];
        html = QStringLiteral("<p style=\"color:#555\">%1</p><h2>%2</h2><p>%3</p><p style=\"color:#777\"><small>%4</small></p>")
                   .arg(tr("Step %1 of %2").arg(lessonStep_ + 1).arg(lesson_.steps.size()).toHtmlEscaped(),
                        step.title.in(language).toHtmlEscaped(),
                        step.text.in(language).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")),
                        tr("← / PageUp previous step · → / PageDown next step · Esc leaves").toHtmlEscaped());
    } else if (const widgets::View* v = currentView()) {
        html = QStringLiteral("<p>%1</p>").arg(v->explanation().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    }
    if (html != presenterHtml_) {
        presenterHtml_ = html;
        presenterText_->setHtml(html);
    }
}

void MainWindow::setPresentationMode(bool on)
{
    if (on == presenting_)
        return;
    presenting_ = on;
    // Only the current view and the lesson text, large, beside the picture (under it on a 4:3
    // projector): inputs, strips, tabs, bars and the side panel step aside; the palette turns
    // high-contrast. Leaving puts the layout back as it was.
    if (on) {
        stateBeforePresenting_ = saveState();
        windowStatesBeforePresenting_ = windowState();
        normalFont_ = QApplication::font();
        normalPalette_ = QApplication::palette();
    }
    inputPanel_->setVisible(!on);
    tabs_->tabBar()->setVisible(!on);
    menuBar()->setVisible(!on);
    statusBar()->setVisible(!on);
    if (on) {
        // Text as tall on the wall on every projector: x1.7 at 1080 lines, x1.2 at 768.
        const int lines = screen() ? screen()->geometry().height() : 1080;
        QFont big = normalFont_;
        big.setPointSizeF(normalFont_.pointSizeF() * std::max(1.2, 1.7 * lines / 1080.0));
        QApplication::setFont(big);
        QPalette contrast;
        contrast.setColor(QPalette::Window, Qt::white);
        contrast.setColor(QPalette::Base, Qt::white);
        contrast.setColor(QPalette::WindowText, Qt::black);
        contrast.setColor(QPalette::Text, Qt::black);
        contrast.setColor(QPalette::ButtonText, Qt::black);
        QApplication::setPalette(contrast);
        explanationDock_->hide();
        const QSize screenSize = screen() ? screen()->geometry().size() : QSize(1920, 1080);
        const bool wide = screenSize.width() >= 1.5 * screenSize.height();
        stage_->setOrientation(wide ? Qt::Horizontal : Qt::Vertical);
        presenterText_->show();
        const int extent = wide ? screenSize.width() : screenSize.height();
        const int text = wide ? extent * 36 / 100 : extent * 30 / 100;
        stage_->setSizes({extent - text, text});
        presenterHtml_.clear();
        showFullScreen();
    } else {
        presenterText_->hide();
        stage_->setOrientation(Qt::Horizontal);
        QApplication::setFont(normalFont_);
        QApplication::setPalette(normalPalette_);
        if (windowStatesBeforePresenting_ & Qt::WindowMaximized)
            showMaximized();
        else
            showNormal();
        restoreState(stateBeforePresenting_);  // the side panel as it was, shown or closed
    }
    applyTextSizes();
    updatePresenterText();
    if (presentationAction_->isChecked() != on)
        presentationAction_->setChecked(on);
}

MainWindow::~MainWindow()
{
    // The font and palette are the application's: a window closed while presenting gives them back.
    if (presenting_) {
        QApplication::setFont(normalFont_);
        QApplication::setPalette(normalPalette_);
    }
}

void MainWindow::continueFrom(const MainWindow& other)
{
    setTextScale(other.textScale_);
    if (other.lessonStep_ >= 0) {
        lesson_ = other.lesson_;
        lessonStep_ = other.lessonStep_;
        updateLessonActions();
    }
    // After the lesson: the state may have moved on from its step (another head picked).
    session_->setState(other.session_->state());
    updateExplanation();
}

}  // namespace orderlens::app
