// Residual view: the curves and bars are the residualSummary means per stage, for A and B; each
// nearest-word cell holds the stage's cosine to the token's own word and names the snapshot's
// nearest word, ✓ when it is the token's own, ✗ when not. A new snapshot is drawn in place.
#include "residual_view.h"
#include "view_fixture.h"

using namespace orderlens;
using namespace orderlens::testing;

namespace {

QString checkResidual(const widgets::View* view, const Snapshot& data)
{
    QCustomPlot* plot = view->plot();
    const auto sentences = data.sentences();
    const auto bars = plottables<QCPBars>(plot);
    if (bars.size() != sentences.size())
        return QStringLiteral("%1 bar sets for %2 sentences").arg(bars.size()).arg(sentences.size());
    for (size_t index = 0; index < sentences.size(); ++index) {
        const SentenceSnapshot& s = *sentences[index];
        const QString name = index == 0 ? "A" : "B";
        std::vector<QPointF> toWord, toPosition, decoded;
        for (size_t st = 0; st < s.residualSummary.size(); ++st) {
            toWord.emplace_back(st, s.residualSummary[st].meanCosineToWord);
            toPosition.emplace_back(st, s.residualSummary[st].meanCosineToPosition);
            decoded.emplace_back(st, s.residualSummary[st].decodingAccuracy);
        }
        auto* wordCurve = plottableNamed<QCPGraph>(plot, name + ": to own word E");
        auto* positionCurve = plottableNamed<QCPGraph>(plot, name + ": to own position P");
        if (!wordCurve || !positionCurve)
            return name + ": curves missing; plottables: " + plottableNames(plot).join(" | ");
        if (QString why = comparePoints(graphPoints(wordCurve), toWord); !why.isEmpty())
            return name + " to own word: " + why;
        if (QString why = comparePoints(graphPoints(positionCurve), toPosition); !why.isEmpty())
            return name + " to own position: " + why;
        // Bars in sentence order (A's first): which one is A's is told by its colour.
        if (bars[index]->brush().color() != widgets::sentenceColour(static_cast<int>(index)))
            return name + ": bars in another sentence's colour";
        if (QString why = comparePoints(barPoints(bars[index]), decoded); !why.isEmpty())
            return name + " decoded: " + why;

        // The nearest-word map of this sentence: (stage, token) = cosine to own word.
        std::vector<QCPColorMap*> maps;
        for (QCPColorMap* map : plottables<QCPColorMap>(plot))
            if (titleAbove(map->keyAxis()->axisRect()).startsWith(name + ": nearest word"))
                maps.push_back(map);
        if (maps.size() != 1)
            return QStringLiteral("%1 nearest-word maps of %2; titles: %3").arg(maps.size()).arg(name).arg(titlesOfMaps(plot).join(" | "));
        QCPColorMap* map = maps.front();
        const int stages = static_cast<int>(s.residual.size());
        Matrix cosines(s.length(), stages);
        for (int st = 0; st < stages; ++st)
            for (int t = 0; t < s.length(); ++t)
                cosines(t, st) = static_cast<float>(s.residual[static_cast<size_t>(st)].cosineToWord[static_cast<size_t>(t)]);
        if (QString why = compareMap(map, cosines); !why.isEmpty())
            return name + " nearest-word colours: " + why;
        const auto tokenTicks = tickLabels(map->valueAxis());
        for (int t = 0; t < s.length(); ++t) {
            if (tokenTicks.value(t) != QString::fromStdString(s.tokens[static_cast<size_t>(t)]))
                return QStringLiteral("%1: row %2 named '%3'").arg(name).arg(t).arg(tokenTicks.value(t));
            for (int st = 0; st < stages; ++st) {
                const std::string& word = s.nearestWords[static_cast<size_t>(st)][static_cast<size_t>(t)];
                const QString text = QString::fromStdString(word) +
                                     (word == s.tokens[static_cast<size_t>(t)] ? QStringLiteral(" ✓") : QStringLiteral(" ✗"));
                const auto cells = textsAt(plot, map->keyAxis(), st, t);
                if (cells.size() != 1 || cells.front()->text() != text)
                    return QStringLiteral("%1 cell (stage %2, token %3): %4 texts, '%5', expected '%6'")
                        .arg(name)
                        .arg(st)
                        .arg(t)
                        .arg(cells.size())
                        .arg(cells.empty() ? QString() : cells.front()->text())
                        .arg(text);
            }
        }
        const auto stageTicks = tickLabels(map->keyAxis());
        for (int st = 0; st < stages; ++st)
            if (stageTicks.value(st) != (st == 0 ? QStringLiteral("input") : QStringLiteral("layer %1").arg(st)))
                return QStringLiteral("stage %1 named '%2'").arg(st).arg(stageTicks.value(st));
    }
    return {};
}

}  // namespace

class TestResidualView : public QObject {
    Q_OBJECT
private slots:
    void drawsTheResidualFacts_data()
    {
        QTest::addColumn<bool>("withB");
        QTest::addColumn<int>("layers");
        QTest::newRow("A and B, 2 layers") << true << 2;
        QTest::newRow("A only, 2 layers") << false << 2;
        QTest::newRow("A and B, 3 layers") << true << 3;
    }

    void drawsTheResidualFacts()
    {
        QFETCH(bool, withB);
        QFETCH(int, layers);
        SnapshotOptions options;
        options.layers = layers;
        if (!withB)
            options.tokensB.clear();
        const auto data = handBuiltSnapshot(options);
        auto view = shownView("residual", data);
        const QString why = checkResidual(view.get(), *data);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        // The last stage's ✗ (token 1's nearest word is another word) is really drawn.
        QVERIFY(!items<QCPItemText>(view->plot()).empty());
    }

    // A keystroke: a sentence of another length is drawn in place with its own numbers.
    void newSnapshotIsDrawnInPlace()
    {
        auto view = shownView("residual", handBuiltSnapshot());
        SnapshotOptions longer;
        longer.tokensA = {"大", "猫", "追", "老鼠"};
        longer.tokensB = {"老鼠", "追", "大", "猫"};
        const auto next = handBuiltSnapshot(longer);
        const int refreshes = view->refreshCount();
        view->setData(next);
        QVERIFY(view->refreshCount() > refreshes);
        const QString why = checkResidual(view.get(), *next);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void positionlessModelHasNoPositionCurve()
    {
        SnapshotOptions options;
        options.scheme = PositionScheme::Rope;
        auto view = shownView("residual", handBuiltSnapshot(options));
        QVERIFY(plottableNamed<QCPGraph>(view->plot(), "A: to own word E"));
        QVERIFY(!plottableNamed<QCPGraph>(view->plot(), "A: to own position P"));
    }
};

QTEST_MAIN(TestResidualView)
#include "test_residual_view.moc"
