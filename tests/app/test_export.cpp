// Export for slides: `orderlens export` with no display, every view in every format, the
// requested size, the caption on the picture, and nothing half-written on failure.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray err;
};

Run orderlens(const QStringList& arguments)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("DISPLAY");          // must work with no display at all
    env.remove("WAYLAND_DISPLAY");
    env.remove("QT_QPA_PLATFORM");  // and set the offscreen platform itself
    p.setProcessEnvironment(env);
    p.start(ORDERLENS_BINARY, arguments);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardError()};
}

// Share of pixels that differ from the corner colour.
double inkShare(const QImage& image)
{
    const QRgb background = image.pixel(0, 0);
    qint64 ink = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            ink += image.pixel(x, y) != background;
    return static_cast<double>(ink) / (static_cast<double>(image.width()) * image.height() / 4.0);
}

int pdfPageCount(const QByteArray& pdf)
{
    // Page objects are "/Type /Page" (not "/Pages").
    int count = 0;
    for (qsizetype i = pdf.indexOf("/Type /Page"); i >= 0; i = pdf.indexOf("/Type /Page", i + 1))
        count += pdf.mid(i + 11, 1) != "s";
    return count;
}

}  // namespace

class TestExport : public QObject {
    Q_OBJECT
private slots:
    void everyViewInEveryFormat_data();
    void everyViewInEveryFormat();
    void slideSizeAtScaleTwo();
    void failuresLeaveNoFile_data();
    void failuresLeaveNoFile();
};

void TestExport::everyViewInEveryFormat_data()
{
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("format");
    for (const char* view :
         {"vectors", "position", "pca", "attention", "decomposition", "residual", "recoverability", "window"})
        for (const char* format : {"png", "svg", "pdf"})
            QTest::newRow(qPrintable(QStringLiteral("%1.%2").arg(view, format))) << QString(view) << QString(format);
}

void TestExport::everyViewInEveryFormat()
{
    QFETCH(QString, view);
    QFETCH(QString, format);
    QTemporaryDir dir;
    const QString path = dir.filePath(view + "." + format);
    const Run r = orderlens({"export", "--view", view, "--out", path, "--width", "1280", "--height", "720",
                             "--model", "random:sinusoidal", "猫追老鼠", "老鼠追猫"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    if (format == "png") {
        QImage image;
        QVERIFY(image.loadFromData(bytes, "PNG"));
        QCOMPARE(image.size(), QSize(1280, 720));
        QVERIFY2(inkShare(image) > 0.01, "the picture is blank");
        if (view != "window") {
            // The caption line sits at the bottom: there is ink in the last 40 rows.
            QVERIFY(inkShare(image.copy(0, 680, 1280, 40)) > 0.001);
        }
    } else if (format == "svg") {
        QSvgRenderer svg(bytes);
        QVERIFY(svg.isValid());
        // The default text scale (auto) lays 1280x720 out as 960x540, enlarged x4/3: the
        // drawing's own coordinates are the layout's.
        QCOMPARE(svg.viewBox().size(), QSize(960, 540));
        if (view != "window") {
            // The caption names both sentences and the model.
            const QString text = QString::fromUtf8(bytes);
            QVERIFY2(text.contains("猫追老鼠") && text.contains("老鼠追猫"), "caption sentences missing");
            QVERIFY2(text.contains("random:sinusoidal"), "caption model missing");
        }
    } else {
        QVERIFY(bytes.startsWith("%PDF-"));
        QCOMPARE(pdfPageCount(bytes), 1);
        QVERIFY(bytes.size() > 2000);
    }
}

void TestExport::slideSizeAtScaleTwo()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("a.png");
    const Run r = orderlens({"export", "--view", "attention", "--out", path, "--width", "1920", "--height", "1080",
                             "--scale", "2", "--model", "random:none", "猫追老鼠", "老鼠追猫"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QImage image(path);
    QCOMPARE(image.size(), QSize(1920, 1080));
    QVERIFY(inkShare(image) > 0.01);
}

void TestExport::failuresLeaveNoFile_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<bool>("inMissingFolder");
    QTest::newRow("missing folder") << QStringList{"--view", "pca"} << 3 << "does not exist" << true;
    QTest::newRow("unknown view") << QStringList{"--view", "hologram"} << 2 << "hologram" << false;
    QTest::newRow("unknown model") << QStringList{"--view", "pca", "--model", "/no/such/model"} << 3 << "not found" << false;
    QTest::newRow("tiny size") << QStringList{"--view", "pca", "--width", "3"} << 3 << "between 64" << false;
    QTest::newRow("bad scale") << QStringList{"--view", "pca", "--scale", "zero"} << 2 << "--scale" << false;
}

void TestExport::failuresLeaveNoFile()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    QFETCH(bool, inMissingFolder);
    QTemporaryDir dir;
    const QString path = inMissingFolder ? dir.filePath("missing/sub/a.png") : dir.filePath("a.png");
    const Run r = orderlens(QStringList{"export", "--out", path} + arguments + QStringList{"猫追老鼠"});
    QCOMPARE(r.exitCode, exitCode);
    const QString err = QString::fromUtf8(r.err).trimmed();
    QVERIFY2(!err.contains('\n'), qPrintable(err));
    QVERIFY2(err.contains(mentions), qPrintable(err));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).size(), 0);
}

QTEST_GUILESS_MAIN(TestExport)
#include "test_export.moc"
