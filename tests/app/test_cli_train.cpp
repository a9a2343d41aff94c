// `orderlens train` and `orderlens eval`: exit codes, one-line errors, no partial files, and
// the reports of the shipped models.
#include "cli_runner.h"

#include "model.h"
#include "safetensors.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using clitest::Run;
Run runOrderlens(const QStringList& arguments) { return clitest::orderlens(arguments, 240000); }

bool oneLine(const QByteArray& err) { return err.count('\n') == 1 && err.endsWith('\n') && err.startsWith("orderlens: "); }

}  // namespace

class TestCliTrain : public QObject {
    Q_OBJECT
private slots:
    void trainRejectsBadInput_data();
    void trainRejectsBadInput();
    void trainWritesAModelThatEvalReads();
    void evalReportsTheShippedModels_data();
    void evalReportsTheShippedModels();
    void traceOfBuiltinModelHasRoles();
    void evalRejectsBrokenModelFiles_data();
    void evalRejectsBrokenModelFiles();
};

void TestCliTrain::trainRejectsBadInput_data()
{
    QTest::addColumn<QStringList>("arguments");  // "OUT" is replaced by a path in a temporary folder
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown scheme") << QStringList{"--pe", "cosine", "--out", "OUT"} << 3 << "unknown position scheme 'cosine'";
    QTest::newRow("zero steps") << QStringList{"--pe", "rope", "--steps", "0", "--out", "OUT"} << 2 << "--steps";
    QTest::newRow("steps not a number") << QStringList{"--pe", "rope", "--steps", "many", "--out", "OUT"} << 2 << "--steps";
    QTest::newRow("zero embedding scale") << QStringList{"--pe", "rope", "--embedding-scale", "0", "--out", "OUT"} << 2
                                          << "--embedding-scale must be a number greater than 0";
    QTest::newRow("embedding scale not a number")
        << QStringList{"--pe", "rope", "--embedding-scale", "big", "--out", "OUT"} << 2 << "--embedding-scale";
    QTest::newRow("no --pe") << QStringList{"--out", "OUT"} << 2 << "--pe";
    QTest::newRow("no --out") << QStringList{"--pe", "rope"} << 2 << "--out";
    QTest::newRow("missing folder") << QStringList{"--pe", "rope", "--out", "OUT/missing/model.safetensors"} << 3
                                    << "does not exist";
    QTest::newRow("out is a folder") << QStringList{"--pe", "rope", "--out", "OUT/folder"} << 3 << "is a folder";
}

void TestCliTrain::trainRejectsBadInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir("folder"));
    for (QString& a : arguments)
        if (a.startsWith("OUT"))
            a.replace(0, 3, dir.path() + "/model.safetensors").replace("model.safetensors/", "");
    const Run r = runOrderlens(QStringList{"train"} + arguments);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(oneLine(r.err), r.err.constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(r.out.isEmpty());
    // Nothing written: only the folder made above.
    QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList{"folder"});
}

void TestCliTrain::trainWritesAModelThatEvalReads()
{
    QTemporaryDir dir;
    const QString out = dir.path() + "/tiny.safetensors";
    const Run r = runOrderlens(
        {"train", "--pe", "learned", "--steps", "20", "--seed", "3", "--embedding-scale", "2.5", "--out", out});
    QCOMPARE(r.exitCode, 0);
    const QString report = QString::fromUtf8(r.out);
    QVERIFY2(report.contains("trained learned: 20 steps"), r.out.constData());
    QVERIFY2(report.contains("embedding scale 2.5)"), r.out.constData());
    QVERIFY(report.contains("held-out role accuracy:"));
    QVERIFY(report.contains("reversal pairs:"));
    QVERIFY(report.contains("wrote " + out));
    QVERIFY2(r.err.contains("step 20/20"), r.err.constData());  // the progress line
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"tiny.safetensors"});  // no temporary left

    const orderlens::Model model = orderlens::Model::load(out.toStdString());
    QVERIFY(model.config().pe == orderlens::PositionScheme::Learned);
    QCOMPARE(model.config().embedding_scale, 2.5f);
    QVERIFY(model.weights().extra.count("mlm.weight"));

    const Run e = runOrderlens({"eval", "--model", out});
    QCOMPARE(e.exitCode, 0);
    QVERIFY2(e.out.contains("showcase:"), e.out.constData());
    QVERIFY(e.out.contains("猫追老鼠"));
}

void TestCliTrain::evalReportsTheShippedModels_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("expected");
    QTest::newRow("sinusoidal") << "builtin:sinusoidal" << "6/6 sentences labelled correctly";
    QTest::newRow("sinusoidal: word row scaled by sqrt(64)") << "builtin:sinusoidal" << "heads, embedding scale 8)";
    QTest::newRow("learned: word row as stored") << "builtin:learned" << "heads, embedding scale 1)";
    QTest::newRow("learned") << "builtin:learned" << "6/6 sentences labelled correctly";
    QTest::newRow("rope") << "builtin:rope" << "6/6 sentences labelled correctly";
    QTest::newRow("alibi") << "builtin:alibi" << "6/6 sentences labelled correctly";
    QTest::newRow("none: chance on reversed nouns") << "builtin:none" << "50.00 % of agents/patients";
}

void TestCliTrain::evalReportsTheShippedModels()
{
    QFETCH(QString, model);
    QFETCH(QString, expected);
    const Run r = runOrderlens({"eval", "--model", model});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(QString::fromUtf8(r.out).contains(expected), r.out.constData());
    QVERIFY(QString::fromUtf8(r.out).contains("head roles on 猫追老鼠: positional"));
}

void TestCliTrain::traceOfBuiltinModelHasRoles()
{
    const Run r = runOrderlens({"trace", "--model", "builtin:sinusoidal", "--no-head-roles", "老鼠追猫"});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray roles = QJsonDocument::fromJson(r.out).object()["traces"].toArray()[0].toObject()["roles"].toArray();
    QCOMPARE(roles.size(), 3);
    const QByteArray text = QJsonDocument(roles).toJson(QJsonDocument::Compact);
    // 老鼠 is the agent here, 猫 the patient.
    QVERIFY2(text.contains("AGENT") && text.contains("PATIENT") && text.contains("ACTION"), text.constData());
    QVERIFY2(text.indexOf("AGENT") < text.indexOf("PATIENT"), text.constData());
}

void TestCliTrain::evalRejectsBrokenModelFiles_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated") << "truncate" << "";
    QTest::newRow("not safetensors") << "garbage" << "";
    QTest::newRow("wrong tensor shape") << "shape" << "layers.0.ffn.in.weight";
    QTest::newRow("no metadata") << "metadata" << "not an OrderLens model file";
}

void TestCliTrain::evalRejectsBrokenModelFiles()
{
    QFETCH(QString, damage);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.path() + "/broken.safetensors";
    const orderlens::Model model = orderlens::Model::random(orderlens::PositionScheme::Sinusoidal, 1);
    std::vector<std::uint8_t> bytes = model.serialize();
    if (damage == "truncate") {
        bytes.resize(bytes.size() / 2);
    } else if (damage == "garbage") {
        bytes.assign(100, 'x');
    } else {
        // Re-serialize with one tensor of the wrong shape, or without the metadata.
        const auto file = orderlens::SafetensorsFile::parse(bytes.data(), bytes.size(), "original");
        std::vector<orderlens::Matrix> values;
        std::vector<std::string> names = file.names();
        for (const auto& name : names) {
            const auto& info = file.info(name);
            values.push_back(file.matrix(name, info.shape));
        }
        std::vector<orderlens::NamedTensor> tensors;
        for (size_t i = 0; i < names.size(); ++i) {
            if (damage == "shape" && names[i] == "layers.0.ffn.in.weight")
                values[i] = orderlens::Matrix::Zero(3, 5);
            tensors.push_back({names[i], &values[i], file.info(names[i]).shape.size() == 1});
        }
        bytes = orderlens::serializeSafetensors(tensors, damage == "metadata" ? std::map<std::string, std::string>{}
                                                                                : file.metadata());
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size()));
    f.close();
    const Run r = runOrderlens({"eval", "--model", path});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(oneLine(r.err), r.err.constData());
    QVERIFY2(r.err.contains("broken.safetensors"), r.err.constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliTrain)
#include "test_cli_train.moc"
