// The font check: Chinese is covered on a set-up machine; characters no font draws are named.
#include "font_check.h"

#include <QtTest>

class TestFontCheck : public QObject {
    Q_OBJECT
private slots:
    void reportsCoverage_data();
    void reportsCoverage();
    void chineseFontIsInstalled();
};

void TestFontCheck::reportsCoverage_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<QString>("missing");
    QTest::newRow("showcase") << QString("猫追老鼠 老鼠追猫") << true << QString();
    QTest::newRow("latin and punctuation") << QString("cat, mouse. ，。") << true << QString();
    // U+0378 is unassigned and U+E000 is private use: no font installed here draws them.
    QTest::newRow("unassigned") << QString("猫") + QChar(0x0378) + QString("鼠") << false << QString(QChar(0x0378));
    QTest::newRow("private use twice") << QString(QChar(0xE000)) + QString(QChar(0xE000)) << false
                                       << QString(QChar(0xE000));
}

void TestFontCheck::reportsCoverage()
{
    QFETCH(QString, text);
    QFETCH(bool, complete);
    QFETCH(QString, missing);
    const auto coverage = orderlens::app::checkFontCoverage(text);
    QCOMPARE(coverage.complete, complete);
    QCOMPARE(coverage.missing, missing);
    QCOMPARE(coverage.message().isEmpty(), complete);
    if (!complete)
        QVERIFY(coverage.message().contains(missing));
}

void TestFontCheck::chineseFontIsInstalled()
{
    QVERIFY2(orderlens::app::preferredChineseFamily().contains("WenQuanYi", Qt::CaseInsensitive),
             qPrintable(orderlens::app::preferredChineseFamily()));
}

QTEST_MAIN(TestFontCheck)
#include "test_font_check.moc"
