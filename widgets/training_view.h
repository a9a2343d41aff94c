#pragma once
// Training: train a built-in-size model in the app and watch loss and role accuracy live;
// optionally a second run without positions to compare. The trainer itself lives in app/;
// this view only shows runs and asks for them.
#include "view.h"

#include <QVector>

#include <limits>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace orderlens::widgets {

class TrainingView : public View {
    Q_OBJECT
public:
    explicit TrainingView(QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("training"); }
    QString title() const override { return tr("Training"); }
    QString explanation() const override;

    // Whether a trainer is built in; the reason is shown when not.
    void setAvailability(bool available, const QString& reason);
    void startRun(const QString& label);            // a new run, drawn in its own colour
    // To the latest run; reversal (who does what on 猫追老鼠 / 老鼠追猫 pairs) is NaN between its evaluations.
    void addPoint(int step, double loss, double accuracy, double reversal = std::numeric_limits<double>::quiet_NaN());
    void setProgress(double fraction, const QString& status);
    void finishRun(const QString& summary, bool canUse);
    int runCount() const { return static_cast<int>(runs_.size()); }

signals:
    void startRequested(const QString& scheme, int seed, int steps, bool alsoWithoutPositions);
    void cancelRequested();
    void useRequested();

protected:
    QString layoutKey() const override;
    void build() override;

private:
    struct Run {
        QString label;
        QVector<double> steps, losses, accuracies;
        QVector<double> reversalSteps, reversals;  // only where it was evaluated
    };
    void setRunning(bool running);

    QComboBox* scheme_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QSpinBox* steps_ = nullptr;
    QCheckBox* compare_ = nullptr;
    QPushButton* start_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QPushButton* use_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    bool available_ = false;
    QString unavailableReason_;
    std::vector<Run> runs_;
};

}  // namespace orderlens::widgets
