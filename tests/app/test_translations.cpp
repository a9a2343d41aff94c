// The Chinese and English translations are complete: every string the sources pass through
// tr() or mark with QT_TRANSLATE_NOOP (core's error templates), as Qt 6's lupdate finds them
// now, has a finished translation that keeps the placeholders, and the compiled translation
// switches the interface.
#include "language.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Entry {
    QString context, source;
    bool finished = false;
    bool hasText = false;
    QString translation;
};

QVector<Entry> readTs(const QString& path)
{
    QVector<Entry> entries;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return entries;
    QXmlStreamReader xml(&file);
    QString context;
    Entry current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            current = Entry{context, {}, false, false, {}};
        else if (xml.name() == QLatin1String("source"))
            current.source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value("type").toString();
            current.finished = type.isEmpty();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            current.hasText = !text.trimmed().isEmpty();
            current.translation = text;
            entries.push_back(current);
        }
    }
    return entries;
}

const QString kTranslations = QStringLiteral(ORDERLENS_SOURCE_DIR "/resources/translations/");

// "%1", "%2" ... in a text, each once.
QSet<QString> placeholders(const QString& text)
{
    QSet<QString> found;
    static const QRegularExpression placeholder("%\\d{1,2}");
    for (const auto& match : placeholder.globalMatch(text))
        found.insert(match.captured());
    return found;
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void filesHaveNoUnfinishedEntries_data();
    void filesHaveNoUnfinishedEntries();
    void everySourceStringIsTranslated();
    void translationsKeepThePlaceholders();
    void compiledChineseTranslationLoads();
};

void TestTranslations::filesHaveNoUnfinishedEntries_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("zh_CN") << "orderlens_zh_CN.ts";
    QTest::newRow("en") << "orderlens_en.ts";
}

void TestTranslations::filesHaveNoUnfinishedEntries()
{
    QFETCH(QString, file);
    const auto entries = readTs(kTranslations + file);
    QVERIFY2(!entries.isEmpty() || file.contains("en"), "no entries read");
    QStringList unfinished;
    for (const auto& e : entries)
        if (!e.finished || !e.hasText)
            unfinished << e.context + ": " + e.source;
    QVERIFY2(unfinished.isEmpty(), qPrintable(QString("%1 unfinished, e.g. %2").arg(unfinished.size()).arg(unfinished.value(0))));
}

void TestTranslations::everySourceStringIsTranslated()
{
    // What the sources say today, read by lupdate into a scratch file.
    QTemporaryDir dir;
    const QString scratch = dir.filePath("now.ts");
    QProcess lupdate;
    lupdate.setWorkingDirectory(ORDERLENS_SOURCE_DIR);
    lupdate.start("/usr/lib/qt6/bin/lupdate", {"core", "app", "widgets", "-no-obsolete", "-locations", "none",
                                               "-source-language", "en", "-target-language", "zh_CN", "-ts", scratch});
    QVERIFY2(lupdate.waitForFinished(120000) && lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
    QSet<QString> translated;
    for (const auto& e : readTs(kTranslations + "orderlens_zh_CN.ts"))
        if (e.finished && e.hasText)
            translated.insert(e.context + '\x1f' + e.source);
    QStringList missing;
    const auto now = readTs(scratch);
    QVERIFY(now.size() > 100);
    for (const auto& e : now)
        if (!translated.contains(e.context + '\x1f' + e.source))
            missing << e.context + ": " + e.source;
    QVERIFY2(missing.isEmpty(), qPrintable(QString("%1 strings without a Chinese translation (run "
                                                   "scripts/update-translations.sh), e.g. %2")
                                               .arg(missing.size())
                                               .arg(missing.value(0))));
}

// A translation that drops or invents a %n would show a value in the wrong place, or none.
void TestTranslations::translationsKeepThePlaceholders()
{
    const auto entries = readTs(kTranslations + "orderlens_zh_CN.ts");
    int core = 0;
    QStringList broken;
    for (const auto& e : entries) {
        core += e.context == QLatin1String("orderlens::core");
        if (e.hasText && placeholders(e.translation) != placeholders(e.source))
            broken << e.source + " -> " + e.translation;
    }
    QVERIFY2(core > 100, "core's error templates are not in the Chinese translation");
    QVERIFY2(broken.isEmpty(), qPrintable(QString("%1 translations change the placeholders, e.g. %2")
                                              .arg(broken.size())
                                              .arg(broken.value(0))));
}

void TestTranslations::compiledChineseTranslationLoads()
{
    QTranslator translator;
    QVERIFY(translator.load(":/i18n/orderlens_zh_CN.qm"));
    QVERIFY(!translator.isEmpty());
    QCoreApplication::installTranslator(&translator);
    const QString file = QCoreApplication::translate("orderlens::app::MainWindow", "&File");
    QVERIFY2(file != "&File", qPrintable(file));
    QCoreApplication::removeTranslator(&translator);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
