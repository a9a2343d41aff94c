// Recoverability view: the four curves are the facts' arrays at their widths, the model's own
// point sits at its width with its two accuracies, the width axis is labelled with the widths;
// while the curve is computed (or when it failed) a message says so instead of curves.
#include "recoverability_view.h"
#include "view_fixture.h"

using namespace orderlens;
using namespace orderlens::testing;

namespace {

QString checkCurves(const widgets::View* view, const RecoverabilityFacts& r)
{
    QCustomPlot* plot = view->plot();
    const std::pair<QString, const std::vector<double>*> curves[4] = {{"add: word", &r.addWord},
                                                                      {"add: position", &r.addPosition},
                                                                      {"concatenate (2d): word", &r.concatWord},
                                                                      {"concatenate (2d): position", &r.concatPosition}};
    for (const auto& [name, values] : curves) {
        auto* graph = plottableNamed<QCPGraph>(plot, name);
        if (!graph)
            return "no curve '" + name + "': " + plottableNames(plot).join(" | ");
        std::vector<QPointF> expected;
        for (size_t i = 0; i < r.dims.size(); ++i)
            expected.emplace_back(r.dims[i], (*values)[i]);
        if (QString why = comparePoints(graphPoints(graph), expected); !why.isEmpty())
            return name + ": " + why;
    }
    if (r.hasCurrent) {
        auto* own = plottableNamed<QCPGraph>(plot, QStringLiteral("this model's own tables (d = %1)").arg(r.currentDim));
        if (!own)
            return "no own point: " + plottableNames(plot).join(" | ");
        if (QString why = comparePointSets(graphPoints(own), {QPointF(r.currentDim, r.currentAddWord),
                                                              QPointF(r.currentDim, r.currentAddPosition)});
            !why.isEmpty())
            return "own point: " + why;
        // Each of the two stars its own label.
        const QStringList texts = pictureTexts(view);
        for (const QString& text : {QStringLiteral("word %1 %").arg(100 * r.currentAddWord, 0, 'f', 0),
                                    QStringLiteral("position %1 %").arg(100 * r.currentAddPosition, 0, 'f', 0)})
            if (!texts.contains(text))
                return "no label '" + text + "': " + texts.join(" | ");
    }
    const auto ticks = tickLabels(plottableNamed<QCPGraph>(plot, "add: word")->keyAxis());
    for (int d : r.dims)
        if (ticks.value(d) != QString::number(d))
            return QStringLiteral("width %1 labelled '%2'").arg(d).arg(ticks.value(d));
    return {};
}

}  // namespace

class TestRecoverabilityView : public QObject {
    Q_OBJECT
private slots:
    void curvesAreTheFacts_data()
    {
        QTest::addColumn<bool>("hasCurrent");
        QTest::newRow("with the model's own point") << true;
        QTest::newRow("without (no additive table)") << false;
    }

    void curvesAreTheFacts()
    {
        QFETCH(bool, hasCurrent);
        auto data = handBuiltSnapshot();
        data->recoverability.hasCurrent = hasCurrent;
        auto view = shownView("recoverability", data);
        const QString why = checkCurves(view.get(), data->recoverability);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(static_cast<int>(plottables<QCPGraph>(view->plot()).size()), hasCurrent ? 5 : 4);
    }

    void messageWhileNotReady_data()
    {
        QTest::addColumn<bool>("failed");
        QTest::addColumn<QString>("message");
        QTest::newRow("computing") << false << "Computing the recoverability curves";
        QTest::newRow("failed") << true << "could not be computed";
    }

    void messageWhileNotReady()
    {
        QFETCH(bool, failed);
        QFETCH(QString, message);
        SnapshotOptions options;
        options.recoverabilityReady = false;
        options.recoverabilityFailed = failed;
        auto view = shownView("recoverability", handBuiltSnapshot(options));
        QVERIFY(plottables<QCPGraph>(view->plot()).empty());
        QVERIFY2(pictureTexts(view.get()).join(" | ").contains(message), qPrintable(pictureTexts(view.get()).join(" | ")));
        // The curve arrives: drawn.
        const auto ready = handBuiltSnapshot();
        view->setData(ready);
        const QString why = checkCurves(view.get(), ready->recoverability);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    // The hand-made model switched from 3 to 2 dimensions keeps its id and its random curve; its
    // own point moves to the new width (here with the same accuracies).
    void ownPointFollowsTheWidth()
    {
        SnapshotOptions options;
        options.modelId = "handmade";
        options.width = 3;
        auto view = shownView("recoverability", handBuiltSnapshot(options));
        options.width = 2;
        const auto narrower = handBuiltSnapshot(options);
        QCOMPARE(narrower->recoverability.currentDim, 2);
        view->setData(narrower);
        const QString why = checkCurves(view.get(), narrower->recoverability);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
};

QTEST_MAIN(TestRecoverabilityView)
#include "test_recoverability_view.moc"
