#pragma once
// The main window. It only assembles: sentence inputs, token strips, model chooser, the eight
// views in tabs and the explanation panel; the SessionModel owns the state and the work.
#include "lesson.h"
#include "session_model.h"

#include <QFont>
#include <QMainWindow>
#include <QPalette>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QAction;
class QMenu;
class QDockWidget;
class QSplitter;
class QTabWidget;
class QTextBrowser;

namespace orderlens::widgets {
class View;
class TokenStrip;
class AttentionView;
class VectorsView;
}  // namespace orderlens::widgets

namespace orderlens::app {

class TrainingController;

// The window's first size on a screen of `available` size: 1400 x 900 where that fits, else
// nine tenths of the screen each way.
QSize fittedWindowSize(QSize available);
// The range of MainWindow::textScale().
inline constexpr double kMinTextScale = 0.6;
inline constexpr double kMaxTextScale = 3.0;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // readSettings: restore geometry and the last session from QSettings (off for tests).
    // compute: start computing the session's snapshot at once (off when one is handed over,
    // SessionModel::showSnapshot).
    explicit MainWindow(QWidget* parent = nullptr, bool readSettings = true, bool compute = true);
    ~MainWindow() override;

    SessionModel* session() const { return session_; }
    QLineEdit* sentenceEditA() const { return editA_; }
    QLineEdit* sentenceEditB() const { return editB_; }
    QComboBox* modelChooser() const { return modelChooser_; }
    QLabel* errorLabel() const { return errorLabel_; }
    widgets::TokenStrip* tokenStripA() const { return stripA_; }
    widgets::TokenStrip* tokenStripB() const { return stripB_; }
    const std::vector<widgets::View*>& views() const { return views_; }
    widgets::View* view(const QString& key) const;
    widgets::View* currentView() const;
    void showView(const QString& key);
    QString explanationText() const;

    // Guided lessons (main_window_lesson.cpp).
    void startLesson(const Lesson& lesson);
    void goToLessonStep(int index);
    int lessonStep() const;  // -1 when no lesson runs
    QString lessonText() const;
    void stopLesson();
    void setPresentationMode(bool on);
    bool isPresenting() const { return presenting_; }
    // The text beside (or under) the picture in presentation mode: the lesson step, or the
    // view's explanation when no lesson runs. Hidden outside presentation mode.
    QTextBrowser* presenterText() const { return presenterText_; }
    QDockWidget* explanationPanel() const { return explanationDock_; }
    // Size of the explanation and lesson text, 1 = normal (Ctrl+= / Ctrl+− / Ctrl+0).
    double textScale() const { return textScale_; }
    void setTextScale(double scale);
    // Carries what the user was doing over from the window this one replaces (language switch):
    // sentences, model, view and selection, the running lesson and its step, text size and
    // presentation mode.
    void continueFrom(const MainWindow& other);

    bool openSession(const QString& path, QString* error = nullptr);
    bool saveSession(const QString& path, QString* error = nullptr);

signals:
    // The user picked another interface language: the app rebuilds the window in it.
    void languageChangeRequested();

protected:
    void closeEvent(QCloseEvent* event) override;
    // ← / → / PageUp / PageDown step a running lesson wherever the focus is in this window
    // (a sentence field included); clickers send PageUp / PageDown.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildInputs();
    void buildViews();
    void buildMenus();
    void addExportActions(QMenu* file);  // main_window_export.cpp
    void addLessonMenu();                // main_window_lesson.cpp
    void addHeadsMenu();                 // main_window_heads.cpp
    void updateLessonActions();
    void syncFromState();
    void showData(const SnapshotPtr& data);
    void updateExplanation();
    void updateCaptions();
    void updatePresenterText();
    void bringToFront(widgets::View* v);
    void applyTextSizes();
    void fitToScreen();
    void readSettings();
    void writeSettings();

    SessionModel* session_ = nullptr;
    QLineEdit* editA_ = nullptr;
    QLineEdit* editB_ = nullptr;
    QCheckBox* compare_ = nullptr;
    QComboBox* modelChooser_ = nullptr;
    QLabel* errorLabel_ = nullptr;
    QLabel* busyLabel_ = nullptr;
    widgets::TokenStrip* stripA_ = nullptr;
    widgets::TokenStrip* stripB_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    QTextBrowser* explanation_ = nullptr;
    QDockWidget* explanationDock_ = nullptr;
    QSplitter* stage_ = nullptr;  // the tabs and, when presenting, the presenter text
    QTextBrowser* presenterText_ = nullptr;
    QString presenterHtml_;  // what presenterText_ shows (set only when it changes)
    double textScale_ = 1.0;
    QFont explanationFont_;  // the explanation panel's font at text scale 1
    std::vector<widgets::View*> views_;
    TrainingController* training_ = nullptr;
    QString sessionPath_;
    QWidget* inputPanel_ = nullptr;  // sentences, model, token strips (hidden when presenting)
    Lesson lesson_;
    int lessonStep_ = -1;
    QAction* lessonPrevious_ = nullptr;
    QAction* lessonNext_ = nullptr;
    QAction* lessonStop_ = nullptr;
    QAction* decoderLesson_ = nullptr;  // enabled while a decoder is open
    QAction* presentationAction_ = nullptr;
    bool presenting_ = false;
    // The layout before presentation mode, put back on leaving it.
    QByteArray stateBeforePresenting_;
    Qt::WindowStates windowStatesBeforePresenting_;
    bool dockVisibleBeforePresenting_ = true;
    QFont normalFont_;
    QPalette normalPalette_;
    bool syncing_ = false;
    QAction* tokenStripsAction_ = nullptr;  // View → Token strips (off at first on a short screen)
};

}  // namespace orderlens::app
