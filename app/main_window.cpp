#include "main_window.h"

#include "attention_view.h"
#include "decomposition_view.h"
#include "exporter.h"
#include "model_catalog.h"
#include "pca_view.h"
#include "position_view.h"
#include "recoverability_view.h"
#include "residual_view.h"
#include "start_folder.h"
#include "token_strip.h"
#include "training_controller.h"
#include "training_view.h"
#include "heads_view.h"
#include "vectors_view.h"
#include "views.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace orderlens::app {

namespace {
// QSettings keys.
constexpr auto kGeometryKey = "window/geometry";
constexpr auto kStateKey = "window/state";
constexpr auto kSentenceAKey = "session/sentence_a";
constexpr auto kSentenceBKey = "session/sentence_b";
constexpr auto kModelKey = "session/model";
constexpr auto kViewKey = "session/view";
constexpr auto kCompareKey = "session/compare";
constexpr auto kSessionFolderKey = "session/folder";  // of the last session opened or saved without error
constexpr auto kTextScaleKey = "view/text_scale";
}  // namespace

QSize fittedWindowSize(QSize available)
{
    // The first size is 1400 x 900 where it fits, else nine tenths of the screen (a 1024 x 768
    // projector gets ~920 x 690, not a window whose edges are off screen).
    const int w = std::min(1400, available.width() * 9 / 10);
    const int h = std::min(900, available.height() * 9 / 10);
    return {std::max(w, 320), std::max(h, 240)};
}

MainWindow::MainWindow(QWidget* parent, bool restore, bool compute) : QMainWindow(parent)
{
    setWindowTitle(tr("OrderLens 语序透镜"));
    session_ = new SessionModel(this);
    buildInputs();
    buildViews();
    buildMenus();
    addLessonMenu();
    addHeadsMenu();
    training_ = new TrainingController(makeTrainerBackend(), static_cast<widgets::TrainingView*>(view("training")),
                                       session_, this);

    connect(session_, &SessionModel::stateChanged, this, &MainWindow::syncFromState);
    connect(session_, &SessionModel::dataChanged, this, &MainWindow::showData);
    connect(session_, &SessionModel::dataChanged, this, [this] { updateLessonActions(); });
    connect(session_, &SessionModel::selectionChanged, this, [this](const widgets::Selection& selection) {
        for (widgets::View* v : views_)
            v->setSelection(selection);
    });
    connect(session_, &SessionModel::errorsChanged, this, [this](const QString& a, const QString& b) {
        QStringList lines;
        if (!a.isEmpty())
            lines << tr("A: %1").arg(a);
        if (!b.isEmpty())
            lines << tr("B: %1").arg(b);
        errorLabel_->setText(lines.join(QLatin1Char('\n')));
        errorLabel_->setVisible(!lines.isEmpty());
        if (!a.isEmpty())
            stripA_->clearTokens(a);
        if (!b.isEmpty())
            stripB_->clearTokens(b);
        // Without A there is no new picture: the views keep the last one, greyed, with the reason.
        const QString reason = a.isEmpty() ? QString() : tr("This picture is of the last sentence that could be read.\n%1").arg(lines.join(QLatin1Char('\n')));
        for (widgets::View* v : views_)
            if (v->key() != QLatin1String("training"))
                v->setOutOfDate(reason);
    });
    connect(session_, &SessionModel::modelFailed, this, [this](const QString& message) {
        // Shown once, without a modal dialog: typing or a lesson step must never be blocked.
        statusBar()->showMessage(message, 15000);
        errorLabel_->setText(message);
        errorLabel_->show();
        if (!session_->current())  // nothing to show at all (a session whose model is missing)
            for (widgets::View* v : views_)
                if (v->key() != QLatin1String("training"))
                    v->setOutOfDate(message);
    });
    connect(session_, &SessionModel::busyChanged, this,
            [this](bool busy) { busyLabel_->setText(busy ? tr("computing…") : QString()); });

    fitToScreen();
    if (restore)
        readSettings();
    applyTextSizes();
    qApp->installEventFilter(this);
    for (widgets::View* v : views_)
        v->setSelection(session_->selection());
    syncFromState();
    if (compute)
        session_->setState(session_->state());  // first computation
}

void MainWindow::buildInputs()
{
    auto* central = new QWidget(this);
    auto* outer = new QVBoxLayout(central);
    outer->setContentsMargins(8, 6, 8, 4);
    inputPanel_ = new QWidget(central);
    auto* column = new QVBoxLayout(inputPanel_);
    column->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(inputPanel_);
    auto* grid = new QGridLayout;
    QFont big = font();
    big.setPointSizeF(font().pointSizeF() * 1.4);

    editA_ = new QLineEdit(central);
    editB_ = new QLineEdit(central);
    for (QLineEdit* edit : {editA_, editB_}) {
        edit->setFont(big);
        edit->setClearButtonEnabled(true);
    }
    editA_->setPlaceholderText(tr("Sentence A, e.g. 猫追老鼠"));
    editB_->setPlaceholderText(tr("Sentence B, e.g. 老鼠追猫"));
    auto* labelA = new QLabel(tr("Sentence &A"), central);
    labelA->setBuddy(editA_);
    auto* labelB = new QLabel(tr("Sentence &B"), central);
    labelB->setBuddy(editB_);
    auto* swap = new QToolButton(central);
    swap->setText(tr("⇅ Swap"));
    swap->setToolTip(tr("Swap sentences A and B (Ctrl+Shift+X)"));
    compare_ = new QCheckBox(tr("&Compare A with B"), central);
    modelChooser_ = new QComboBox(central);
    for (const QString& spec : knownModelSpecs()) {
        modelChooser_->addItem(modelDisplayName(spec), spec);
        modelChooser_->setItemData(modelChooser_->count() - 1, spec, Qt::ToolTipRole);
    }
    // Long model names must not squeeze the sentence fields on a small screen.
    modelChooser_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    modelChooser_->setMinimumContentsLength(24);
    for (QLineEdit* edit : {editA_, editB_})
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("猫追老鼠猫追")) + 40);
    modelChooser_->setToolTip(tr("builtin: trained and shipped · random: untrained (before training) · handmade: "
                                 "the 2-D / 3-D classroom example"));
    auto* modelLabel = new QLabel(tr("&Model"), central);
    modelLabel->setBuddy(modelChooser_);
    busyLabel_ = new QLabel(central);
    busyLabel_->setMinimumWidth(busyLabel_->fontMetrics().horizontalAdvance(tr("computing…")) + 8);

    grid->addWidget(labelA, 0, 0);
    grid->addWidget(editA_, 0, 1);
    grid->addWidget(swap, 0, 2, 2, 1);
    grid->addWidget(modelLabel, 0, 3);
    grid->addWidget(modelChooser_, 0, 4);
    grid->addWidget(labelB, 1, 0);
    grid->addWidget(editB_, 1, 1);
    grid->addWidget(compare_, 1, 3, 1, 2);
    grid->addWidget(busyLabel_, 0, 5);
    grid->setColumnStretch(1, 1);
    column->addLayout(grid);

    stripA_ = new widgets::TokenStrip(tr("A"), central);
    stripB_ = new widgets::TokenStrip(tr("B"), central);
    column->addWidget(stripA_);
    column->addWidget(stripB_);
    errorLabel_ = new QLabel(central);
    errorLabel_->setStyleSheet(QStringLiteral("color: #d55e00;"));
    errorLabel_->setWordWrap(true);
    errorLabel_->hide();
    column->addWidget(errorLabel_);
    stage_ = new QSplitter(Qt::Horizontal, central);
    stage_->setChildrenCollapsible(false);
    tabs_ = new QTabWidget(stage_);
    tabs_->setDocumentMode(true);
    presenterText_ = new QTextBrowser(stage_);
    presenterText_->setObjectName(QStringLiteral("presenterText"));
    presenterText_->setFrameShape(QFrame::NoFrame);
    presenterText_->hide();
    stage_->addWidget(tabs_);
    stage_->addWidget(presenterText_);
    stage_->setStretchFactor(0, 2);
    stage_->setStretchFactor(1, 1);
    outer->addWidget(stage_, 1);
    setCentralWidget(central);

    connect(editA_, &QLineEdit::textEdited, session_, &SessionModel::setSentenceA);
    connect(editB_, &QLineEdit::textEdited, session_, &SessionModel::setSentenceB);
    connect(swap, &QToolButton::clicked, session_, &SessionModel::swapSentences);
    connect(compare_, &QCheckBox::toggled, this, [this](bool on) {
        if (!syncing_)
            session_->setCompare(on);
    });
    connect(modelChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!syncing_ && index >= 0)
            session_->setModelSpec(modelChooser_->itemData(index).toString());
    });
}

void MainWindow::buildViews()
{
    for (const QString& key : widgets::viewKeys())
        views_.push_back(widgets::createView(key).release());  // owned by the tabs below
    auto* vectors = static_cast<widgets::VectorsView*>(view(QStringLiteral("vectors")));
    for (widgets::View* v : views_) {
        // A view keeps its minimum size and scrolls on a screen smaller than that, rather than
        // being crushed or pushing the window off a 1024 x 768 projector.
        auto* area = new QScrollArea(tabs_);
        area->setFrameShape(QFrame::NoFrame);
        area->setWidgetResizable(true);
        area->setWidget(v);
        tabs_->addTab(area, v->title());
        connect(v, &widgets::View::explanationChanged, this, &MainWindow::updateExplanation);
        // The session owns the selection: a view's request comes back to every view from it.
        connect(v, &widgets::View::selectionRequested, session_, [this, v](const widgets::Selection& requested) {
            widgets::Selection next = requested;
            next.view = v->key().toStdString();  // picked in this view: it is the one in front
            session_->setSelection(next);
        });
    }
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int) {
        if (widgets::View* v = currentView()) {
            if (!syncing_)
                session_->setView(v->key());
            updateExplanation();
        }
    });
    connect(vectors, &widgets::VectorsView::handmadeWordEdited, session_, &SessionModel::setHandmadeWord);
    connect(vectors, &widgets::VectorsView::handmadePositionEdited, session_, &SessionModel::setHandmadePosition);
    connect(vectors, &widgets::VectorsView::handmadeDimensionChanged, session_, &SessionModel::setHandmadeDimension);
    auto* heads = static_cast<widgets::HeadsView*>(view(QStringLiteral("heads")));
    connect(heads, &widgets::HeadsView::stopCensusRequested, session_, &SessionModel::stopCensus);
    connect(heads, &widgets::HeadsView::runCensusRequested, session_, &SessionModel::runCensus);
    connect(heads, &widgets::HeadsView::builtinCorpusRequested, session_, [this] { session_->setCensusCorpus({}); });
    connect(heads, &widgets::HeadsView::corpusRequested, this, [this] {
        const QString folder = dialogStartFolder(QFileInfo(session_->censusCorpus()).absolutePath());
        const QString path = QFileDialog::getOpenFileName(this, tr("Corpus for the head census"), folder,
                                                          tr("Text files, one sentence a line (*.txt);;All files (*)"));
        if (!path.isEmpty())
            session_->setCensusCorpus(path);
    });
    connect(session_, &SessionModel::censusProgress, heads, &widgets::HeadsView::setCensusProgress);

    auto* dock = new QDockWidget(tr("What am I looking at?"), this);
    dock->setObjectName(QStringLiteral("explanation"));
    explanationDock_ = dock;
    explanation_ = new QTextBrowser(dock);
    explanationFont_ = font();
    explanationFont_.setPointSizeF(font().pointSizeF() * 1.15);
    explanation_->setFont(explanationFont_);
    explanation_->setMinimumWidth(200);
    dock->setWidget(explanation_);
    addDockWidget(Qt::RightDockWidgetArea, dock);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open session…"));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, [this] {
        const QString folder = dialogStartFolder(QSettings().value(kSessionFolderKey).toString());
        const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), folder,
                                                          tr("OrderLens sessions (*.orderlens);;All files (*)"));
        if (path.isEmpty())
            return;
        QString error;
        if (openSession(path, &error))
            QSettings().setValue(kSessionFolderKey, QFileInfo(path).absolutePath());
        else
            QMessageBox::warning(this, tr("Session not opened"), error);
    });
    auto saveTo = [this](bool askPath) {
        QString path = sessionPath_;
        if (askPath || path.isEmpty()) {
            const QString folder =
                dialogStartFolder(path.isEmpty() ? QSettings().value(kSessionFolderKey).toString() : QFileInfo(path).absolutePath());
            const QString name = path.isEmpty() ? tr("session.orderlens") : QFileInfo(path).fileName();
            path = QFileDialog::getSaveFileName(this, tr("Save session"), QDir(folder).filePath(name),
                                                tr("OrderLens sessions (*.orderlens)"));
        }
        if (path.isEmpty())
            return;
        if (QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".orderlens");
        QString error;
        if (saveSession(path, &error))
            QSettings().setValue(kSessionFolderKey, QFileInfo(path).absolutePath());
        else
            QMessageBox::warning(this, tr("Session not saved"), error);
    };
    QAction* save = file->addAction(tr("&Save session"));
    save->setShortcut(QKeySequence::Save);
    connect(save, &QAction::triggered, this, [saveTo] { saveTo(false); });
    QAction* saveAs = file->addAction(tr("Save session &as…"));
    saveAs->setShortcut(QKeySequence::SaveAs);
    connect(saveAs, &QAction::triggered, this, [saveTo] { saveTo(true); });
    file->addSeparator();
    addExportActions(file);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu* sentences = menuBar()->addMenu(tr("&Sentences"));
    QAction* swap = sentences->addAction(tr("S&wap A and B"));
    swap->setShortcut(QKeySequence(tr("Ctrl+Shift+X")));
    connect(swap, &QAction::triggered, session_, &SessionModel::swapSentences);
    QAction* compare = sentences->addAction(tr("&Compare A with B"));
    compare->setShortcut(QKeySequence(tr("Ctrl+D")));
    connect(compare, &QAction::triggered, compare_, &QCheckBox::toggle);
    QAction* showcase = sentences->addAction(tr("Back to 猫追老鼠 / 老鼠追猫"));
    connect(showcase, &QAction::triggered, this, [this] {
        SessionState state = session_->state();
        state.sentenceA = SessionState().sentenceA;
        state.sentenceB = SessionState().sentenceB;
        state.compare = true;
        session_->setState(state);
    });

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    for (size_t i = 0; i < views_.size(); ++i) {
        QAction* action = viewMenu->addAction(views_[i]->title());
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + static_cast<int>(i))));
        const QString key = views_[i]->key();
        connect(action, &QAction::triggered, this, [this, key] { showView(key); });
    }
    viewMenu->addSeparator();
    tokenStripsAction_ = viewMenu->addAction(tr("&Token strips"));
    tokenStripsAction_->setCheckable(true);
    tokenStripsAction_->setChecked(true);
    connect(tokenStripsAction_, &QAction::toggled, this, [this](bool on) {
        stripA_->setVisible(on);
        stripB_->setVisible(on && session_->state().compare);
    });
}

widgets::View* MainWindow::view(const QString& key) const
{
    for (widgets::View* v : views_)
        if (v->key() == key)
            return v;
    return nullptr;
}

widgets::View* MainWindow::currentView() const
{
    const auto* area = qobject_cast<const QScrollArea*>(tabs_->currentWidget());
    return area ? qobject_cast<widgets::View*>(area->widget()) : nullptr;
}

void MainWindow::bringToFront(widgets::View* v)
{
    for (int i = 0; i < tabs_->count(); ++i)
        if (const auto* area = qobject_cast<const QScrollArea*>(tabs_->widget(i)); area && area->widget() == v)
            tabs_->setCurrentIndex(i);
}

void MainWindow::showView(const QString& key)
{
    if (widgets::View* v = view(key))
        bringToFront(v);
}

QString MainWindow::explanationText() const { return explanation_->toPlainText(); }

void MainWindow::syncFromState()
{
    syncing_ = true;
    const SessionState& state = session_->state();
    if (editA_->text() != state.sentenceA)
        editA_->setText(state.sentenceA);
    if (editB_->text() != state.sentenceB)
        editB_->setText(state.sentenceB);
    editB_->setEnabled(state.compare);
    stripB_->setVisible(state.compare && tokenStripsAction_->isChecked());
    compare_->setChecked(state.compare);
    const QString spec = session_->modelSpec();
    int index = modelChooser_->findData(spec);
    if (index < 0) {
        modelChooser_->addItem(modelDisplayName(spec), spec);
        index = modelChooser_->count() - 1;
        modelChooser_->setItemData(index, spec, Qt::ToolTipRole);
    }
    modelChooser_->setCurrentIndex(index);
    if (widgets::View* v = view(QString::fromStdString(state.selection.view)); v && v != currentView())
        bringToFront(v);
    syncing_ = false;
    updateCaptions();
}

void MainWindow::showData(const SnapshotPtr& data)
{
    auto fill = [](widgets::TokenStrip* strip, const SentenceSnapshot& s) {
        std::vector<bool> unknown;
        for (const auto& token : s.trace->tokens)
            unknown.push_back(!token.known());
        strip->setTokens(widgets::tokenTexts(s.tokens), s.roles, unknown);
        std::vector<std::vector<std::pair<QString, double>>> next;
        for (const auto& candidates : s.nextTokens) {
            next.emplace_back();
            for (const NextToken& n : candidates)
                next.back().emplace_back(QString::fromStdString(n.text), n.probability);
        }
        if (!next.empty())
            strip->setNextTokens(next);
    };
    fill(stripA_, data->a);
    if (data->b)
        fill(stripB_, *data->b);
    for (widgets::View* v : views_)
        if (v->key() != QLatin1String("training"))
            v->setData(data);
    updateCaptions();
    updateExplanation();
}

void MainWindow::updateExplanation()
{
    const QString lesson = lessonText();
    widgets::View* v = currentView();
    if (!v)
        return;
    const QString text = lesson.isEmpty() ? v->explanation() : lesson + QStringLiteral("\n\n— ") + v->explanation();
    if (text != explanation_->toPlainText())  // laying the text out again costs a keystroke's time
        explanation_->setPlainText(text);
    updatePresenterText();
}

void MainWindow::updateCaptions()
{
    const SnapshotPtr shown = session_->current();
    const QString caption =
        pictureCaption(session_->state(), session_->modelSpec(), shown && shown->config.bf16_products);
    for (widgets::View* v : views_)
        v->setCaption(caption);
}

bool MainWindow::openSession(const QString& path, QString* error)
{
    SessionState state;
    if (!loadSessionFile(path, &state, error))
        return false;
    sessionPath_ = path;
    session_->setState(state);
    statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
    return true;
}

bool MainWindow::saveSession(const QString& path, QString* error)
{
    if (!saveSessionFile(path, session_->state(), error))
        return false;
    sessionPath_ = path;
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

void MainWindow::readSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());
    // A geometry saved on a larger screen (or the projector of last week) must still fit this one.
    if (const QScreen* s = screen(); s && !isMaximized() && !isFullScreen()) {
        const QSize fitted = fittedWindowSize(s->availableGeometry().size());
        if (width() > s->availableGeometry().width() || height() > s->availableGeometry().height())
            resize(fitted);
    }
    textScale_ = std::clamp(settings.value(kTextScaleKey, 1.0).toDouble(), kMinTextScale, kMaxTextScale);
    SessionState state = session_->state();
    state.sentenceA = settings.value(kSentenceAKey, state.sentenceA).toString();
    state.sentenceB = settings.value(kSentenceBKey, state.sentenceB).toString();
    state.modelSpec = settings.value(kModelKey, state.modelSpec).toString();
    state.selection.view =
        settings.value(kViewKey, QString::fromStdString(state.selection.view)).toString().toStdString();
    state.compare = settings.value(kCompareKey, state.compare).toBool();
    if (!state.modelSpec.isEmpty() && !knownModelSpecs().contains(state.modelSpec) &&
        !QFileInfo::exists(state.modelSpec))
        state.modelSpec.clear();  // a model that is gone: fall back to the default
    session_->setState(state);
}

void MainWindow::writeSettings()
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    // Presentation mode is left before the layout is saved: the next start opens as a window.
    settings.setValue(kStateKey, presenting_ ? stateBeforePresenting_ : saveState());
    settings.setValue(kTextScaleKey, textScale_);
    const SessionState& state = session_->state();
    settings.setValue(kSentenceAKey, state.sentenceA);
    settings.setValue(kSentenceBKey, state.sentenceB);
    settings.setValue(kModelKey, state.modelSpec.startsWith(QLatin1String("trained:")) ? QString() : state.modelSpec);
    settings.setValue(kViewKey, QString::fromStdString(state.selection.view));
    settings.setValue(kCompareKey, state.compare);
}

void MainWindow::fitToScreen()
{
    const QScreen* s = screen();
    if (!s) {
        resize(1400, 900);
        return;
    }
    const QRect available = s->availableGeometry();
    const QSize fitted = fittedWindowSize(available.size());
    // A narrow screen (an 800 x 600 projector) has no room for the side panel beside the inputs
    // and the picture: it starts closed (View → Explanation panel, F9, brings it back).
    if (minimumSizeHint().width() > fitted.width())
        explanationDock_->hide();
    resize(fitted);
    move(available.center() - QRect(QPoint(), size()).center());
    // The side panel takes a fifth of a small screen, not a quarter.
    resizeDocks({explanationDock_}, {std::max(200, available.width() / 5)}, Qt::Horizontal);
    // A short screen (a 1024 x 768 projector) gives the picture the strips' height; View →
    // Token strips brings them back.
    if (available.height() < 800)
        tokenStripsAction_->setChecked(false);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    writeSettings();
    event->accept();
}

}  // namespace orderlens::app
