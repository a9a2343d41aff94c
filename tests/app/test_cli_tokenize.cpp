// `orderlens tokenize`: the documented JSON keys, ids and readable pieces for a small byte-level
// tokenizer written here, the real Qwen3 tokenizer when scripts/fetch-tokenizers.sh has fetched it,
// and one-line errors with exit 2 (usage) and 3 (bad file).
#include "cli_runner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using clitest::Run;
// `orderlens tokenize ARGUMENTS...`
Run orderlens(const QStringList& arguments) { return clitest::orderlens(QStringList{"tokenize"} + arguments); }

// Byte-level BPE over GPT-2's alphabet with merges for "hi" and for the first two bytes of 猫
// ("çĮ"), and <|endoftext|> as a special added token.
QByteArray tinyTokenizer()
{
    QJsonObject vocab;
    int id = 0;
    char32_t next = 256;
    for (int b = 0; b < 256; ++b) {
        const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        const char32_t c = printable ? static_cast<char32_t>(b) : next++;
        vocab.insert(QString::fromUcs4(&c, 1), id++);
    }
    vocab.insert("hi", id++);
    vocab.insert(QString::fromUtf8("çĮ"), id++);
    vocab.insert("<|endoftext|>", id++);
    QJsonObject model{{"type", "BPE"}, {"vocab", vocab}, {"merges", QJsonArray{"h i", QString::fromUtf8("ç Į")}}};
    QJsonObject root{{"model", model},
                     {"pre_tokenizer", QJsonObject{{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}},
                     {"post_processor", QJsonObject{{"type", "TemplateProcessing"},
                                                    {"single", QJsonArray{QJsonObject{{"Sequence", QJsonObject{{"id", "A"}, {"type_id", 0}}}},
                                                                          QJsonObject{{"SpecialToken", QJsonObject{{"id", "<|endoftext|>"}, {"type_id", 0}}}}}},
                                                    {"special_tokens", QJsonObject{{"<|endoftext|>", QJsonObject{{"id", "<|endoftext|>"},
                                                                                                                {"ids", QJsonArray{id - 1}},
                                                                                                                {"tokens", QJsonArray{"<|endoftext|>"}}}}}}}},
                     {"decoder", QJsonObject{{"type", "ByteLevel"}}},
                     {"added_tokens", QJsonArray{QJsonObject{{"id", id - 1}, {"content", "<|endoftext|>"}, {"special", true}, {"normalized", false}}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QJsonArray texts(const Run& r) { return QJsonDocument::fromJson(r.out).object().value("texts").toArray(); }

QStringList strings(const QJsonValue& v)
{
    QStringList out;
    for (const QJsonValue& s : v.toArray())
        out << s.toString();
    return out;
}

}  // namespace

class TestCliTokenize : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QFile f(dir_.filePath("tokenizer.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(tinyTokenizer());
        path_ = f.fileName();
    }

    void printsTheDocumentedKeys()
    {
        const Run r = orderlens({"--tokenizer", path_, QString::fromUtf8("hi猫"), "x"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QJsonArray all = texts(r);
        QCOMPARE(all.size(), 2);
        const QJsonObject first = all[0].toObject();
        for (const char* key : {"text", "ids", "tokens", "display", "offsets", "parts", "bytes", "special"})
            QVERIFY2(first.contains(key), key);
        QCOMPARE(first["text"].toString(), QString::fromUtf8("hi猫"));
        // "hi", then 猫 (E7 8C AB) as "çĮ" + "«": two pieces of one character.
        QCOMPARE(strings(first["tokens"]), (QStringList{"hi", QString::fromUtf8("çĮ"), QString::fromUtf8("«")}));
        QCOMPARE(first["ids"].toArray().at(0).toInt(), 256);
        QCOMPARE(strings(first["display"]), (QStringList{"hi", QString::fromUtf8("猫"), QString::fromUtf8("猫")}));
        QVERIFY(first["parts"].toArray().at(0).isNull());
        const QJsonObject part2 = first["parts"].toArray().at(2).toObject();
        QCOMPARE(part2["character"].toString(), QString::fromUtf8("猫"));
        QCOMPARE(part2["part"].toInt(), 2);
        QCOMPARE(part2["of"].toInt(), 2);
        QCOMPARE(strings(first["bytes"]), (QStringList{"68 69", "e7 8c", "ab"}));
        const QJsonArray offsets = first["offsets"].toArray();
        QCOMPARE(offsets.at(0).toArray(), (QJsonArray{0, 2}));
        QCOMPARE(offsets.at(1).toArray(), (QJsonArray{2, 3}));
        QCOMPARE(offsets.at(2).toArray(), (QJsonArray{2, 3}));
        QVERIFY(!r.out.contains("\xEF\xBF\xBD"));  // never U+FFFD
    }

    void addsSpecialTokensOnRequest()
    {
        const Run plain = orderlens({"--tokenizer", path_, "hi<|endoftext|>"});
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(strings(texts(plain)[0].toObject()["tokens"]), (QStringList{"hi", "<|endoftext|>"}));
        QCOMPARE(texts(plain)[0].toObject()["special"].toArray(), (QJsonArray{false, true}));
        const Run special = orderlens({"--tokenizer", path_, "--add-special-tokens", "hi"});
        QCOMPARE(special.exitCode, 0);
        QCOMPARE(strings(texts(special)[0].toObject()["tokens"]), (QStringList{"hi", "<|endoftext|>"}));
        QCOMPARE(texts(special)[0].toObject()["offsets"].toArray().at(1).toArray(), (QJsonArray{0, 0}));
    }

    void realQwenTokenizer()
    {
        const QString folder = qEnvironmentVariable("ORDERLENS_TOKENIZER_DIR", ORDERLENS_SOURCE_DIR "/build/tokenizers") + "/qwen3";
        if (!QFile::exists(folder + "/.sha256"))
            QSKIP("the Qwen3 tokenizer is not fetched (scripts/fetch-tokenizers.sh; scripts/test.sh runs it)");
        const Run r = orderlens({"--tokenizer", folder, QString::fromUtf8("猫追老鼠")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject t = texts(r)[0].toObject();
        // HuggingFace's ids (tests/fixtures/tokenizer_reference/qwen3.json, text 0).
        QCOMPARE(t["ids"].toArray(), (QJsonArray{100472, 99626, 111039}));
        QCOMPARE(strings(t["display"]), (QStringList{QString::fromUtf8("猫"), QString::fromUtf8("追"), QString::fromUtf8("老鼠")}));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no tokenizer") << QStringList{"x"} << 2 << "tokenize needs --tokenizer PATH";
        QTest::newRow("no text") << QStringList{"--tokenizer", "PATH"} << 2 << "tokenize needs at least one TEXT";
        QTest::newRow("unknown option") << QStringList{"--tokenizer", "PATH", "--fast", "x"} << 2 << "unknown option 'fast'";
        QTest::newRow("missing file") << QStringList{"--tokenizer", "/nonexistent/tokenizer.json", "x"} << 3
                                      << "cannot read '/nonexistent/tokenizer.json'";
        QTest::newRow("unsupported component") << QStringList{"--tokenizer", "UNIGRAM", "x"} << 3
                                               << "the model type 'Unigram' is not supported";
        QTest::newRow("not json") << QStringList{"--tokenizer", "GARBAGE", "x"} << 3 << "it is not valid JSON";
    }

    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QFile unigram(dir_.filePath("unigram.json"));
        QVERIFY(unigram.open(QIODevice::WriteOnly));
        unigram.write(R"({"model": {"type": "Unigram", "vocab": []}})");
        unigram.close();
        QFile garbage(dir_.filePath("garbage.json"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("{\"model\": ");
        garbage.close();
        arguments.replaceInStrings("PATH", path_).replaceInStrings("UNIGRAM", unigram.fileName()).replaceInStrings("GARBAGE", garbage.fileName());
        const Run r = orderlens(arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("orderlens: "), r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

private:
    QTemporaryDir dir_;
    QString path_;
};

QTEST_GUILESS_MAIN(TestCliTokenize)
#include "test_cli_tokenize.moc"
