// Vectors view: the maps under "E", "P" and "E + P", in A's row and B's row, hold the trace's
// embedding, position and input rows (input is not recomputed as E + P); the selected token's
// bars are its three rows; in the hand-made model the arrows end at them; the token chooser
// asks the session and changes nothing until it answers.
#include "vectors_view.h"
#include "view_fixture.h"

using namespace orderlens;
using namespace orderlens::testing;
using widgets::VectorsView;

namespace {

// The map of a sentence and part: under the part's title, in the sentence's row of the grid (the
// first column names the sentence on its left axis).
QCPColorMap* vectorsMap(QCustomPlot* plot, int sentence, int part)
{
    static const QString titles[3] = {"E\nword vectors", "P\npositions", "E + P\nmodel input"};
    for (QCPColorMap* map : plottables<QCPColorMap>(plot)) {
        QCPAxisRect* rect = map->keyAxis()->axisRect();
        auto* grid = qobject_cast<QCPLayoutGrid*>(rect->layout());
        if (!grid)
            continue;
        for (int r = 1; r < grid->rowCount(); ++r)
            for (int c = 0; c < grid->columnCount(); ++c)
                if (grid->hasElement(r, c) && grid->element(r, c) == rect) {
                    auto* title = qobject_cast<QCPTextElement*>(grid->element(0, c));
                    auto* first = qobject_cast<QCPAxisRect*>(grid->element(r, 0));
                    if (title && first && title->text() == titles[part] &&
                        first->axis(QCPAxis::atLeft)->label() == (sentence == 0 ? "A" : "B"))
                        return map;
                }
    }
    return nullptr;
}

std::vector<QPointF> rowPoints(const Matrix& m, int row)
{
    std::vector<QPointF> out;
    for (int c = 0; c < m.cols(); ++c)
        out.emplace_back(c + 1, m(row, c));
    return out;
}

QString checkBars(const widgets::View* view, const SentenceSnapshot& s, int token)
{
    const std::pair<QString, const Matrix*> parts[3] = {
        {"E word", &s.trace->embedding}, {"P position", &s.trace->position}, {"E + P sum", &s.trace->input}};
    for (const auto& [name, m] : parts) {
        auto* bars = plottableNamed<QCPBars>(view->plot(), name);
        if (!bars)
            return "no bars '" + name + "': " + plottableNames(view->plot()).join(" | ");
        if (QString why = comparePoints(barPoints(bars), rowPoints(*m, token)); !why.isEmpty())
            return name + ": " + why;
    }
    return {};
}

}  // namespace

class TestVectorsView : public QObject {
    Q_OBJECT
private slots:
    void mapsAreTheTraceRows_data()
    {
        QTest::addColumn<bool>("withB");
        QTest::newRow("A and B") << true;
        QTest::newRow("A only") << false;
    }

    void mapsAreTheTraceRows()
    {
        QFETCH(bool, withB);
        SnapshotOptions options;
        if (!withB)
            options.tokensB.clear();
        const auto data = handBuiltSnapshot(options);
        auto view = shownView("vectors", data);
        QCOMPARE(static_cast<int>(plottables<QCPColorMap>(view->plot()).size()), withB ? 6 : 3);
        const auto sentences = data->sentences();
        for (int s = 0; s < static_cast<int>(sentences.size()); ++s) {
            const Trace& trace = *sentences[static_cast<size_t>(s)]->trace;
            const Matrix* parts[3] = {&trace.embedding, &trace.position, &trace.input};
            for (int part = 0; part < 3; ++part) {
                QCPColorMap* map = vectorsMap(view->plot(), s, part);
                const QString why = compareMap(map, *parts[part]);
                QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("sentence %1 part %2: ").arg(s).arg(part) + why));
                const auto tokens = tickLabels(map->valueAxis());
                for (int t = 0; t < trace.length(); ++t)
                    QCOMPARE(tokens.value(t), QString::fromStdString(trace.tokens[static_cast<size_t>(t)].text));
                // The view's own read-back agrees.
                QCOMPARE(as<VectorsView>(view)->drawnCell(s, static_cast<VectorsView::Part>(part), 1, 2),
                         static_cast<double>((*parts[part])(1, 2)));
            }
        }
    }

    void barsAreTheSelectedRows_data()
    {
        QTest::addColumn<int>("sentence");
        QTest::addColumn<int>("token");
        QTest::addColumn<int>("shownSentence");
        QTest::addColumn<int>("shownToken");
        QTest::newRow("default: A's first") << 0 << -1 << 0 << 0;
        QTest::newRow("A, token 3") << 0 << 2 << 0 << 2;
        QTest::newRow("B, token 2") << 1 << 1 << 1 << 1;
        QTest::newRow("B, beyond the end: its last") << 1 << 99 << 1 << 2;
    }

    void barsAreTheSelectedRows()
    {
        QFETCH(int, sentence);
        QFETCH(int, token);
        QFETCH(int, shownSentence);
        QFETCH(int, shownToken);
        const auto data = handBuiltSnapshot();
        Selection selection;
        selection.sentence = sentence;
        selection.token = token;
        auto view = shownView("vectors", data, selection);
        const SentenceSnapshot& s = shownSentence == 1 ? *data->b : data->a;
        const QString why = checkBars(view.get(), s, shownToken);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(as<VectorsView>(view)->selectedSentence(), shownSentence);
        QCOMPARE(as<VectorsView>(view)->selectedToken(), shownToken);
        const QString title = QStringLiteral("%1 (%2, pos %3)")
                                  .arg(QString::fromStdString(s.tokens[static_cast<size_t>(shownToken)]), shownSentence == 1 ? "B" : "A")
                                  .arg(shownToken);
        QVERIFY2(pictureTexts(view.get()).join(" | ").contains(title), qPrintable(pictureTexts(view.get()).join(" | ")));
        // The selected row is marked in its sentence's maps only.
        for (QCPItemRect* mark : items<QCPItemRect>(view->plot()))
            if (mark->visible())
                QCOMPARE(mark->topLeft->coords().y() + 0.5, static_cast<double>(shownToken));
    }

    // The hand-made model (d = 2): arrows from the origin end at E, P and E + P of the token,
    // and the sum line writes them.
    void handmadeArrowsEndAtTheRows()
    {
        SnapshotOptions options;
        options.handmade = true;
        options.modelId = "handmade";
        options.width = 2;
        options.layers = 0;
        options.heads = 1;
        const auto data = handBuiltSnapshot(options);
        auto view = shownView("vectors", data);  // default: 猫, third token of B
        auto* vectors = as<VectorsView>(view);
        QCOMPARE(vectors->selectedSentence(), 1);
        QCOMPARE(vectors->selectedToken(), 2);
        const Trace& trace = *data->b->trace;
        std::vector<QPointF> ends;
        for (QCPItemLine* line : items<QCPItemLine>(view->plot()))
            if (line->start->coords() == QPointF(0, 0))
                ends.push_back(line->end->coords());
        const QString why = comparePointSets(ends, {QPointF(trace.embedding(2, 0), trace.embedding(2, 1)),
                                                    QPointF(trace.position(2, 0), trace.position(2, 1)),
                                                    QPointF(trace.input(2, 0), trace.input(2, 1))});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY2(vectors->sumText().contains(widgets::formatValue(trace.input(2, 0), 2)), qPrintable(vectors->sumText()));
    }

    void tokenChooserRequestsSelection()
    {
        const auto data = handBuiltSnapshot();
        auto view = shownView("vectors", data);
        SelectionRequests log(view.get());
        QComboBox* chooser = comboStartingWith(view.get(), "A: 猫");
        QVERIFY(chooser);
        QCOMPARE(chooser->count(), data->a.length() + data->b->length());
        chooser->setCurrentIndex(data->a.length() + 1);  // B's second token
        QCOMPARE(static_cast<int>(log.requests.size()), 1);
        Selection expected;
        expected.sentence = 1;
        expected.token = 1;
        QVERIFY(log.requests.front() == expected);
        QVERIFY(checkBars(view.get(), data->a, 0).isEmpty());  // the session has not answered
        view->setSelection(log.requests.front());
        const QString why = checkBars(view.get(), *data->b, 1);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(static_cast<int>(log.requests.size()), 1);
    }
};

QTEST_MAIN(TestVectorsView)
#include "test_vectors_view.moc"
