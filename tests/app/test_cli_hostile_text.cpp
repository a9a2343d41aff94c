// `orderlens trace` with many sentences (streamed: the child's peak memory stays that of one
// trace), its write failures, and hostile text in messages (control characters escaped).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

Run orderlens(const QStringList& arguments, const QString& stdoutFile = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("DISPLAY");
    env.remove("QT_QPA_PLATFORM");
    env.insert("ORDERLENS_REPORT_PEAK_MEMORY", "1");
    p.setProcessEnvironment(env);
    if (!stdoutFile.isEmpty())
        p.setStandardOutputFile(stdoutFile);
    p.start(ORDERLENS_BINARY, arguments);
    if (!p.waitForFinished(240000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// The child's VmHWM in MiB, from "orderlens: peak memory 123456 kB"; -1 when not reported.
double peakMemoryMiB(const QByteArray& err)
{
    const QRegularExpression line("peak memory (\\d+) kB");
    const auto m = line.match(QString::fromUtf8(err));
    return m.hasMatch() ? m.captured(1).toDouble() / 1024.0 : -1;
}

QStringList manySentences(int n)
{
    const QStringList pool{"猫追老鼠", "老鼠追猫", "老鼠被猫追", "猫把老鼠抓了", "大猫在追小老鼠", "老师喜欢学生",
                           "狗咬了小孩", "小孩怕大狗"};
    QStringList sentences;
    for (int i = 0; i < n; ++i)
        sentences << pool.at(i % pool.size());
    return sentences;
}

}  // namespace

class TestCliHostileText : public QObject {
    Q_OBJECT
private slots:
    void traceOfTwoThousandSentencesStaysSmall();
    void traceRefusesABadSentenceBeforeWritingAnything();
    void traceReportsAWriteFailure();
    void traceCutShortLeavesTheFileAsItWas_data();
    void traceCutShortLeavesTheFileAsItWas();
    void controlCharactersInMessagesAreEscaped_data();
    void controlCharactersInMessagesAreEscaped();
};

// 2,000 sentences: the document parses with 2,000 traces in order, and the child's peak memory
// is that of a few traces, not of the whole document (which held 5,000 traces in 1 GB).
void TestCliHostileText::traceOfTwoThousandSentencesStaysSmall()
{
    const QStringList sentences = manySentences(2000);
    const Run one = orderlens(QStringList{"trace", "--no-head-roles"} << sentences.first());
    QCOMPARE(one.exitCode, 0);
    const Run r = orderlens(QStringList{"trace", "--no-head-roles"} << sentences);
    QCOMPARE(r.exitCode, 0);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonArray traces = doc.object().value("traces").toArray();
    QCOMPARE(traces.size(), 2000);
    QCOMPARE(doc.object().keys(), QStringList{"traces"});
    for (int i : {0, 1, 2, 1999}) {
        QString text;
        for (const QJsonValue& t : traces.at(i).toObject().value("tokens").toArray())
            text += t.toObject().value("text").toString();
        QCOMPARE(text, sentences.at(i));
    }
    // The first trace alone is the same text as the first trace of the 2,000.
    QCOMPARE(QJsonDocument::fromJson(one.out).object().value("traces").toArray().at(0), traces.at(0));
    const double single = peakMemoryMiB(one.err), many = peakMemoryMiB(r.err);
    qInfo("trace: %d bytes of JSON; peak memory %.1f MiB for 1 sentence, %.1f MiB for 2,000", int(r.out.size()), single,
          many);
    QVERIFY2(single > 0 && many > 0, r.err.constData());
    QVERIFY2(many < single + 40, qPrintable(QString("peak %1 MiB for 2,000 sentences, %2 MiB for one").arg(many).arg(single)));
}

// A sentence too long for the model, the 1,500th of 2,000: refused before anything is written.
void TestCliHostileText::traceRefusesABadSentenceBeforeWritingAnything()
{
    QStringList sentences = manySentences(2000);
    sentences[1500] = QString(10000, QChar(0x732B));
    const Run r = orderlens(QStringList{"trace", "--no-head-roles"} << sentences);
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.out.isEmpty(), r.out.left(200).constData());
    QVERIFY2(r.err.contains("at most"), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);
}

// stdout is a full disk: the failure is one line naming the cause, exit 3.
void TestCliHostileText::traceReportsAWriteFailure()
{
    if (!QFileInfo::exists("/dev/full"))
        QSKIP("no /dev/full");
    const Run r = orderlens(QStringList{"trace", "--no-head-roles"} << manySentences(50), "/dev/full");
    QCOMPARE(r.exitCode, 3);
    const QString err = QString::fromUtf8(r.err).trimmed();
    QVERIFY2(err.startsWith("orderlens: could not write the traces to standard output: the disk is full"),
             qPrintable(err));
    QVERIFY2(!err.contains('\n'), qPrintable(err));
}

void TestCliHostileText::traceCutShortLeavesTheFileAsItWas_data()
{
    QTest::addColumn<QString>("redirect");
    QTest::addColumn<QByteArray>("before");
    QTest::newRow("replace") << ">" << QByteArray();
    QTest::newRow("append") << ">>" << QByteArray("an earlier line\n");
}

// The file-size limit (ulimit -f) stops the stream half-way through a regular file: the failure
// is reported (not a SIGXFSZ death), and the part of the document written is removed again, so
// the file holds what it held before (an appended-to file keeps its earlier lines).
void TestCliHostileText::traceCutShortLeavesTheFileAsItWas()
{
    QFETCH(QString, redirect);
    QFETCH(QByteArray, before);
    QTemporaryDir dir;
    const QString path = dir.filePath("traces.json");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(before);
    }
    // sh -c 'ulimit -f 200; exec orderlens trace ... > path' (200 KiB; the 50 traces are ~1.9 MB)
    QProcess p;
    p.start("sh", QStringList{"-c", QString("ulimit -f 200; exec \"$0\" trace --no-head-roles \"$@\" %1 '%2'").arg(redirect, path),
                              ORDERLENS_BINARY}
                      << manySentences(50));
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 3);
    const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    QVERIFY2(err.startsWith("orderlens: could not write the traces to standard output: the file is too large"), qPrintable(err));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
}

void TestCliHostileText::controlCharactersInMessagesAreEscaped_data()
{
    const QString hostile = QStringLiteral("x\x1b[31mred\r\x07\x7f") + QChar(0x9B) + QChar(0x202E) + "猫\n";
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("model path") << QStringList{"trace", "--model", "/no/such/" + hostile, "猫"} << 3;
    QTest::newRow("model folder") << QStringList{"trace", "--model", QDir::tempPath() + "/" + hostile + "/", "猫"} << 3;
    QTest::newRow("unknown option") << QStringList{"trace", "--" + hostile, "猫"} << 2;
    QTest::newRow("unknown view") << QStringList{"export", "--view", hostile, "--out", "a.png", "猫"} << 2;
    QTest::newRow("palette") << QStringList{"export", "--view", "pca", "--palette", hostile, "--out", "a.png", "猫"} << 2;
    QTest::newRow("train output") << QStringList{"train", "--pe", "none", "--out", "/no/such/" + hostile} << 3;
    QTest::newRow("bench group") << QStringList{"bench", "--only", hostile} << 2;
    QTest::newRow("scheme") << QStringList{"trace", "--model", "random:" + hostile, "猫"} << 2;
}

// A sentence or file name holding "\x1b[31m", "\r", BEL, DEL, C1 CSI, a bidi override or a line
// break: the message is one line with the characters shown as escapes, no raw control byte.
void TestCliHostileText::controlCharactersInMessagesAreEscaped()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    const Run r = orderlens(arguments);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.endsWith('\n'), r.err.constData());
    const QByteArray line = r.err.chopped(1);
    for (char c : line)
        QVERIFY2(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f, qPrintable("raw control byte in: " + line.toPercentEncoding()));
    const QString text = QString::fromUtf8(line);
    for (QChar c : text)
        QVERIFY2(c.unicode() < 0x80 || c.unicode() > 0x9F, qPrintable("raw C1 character in: " + text));
    QVERIFY2(!text.contains(QChar(0x202E)), qPrintable(text));
    QVERIFY2(text.contains("\\x1b[31m"), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestCliHostileText)
#include "test_cli_hostile_text.moc"
