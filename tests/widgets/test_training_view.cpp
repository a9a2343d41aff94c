// Training view: the points given to addPoint are the loss and accuracy curves of their run (at
// most four runs, the oldest dropped); without a trainer the reason is shown and Train is off;
// Train asks for a run with the chosen scheme, seed and steps.
#include "training_view.h"
#include "view_fixture.h"

#include <QCheckBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>

using namespace orderlens;
using namespace orderlens::testing;
using widgets::TrainingView;

namespace {

struct RunPoints {
    QString label;
    std::vector<QPointF> loss, accuracy;
};

RunPoints makeRun(int index, int points)
{
    RunPoints run{QStringLiteral("run %1").arg(index + 1), {}, {}};
    for (int i = 0; i < points; ++i) {
        const int step = 10 * (i + 1);
        run.loss.emplace_back(step, 2.0 - 0.1 * i - 0.01 * index);
        run.accuracy.emplace_back(step, 0.2 + 0.05 * i + 0.01 * index);
    }
    return run;
}

// The graphs of the loss rect and the accuracy rect, in run order.
std::vector<QCPGraph*> graphsUnder(QCustomPlot* plot, const QString& title)
{
    std::vector<QCPGraph*> out;
    for (QCPGraph* graph : plottables<QCPGraph>(plot))
        if (titleAbove(graph->keyAxis()->axisRect()) == title)
            out.push_back(graph);
    return out;
}

}  // namespace

class TestTrainingView : public QObject {
    Q_OBJECT
private slots:
    void pointsAreDrawn_data()
    {
        QTest::addColumn<int>("runs");
        QTest::addColumn<int>("points");
        QTest::newRow("one run, one point") << 1 << 1;
        QTest::newRow("one run, five points") << 1 << 5;
        QTest::newRow("two runs") << 2 << 4;
        QTest::newRow("five runs: the last four") << 5 << 3;
    }

    void pointsAreDrawn()
    {
        QFETCH(int, runs);
        QFETCH(int, points);
        auto view = shownView("training", nullptr);
        auto* training = as<TrainingView>(view);
        training->setAvailability(true, QString());
        std::vector<RunPoints> given;
        for (int r = 0; r < runs; ++r) {
            given.push_back(makeRun(r, points));
            training->startRun(given.back().label);
            for (int i = 0; i < points; ++i)
                training->addPoint(static_cast<int>(given.back().loss[static_cast<size_t>(i)].x()),
                                   given.back().loss[static_cast<size_t>(i)].y(),
                                   given.back().accuracy[static_cast<size_t>(i)].y());
        }
        view->draw();
        const std::vector<RunPoints> kept(given.end() - std::min(runs, 4), given.end());
        QCOMPARE(training->runCount(), static_cast<int>(kept.size()));
        const auto losses = graphsUnder(view->plot(), "Loss\n(lower is better)");
        const auto accuracies = graphsUnder(view->plot(), "Role accuracy,\ntraining sentences");
        QCOMPARE(losses.size(), kept.size());
        QCOMPARE(accuracies.size(), kept.size());
        for (size_t r = 0; r < kept.size(); ++r) {
            QString why = comparePoints(graphPoints(losses[r]), kept[r].loss);
            QVERIFY2(why.isEmpty(), qPrintable(kept[r].label + " loss: " + why));
            why = comparePoints(graphPoints(accuracies[r]), kept[r].accuracy);
            QVERIFY2(why.isEmpty(), qPrintable(kept[r].label + " accuracy: " + why));
            QCOMPARE(accuracies[r]->name(), kept[r].label);
        }
    }

    // Reversal-pair accuracy has its own panel with its points only (NaN reports are skipped),
    // and a 50 % chance line.
    void reversalPairsArePlotted()
    {
        auto view = shownView("training", nullptr);
        auto* training = as<TrainingView>(view);
        training->setAvailability(true, QString());
        training->startRun("none, seed 1");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        training->addPoint(10, 1.0, 0.5, nan);
        training->addPoint(20, 0.9, 0.6, 0.5);
        training->addPoint(30, 0.8, 0.7, nan);
        training->addPoint(40, 0.7, 0.8, 0.45);
        view->draw();
        const auto reversal = graphsUnder(view->plot(), "Who does what: reversal pairs\n(猫追老鼠 / 老鼠追猫)");
        QCOMPARE(reversal.size(), size_t(1));
        const QString why = comparePoints(graphPoints(reversal[0]), {QPointF(20, 0.5), QPointF(40, 0.45)});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY(pictureTexts(view.get()).contains("chance (50 %)"));
        int chanceLines = 0;
        for (int i = 0; i < view->plot()->itemCount(); ++i)
            if (auto* line = qobject_cast<QCPItemStraightLine*>(view->plot()->item(i)))
                chanceLines += line->point1->coords().y() == 0.5 && line->point2->coords().y() == 0.5;
        QCOMPARE(chanceLines, 1);
    }

    void unavailableShowsTheReason()
    {
        auto view = shownView("training", nullptr);
        auto* training = as<TrainingView>(view);
        training->setAvailability(false, "no trainer in this build");
        view->draw();
        QVERIFY(plottables<QCPGraph>(view->plot()).empty());
        QVERIFY(pictureTexts(view.get()).contains("no trainer in this build"));
        QPushButton* train = nullptr;
        for (QPushButton* button : view->findChildren<QPushButton*>())
            if (button->text() == "Train")
                train = button;
        QVERIFY(train);
        QVERIFY(!train->isEnabled());
        training->setAvailability(true, QString());
        QVERIFY(train->isEnabled());
    }

    // The view's own controls: Train asks for a run (the app decides); the selection plays no part.
    void trainRequestsARun_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<bool>("compare");
        QTest::addColumn<bool>("alsoWithout");
        QTest::newRow("learned, with a twin") << "learned" << true << true;
        QTest::newRow("rope, alone") << "rope" << false << false;
        QTest::newRow("none: no twin without positions") << "none" << true << false;
    }

    void trainRequestsARun()
    {
        QFETCH(QString, scheme);
        QFETCH(bool, compare);
        QFETCH(bool, alsoWithout);
        auto view = shownView("training", nullptr);
        auto* training = as<TrainingView>(view);
        training->setAvailability(true, QString());
        QSignalSpy started(training, &TrainingView::startRequested);
        SelectionRequests selections(training);
        comboStartingWith(view.get(), "sinusoidal")->setCurrentText(scheme);
        const auto spins = view->findChildren<QSpinBox*>();
        QCOMPARE(spins.size(), 2);  // seed, steps
        spins[0]->setValue(7);
        spins[1]->setValue(300);
        view->findChild<QCheckBox*>()->setChecked(compare);
        for (QPushButton* button : view->findChildren<QPushButton*>())
            if (button->text() == "Train")
                button->click();
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.front().at(0).toString(), scheme);
        QCOMPARE(started.front().at(1).toInt(), 7);
        QCOMPARE(started.front().at(2).toInt(), 300);
        QCOMPARE(started.front().at(3).toBool(), alsoWithout);
        QVERIFY(selections.requests.empty());
    }
};

QTEST_MAIN(TestTrainingView)
#include "test_training_view.moc"
