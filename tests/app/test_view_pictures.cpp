// Every view renders the showcase pair to a picture that is not blank, at the requested size,
// and saves as PNG, SVG and PDF; at every export size no title or label is clipped or lies on
// another; the attention grid fills its picture. Set ORDERLENS_PICTURE_DIR to keep the PNGs
// for looking at.
#include "exporter.h"
#include "attention_view.h"
#include "view.h"
#include "window_fixture.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

using namespace orderlens;

namespace {

// Share of pixels that differ from the corner (background) colour.
double inkShare(const QImage& image)
{
    const QRgb background = image.pixel(0, 0);
    qint64 ink = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            ink += image.pixel(x, y) != background;
    return double(ink) / (double(image.width() / 2) * (image.height() / 2));
}

struct ExportSize {
    QSize pixels;
    double scale;
};
const ExportSize kExportSizes[] = {{QSize(1280, 720), 1.0}, {QSize(1600, 900), 1.0}, {QSize(1920, 1080), 2.0}};

QString describe(const widgets::View::TextBox& box)
{
    return QStringLiteral("'%1' at (%2, %3, %4 x %5) in (%6, %7, %8 x %9)")
        .arg(QString(box.text).replace('\n', ' '))
        .arg(box.rect.x(), 0, 'f', 0)
        .arg(box.rect.y(), 0, 'f', 0)
        .arg(box.rect.width(), 0, 'f', 0)
        .arg(box.rect.height(), 0, 'f', 0)
        .arg(box.room.x(), 0, 'f', 0)
        .arg(box.room.y(), 0, 'f', 0)
        .arg(box.room.width(), 0, 'f', 0)
        .arg(box.room.height(), 0, 'f', 0);
}

// The logical plot size of an export (the caption line takes the bottom).
QSize plotSizeOf(const ExportSize& size, const widgets::View* view)
{
    const QSize logical(qRound(size.pixels.width() / size.scale), qRound(size.pixels.height() / size.scale));
    return QSize(logical.width(), logical.height() - (QFontMetrics(view->font()).height() + 10));
}

const QStringList kViews{"vectors", "position", "pca", "attention", "decomposition", "residual", "recoverability",
                         "training", "heads"};

}  // namespace

class TestViewPictures : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        outDir_ = qEnvironmentVariable("ORDERLENS_PICTURE_DIR");
        if (outDir_.isEmpty())
            outDir_ = temp_.path();
        QDir().mkpath(outDir_);
    }

    void render_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("view");
        const QStringList views = kViews;
        QStringList models{"random:sinusoidal", "handmade"};
        if (qEnvironmentVariableIsSet("ORDERLENS_PICTURE_ALL_MODELS"))
            models << "random:learned" << "random:rope" << "random:alibi" << "random:none";
        for (const QString& model : models)
            for (const QString& view : views)
                QTest::newRow(qPrintable(model + "/" + view)) << model << view;
    }

    void render()
    {
        QFETCH(QString, model);
        QFETCH(QString, view);
        testing::WindowFixture f(testing::kPictureWindowSize);
        QVERIFY(f.load(model));
        widgets::View* v = f.showView(view);
        QVERIFY(f.session()->waitForIdle());  // the Heads view's census starts when it is shown
        QVERIFY(v);
        const QImage image = orderlens::app::viewImage(*v, {QSize(1600, 900), 1.0});
        QCOMPARE(image.size(), QSize(1600, 900));
        // A view with nothing to draw for this model (no attention in the hand-made model, no
        // trainer yet) shows one line of text; every other view fills its picture.
        const bool messageOnly = view == "training" || (model == "handmade" && (view == "attention" || view == "decomposition" || view == "heads")) ||
                                 (model == "random:none" && view == "position");
        QVERIFY2(inkShare(image) > (messageOnly ? 0.0005 : 0.01), "the picture is blank");
        // On screen the plot paints every pixel itself (it is opaque): none left see-through.
        QImage onScreen(v->plot()->size(), QImage::Format_ARGB32_Premultiplied);
        onScreen.fill(Qt::transparent);
        v->plot()->render(&onScreen);
        for (const int y : {0, onScreen.height() / 2, onScreen.height() - 1})
            for (int x = 0; x < onScreen.width(); ++x)
                QVERIFY2(qAlpha(onScreen.pixel(x, y)) == 255,
                         qPrintable(QStringLiteral("pixel (%1, %2) of the plot on screen is not painted").arg(x).arg(y)));
        const QString stem = QDir(outDir_).filePath(QString(model).replace(':', '_') + "_" + view);
        QVERIFY(image.save(stem + ".png"));
        f.window.grab().save(stem + "_window.png");

        QString error;
        QVERIFY2(orderlens::app::writeViewPicture(*v, stem + ".svg", {QSize(1200, 700), 1.0}, &error), qPrintable(error));
        QSvgRenderer svg(stem + ".svg");
        QVERIFY(svg.isValid());
        QVERIFY2(orderlens::app::writeViewPicture(*v, stem + "@2x.png", {QSize(1920, 1080), 2.0}, &error), qPrintable(error));
        QCOMPARE(QImage(stem + "@2x.png").size(), QSize(1920, 1080));
        QVERIFY2(orderlens::app::writeViewPicture(*v, stem + ".pdf", {QSize(1200, 700), 1.0}, &error), qPrintable(error));
        QFile pdf(stem + ".pdf");
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(!orderlens::app::writeViewPicture(*v, stem + ".xyz", {QSize(100, 100), 1.0}, &error));
        QVERIFY(!error.isEmpty());
        // Every export size draws something.
        for (const ExportSize& size : kExportSizes) {
            const QImage sized = orderlens::app::viewImage(*v, {size.pixels, size.scale});
            QCOMPARE(sized.size(), size.pixels);
            QVERIFY2(inkShare(sized) > (messageOnly ? 0.0005 : 0.01), "the picture is blank");
        }
    }

    // A view updated in place for a new sentence pair draws exactly what a view built from
    // scratch for that pair draws: a keystroke's quick path leaves nothing stale behind.
    void inPlaceUpdateMatchesRebuild_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("nextA");
        QTest::addColumn<QString>("nextB");
        for (const QString view : {"vectors", "position", "pca", "attention", "decomposition", "residual"}) {
            QTest::newRow(qPrintable(view + "/swapped")) << view << QStringLiteral("老鼠追猫") << QStringLiteral("猫追老鼠");
            QTest::newRow(qPrintable(view + "/one word more")) << view << QStringLiteral("猫在追老鼠") << QStringLiteral("老鼠追猫");
            QTest::newRow(qPrintable(view + "/longer")) << view << QStringLiteral("大猫在追小白老鼠") << QStringLiteral("老鼠追猫");
        }
    }

    void inPlaceUpdateMatchesRebuild()
    {
        QFETCH(QString, view);
        QFETCH(QString, nextA);
        QFETCH(QString, nextB);
        auto picture = [&](bool firstShowcase, int* refreshes) {
            testing::WindowFixture f(testing::kPictureWindowSize);
            f.window.showView(view);  // drawn when the snapshot arrives (no events processed before)
            widgets::View* v = f.window.view(view);
            if (firstShowcase) {
                f.session()->setSentenceA(QStringLiteral("猫追老鼠"));
                f.session()->setSentenceB(QStringLiteral("老鼠追猫"));
                [&] { QVERIFY(f.session()->waitForIdle()); }();
            }
            const int before = v->refreshCount();
            f.session()->setSentenceA(nextA);
            f.session()->setSentenceB(nextB);
            [&] { QVERIFY(f.session()->waitForIdle()); }();
            QCoreApplication::processEvents();
            *refreshes = v->refreshCount() - before;
            if (!firstShowcase) {
                const int rebuilds = v->rebuildCount();
                v->drawFromScratch();
                [&] { QVERIFY(v->rebuildCount() == rebuilds + 1); }();
            }
            return orderlens::app::viewImage(*v, {QSize(1400, 800)});
        };
        int refreshes = 0, ignored = 0;
        const QImage updated = picture(true, &refreshes);
        const QImage built = picture(false, &ignored);  // then made anew from scratch
        // A sentence of six tokens turns the decomposition's key names upwards: built anew.
        if (view != "decomposition" || nextA.size() < 6)
            QVERIFY2(refreshes > 0, "the second pair was not drawn in place");
        QCOMPARE(updated.size(), built.size());
        qint64 differ = 0;
        for (int y = 0; y < built.height(); ++y)
            for (int x = 0; x < built.width(); ++x)
                differ += updated.pixel(x, y) != built.pixel(x, y);
        if (differ > 0) {
            updated.save(QDir(outDir_).filePath(view + "_updated.png"));
            built.save(QDir(outDir_).filePath(view + "_built.png"));
        }
        QVERIFY2(differ == 0, qPrintable(QStringLiteral("%1 pixels differ").arg(differ)));
    }

    // Titles and text labels: none clipped by its room, none on top of another, at the window
    // size and at every export size.
    void textFits_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("view");
        for (const QString& model : {QStringLiteral("random:sinusoidal"), QStringLiteral("handmade")})
            for (const QString& view : kViews)
                QTest::newRow(qPrintable(model + "/" + view)) << model << view;
    }

    void textFits()
    {
        QFETCH(QString, model);
        QFETCH(QString, view);
        testing::WindowFixture f(testing::kPictureWindowSize);
        QVERIFY(f.load(model));
        widgets::View* v = f.showView(view);
        QVERIFY(f.session()->waitForIdle());  // the Heads view's census starts when it is shown
        std::vector<QSize> sizes{v->plot()->size()};
        for (const ExportSize& size : kExportSizes)
            sizes.push_back(plotSizeOf(size, v));
        // Labels placed by data (PCA points, cell values) may meet when the points do; their
        // own rooms still hold them.
        const bool dataLabels = view == "pca" || view == "residual" || view == "position";
        for (const QSize& size : sizes) {
            v->layoutAt(size);
            const auto boxes = v->textBoxes();
            const QString where = QStringLiteral("%1x%2: ").arg(size.width()).arg(size.height());
            for (const auto& box : boxes)
                QVERIFY2(box.room.adjusted(-1.5, -1.5, 1.5, 1.5).contains(box.rect),
                         qPrintable(where + "clipped: " + describe(box)));
            for (size_t i = 0; i < boxes.size(); ++i)
                for (size_t j = i + 1; j < boxes.size(); ++j) {
                    const QRectF overlap = boxes[i].rect.intersected(boxes[j].rect);
                    if (dataLabels && boxes[i].room == boxes[j].room)
                        continue;
                    QVERIFY2(overlap.width() * overlap.height() < 4.0,
                             qPrintable(where + "overlap: " + describe(boxes[i]) + " and " + describe(boxes[j])));
                }
        }
        v->layoutAt(v->plot()->size());
    }

    // The attention grid of the showcase pair (2 layers x 4 heads) fills its picture: large maps,
    // token names on their axes, at projector size.
    void attentionGridFills()
    {
        testing::WindowFixture f(testing::kPictureWindowSize);
        QVERIFY(f.load("random:sinusoidal"));
        auto* attention = f.showViewAs<widgets::AttentionView>("attention");
        const QSize export1600 = plotSizeOf(kExportSizes[1], attention);
        attention->layoutAt(export1600);
        const auto data = f.session()->current();
        double covered = 0;
        for (auto panel : {widgets::AttentionView::PanelA, widgets::AttentionView::PanelB,
                           widgets::AttentionView::PanelDifference})
            for (int l = 0; l < data->config.n_layers; ++l)
                for (int h = 0; h < data->config.n_heads; ++h) {
                    const QRectF r = attention->mapPixelRect(panel, l, h);
                    QVERIFY(!r.isEmpty());
                    QVERIFY2(std::abs(r.width() - r.height()) < 1.5, "cells are not square");
                    covered += r.width() * r.height();
                }
        const double share = covered / (export1600.width() * export1600.height());
        QVERIFY2(share > 0.2, qPrintable(QString("maps cover only %1 % of the picture").arg(100 * share, 0, 'f', 1)));
        QVERIFY(attention->showsTokenLabels());
        // The layer filter shows one layer: its maps are bigger than in the full grid.
        const double full = attention->mapPixelRect(widgets::AttentionView::PanelA, 0, 0).width();
        attention->setLayerFilter(1);
        attention->layoutAt(export1600);
        QVERIFY(attention->mapPixelRect(widgets::AttentionView::PanelA, 0, 0).isEmpty());
        QVERIFY(attention->mapPixelRect(widgets::AttentionView::PanelA, 1, 0).width() > full);
        QCOMPARE(attention->drawnValue(widgets::AttentionView::PanelA, 1, 2, 0, 1),
                 static_cast<double>(data->a.trace->layers[1].attention[2](0, 1)));
    }

private:
    QTemporaryDir temp_;
    QString outDir_;
};

QTEST_MAIN(TestViewPictures)
#include "test_view_pictures.moc"
