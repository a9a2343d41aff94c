// Attention view: in the grid, the cell under "head h" and beside "layer l", in the column of key
// k and the row of query q, holds attention[l][h](q, k) of A, of B and of the aligned
// difference; the layer filter shows that layer only; one enlarged head shows the selected
// layer and head with its values written in the cells; the choosers ask the session and change
// nothing until it answers.
#include "attention_view.h"
#include "view_fixture.h"

using namespace orderlens;
using namespace orderlens::testing;
using widgets::AttentionView;

namespace {

struct PanelExpectation {
    AttentionView::Panel panel;
    QString title;
    const std::vector<std::string>* tokens;
    std::function<const Matrix&(int layer, int head)> matrix;
};

std::vector<PanelExpectation> panelsOf(const Snapshot& data, bool enlarged)
{
    std::vector<PanelExpectation> out;
    auto trace = [](const SentenceSnapshot& s) {
        return [&s](int l, int h) -> const Matrix& { return s.trace->layers[static_cast<size_t>(l)].attention[static_cast<size_t>(h)]; };
    };
    out.push_back({AttentionView::PanelA, enlarged ? "A" : "A: " + widgets::joinedTokens(data.a.tokens), &data.a.tokens, trace(data.a)});
    if (data.b)
        out.push_back({AttentionView::PanelB, enlarged ? "B" : "B: " + widgets::joinedTokens(data.b->tokens), &data.b->tokens, trace(*data.b)});
    if (data.difference)
        out.push_back({AttentionView::PanelDifference, enlarged ? "B − A (aligned)" : "B − A, aligned by token", &data.a.tokens,
                       [&data](int l, int h) -> const Matrix& {
                           return data.difference->attention[static_cast<size_t>(l)][static_cast<size_t>(h)];
                       }});
    return out;
}

QCPColorMap* panelMap(QCustomPlot* plot, const QString& title)
{
    for (QCPColorMap* map : plottables<QCPColorMap>(plot))
        if (titleAbove(map->keyAxis()->axisRect()).section('\n', 0, 0) == title)
            return map;
    return nullptr;
}

// The grid of one panel, read the way a reader reads it: the head's name on top, the layer's
// name on the right, key names below, query names on the left.
QString checkGrid(const AttentionView* view, const Snapshot& data, const std::vector<int>& layers)
{
    for (const PanelExpectation& e : panelsOf(data, false)) {
        QCPColorMap* map = panelMap(view->plot(), e.title);
        if (!map)
            return "no panel '" + e.title + "': " + titlesOfMaps(view->plot()).join(" | ");
        QCPAxisRect* rect = map->keyAxis()->axisRect();
        const int T = static_cast<int>(e.tokens->size());
        const double middle = (T - 1) / 2.0;
        for (int l = 0; l < data.config.n_layers; ++l) {
            const double row = tickPosition(rect->axis(QCPAxis::atRight), QStringLiteral("layer %1").arg(l + 1));
            const bool shown = std::find(layers.begin(), layers.end(), l) != layers.end();
            if (std::isnan(row) == shown)
                return QStringLiteral("%1: layer %2 %3").arg(e.title).arg(l + 1).arg(shown ? "not shown" : "shown");
            if (!shown)
                continue;
            for (int h = 0; h < data.config.n_heads; ++h) {
                const double column = tickPosition(rect->axis(QCPAxis::atTop), QStringLiteral("head %1").arg(h + 1));
                if (std::isnan(column))
                    return QStringLiteral("%1: no head %2").arg(e.title).arg(h + 1);
                const double x0 = column - middle, y0 = row - middle;
                const auto keys = tickLabels(rect->axis(QCPAxis::atBottom));
                const auto queries = tickLabels(rect->axis(QCPAxis::atLeft));
                for (int t = 0; t < T; ++t) {
                    const QString token = QString::fromStdString((*e.tokens)[static_cast<size_t>(t)]);
                    if (keys.value(x0 + t) != token || queries.value(y0 + t) != token)
                        return QStringLiteral("%1 layer %2 head %3: token %4 named '%5' / '%6', expected '%7'")
                            .arg(e.title).arg(l + 1).arg(h + 1).arg(t).arg(keys.value(x0 + t), queries.value(y0 + t), token);
                }
                if (QString why = compareMap(map, e.matrix(l, h), x0, y0, false); !why.isEmpty())
                    return QStringLiteral("%1 layer %2 head %3: ").arg(e.title).arg(l + 1).arg(h + 1) + why;
                // The view's own read-back says the same.
                for (int q = 0; q < T; ++q)
                    for (int k = 0; k < T; ++k)
                        if (!fuzzyEqual(view->drawnValue(e.panel, l, h, q, k), e.matrix(l, h)(q, k)))
                            return QStringLiteral("%1: drawnValue(%2, %3, %4, %5) differs").arg(e.title).arg(l).arg(h).arg(q).arg(k);
            }
        }
    }
    return {};
}

QString checkEnlarged(const AttentionView* view, const Snapshot& data, int layer, int head)
{
    const auto maps = plottables<QCPColorMap>(view->plot());
    const auto panels = panelsOf(data, true);
    if (maps.size() != panels.size())
        return QStringLiteral("%1 maps, expected %2: %3").arg(maps.size()).arg(panels.size()).arg(titlesOfMaps(view->plot()).join(" | "));
    for (const PanelExpectation& e : panels) {
        QCPColorMap* map = panelMap(view->plot(), e.title);
        if (!map)
            return "no panel '" + e.title + "': " + titlesOfMaps(view->plot()).join(" | ");
        const Matrix& m = e.matrix(layer, head);
        if (QString why = compareMap(map, m); !why.isEmpty())
            return e.title + ": " + why;
        for (int q = 0; q < m.rows(); ++q)
            for (int k = 0; k < m.cols(); ++k) {
                const auto texts = textsAt(view->plot(), map->keyAxis(), k, q);
                if (texts.size() != 1 || texts.front()->text() != widgets::formatValue(m(q, k), 2))
                    return QStringLiteral("%1 cell (%2, %3): %4").arg(e.title).arg(q).arg(k).arg(texts.empty() ? "no text" : texts.front()->text());
            }
    }
    return {};
}

}  // namespace

class TestAttentionView : public QObject {
    Q_OBJECT
private slots:
    void gridCellsAreTheAttention_data()
    {
        QTest::addColumn<bool>("withB");
        QTest::addColumn<bool>("difference");
        QTest::addColumn<int>("gridLayer");
        QTest::newRow("A, B and difference, every layer") << true << true << -1;
        QTest::newRow("A, B and difference, layer 2") << true << true << 1;
        QTest::newRow("A, B and difference, layer 1") << true << true << 0;
        QTest::newRow("A only") << false << false << -1;
        QTest::newRow("A and B, no difference") << true << false << -1;
    }

    void gridCellsAreTheAttention()
    {
        QFETCH(bool, withB);
        QFETCH(bool, difference);
        QFETCH(int, gridLayer);
        SnapshotOptions options;
        if (!withB)
            options.tokensB.clear();
        options.difference = difference;
        const auto data = handBuiltSnapshot(options);
        Selection selection;
        selection.gridLayer = gridLayer;
        auto view = shownView("attention", data, selection);
        auto* attention = as<AttentionView>(view);
        std::vector<int> layers;
        for (int l = 0; l < data->config.n_layers; ++l)
            if (gridLayer < 0 || l == gridLayer)
                layers.push_back(l);
        const QString why = checkGrid(attention, *data, layers);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(attention->hasPanel(AttentionView::PanelB), withB);
        QCOMPARE(attention->layerFilter(), gridLayer);
    }

    void enlargedHeadIsTheSelectedOne_data()
    {
        QTest::addColumn<int>("layer");
        QTest::addColumn<int>("head");
        QTest::newRow("layer 1 head 1") << 0 << 0;
        QTest::newRow("layer 2 head 1") << 1 << 0;
        QTest::newRow("layer 1 head 2") << 0 << 1;
        QTest::newRow("layer 2 head 2") << 1 << 1;
    }

    void enlargedHeadIsTheSelectedOne()
    {
        QFETCH(int, layer);
        QFETCH(int, head);
        const auto data = handBuiltSnapshot();
        Selection selection;
        selection.singleHead = true;
        selection.layer = layer;
        selection.head = head;
        auto view = shownView("attention", data, selection);
        const QString why = checkEnlarged(as<AttentionView>(view), *data, layer, head);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(as<AttentionView>(view)->selectedLayer(), layer);
        QCOMPARE(as<AttentionView>(view)->selectedHead(), head);
    }

    // Typing: a sentence of another length is drawn in place in the grid.
    void newSnapshotIsDrawnInPlace()
    {
        auto view = shownView("attention", handBuiltSnapshot());
        SnapshotOptions longer;
        longer.tokensA = {"大", "猫", "追", "老鼠"};
        longer.tokensB = {"老鼠", "追", "大", "猫"};
        const auto next = handBuiltSnapshot(longer);
        const int refreshes = view->refreshCount();
        view->setData(next);
        QVERIFY(view->refreshCount() > refreshes);
        const QString why = checkGrid(as<AttentionView>(view), *next, {0, 1});
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void choosersRequestSelection_data()
    {
        QTest::addColumn<QString>("firstItem");
        QTest::addColumn<int>("index");
        QTest::addColumn<bool>("singleHead");
        QTest::addColumn<int>("layer");
        QTest::addColumn<int>("gridLayer");
        QTest::newRow("one head") << "All heads" << 1 << true << 0 << -1;
        QTest::newRow("grid layer 2") << "all" << 2 << false << 0 << 1;
    }

    void choosersRequestSelection()
    {
        QFETCH(QString, firstItem);
        QFETCH(int, index);
        QFETCH(bool, singleHead);
        QFETCH(int, layer);
        QFETCH(int, gridLayer);
        const auto data = handBuiltSnapshot();
        auto view = shownView("attention", data);
        SelectionRequests log(view.get());
        QComboBox* chooser = comboStartingWith(view.get(), firstItem);
        QVERIFY(chooser);
        chooser->setCurrentIndex(index);
        QCOMPARE(static_cast<int>(log.requests.size()), 1);
        Selection expected;
        expected.singleHead = singleHead;
        expected.layer = layer;
        expected.gridLayer = gridLayer;
        QVERIFY(log.requests.front() == expected);
        QVERIFY(checkGrid(as<AttentionView>(view), *data, {0, 1}).isEmpty());  // the session has not answered
        view->setSelection(log.requests.front());
        const QString why = singleHead ? checkEnlarged(as<AttentionView>(view), *data, 0, 0)
                                       : checkGrid(as<AttentionView>(view), *data, {gridLayer});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(static_cast<int>(log.requests.size()), 1);  // showing the selection asks for nothing
    }

    // In the enlarged head, the layer and head choosers pick another head.
    void headChooserRequestsHead()
    {
        const auto data = handBuiltSnapshot();
        Selection selection;
        selection.singleHead = true;
        auto view = shownView("attention", data, selection);
        SelectionRequests log(view.get());
        std::vector<QComboBox*> numbered;
        for (QComboBox* combo : view->findChildren<QComboBox*>())
            if (combo->count() > 0 && combo->itemText(0) == "1")
                numbered.push_back(combo);
        QCOMPARE(static_cast<int>(numbered.size()), 2);  // layer, head
        numbered[1]->setCurrentIndex(1);
        QCOMPARE(static_cast<int>(log.requests.size()), 1);
        QCOMPARE(log.requests.front().head, 1);
        QVERIFY(log.requests.front().singleHead);
        QVERIFY(checkEnlarged(as<AttentionView>(view), *data, 0, 0).isEmpty());
        view->setSelection(log.requests.front());
        const QString why = checkEnlarged(as<AttentionView>(view), *data, 0, 1);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    // Badges name a head's kind in words of the interface (not 位/内/混 in English) and its
    // pattern only when the pattern is strong: a head that puts 45 % of its attention on the next
    // token is not called "→ next token" (the heads of builtin:none do that by content), one
    // that puts 80 % there is. Each badge stands beside its map, not over its cells.
    void badgesNameStrongPatternsOnly_data()
    {
        QTest::addColumn<double>("strength");
        QTest::addColumn<bool>("named");
        QTest::newRow("weak, 0.45") << 0.45 << false;
        QTest::newRow("just below the threshold") << widgets::kStrongPattern - 0.01 << false;
        QTest::newRow("at the threshold") << widgets::kStrongPattern << true;
        QTest::newRow("strong, 0.8") << 0.8 << true;
    }
    void badgesNameStrongPatternsOnly()
    {
        QFETCH(double, strength);
        QFETCH(bool, named);
        auto data = handBuiltSnapshot();
        for (SentenceSnapshot* sentence : {&data->a, &*data->b})
            for (HeadRole& role : sentence->headRoles) {
                role.pattern = HeadPattern::NextToken;
                role.patternStrength = strength;
            }
        auto view = shownView("attention", data, {}, QSize(1400, 900));
        auto* attention = as<AttentionView>(view);
        attention->layoutAt(attention->plot()->size());
        int badges = 0;
        for (QCPItemText* item : items<QCPItemText>(attention->plot())) {
            if (!item->property("word").isValid() || !item->visible())
                continue;
            ++badges;
            QVERIFY2(item->text().contains(QStringLiteral("→")) == named, qPrintable(item->text()));
            QVERIFY2(!item->text().contains(QStringLiteral("位")) && !item->text().contains(QStringLiteral("内")) &&
                         !item->text().contains(QStringLiteral("混")),
                     qPrintable("a badge in the English interface reads " + item->text()));
            QVERIFY2(item->text().startsWith(QStringLiteral("position")) || item->text().startsWith(QStringLiteral("content")) ||
                         item->text().startsWith(QStringLiteral("mixed")),
                     qPrintable(item->text()));
        }
        QCOMPARE(badges, 2 * data->config.n_layers * data->config.n_heads);  // A's and B's heads
        // Beside, not over: no badge's box overlaps a map of its panel.
        for (const auto& box : attention->textBoxes())
            for (int l = 0; l < data->config.n_layers; ++l)
                for (int h = 0; h < data->config.n_heads; ++h) {
                    const QRectF map = attention->mapPixelRect(AttentionView::PanelA, l, h);
                    const QRectF overlap = map.intersected(box.rect);
                    QVERIFY2(overlap.width() < 1.5 || overlap.height() < 1.5,
                             qPrintable(QStringLiteral("'%1' covers the map of layer %2, head %3").arg(box.text).arg(l + 1).arg(h + 1)));
                }
        // The enlarged head's title names the pattern under the same rule.
        Selection one;
        one.singleHead = true;
        view->setSelection(one);
        QStringList titles = pictureTexts(view.get());
        QCOMPARE(titles.join(QLatin1Char('|')).contains(QStringLiteral("next token")), named);
    }
};

QTEST_MAIN(TestAttentionView)
#include "test_attention_view.moc"
