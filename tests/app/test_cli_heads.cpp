// Head surgery and the census on the command line: `trace --ablate`, `eval --ablate`,
// `eval --surgery` and `census`; documented keys, files really written, errors clear.
#include "cli_runner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using clitest::orderlens;
using clitest::Run;

QJsonObject firstTrace(const Run& r) { return QJsonDocument::fromJson(r.out).object()["traces"].toArray()[0].toObject(); }

// Reversal accuracy from eval's report line "reversal pairs ...: 97.50 % ...".
QString reversalLine(const QByteArray& out)
{
    for (const QByteArray& line : out.split('\n'))
        if (line.contains("reversal"))
            return QString::fromUtf8(line);
    return {};
}

}  // namespace

class TestCliHeads : public QObject {
    Q_OBJECT
private slots:
    void traceWithHeadsOff();
    void badHeadsAreUsageErrors();
    void evalWithPositionalHeadsOff();
    void surgeryExperimentTable();
    void censusWritesJsonAndCsv();
    void censusRefusesBadCorporaAndPathsWithNothingWritten();
};

void TestCliHeads::traceWithHeadsOff()
{
    const Run intact = orderlens({"trace", "--model", "builtin:learned", "猫追老鼠"});
    QCOMPARE(intact.exitCode, 0);
    QVERIFY(!firstTrace(intact).contains("surgery"));

    const Run r = orderlens({"trace", "--model", "builtin:learned", "--ablate", "L0H1,L1", "--ablation", "uniform", "猫追老鼠"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject t = firstTrace(r);
    const QJsonObject surgery = t["surgery"].toObject();
    QCOMPARE(surgery["method"].toString(), QString("uniform"));
    const QJsonArray heads = surgery["heads"].toArray();
    QCOMPARE(heads.size(), 5);  // L0H1 and the four heads of layer 1
    QCOMPARE(heads[0].toString(), QString("L0H1"));
    const QJsonArray attention = t["layers"].toArray()[0].toObject()["attention"].toArray()[1].toArray();
    const int T = attention.size();
    QCOMPARE(T, 3);
    for (const QJsonValue& row : attention)
        for (const QJsonValue& cell : row.toArray())
            QVERIFY(std::abs(cell.toDouble() - 1.0 / T) < 1e-6);
    // Roles follow the surgery: the role probabilities differ from the intact model's.
    QVERIFY(t["roles"].toArray()[0].toObject()["probabilities"] !=
            firstTrace(intact)["roles"].toArray()[0].toObject()["probabilities"]);

    const Run mean = orderlens({"trace", "--model", "builtin:rope", "--ablate", "L0H0", "--ablation", "mean", "猫追老鼠"});
    QCOMPARE(mean.exitCode, 0);
    QCOMPARE(firstTrace(mean)["surgery"].toObject()["method"].toString(), QString("mean"));
}

void TestCliHeads::badHeadsAreUsageErrors()
{
    const Run far = orderlens({"trace", "--model", "builtin:learned", "--ablate", "L5H0", "猫追老鼠"});
    QCOMPARE(far.exitCode, 2);
    QVERIFY2(far.err.contains("L5H0") && far.err.contains("layers 0 to 1"), far.err.constData());
    QCOMPARE(far.err.count('\n'), 1);
    QVERIFY(far.out.isEmpty());
    const Run bad = orderlens({"trace", "--ablate", "head3", "猫追老鼠"});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("head3"), bad.err.constData());
    const Run method = orderlens({"eval", "--ablate", "L0H0", "--ablation", "half"});
    QCOMPARE(method.exitCode, 2);
    QVERIFY2(method.err.contains("zero, mean or uniform"), method.err.constData());
    const Run both = orderlens({"eval", "--surgery", "--ablate", "L0H0"});
    QCOMPARE(both.exitCode, 2);
}

void TestCliHeads::evalWithPositionalHeadsOff()
{
    const Run intact = orderlens({"eval", "--model", "builtin:learned"});
    const Run off = orderlens({"eval", "--model", "builtin:learned", "--ablate", "positional"});
    QCOMPARE(intact.exitCode, 0);
    QCOMPARE(off.exitCode, 0);
    QVERIFY2(off.out.contains("heads off (zero ablation): L0H"), off.out.constData());
    QVERIFY(!reversalLine(off.out).isEmpty());
    QVERIFY2(reversalLine(off.out) != reversalLine(intact.out), qPrintable(reversalLine(off.out)));
}

void TestCliHeads::surgeryExperimentTable()
{
    const Run r = orderlens({"eval", "--surgery", "--model", "builtin:learned", "--draws", "3"});
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains("surgery experiment: builtin:learned, zero ablation"), qPrintable(out));
    for (const char* row : {"none", "L0H0", "L1H3", "all positional: ", "instead: ", "mean of "})
        QVERIFY2(out.contains(row), row);
}

void TestCliHeads::censusWritesJsonAndCsv()
{
    QTemporaryDir dir;
    const QString corpus = dir.filePath("corpus.txt"), json = dir.filePath("census.json"), csv = dir.filePath("census.csv");
    {
        QFile f(corpus);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("猫追老鼠。\n\n老鼠被猫追\r\n猫把老鼠追了\n");
    }
    const Run r = orderlens({"census", "--model", "builtin:alibi", "--corpus", corpus, "--out", json});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("over 3 sentences"), r.out.constData());
    QVERIFY2(r.err.contains("census: 3/3 sentences"), r.err.constData());
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject c = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(c["sentences"].toInt(), 3);
    QCOMPARE(c["layers"].toInt(), 2);
    const int heads = c["layers"].toInt() * c["heads"].toInt();
    const QJsonArray table = c["heads_table"].toArray();
    QCOMPARE(table.size(), heads);
    QCOMPARE(c["js_distance"].toArray().size(), heads);
    for (const char* key : {"layer", "head", "first", "special", "punctuation", "self", "previous", "next",
                            "entropy_bits", "weighted", "map"})
        QVERIFY2(table[0].toObject().contains(key), key);
    // 。 is punctuation: some head gives it attention.
    double punctuation = 0;
    for (const QJsonValue& h : table)
        punctuation = std::max(punctuation, h.toObject()["punctuation"].toDouble());
    QVERIFY(punctuation > 0);

    const Run rc = orderlens({"census", "--model", "builtin:alibi", "--corpus", corpus, "--out", csv});
    QCOMPARE(rc.exitCode, 0);
    QFile g(csv);
    QVERIFY(g.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = g.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), heads + 1);
    QVERIFY(lines[0].startsWith("layer,head,first,special,punctuation,self,previous,next,entropy_bits,weighted_first"));
}

void TestCliHeads::censusRefusesBadCorporaAndPathsWithNothingWritten()
{
    QTemporaryDir dir;
    const QString out = dir.filePath("census.json");
    const QString corpus = dir.filePath("long.txt");
    {
        QFile f(corpus);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("猫追老鼠\n" + QString("猫追老鼠").repeated(40).toUtf8() + "\n");
    }
    const Run longLine = orderlens({"census", "--corpus", corpus, "--out", out});
    QCOMPARE(longLine.exitCode, 3);
    QVERIFY2(longLine.err.contains("sentence 2"), longLine.err.constData());
    QVERIFY(!QFile::exists(out));

    const Run suffix = orderlens({"census", "--out", dir.filePath("census.txt")});
    QCOMPARE(suffix.exitCode, 2);
    const Run noOut = orderlens({"census"});
    QCOMPARE(noOut.exitCode, 2);
    const Run folder = orderlens({"census", "--out", dir.filePath("missing/census.json")});
    QCOMPARE(folder.exitCode, 3);
    const Run missing = orderlens({"census", "--corpus", dir.filePath("nothing.txt"), "--out", out});
    QCOMPARE(missing.exitCode, 3);
    QVERIFY2(missing.err.contains("nothing.txt"), missing.err.constData());
    QVERIFY(!QFile::exists(out));
}

QTEST_GUILESS_MAIN(TestCliHeads)
#include "test_cli_heads.moc"
