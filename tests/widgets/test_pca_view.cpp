// PCA view: every point drawn (words, the positions' path, each sentence's sums, the arrows'
// ends and the labels) is the snapshot's pcaEmbedding / pcaPosition / pcaInput at the selected
// pair of components; the axis labels carry the explained ratios; the pair chooser asks the
// session and changes nothing until it answers.
#include "pca_view.h"
#include "view_fixture.h"

#include <set>

using namespace orderlens;
using namespace orderlens::testing;

namespace {

// The labels that name the point p (plot coordinates), wherever they were pushed to.
std::vector<QCPItemText*> labelsOf(QCustomPlot* plot, QPointF p)
{
    std::vector<QCPItemText*> out;
    for (QCPItemText* text : items<QCPItemText>(plot)) {
        const QPointF anchor = text->property("anchor").toPointF();
        if (fuzzyEqual(anchor.x(), p.x(), 1e-6) && fuzzyEqual(anchor.y(), p.y(), 1e-6))
            out.push_back(text);
    }
    return out;
}

QPointF at(const Matrix& m, int row, int x, int y) { return {m(row, x), m(row, y)}; }

QString checkPoints(const widgets::View* view, const Snapshot& data, int pcX, int pcY)
{
    QCustomPlot* plot = view->plot();
    const auto sentences = data.sentences();
    // The path visits the positions of the longer sentence in order.
    const SentenceSnapshot* longest = sentences.front();
    for (const SentenceSnapshot* s : sentences)
        if (s->length() > longest->length())
            longest = s;
    const auto curves = plottables<QCPCurve>(plot);
    if (curves.size() != 1)
        return QStringLiteral("%1 position paths").arg(curves.size());
    std::vector<QPointF> path;
    for (int i = 0; i < longest->length(); ++i)
        path.push_back(at(longest->pcaPosition, i, pcX, pcY));
    if (QString why = comparePoints(curvePoints(curves.front()), path); !why.isEmpty())
        return "positions path: " + why;
    // One point per distinct word.
    std::vector<QPointF> words;
    std::set<std::string> seen;
    for (const SentenceSnapshot* s : sentences)
        for (int i = 0; i < s->length(); ++i)
            if (seen.insert(s->tokens[static_cast<size_t>(i)]).second)
                words.push_back(at(s->pcaEmbedding, i, pcX, pcY));
    auto* wordGraph = plottableNamed<QCPGraph>(plot, "E words");
    if (!wordGraph)
        return "no word points; plottables: " + plottableNames(plot).join(" | ");
    if (QString why = comparePointSets(graphPoints(wordGraph), words); !why.isEmpty())
        return "words: " + why;
    // Each sentence's sums, and an arrow from each token's word point to its sum.
    std::vector<std::pair<QPointF, QPointF>> arrows;
    for (size_t index = 0; index < sentences.size(); ++index) {
        const SentenceSnapshot& s = *sentences[index];
        const QString name = (index == 0 ? "E + P in A: " : "E + P in B: ") + widgets::joinedTokens(s.tokens);
        auto* sums = plottableNamed<QCPGraph>(plot, name);
        if (!sums)
            return "no graph '" + name + "'; plottables: " + plottableNames(plot).join(" | ");
        std::vector<QPointF> expected;
        for (int i = 0; i < s.length(); ++i) {
            expected.push_back(at(s.pcaInput, i, pcX, pcY));
            arrows.emplace_back(at(s.pcaEmbedding, i, pcX, pcY), expected.back());
            // The sum's label names the token and its position, beside the sum (pushed clear of
            // the other labels: its anchor is the sum).
            const auto labels = labelsOf(plot, expected.back());
            const QString text = QStringLiteral("%1@%2").arg(QString::fromStdString(s.tokens[static_cast<size_t>(i)])).arg(i);
            if (std::none_of(labels.begin(), labels.end(), [&](QCPItemText* l) { return l->text() == text; }))
                return "no label '" + text + "' at its sum";
        }
        if (QString why = comparePointSets(graphPoints(sums), expected); !why.isEmpty())
            return name + ": " + why;
    }
    std::vector<std::pair<QPointF, QPointF>> drawnArrows;
    for (QCPItemLine* line : items<QCPItemLine>(plot))
        drawnArrows.emplace_back(line->start->coords(), line->end->coords());
    if (drawnArrows.size() != arrows.size())
        return QStringLiteral("%1 arrows drawn, %2 expected").arg(drawnArrows.size()).arg(arrows.size());
    for (const auto& [from, to] : arrows)
        if (std::none_of(drawnArrows.begin(), drawnArrows.end(), [&](const auto& a) {
                return fuzzyEqual(a.first.x(), from.x()) && fuzzyEqual(a.first.y(), from.y()) &&
                       fuzzyEqual(a.second.x(), to.x()) && fuzzyEqual(a.second.y(), to.y());
            }))
            return QStringLiteral("no arrow (%1, %2) → (%3, %4)").arg(from.x()).arg(from.y()).arg(to.x()).arg(to.y());
    // Position labels "#i" at the path's points.
    for (int i = 0; i < longest->length(); ++i) {
        const QPointF p = at(longest->pcaPosition, i, pcX, pcY);
        const auto labels = labelsOf(plot, p);
        if (std::none_of(labels.begin(), labels.end(), [&](QCPItemText* l) { return l->text() == QStringLiteral("#%1").arg(i); }))
            return QStringLiteral("no label #%1 at its position point").arg(i);
    }
    return {};
}

}  // namespace

class TestPcaView : public QObject {
    Q_OBJECT
private slots:
    void pointsAreTheSnapshots_data()
    {
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("second");
        QTest::addColumn<bool>("withB");
        QTest::addColumn<int>("components");
        QTest::addColumn<int>("drawnFirst");
        QTest::addColumn<int>("drawnSecond");
        QTest::newRow("PC1/PC2, A and B") << 0 << 1 << true << 3 << 0 << 1;
        QTest::newRow("PC1/PC3, A and B") << 0 << 2 << true << 3 << 0 << 2;
        QTest::newRow("PC2/PC3, A and B") << 1 << 2 << true << 3 << 1 << 2;
        QTest::newRow("PC2/PC3, A only") << 1 << 2 << false << 3 << 1 << 2;
        QTest::newRow("PC2/PC3 of two components: PC1/PC2") << 1 << 2 << true << 2 << 0 << 1;
    }

    void pointsAreTheSnapshots()
    {
        QFETCH(int, first);
        QFETCH(int, second);
        QFETCH(bool, withB);
        QFETCH(int, components);
        QFETCH(int, drawnFirst);
        QFETCH(int, drawnSecond);
        SnapshotOptions options;
        options.pcaComponents = components;
        options.tokensA = {"猫", "追", "老鼠", "了"};  // longer than B: the path follows A
        if (!withB)
            options.tokensB.clear();
        const auto data = handBuiltSnapshot(options);
        Selection selection;
        selection.pcaFirst = first;
        selection.pcaSecond = second;
        auto view = shownView("pca", data, selection);
        const QString why = checkPoints(view.get(), *data, drawnFirst, drawnSecond);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        int words = 0;
        std::set<std::string> seen;
        for (const SentenceSnapshot* s : data->sentences())
            for (const auto& t : s->tokens)
                words += seen.insert(t).second ? 1 : 0;
        QCOMPARE(as<widgets::PcaView>(view)->pointCount(),
                 data->a.length() + words + data->a.length() + (data->b ? data->b->length() : 0));
        // The axes name their component and its share of the variance.
        auto* graph = plottableNamed<QCPGraph>(view->plot(), "E words");
        auto label = [&](int c) {
            return QStringLiteral("PC%1 (%2 % of the variance)").arg(c + 1).arg(100 * data->pcaExplainedRatio[static_cast<size_t>(c)], 0, 'f', 1);
        };
        QCOMPARE(graph->keyAxis()->label(), label(drawnFirst));
        QCOMPARE(graph->valueAxis()->label(), label(drawnSecond));
    }

    // Typing a sentence of another length updates the picture in place with the new points.
    void newSnapshotIsDrawn()
    {
        auto view = shownView("pca", handBuiltSnapshot());
        SnapshotOptions longer;
        longer.tokensA = {"大", "猫", "追", "老鼠"};
        longer.tokensB = {"老鼠", "追", "大", "猫"};
        const auto next = handBuiltSnapshot(longer);
        view->setData(next);
        const QString why = checkPoints(view.get(), *next, 0, 1);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    // Left to the data (the default), the view draws the snapshot's pair and its title says why.
    void automaticAxesAreTheSnapshotsPair()
    {
        auto data = std::make_shared<Snapshot>(*handBuiltSnapshot());
        data->pcaDefaultFirst = 1;
        data->pcaDefaultSecond = 2;
        auto view = shownView("pca", data);
        QCOMPARE(view->selection().pcaFirst, -1);
        const QString why = checkPoints(view.get(), *data, 1, 2);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(comboStartingWith(view.get(), "Best for positions")->currentText(),
                 QStringLiteral("Best for positions (PC2 and PC3)"));
        bool titled = false;
        for (const auto& box : view->textBoxes())
            titled = titled || box.text.contains("PC2 and PC3") && box.text.contains("keeps the points apart");
        QVERIFY2(titled, "the title does not name the chosen pair");
        // A pair picked by hand is drawn as picked.
        Selection byHand;
        byHand.pcaFirst = 0;
        byHand.pcaSecond = 1;
        view->setSelection(byHand);
        QVERIFY(checkPoints(view.get(), *data, 0, 1).isEmpty());
    }

    void pairChooserRequestsSelection()
    {
        const auto data = handBuiltSnapshot();
        auto view = shownView("pca", data);
        SelectionRequests log(view.get());
        QComboBox* pair = comboStartingWith(view.get(), "Best for positions");
        QVERIFY(pair);
        QCOMPARE(pair->currentIndex(), 0);
        QCOMPARE(pair->currentText(), QStringLiteral("Best for positions (PC1 and PC2)"));
        pair->setCurrentIndex(3);  // PC2 and PC3
        QCOMPARE(static_cast<int>(log.requests.size()), 1);
        Selection expected;
        expected.pcaFirst = 1;
        expected.pcaSecond = 2;
        QVERIFY(log.requests.front() == expected);
        QVERIFY(checkPoints(view.get(), *data, 0, 1).isEmpty());  // not drawn before the session answers
        view->setSelection(log.requests.front());
        const QString why = checkPoints(view.get(), *data, 1, 2);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(static_cast<int>(log.requests.size()), 1);
    }
};

QTEST_MAIN(TestPcaView)
#include "test_pca_view.moc"
