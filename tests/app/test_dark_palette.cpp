// With a dark palette every view draws light text and lines on a dark background: axis labels,
// tick labels, colour bars and legends take the palette's text colour, legends and plots its
// base colour, and every title and text label stands out from what it is drawn on. A palette
// change while the window is open redraws the views; `orderlens export --palette dark` draws
// a dark picture. A transparent picture paints no background, not even around the maps.
#include "exporter.h"
#include "attention_view.h"
#include "window_fixture.h"
#include "palette.h"
#include "session_model.h"
#include "view.h"

#include <QApplication>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace orderlens;

namespace {

// WCAG contrast ratio of two colours (1 = the same, 21 = black on white).
double contrast(const QColor& a, const QColor& b)
{
    auto luminance = [](const QColor& c) {
        auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// Whether a text item stands on a colour map's cells (its colour then follows the cell).
bool onColourMap(QCustomPlot* plot, QCPItemText* item)
{
    for (int i = 0; i < plot->plottableCount(); ++i) {
        auto* map = qobject_cast<QCPColorMap*>(plot->plottable(i));
        if (!map || map->keyAxis() != item->position->keyAxis())
            continue;
        const QPointF at = item->position->coords();
        const QCPRange keys = map->data()->keyRange(), values = map->data()->valueRange();
        if (at.x() >= keys.lower - 0.5 && at.x() <= keys.upper + 0.5 && at.y() >= values.lower - 0.5 &&
            at.y() <= values.upper + 0.5)
            return true;
    }
    return false;
}

const QStringList kViews{"vectors", "position", "pca", "attention", "decomposition", "residual", "recoverability",
                         "training"};

}  // namespace

class TestDarkPalette : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QApplication::setPalette(app::darkPalette()); }

    void views_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("view");
        for (const QString& model : {QStringLiteral("builtin:sinusoidal"), QStringLiteral("builtin:rope"),
                                     QStringLiteral("builtin:alibi"), QStringLiteral("handmade")})
            for (const QString& view : kViews)
                QTest::newRow(qPrintable(model + "/" + view)) << model << view;
    }

    void views()
    {
        QFETCH(QString, model);
        QFETCH(QString, view);
        testing::WindowFixture f(testing::kWindowSize);
        QVERIFY(f.load(model));
        widgets::View* v = f.showView(view);
        v->layoutAt(v->plot()->size());
        const QPalette palette = QApplication::palette();
        const QColor text = palette.color(QPalette::WindowText), base = palette.color(QPalette::Base);
        QCustomPlot* plot = v->plot();

        auto checkAxis = [&](const QCPAxis* axis, const QString& where) {
            if (!axis->visible())
                return;
            QVERIFY2(axis->labelColor() == text, qPrintable(where + ": axis label colour " + axis->labelColor().name()));
            QVERIFY2(axis->tickLabelColor() == text,
                     qPrintable(where + ": tick label colour " + axis->tickLabelColor().name()));
            if (axis->basePen().style() != Qt::NoPen)
                QVERIFY2(contrast(axis->basePen().color(), base) >= 3,
                         qPrintable(where + ": axis line " + axis->basePen().color().name() + " on " + base.name()));
        };
        for (QCPAxisRect* rect : plot->axisRects()) {
            QVERIFY2(rect->backgroundBrush().style() == Qt::NoBrush || rect->backgroundBrush().color() == base,
                     qPrintable("axis rect background " + rect->backgroundBrush().color().name()));
            for (QCPAxis* axis : rect->axes())
                checkAxis(axis, "axis");
            for (QCPLayoutElement* element : rect->insetLayout()->elements(false))
                if (auto* legend = qobject_cast<QCPLegend*>(element)) {
                    QCOMPARE(legend->textColor(), text);
                    QCOMPARE(legend->brush().color(), base);
                }
        }
        for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
            if (auto* bar = qobject_cast<QCPColorScale*>(element))
                checkAxis(bar->axis(), "colour bar");
            if (auto* title = qobject_cast<QCPTextElement*>(element); title && title->visible() && !title->text().isEmpty())
                QVERIFY2(contrast(title->textColor(), base) >= 4.5,
                         qPrintable(QStringLiteral("title '%1' in %2 on %3")
                                        .arg(title->text(), title->textColor().name(), base.name())));
        }
        for (int i = 0; i < plot->itemCount(); ++i) {
            auto* item = qobject_cast<QCPItemText*>(plot->item(i));
            if (!item || !item->visible() || item->text().trimmed().isEmpty())
                continue;
            QColor ground = base;
            if (item->brush().style() != Qt::NoBrush)
                ground = item->brush().color();
            else if (onColourMap(plot, item))
                continue;  // cell values: their colour follows the cell (readableTextOn)
            QVERIFY2(contrast(item->color(), ground) >= 3,
                     qPrintable(QStringLiteral("text '%1' in %2 on %3").arg(item->text(), item->color().name(), ground.name())));
        }
        // The picture itself is dark where nothing is drawn.
        const QImage image = orderlens::app::viewImage(*v, {QSize(800, 500)});
        QCOMPARE(QColor(image.pixel(1, 1)), base);
    }

    // Switching the palette while the window is open redraws the views in the new colours.
    void followsPaletteChange()
    {
        testing::WindowFixture f(testing::kWindowSize);
        QVERIFY(f.load());
        widgets::View* v = f.showView("pca");
        auto ground = [v] { return QColor(orderlens::app::viewImage(*v, {QSize(400, 300)}).pixel(1, 1)); };
        QCOMPARE(ground(), app::darkPalette().color(QPalette::Base));
        const QPalette light = app::namedPalette("light");
        QApplication::setPalette(light);
        QCoreApplication::processEvents();
        QCOMPARE(ground(), light.color(QPalette::Base));
        QCOMPARE(v->plot()->axisRect()->axis(QCPAxis::atBottom)->labelColor(), light.color(QPalette::WindowText));
        QApplication::setPalette(app::darkPalette());
        QCoreApplication::processEvents();
        QCOMPARE(v->plot()->axisRect()->axis(QCPAxis::atBottom)->labelColor(),
                 app::darkPalette().color(QPalette::WindowText));
    }

    // Transparent (for slides of any colour): the gaps between the maps show the slide, not
    // boxes of the palette's base colour.
    void transparentHasNoBoxes()
    {
        testing::WindowFixture f(testing::kWindowSize);
        QVERIFY(f.load());
        auto* attention = f.showViewAs<widgets::AttentionView>("attention");
        const QSize pixels(900, 600);
        const QImage image = orderlens::app::viewImage(*attention, {pixels, 1.0, true});
        attention->layoutAt(QSize(pixels.width(), pixels.height() - (QFontMetrics(attention->font()).height() + 10)));
        using widgets::AttentionView;
        const QRectF first = attention->mapPixelRect(AttentionView::PanelA, 0, 0);
        const QRectF second = attention->mapPixelRect(AttentionView::PanelA, 0, 1);
        QVERIFY(!first.isEmpty() && second.left() > first.right() + 2);
        const QPoint inGap(qRound((first.right() + second.left()) / 2), qRound(first.center().y()));
        QCOMPARE(qAlpha(image.pixel(inGap)), 0);
        QCOMPARE(qAlpha(image.pixel(first.center().toPoint())), 255);
        QCOMPARE(qAlpha(image.pixel(1, 1)), 0);
        // The window's own pictures keep their background.
        QCOMPARE(qAlpha(orderlens::app::viewImage(*attention, {pixels}).pixel(inGap)), 255);
    }

    void exportPalette_data()
    {
        QTest::addColumn<QString>("palette");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<bool>("dark");
        QTest::newRow("default") << QString() << 0 << false;
        QTest::newRow("light") << "light" << 0 << false;
        QTest::newRow("dark") << "dark" << 0 << true;
        QTest::newRow("unknown") << "purple" << 2 << false;
    }

    void exportPalette()
    {
        QFETCH(QString, palette);
        QFETCH(int, exitCode);
        QFETCH(bool, dark);
        QTemporaryDir dir;
        const QString out = dir.filePath("a.png");
        QStringList arguments{"export", "--view", "attention", "--out", out, "--width", "640", "--height", "400"};
        if (!palette.isEmpty())
            arguments << "--palette" << palette;
        arguments << "猫追老鼠" << "老鼠追猫";
        QProcess p;
        p.start(ORDERLENS_BINARY, arguments);
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), exitCode);
        if (exitCode != 0) {
            QVERIFY(!QFile::exists(out));
            QVERIFY(p.readAllStandardError().contains("--palette"));
            return;
        }
        const QImage image(out);
        QCOMPARE(image.size(), QSize(640, 400));
        QCOMPARE(QColor(image.pixel(1, 1)).lightness() < 128, dark);
    }
};

QTEST_MAIN(TestDarkPalette)
#include "test_dark_palette.moc"
