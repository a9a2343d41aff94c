// Positional-encoding view: the table map is positions.table (RoPE: ropeCosines), the
// similarity map is positions.similarity, ALiBi's maps are alibiBias per head; the curves are
// the table's columns from selection.dimension on; the spin box asks the session and changes
// nothing until it answers; a new table of the same model is drawn.
#include "position_view.h"
#include "view_fixture.h"

#include <QSpinBox>

using namespace orderlens;
using namespace orderlens::testing;

namespace {

// The dimensions drawn as curves from `first` on: two neighbours, a quarter and half further.
std::vector<int> curveDimensions(int first, int dims)
{
    std::vector<int> out;
    for (int d : {first, first + 1, first + dims / 4, first + dims / 2})
        if (d >= 0 && d < dims && std::find(out.begin(), out.end(), d) == out.end())
            out.push_back(d);
    return out;
}

QString checkCurves(QCustomPlot* plot, const Matrix& table, int first)
{
    const auto graphs = plottables<QCPGraph>(plot);
    const std::vector<int> dims = curveDimensions(first, static_cast<int>(table.cols()));
    if (graphs.size() != dims.size())
        return QStringLiteral("%1 curves, expected %2: %3").arg(graphs.size()).arg(dims.size()).arg(plottableNames(plot).join(" | "));
    for (int d : dims) {
        auto* graph = plottableNamed<QCPGraph>(plot, QStringLiteral("dimension %1").arg(d + 1));
        if (!graph)
            return QStringLiteral("no curve of dimension %1: %2").arg(d + 1).arg(plottableNames(plot).join(" | "));
        std::vector<QPointF> expected;
        for (int p = 0; p < table.rows(); ++p)
            expected.emplace_back(p, table(p, d));
        if (QString why = comparePoints(graphPoints(graph), expected); !why.isEmpty())
            return QStringLiteral("dimension %1: ").arg(d + 1) + why;
    }
    return {};
}

QString checkMap(QCustomPlot* plot, const QString& title, const Matrix& expected)
{
    const auto maps = mapsTitled(plot, title);
    if (maps.size() != 1)
        return QStringLiteral("%1 maps titled '%2'; titles: %3").arg(maps.size()).arg(title).arg(titlesOfMaps(plot).join(" | "));
    if (QString why = compareMap(maps.front(), expected); !why.isEmpty())
        return title + ": " + why;
    return {};
}

}  // namespace

class TestPositionView : public QObject {
    Q_OBJECT
private slots:
    void tableAndSimilarity_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::addColumn<int>("dimension");
        QTest::addColumn<int>("drawnFirst");
        QTest::newRow("sinusoidal, from dimension 1") << int(PositionScheme::Sinusoidal) << 0 << 0;
        QTest::newRow("sinusoidal, from dimension 4") << int(PositionScheme::Sinusoidal) << 3 << 3;
        QTest::newRow("learned, from dimension 7") << int(PositionScheme::Learned) << 6 << 6;
        QTest::newRow("learned, beyond the table: the last") << int(PositionScheme::Learned) << 40 << 15;
        QTest::newRow("rope, pair 1") << int(PositionScheme::Rope) << 0 << 0;
        QTest::newRow("rope, pair 2") << int(PositionScheme::Rope) << 1 << 1;
    }

    void tableAndSimilarity()
    {
        QFETCH(int, scheme);
        QFETCH(int, dimension);
        QFETCH(int, drawnFirst);
        SnapshotOptions options;
        options.scheme = static_cast<PositionScheme>(scheme);
        options.width = 16;  // RoPE: 8 dimensions a head, 4 pairs
        const auto data = handBuiltSnapshot(options);
        Selection selection;
        selection.dimension = dimension;
        auto view = shownView("position", data, selection);
        const PositionFacts& p = data->positions;
        const bool rope = options.scheme == PositionScheme::Rope;
        const QString tableTitle = rope ? "RoPE: cosine of the rotation angle (row = position)"
                                   : options.scheme == PositionScheme::Learned ? "Learned position table P (row = position)"
                                                                                : "Sinusoidal position table P (row = position)";
        QString why = checkMap(view->plot(), tableTitle, rope ? p.ropeCosines : p.table);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        why = checkMap(view->plot(), rope ? "Similarity of positions after rotation" : "Similarity of positions (cosine)",
                       p.similarity);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        why = checkCurves(view->plot(), rope ? p.ropeCosines : p.table, drawnFirst);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void alibiMapsAreTheBiases()
    {
        SnapshotOptions options;
        options.scheme = PositionScheme::Alibi;
        options.heads = 4;
        const auto data = handBuiltSnapshot(options);
        auto view = shownView("position", data);
        const PositionFacts& p = data->positions;
        QCOMPARE(static_cast<int>(plottables<QCPColorMap>(view->plot()).size()), options.heads);
        for (int h = 0; h < options.heads; ++h) {
            const QString title = QStringLiteral("head %1 · slope %2")
                                      .arg(h + 1)
                                      .arg(widgets::formatValue(p.alibiSlopes[static_cast<size_t>(h)], 3));
            const QString why = checkMap(view->plot(), title, p.alibiBias[static_cast<size_t>(h)]);
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
    }

    void noneShowsNoTable()
    {
        SnapshotOptions options;
        options.scheme = PositionScheme::None;
        auto view = shownView("position", handBuiltSnapshot(options));
        QVERIFY(plottables<QCPColorMap>(view->plot()).empty());
        QVERIFY(pictureTexts(view.get()).join(" ").contains("No position vectors"));
    }

    void spinBoxRequestsSelection()
    {
        const auto data = handBuiltSnapshot();
        auto view = shownView("position", data);
        SelectionRequests log(view.get());
        auto* spin = view->findChild<QSpinBox*>();
        QVERIFY(spin);
        QCOMPARE(spin->value(), 1);
        QCOMPARE(spin->maximum(), static_cast<int>(data->positions.table.cols()));
        spin->setValue(3);
        QCOMPARE(static_cast<int>(log.requests.size()), 1);
        Selection expected;
        expected.dimension = 2;
        QVERIFY(log.requests.front() == expected);
        QVERIFY(checkCurves(view->plot(), data->positions.table, 0).isEmpty());
        view->setSelection(log.requests.front());
        const QString why = checkCurves(view->plot(), data->positions.table, 2);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(static_cast<int>(log.requests.size()), 1);
    }

    // The hand-made model keeps its id when the user edits a position row: the new table (and
    // similarity and curves) must be drawn, not only the end-of-A mark moved.
    void newTableOfTheSameModelIsDrawn()
    {
        SnapshotOptions options;
        options.modelId = "handmade";
        options.scheme = PositionScheme::Learned;
        auto view = shownView("position", handBuiltSnapshot(options));
        auto edited = handBuiltSnapshot(options);
        edited->positions.table(2, 0) = 0.9f;  // position 3, dimension 1 edited
        edited->positions.similarity(2, 3) = edited->positions.similarity(3, 2) = -0.5f;
        view->setData(edited);
        QString why = checkMap(view->plot(), "Learned position table P (row = position)", edited->positions.table);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        why = checkMap(view->plot(), "Similarity of positions (cosine)", edited->positions.similarity);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        why = checkCurves(view->plot(), edited->positions.table, 0);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    // A keystroke moves the mark at the end of sentence A.
    void endMarkFollowsSentenceA()
    {
        auto view = shownView("position", handBuiltSnapshot());
        SnapshotOptions longer;
        longer.tokensA = {"大", "猫", "追", "小", "老鼠"};
        view->setData(handBuiltSnapshot(longer));
        const auto marks = items<QCPItemStraightLine>(view->plot());
        QCOMPARE(static_cast<int>(marks.size()), 1);
        QCOMPARE(marks.front()->point1->coords().x(), 4.0);
    }
};

QTEST_MAIN(TestPositionView)
#include "test_position_view.moc"
