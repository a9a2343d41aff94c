// The command line's language and slide defaults: --lang on every subcommand, the system's
// language otherwise (never the one last picked in the window), messages in one language, and
// `export`'s default text scale (the slide preset at 1920x1080).
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QString err;
    QString out;
};

// Runs orderlens with LANG set and the window's settings in a folder of the test's own.
Run orderlens(const QStringList& arguments, const QString& lang, const QString& configHome)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("DISPLAY");
    env.remove("QT_QPA_PLATFORM");
    env.remove("LC_ALL");
    env.remove("LC_MESSAGES");
    env.remove("LANGUAGE");
    env.insert("LANG", lang);
    env.insert("XDG_CONFIG_HOME", configHome);
    p.setProcessEnvironment(env);
    p.start(ORDERLENS_BINARY, arguments);
    if (!p.waitForFinished(180000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardError()),
            QString::fromUtf8(p.readAllStandardOutput())};
}

bool hasChinese(const QString& s) { return s.contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]"))); }

// English words of three letters or more outside quotes: a Chinese line has none of its own.
QStringList englishWords(QString line)
{
    line.remove(QRegularExpression(QStringLiteral("'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’")));
    // Names the user types, which stay as they are in every language.
    line.remove(QRegularExpression(QStringLiteral(
        "\\b(vectors|position|pca|attention|decomposition|residual|recoverability|training|heads|window|trace|analyse|"
        "export|train|eval|bench|auto|light|dark|png|jpg|svg|pdf|sinusoidal|learned|rope|alibi|none|safetensors|"
        "builtin|random|handmade|HuggingFace|BERT)\\b")));
    line.remove(QRegularExpression(QStringLiteral("--[a-z-]+|orderlens|[A-Za-z]:[^ ]*|/[^ ]*")));
    QStringList words;
    for (const auto& m : QRegularExpression(QStringLiteral("[A-Za-z]{3,}")).globalMatch(line))
        words << m.captured();
    return words;
}

}  // namespace

class TestCliLanguage : public QObject {
    Q_OBJECT
private slots:
    void init();
    void langTakesEnOrZh();
    void chineseErrorsAreChineseThroughout_data();
    void chineseErrorsAreChineseThroughout();
    void englishByDefaultWhateverTheWindowChose();
    void systemLanguageIsTheDefault();
    void picturesFollowLang();
    void defaultScaleIsTheSlidePreset();
    void trainingPictureTrainsTwoModels();
    void helpIsInTheLanguageAsked();

private:
    QTemporaryDir dir_;
    QString config_;
};

void TestCliLanguage::init()
{
    QVERIFY(dir_.isValid());
    config_ = dir_.filePath("config");
    QDir().mkpath(config_ + "/OrderLens");
    QFile::remove(config_ + "/OrderLens/OrderLens.conf");
}

void TestCliLanguage::langTakesEnOrZh()
{
    const Run r = orderlens({"trace", "--lang", "fr", "猫"}, "C.UTF-8", config_);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--lang") && r.err.contains("fr"), qPrintable(r.err));
    QCOMPARE(r.err.count('\n'), 1);
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("zh"), QStringLiteral("zh_CN")}) {
        const Run ok = orderlens({"trace", "--lang", lang, "--model", "random:none", "猫"}, "C.UTF-8", config_);
        QVERIFY2(ok.exitCode == 0, qPrintable(lang + ": " + ok.err));
    }
}

void TestCliLanguage::chineseErrorsAreChineseThroughout_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("unknown view") << QStringList{"export", "--lang", "zh", "--view", "nope", "--out", "x.png", "猫"} << 2;
    QTest::newRow("unknown option") << QStringList{"analyse", "--lang", "zh", "--colour", "猫"} << 2;
    QTest::newRow("missing value") << QStringList{"analyse", "猫", "--lang", "zh", "--model"} << 2;
    QTest::newRow("missing model file") << QStringList{"analyse", "--lang", "zh", "--model", "/nonexistent/m.safetensors", "猫"} << 3;
    QTest::newRow("empty sentence") << QStringList{"trace", "--lang=zh", ""} << 3;
    QTest::newRow("train without --pe") << QStringList{"train", "--lang", "zh", "--out", "m.safetensors"} << 2;
    QTest::newRow("bad --pca-axes") << QStringList{"export", "--lang", "zh", "--view", "pca", "--out", "x.png", "--pca-axes", "3,1", "猫"} << 2;
}

void TestCliLanguage::chineseErrorsAreChineseThroughout()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    const Run r = orderlens(arguments, "C.UTF-8", config_);
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(hasChinese(r.err), qPrintable(r.err));
    QVERIFY2(englishWords(r.err).isEmpty(), qPrintable(r.err + " — English: " + englishWords(r.err).join(' ')));
}

void TestCliLanguage::englishByDefaultWhateverTheWindowChose()
{
    // The window saved Chinese; a script run with an English locale still gets English.
    QFile conf(config_ + "/OrderLens/OrderLens.conf");
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write("[ui]\nlanguage=zh_CN\n");
    conf.close();
    const Run r = orderlens({"export", "--view", "nope", "--out", "x.png", "猫"}, "en_US.UTF-8", config_);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(!hasChinese(r.err.section("猫", 0, 0)) && r.err.contains("unknown view"), qPrintable(r.err));
    // --lang still wins over the locale.
    const Run zh = orderlens({"export", "--lang", "zh", "--view", "nope", "--out", "x.png", "猫"}, "en_US.UTF-8", config_);
    QVERIFY2(hasChinese(zh.err) && !zh.err.contains("unknown view"), qPrintable(zh.err));
}

void TestCliLanguage::systemLanguageIsTheDefault()
{
    const Run r = orderlens({"analyse", "--model", "/nonexistent/m.safetensors", "猫"}, "zh_CN.UTF-8", config_);
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(hasChinese(r.err) && englishWords(r.err).isEmpty(), qPrintable(r.err));
}

void TestCliLanguage::picturesFollowLang()
{
    const QString en = dir_.filePath("en.png"), zh = dir_.filePath("zh.png");
    const QStringList common{"export", "--view", "pca", "--width", "800", "--height", "500", "猫追老鼠", "老鼠追猫"};
    QCOMPARE(orderlens(common + QStringList{"--lang", "en", "--out", en}, "zh_CN.UTF-8", config_).exitCode, 0);
    QCOMPARE(orderlens(common + QStringList{"--lang", "zh", "--out", zh}, "en_US.UTF-8", config_).exitCode, 0);
    const QImage a(en), b(zh);
    QVERIFY(!a.isNull() && !b.isNull());
    QCOMPARE(a.size(), b.size());
    QVERIFY2(a != b, "the English and Chinese pictures are identical: --lang did not reach the picture");
    // The same language twice gives the same picture (the difference above is the language).
    const QString again = dir_.filePath("en2.png");
    QCOMPARE(orderlens(common + QStringList{"--lang", "en", "--out", again}, "zh_CN.UTF-8", config_).exitCode, 0);
    QCOMPARE(QImage(again), a);
}

void TestCliLanguage::defaultScaleIsTheSlidePreset()
{
    const QString byDefault = dir_.filePath("default.png"), two = dir_.filePath("two.png"), one = dir_.filePath("one.png");
    const QStringList common{"export", "--view", "attention", "--width", "1920", "--height", "1080", "--lang", "en",
                             "猫追老鼠", "老鼠追猫"};
    QCOMPARE(orderlens(common + QStringList{"--out", byDefault}, "C.UTF-8", config_).exitCode, 0);
    QCOMPARE(orderlens(common + QStringList{"--out", two, "--scale", "2"}, "C.UTF-8", config_).exitCode, 0);
    QCOMPARE(orderlens(common + QStringList{"--out", one, "--scale", "1"}, "C.UTF-8", config_).exitCode, 0);
    const QImage d(byDefault), t(two), o(one);
    QCOMPARE(d.size(), QSize(1920, 1080));
    QVERIFY2(d == t, "the default text scale at 1920x1080 is not the slide preset (x2)");
    QVERIFY(d != o);
}

void TestCliLanguage::trainingPictureTrainsTwoModels()
{
    const QString out = dir_.filePath("training.png");
    const Run r = orderlens({"export", "--view", "training", "--train-steps", "50", "--lang", "en", "--width", "1280",
                             "--height", "720", "--out", out, "猫追老鼠"},
                            "C.UTF-8", config_);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // Progress of both runs on stderr, then a picture (not the placeholder message).
    QVERIFY2(r.err.contains("training sinusoidal: step 50 of 50") && r.err.contains("training none: step 50 of 50"),
             qPrintable(r.err));
    const QImage picture(out);
    QCOMPARE(picture.size(), QSize(1280, 720));
    // Curves are drawn in the two runs' colours (blue, then orange).
    int blue = 0, orange = 0;
    for (int y = 0; y < picture.height(); ++y)
        for (int x = 0; x < picture.width(); ++x) {
            const QColor c = picture.pixelColor(x, y);
            blue += c == QColor(0, 114, 178);
            orange += c == QColor(213, 94, 0);
        }
    QVERIFY2(blue > 200 && orange > 200, qPrintable(QStringLiteral("blue %1, orange %2").arg(blue).arg(orange)));
}

// --help in Chinese: Qt's own words (Usage, Options) and every description of ours.
void TestCliLanguage::helpIsInTheLanguageAsked()
{
    for (const QString command : {"trace", "analyse", "export", "bench", "train", "eval"}) {
        const Run zh = orderlens({command, "--lang", "zh", "--help"}, "en_US.UTF-8", config_);
        QCOMPARE(zh.exitCode, 0);
        QVERIFY2(!zh.out.contains("Usage") && !zh.out.contains("Options:"), qPrintable(zh.out));
        int described = 0;
        for (const QString& line : zh.out.split('\n')) {
            // "  --model <M>   description": the text after the column of two or more spaces
            // (a description's next lines may hold only the names it lists).
            const QRegularExpressionMatch m =
                QRegularExpression(QStringLiteral("^ +\\S.*?\\s{2,}(\\S.*)$")).match(line);
            if (!m.hasMatch() || line.startsWith(QStringLiteral("        ")))
                continue;
            const QString text = m.captured(1);
            QVERIFY2(hasChinese(text), qPrintable(command + ": " + line));
            ++described;
        }
        QVERIFY2(described >= 3, qPrintable(zh.out));
        const Run en = orderlens({command, "--lang", "en", "--help"}, "zh_CN.UTF-8", config_);
        QCOMPARE(en.exitCode, 0);
        QVERIFY2(en.out.contains("Usage:") && en.out.contains("Options:"), qPrintable(en.out));
    }
}

QTEST_GUILESS_MAIN(TestCliLanguage)
#include "test_cli_language.moc"
