// Decomposition view: the map under each term's name holds that term of the selected head of
// the selected sentence (a swapped ep / pe fails), the sixth map is the score; the head follows
// selection.head; the share bars are the snapshot's termShares; the choosers ask the session and
// change nothing until it answers.
#include "decomposition_view.h"
#include "model.h"
#include "view_fixture.h"

using namespace orderlens;
using namespace orderlens::testing;

namespace {

const Matrix& termOf(const SentenceSnapshot& s, int term, int head)
{
    const LogitTerms& t = *s.trace->terms;
    const std::vector<Matrix>* parts[5] = {&t.ee, &t.ep, &t.pe, &t.pp, &t.bias};
    return (*parts[term - 1])[static_cast<size_t>(head)];
}

// The six names over the maps, in the view's words, with what each must show (0: the score).
const std::pair<QString, int> kMaps[6] = {{"word → word", EE},    {"word → place", EP}, {"place → word", PE},
                                          {"place → place", PP},  {"bias", Bias},       {"= score (sum)", 0}};

}  // namespace

class TestDecompositionView : public QObject {
    Q_OBJECT
private slots:
    void mapsAreTheFiveTerms_data()
    {
        QTest::addColumn<int>("head");
        QTest::addColumn<int>("sentence");
        QTest::newRow("A, head 1") << 0 << 0;
        QTest::newRow("A, head 2") << 1 << 0;
        QTest::newRow("B, head 2") << 1 << 1;
        QTest::newRow("B, head 1") << 0 << 1;
        QTest::newRow("head beyond the model: the last") << 7 << 0;
    }

    void mapsAreTheFiveTerms()
    {
        QFETCH(int, head);
        QFETCH(int, sentence);
        const auto data = handBuiltSnapshot();
        Selection selection;
        selection.head = head;
        selection.sentence = sentence;
        auto view = shownView("decomposition", data);
        view->setSelection(selection);  // a new selection after the first picture: drawn in place or anew
        const int shownHead = std::min(head, data->config.n_heads - 1);
        const SentenceSnapshot& s = sentence == 1 ? *data->b : data->a;
        QCOMPARE(as<widgets::DecompositionView>(view)->selectedHead(), shownHead);
        for (const auto& [name, term] : kMaps) {
            const auto maps = mapsTitled(view->plot(), name);
            QVERIFY2(maps.size() == 1, qPrintable(QStringLiteral("maps titled '%1': %2; titles: %3")
                                                      .arg(name)
                                                      .arg(maps.size())
                                                      .arg(titlesOfMaps(view->plot()).join(" | "))));
            const Matrix& expected =
                term == 0 ? s.trace->layers[0].logits[static_cast<size_t>(shownHead)] : termOf(s, term, shownHead);
            const QString why = compareMap(maps.front(), expected);
            QVERIFY2(why.isEmpty(), qPrintable(name + ": " + why));
            // And by the numbers' own code: under "word → place" the 2xxx values of ep, under
            // "place → word" the 3xxx values of pe (whatever the trace's fields hold).
            if (term != 0)
                for (int q = 0; q < s.length(); ++q)
                    for (int k = 0; k < s.length(); ++k)
                        QVERIFY2(fuzzyEqual(cellAt(maps.front(), k, q), termValue(term, sentence, shownHead, q, k)),
                                 qPrintable(QStringLiteral("%1 (%2, %3): drawn %4, the term's code is %5")
                                                .arg(name)
                                                .arg(q)
                                                .arg(k)
                                                .arg(cellAt(maps.front(), k, q))
                                                .arg(termValue(term, sentence, shownHead, q, k))));
            // Keys along the bottom and queries down the side are the sentence's tokens.
            const auto keys = tickLabels(maps.front()->keyAxis());
            for (int t = 0; t < s.length(); ++t)
                QCOMPARE(keys.value(t), QString::fromStdString(s.tokens[static_cast<size_t>(t)]));
        }
        const QStringList texts = pictureTexts(view.get());
        const QString title = QStringLiteral("Head %1 of layer 1 (%2)").arg(shownHead + 1).arg(sentence == 1 ? "B" : "A");
        QVERIFY2(texts.filter(title).size() == 1, qPrintable(texts.join(" | ")));
        const TermShares& share = s.termShares[static_cast<size_t>(shownHead)];
        QVERIFY2(texts.filter(QStringLiteral("content %1 %").arg(100 * share.content, 0, 'f', 0)).size() == 1,
                 qPrintable(texts.join(" | ")));
    }

    // The share bars: one stack per head, content, mixed and position as in termShares, the
    // selected head marked.
    void shareBarsAreTermShares_data()
    {
        QTest::addColumn<int>("sentence");
        QTest::addColumn<int>("head");
        QTest::newRow("A") << 0 << 0;
        QTest::newRow("B, head 2") << 1 << 1;
    }

    void shareBarsAreTermShares()
    {
        QFETCH(int, sentence);
        QFETCH(int, head);
        const auto data = handBuiltSnapshot();
        Selection selection;
        selection.sentence = sentence;
        selection.head = head;
        auto view = shownView("decomposition", data, selection);
        const SentenceSnapshot& s = sentence == 1 ? *data->b : data->a;
        const std::pair<QString, double TermShares::*> stacks[3] = {{"word → word (content)", &TermShares::content},
                                                                    {"mixed", &TermShares::mixed},
                                                                    {"place → place (position)", &TermShares::position}};
        for (const auto& [name, field] : stacks) {
            auto* bars = plottableNamed<QCPBars>(view->plot(), name);
            QVERIFY2(bars, qPrintable(name + " not drawn; plottables: " + plottableNames(view->plot()).join(" | ")));
            std::vector<QPointF> expected;
            for (size_t h = 0; h < s.termShares.size(); ++h)
                expected.emplace_back(static_cast<double>(h), s.termShares[h].*field);
            const QString why = comparePoints(barPoints(bars), expected);
            QVERIFY2(why.isEmpty(), qPrintable(name + ": " + why));
        }
        const auto marks = items<QCPItemRect>(view->plot());
        QCOMPARE(static_cast<int>(marks.size()), 1);
        QCOMPARE(marks.front()->topLeft->coords().x() + 0.4, static_cast<double>(head));
        const auto labels = tickLabels(plottableNamed<QCPBars>(view->plot(), "mixed")->keyAxis());
        QCOMPARE(labels.value(head), QStringLiteral("head %1").arg(head + 1));
    }

    // RoPE has no exact split: no maps, and the bars are the heads' position scores.
    void ropeShowsPositionScores()
    {
        SnapshotOptions options;
        options.scheme = PositionScheme::Rope;
        const auto data = handBuiltSnapshot(options);
        auto view = shownView("decomposition", data);
        QVERIFY(plottables<QCPColorMap>(view->plot()).empty());
        auto* bars = plottableNamed<QCPBars>(view->plot(), "position score");
        QVERIFY(bars);
        std::vector<QPointF> expected;
        for (const HeadRole& role : data->a.headRoles)
            expected.emplace_back(static_cast<double>(expected.size()), role.positionScore);
        const QString why = comparePoints(barPoints(bars), expected);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    // RoPE with its exact split (a real model's trace): content, position and score maps of the
    // selected head, its pair shares, every head's content and position shares.
    void ropeShowsItsExactSplit()
    {
        const Model model = Model::random(PositionScheme::Rope, 3);
        SnapshotRequest request;
        request.sentenceA = "猫追老鼠";
        request.sentenceB = "老鼠追猫";
        request.showRoles = false;
        const SnapshotResult result = analyse(model, positionFacts(model), request);
        QVERIFY(result.snapshot);
        for (const int head : {0, 2}) {
            Selection selection;
            selection.head = head;
            auto view = shownView("decomposition", result.snapshot, selection);
            const SentenceSnapshot& s = result.snapshot->a;
            const RopeHeadTerms& t = s.trace->ropeTerms.front()[static_cast<size_t>(head)];
            const std::pair<QString, const Matrix*> maps[3] = {{"content (one position)", &t.content},
                                                               {"+ position (the turning)", &t.position},
                                                               {"= score (sum)", &s.trace->layers[0].logits[static_cast<size_t>(head)]}};
            for (const auto& [name, expected] : maps) {
                const auto found = mapsTitled(view->plot(), name);
                QVERIFY2(found.size() == 1, qPrintable(name + ": " + titlesOfMaps(view->plot()).join(" | ")));
                const QString why = compareMap(found.front(), *expected);
                QVERIFY2(why.isEmpty(), qPrintable(name + ": " + why));
            }
            const RopeShares& shares = s.ropeShares[static_cast<size_t>(head)];
            std::vector<QPointF> content, position, pairs;
            for (int h = 0; h < model.config().n_heads; ++h) {
                content.emplace_back(h, s.ropeShares[static_cast<size_t>(h)].content);
                position.emplace_back(h, s.ropeShares[static_cast<size_t>(h)].position);
            }
            for (size_t i = 0; i < shares.pairs.size(); ++i)
                pairs.emplace_back(static_cast<double>(i), shares.pairs[i]);
            QString why = comparePoints(barPoints(plottableNamed<QCPBars>(view->plot(), "content")), content);
            QVERIFY2(why.isEmpty(), qPrintable(why));
            why = comparePoints(barPoints(plottableNamed<QCPBars>(view->plot(), "position")), position);
            QVERIFY2(why.isEmpty(), qPrintable(why));
            const auto all = plottables<QCPBars>(view->plot());
            QCOMPARE(static_cast<int>(all.size()), 3);
            const QCPBars* pairBars = nullptr;
            for (QCPBars* b : all)
                if (b->name() != "content" && b->name() != "position")
                    pairBars = b;
            QVERIFY(pairBars);
            why = comparePoints(barPoints(pairBars), pairs);
            QVERIFY2(why.isEmpty(), qPrintable(why));
            QVERIFY(pictureTexts(view.get()).join(' ').contains(QStringLiteral("Head %1 of layer 1").arg(head + 1)));
        }
    }

    // The head and sentence choosers ask the session; the picture waits for its answer.
    void choosersRequestSelection_data()
    {
        QTest::addColumn<QString>("firstItem");  // which chooser
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("head");
        QTest::addColumn<int>("sentence");
        QTest::newRow("head 2") << "1" << 1 << 1 << 0;
        QTest::newRow("sentence B") << "A: " << 1 << 0 << 1;
    }

    void choosersRequestSelection()
    {
        QFETCH(QString, firstItem);
        QFETCH(int, index);
        QFETCH(int, head);
        QFETCH(int, sentence);
        const auto data = handBuiltSnapshot();
        auto view = shownView("decomposition", data);
        SelectionRequests log(view.get());
        QComboBox* chooser = comboStartingWith(view.get(), firstItem);
        QVERIFY(chooser);
        chooser->setCurrentIndex(index);
        QCOMPARE(static_cast<int>(log.requests.size()), 1);
        Selection expected;
        expected.head = head;
        expected.sentence = sentence;
        QVERIFY(log.requests.front() == expected);
        // Until the session answers, head 1 of A is drawn.
        QVERIFY(compareMap(mapsTitled(view->plot(), "word → place").front(), termOf(data->a, EP, 0)).isEmpty());
        view->setSelection(log.requests.front());
        const SentenceSnapshot& s = sentence == 1 ? *data->b : data->a;
        const QString why = compareMap(mapsTitled(view->plot(), "word → place").front(), termOf(s, EP, head));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(static_cast<int>(log.requests.size()), 1);  // showing the selection asks for nothing
    }

    // A new snapshot of the same shape is drawn in place: the maps hold its numbers.
    void newSnapshotIsDrawn()
    {
        auto view = shownView("decomposition", handBuiltSnapshot());
        SnapshotOptions other;
        other.tokensA = {"狗", "追", "兔子"};
        other.tokensB = {"兔子", "追", "狗"};
        auto next = handBuiltSnapshot(other);
        auto trace = std::make_shared<Trace>(*next->a.trace);
        trace->terms->pe[0] *= -1.0f;
        next->a.trace = trace;
        const int refreshes = view->refreshCount();
        view->setData(next);
        QVERIFY(view->refreshCount() > refreshes);
        const QString why = compareMap(mapsTitled(view->plot(), "place → word").front(), trace->terms->pe[0]);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(tickLabels(mapsTitled(view->plot(), "word → word").front()->keyAxis()).value(0), QStringLiteral("狗"));
    }
};

QTEST_MAIN(TestDecompositionView)
#include "test_decomposition_view.moc"
