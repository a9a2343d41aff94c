// Messages from core/ reach a Chinese window in Chinese: userMessage() translates an error's
// template (and every wrapped cause's) and fills in its values; in English it is what().
#include "bert_checkpoint.h"
#include "error_text.h"
#include "errors.h"
#include "language.h"
#include "model.h"
#include "pca.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSettings>
#include <QtTest>

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>

using namespace orderlens;

namespace {

// Real failures of core/, by name.
const std::map<QString, std::function<void()>>& failures()
{
    static const std::map<QString, std::function<void()>> all{
        {"empty sentence", [] { (void)Model::handmade().trace("   "); }},
        {"too many tokens",
         [] {
             ModelConfig c;
             c.max_len = 8;
             (void)Model::random(PositionScheme::Learned, 1, c).trace("猫追老鼠猫追老鼠猫追老鼠");
         }},
        // The file name holds "%2": it must not be filled with the reason.
        {"corrupt model file",
         [] {
             const std::uint8_t bytes[5] = {1, 2, 3, 4, 5};
             (void)Model::fromSafetensorsBytes(bytes, sizeof bytes, "broken%2.safetensors");
         }},
        {"inconsistent BERT config",
         [] { (void)parseBertConfig(R"({"model_type": "bert", "hidden_size": 10, "num_attention_heads": 3})", "config.json"); }},
        {"randomized PCA of one point", [] { (void)pcaRandomized(Matrix::Ones(1, 4), 1); }},
    };
    return all;
}

Error errorOf(const QString& failure)
{
    try {
        failures().at(failure)();
    } catch (const Error& e) {
        return e;
    }
    throw std::logic_error(failure.toStdString() + " threw no orderlens::Error");
}

// The values a reader must find in the message: every level's own values (a cause's English
// text, the last value of its wrapper, is not one of them).
QStringList ownValues(const Error& e)
{
    QStringList values;
    for (const Error* level = &e; level; level = level->cause()) {
        const auto& all = level->values();
        const size_t own = level->cause() ? all.size() - 1 : all.size();
        for (size_t i = 0; i < own; ++i)
            values << QString::fromStdString(all[i]);
    }
    return values;
}

// The English words (three letters or more) of every level's template.
QStringList templateWords(const Error& e)
{
    QStringList words;
    static const QRegularExpression word("[A-Za-z_]{3,}");
    for (const Error* level = &e; level; level = level->cause())
        for (const auto& match : word.globalMatch(QString::fromStdString(level->messageTemplate())))
            words << match.captured();
    words.removeDuplicates();
    return words;
}

bool hasChinese(const QString& text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; });
}

}  // namespace

class TestErrorText : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void chineseWindowShowsChinese_data();
    void chineseWindowShowsChinese();
    void englishWindowShowsWhat_data();
    void englishWindowShowsWhat();
    void otherExceptionsShowWhat();
};

void TestErrorText::initTestCase()
{
    QCoreApplication::setOrganizationName("OrderLensTest");
    QCoreApplication::setApplicationName("test_error_text");
    QSettings().clear();
}

void TestErrorText::cleanupTestCase() { app::setChosenLanguage(QString()); }

void TestErrorText::chineseWindowShowsChinese_data()
{
    QTest::addColumn<QString>("failure");
    QTest::addColumn<QStringList>("keptWords");  // names the Chinese text keeps as they are
    QTest::newRow("empty sentence") << "empty sentence" << QStringList{};
    QTest::newRow("too many tokens") << "too many tokens" << QStringList{};
    QTest::newRow("corrupt model file") << "corrupt model file" << QStringList{"safetensors"};
    QTest::newRow("inconsistent BERT config") << "inconsistent BERT config" << QStringList{"d_model", "n_heads"};
    QTest::newRow("randomized PCA of one point") << "randomized PCA of one point" << QStringList{"PCA"};
}

void TestErrorText::chineseWindowShowsChinese()
{
    QFETCH(QString, failure);
    QFETCH(QStringList, keptWords);
    app::setChosenLanguage("zh_CN");
    const Error e = errorOf(failure);
    const QString message = app::userMessage(e);
    qInfo("%s", qPrintable(message));

    // Every value is there, as it was given; what is left besides them is Chinese.
    QString rest = message;
    for (const QString& value : ownValues(e)) {
        QVERIFY2(message.contains(value), qPrintable(QString("no \"%1\" in: %2").arg(value, message)));
        rest.remove(value);
    }
    QVERIFY2(hasChinese(rest), qPrintable(message));
    QVERIFY2(!rest.contains(QRegularExpression("%\\d")), qPrintable(message));
    // No word of the English templates is left, but for the names kept on purpose.
    for (const QString& word : templateWords(e)) {
        if (keptWords.contains(word))
            continue;
        const QRegularExpression english("\\b" + word + "\\b", QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(!rest.contains(english), qPrintable(QString("English \"%1\" left in: %2").arg(word, message)));
    }
    // The exception seen as std::exception (as the app catches it) gives the same text.
    QCOMPARE(app::userMessage(static_cast<const std::exception&>(e)), message);
}

void TestErrorText::englishWindowShowsWhat_data()
{
    QTest::addColumn<QString>("failure");
    for (const auto& [name, fails] : failures())
        QTest::newRow(qPrintable(name)) << name;
}

void TestErrorText::englishWindowShowsWhat()
{
    QFETCH(QString, failure);
    app::setChosenLanguage("en");
    const Error e = errorOf(failure);
    QCOMPARE(app::userMessage(e), QString::fromUtf8(e.what()));
}

void TestErrorText::otherExceptionsShowWhat()
{
    app::setChosenLanguage("zh_CN");
    QCOMPARE(app::userMessage(std::runtime_error("disk on fire")), QStringLiteral("disk on fire"));
    // A plain message (no template) is shown as it is, whatever the language.
    QCOMPARE(app::userMessage(inputError("internal: ids, positions and types differ in length")),
             QStringLiteral("internal: ids, positions and types differ in length"));
}

QTEST_GUILESS_MAIN(TestErrorText)
#include "test_error_text.moc"
