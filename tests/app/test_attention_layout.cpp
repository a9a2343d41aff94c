// The attention grid as the window shows it and at small export sizes: key names stand upright
// (on one line, or on two staggered lines) and never touch; head names sit right above their
// maps, layer names right beside their row of maps, query names right beside it, with nothing
// but maps inside each panel's rect; cells stay square.
#include "exporter.h"
#include "attention_view.h"
#include "window_fixture.h"
#include "session_model.h"

#include <QtTest>

#include <algorithm>
#include <map>

using namespace orderlens;
using widgets::AttentionView;

namespace {

struct Label {
    double from, to;  // pixels along the axis
    QString text;
};

// The tick labels of a text-ticker axis as drawn: per line of text (staggered names begin with
// a line break), each name's extent along the axis.
std::map<int, std::vector<Label>> labelsByLine(const QCPAxis* axis)
{
    std::map<int, std::vector<Label>> lines;
    auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(axis->ticker());
    if (!ticker || !axis->tickLabels())
        return lines;
    const QFontMetricsF metrics(axis->tickLabelFont());
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    for (auto it = ticker->ticks().cbegin(); it != ticker->ticks().cend(); ++it) {
        QString text = it.value();
        int line = 0;
        while (text.startsWith('\n')) {
            text.remove(0, 1);
            ++line;
        }
        const double at = axis->coordToPixel(it.key());
        // Across: the advance; along a vertical axis: the glyphs, a little less than the line height.
        const double half = (horizontal ? metrics.horizontalAdvance(text) : 0.85 * metrics.height()) / 2;
        lines[line].push_back({at - half, at + half, text});
    }
    for (auto& [line, labels] : lines)
        std::sort(labels.begin(), labels.end(), [](const Label& a, const Label& b) { return a.from < b.from; });
    return lines;
}

QString noTouching(const QCPAxis* axis, double space)
{
    for (const auto& [line, labels] : labelsByLine(axis))
        for (size_t i = 0; i + 1 < labels.size(); ++i)
            if (labels[i + 1].from - labels[i].to < space)
                return QStringLiteral("'%1' and '%2' touch (%3 px apart)")
                    .arg(labels[i].text, labels[i + 1].text)
                    .arg(labels[i + 1].from - labels[i].to, 0, 'f', 1);
    return {};
}

}  // namespace

class TestAttentionLayout : public QObject {
    Q_OBJECT
private slots:
    void grid_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QSize>("plotSize");  // empty: the plot's size in the window
        QTest::addColumn<bool>("queryNamesExpected");
        QTest::addColumn<bool>("keyNamesExpected");
        // Four heads: every name fits at the window's size. ALiBi's eight heads make the cells
        // lower than a line of text there: the query names get smaller, the key names (the same
        // tokens) give way.
        const QStringList models{"builtin:sinusoidal", "builtin:rope", "builtin:alibi", "builtin:none",
                                 "random:learned"};
        for (const QString& model : models) {
            const bool fourHeads = model != "builtin:alibi";
            QTest::newRow(qPrintable(model + " window")) << model << QSize() << true << fourHeads;
            QTest::newRow(qPrintable(model + " 900x570")) << model << QSize(900, 570) << fourHeads << fourHeads;
            QTest::newRow(qPrintable(model + " 700x430")) << model << QSize(700, 430) << false << false;
            QTest::newRow(qPrintable(model + " 1600x870")) << model << QSize(1600, 870) << true << true;
        }
    }

    void grid()
    {
        QFETCH(QString, model);
        QFETCH(QSize, plotSize);
        QFETCH(bool, queryNamesExpected);
        QFETCH(bool, keyNamesExpected);
        testing::WindowFixture f(testing::kWindowSize);  // the window's first size
        QVERIFY(f.load(model));
        auto* attention = f.showViewAs<AttentionView>("attention");
        if (plotSize.isEmpty())
            plotSize = attention->plot()->size();
        attention->layoutAt(plotSize);
        const auto data = f.session()->current();
        const int layers = data->config.n_layers, heads = data->config.n_heads;
        if (queryNamesExpected)
            QVERIFY2(attention->showsTokenLabels(),
                     qPrintable(QStringLiteral("no query names on a %1x%2 plot with %3-pixel maps")
                                    .arg(plotSize.width())
                                    .arg(plotSize.height())
                                    .arg(attention->mapPixelRect(AttentionView::PanelA, 0, 0).width())));

        for (const auto panel : {AttentionView::PanelA, AttentionView::PanelB, AttentionView::PanelDifference}) {
            QVERIFY(attention->hasPanel(panel));
            const QRectF first = attention->mapPixelRect(panel, 0, 0);
            const QRectF last = attention->mapPixelRect(panel, layers - 1, heads - 1);
            QVERIFY(!first.isEmpty() && !last.isEmpty());
            QVERIFY2(std::abs(first.width() - first.height()) < 1.5, "cells are not square");
            QCPAxisRect* rect = attention->plot()->axisRectAt(first.center());
            QVERIFY(rect);
            // The rect holds the maps and nothing else: every name outside it is beside them.
            const QRect inner = rect->rect();
            QVERIFY2(first.left() - inner.left() < 2.5 && first.top() - inner.top() < 2.5 &&
                         inner.right() - last.right() < 2.5 && inner.bottom() - last.bottom() < 2.5,
                     qPrintable(QStringLiteral("maps (%1, %2)–(%3, %4) leave room in their rect (%5, %6)–(%7, %8)")
                                    .arg(first.left())
                                    .arg(first.top())
                                    .arg(last.right())
                                    .arg(last.bottom())
                                    .arg(inner.left())
                                    .arg(inner.top())
                                    .arg(inner.right())
                                    .arg(inner.bottom())));

            const QCPAxis* keys = rect->axis(QCPAxis::atBottom);
            QCOMPARE(keys->tickLabelRotation(), 0.0);
            if (keyNamesExpected)
                QVERIFY2(attention->keyLabelMode(panel) != AttentionView::KeyLabelMode::None,
                         "no key names at a size with room for them");
            QVERIFY2(keys->tickLabels() == (attention->keyLabelMode(panel) != AttentionView::KeyLabelMode::None),
                     "the key names' mode does not match the axis");
            QString problem = noTouching(keys, 2);
            QVERIFY2(problem.isEmpty(), qPrintable("key names: " + problem));
            problem = noTouching(rect->axis(QCPAxis::atTop), 2);
            QVERIFY2(problem.isEmpty(), qPrintable("head names: " + problem));
            problem = noTouching(rect->axis(QCPAxis::atLeft), 0);
            QVERIFY2(problem.isEmpty(), qPrintable("query names: " + problem));
            problem = noTouching(rect->axis(QCPAxis::atRight), 0);
            QVERIFY2(problem.isEmpty(), qPrintable("layer names: " + problem));
            // Layer 1 is always named, level with its row of maps.
            const auto layerNames = labelsByLine(rect->axis(QCPAxis::atRight));
            QVERIFY(!layerNames.empty() && !layerNames.at(0).empty());
            const Label& layer1 = layerNames.at(0).front();
            const double middle = (layer1.from + layer1.to) / 2;
            QVERIFY2(middle > first.top() && middle < first.bottom(), "the layer name is not level with its maps");
        }
    }

    // One head enlarged, at the window's size: square cells filling their rect (names right
    // beside the map), each colour bar as tall as the maps. Set ORDERLENS_PICTURE_DIR to keep the picture for looking at.
    void enlargedHead()
    {
        testing::WindowFixture f(testing::kWindowSize);
        QVERIFY(f.load());
        auto* attention = f.showViewAs<AttentionView>("attention");
        attention->showHead(1, 2);
        QCoreApplication::processEvents();
        attention->layoutAt(attention->plot()->size());
        QRect maps;  // all three
        for (const auto panel : {AttentionView::PanelA, AttentionView::PanelB, AttentionView::PanelDifference}) {
            const QRectF map = attention->mapPixelRect(panel, 1, 2);
            QVERIFY(!map.isEmpty());
            QVERIFY2(std::abs(map.width() - map.height()) < 1.5, "cells are not square");
            const QRect inner = attention->plot()->axisRectAt(map.center())->rect();
            QVERIFY2(std::abs(map.left() - inner.left()) < 2.5 && std::abs(inner.right() - map.right()) < 2.5 &&
                         std::abs(map.top() - inner.top()) < 2.5 && std::abs(inner.bottom() - map.bottom()) < 2.5,
                     "the map leaves room in its rect (its names stand apart from it)");
            maps = maps.united(inner);
        }
        int bars = 0;
        for (QCPLayoutElement* element : attention->plot()->plotLayout()->elements(true))
            if (auto* bar = qobject_cast<QCPColorScale*>(element)) {
                QVERIFY2(std::abs(bar->rect().top() - maps.top()) <= 1 && std::abs(bar->rect().bottom() - maps.bottom()) <= 1,
                         qPrintable(QStringLiteral("colour bar %1–%2, maps %3–%4")
                                        .arg(bar->rect().top())
                                        .arg(bar->rect().bottom())
                                        .arg(maps.top())
                                        .arg(maps.bottom())));
                ++bars;
            }
        QCOMPARE(bars, 2);  // attention weight, attention change
        const QString dir = qEnvironmentVariable("ORDERLENS_PICTURE_DIR");
        if (!dir.isEmpty())
            QVERIFY(orderlens::app::viewImage(*attention, {attention->plot()->size()}).save(dir + "/attention_head_window.png"));
    }
};

QTEST_MAIN(TestAttentionLayout)
#include "test_attention_layout.moc"
