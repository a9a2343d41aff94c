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

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // readSettings: restore geometry and the last session from QSettings (off for tests).
    // compute: start computing the session's snapshot at once (off when one is handed over,
    // SessionModel::showSnapshot).
    explicit MainWindow(QWidget* parent = nullptr, bool readSettings = true, bool compute = true);

    SessionModel* session() const { return session_; }
    QLineEdit* sentenceEditA() const { return editA_; }
    QLineEdit* sentenceEditB() const { return editB_; }
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
    void setPresentationMode(bool on);
    bool isPresenting() const { return presenting_; }

    bool openSession(const QString& path, QString* error = nullptr);
    bool saveSession(const QString& path, QString* error = nullptr);

signals:
    // The user picked another interface language: the app rebuilds the window in it.
    void languageChangeRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildInputs();
    void buildViews();
    void buildMenus();
    void addExportActions(QMenu* file);  // main_window_export.cpp
    void addLessonMenu();                // main_window_lesson.cpp
    void updateLessonActions();
    void syncFromState();
    void showData(const SnapshotPtr& data);
    void updateExplanation();
    void updateCaptions();
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
    std::vector<widgets::View*> views_;
    TrainingController* training_ = nullptr;
    QString sessionPath_;
    QWidget* inputPanel_ = nullptr;  // sentences, model, token strips (hidden when presenting)
    Lesson lesson_;
    int lessonStep_ = -1;
    QAction* lessonPrevious_ = nullptr;
    QAction* lessonNext_ = nullptr;
    QAction* presentationAction_ = nullptr;
    bool presenting_ = false;
    QFont normalFont_;
    QPalette normalPalette_;
    bool syncing_ = false;
};

}  // namespace orderlens::app
