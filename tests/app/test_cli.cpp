// The headless command line: documented JSON shapes, exit codes and one-line errors.
#include "cli_runner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QDir>
#include <QtTest>

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

namespace {

using clitest::orderlens;
using clitest::Run;

int rows(const QJsonValue& v) { return v.toArray().size(); }
int cols(const QJsonValue& v) { return v.toArray().first().toArray().size(); }

// (rows, cols) JSON array of numbers as a double matrix.
Eigen::MatrixXd toMatrix(const QJsonValue& v)
{
    const QJsonArray a = v.toArray();
    Eigen::MatrixXd m(a.size(), a.isEmpty() ? 0 : a.first().toArray().size());
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            m(r, c) = a.at(r).toArray().at(c).toDouble();
    return m;
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void traceHasDocumentedKeysAndShapes_data();
    void traceHasDocumentedKeysAndShapes();
    void traceOfShowcasePairDiffersOnlyWithPositions();
    void traceOfBertFolderPair();
    void analyseOfShowcasePairAgreesWithTrace();
    void errorsAreOneLineWithExitCode_data();
    void errorsAreOneLineWithExitCode();
};

void TestCli::traceHasDocumentedKeysAndShapes_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("hasTerms");
    QTest::newRow("random sinusoidal") << "random:sinusoidal" << true;
    QTest::newRow("random learned") << "random:learned" << true;
    QTest::newRow("random rope") << "random:rope" << false;
    QTest::newRow("random alibi") << "random:alibi" << true;
    QTest::newRow("random none") << "random:none" << true;
}

void TestCli::traceHasDocumentedKeysAndShapes()
{
    QFETCH(QString, model);
    QFETCH(bool, hasTerms);
    const Run r = orderlens({"trace", "--model", model, "猫追老鼠", "老鼠追猫"});
    QCOMPARE(r.exitCode, 0);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray traces = doc.object().value("traces").toArray();
    QCOMPARE(traces.size(), 2);
    const QJsonObject t = traces.at(0).toObject();
    const QJsonObject config = t.value("model").toObject();
    const int d = config.value("d_model").toInt(), heads = config.value("n_heads").toInt(),
              layers = config.value("n_layers").toInt();
    QVERIFY(d > 0 && heads > 0 && layers > 0);
    QCOMPARE(config.value("id").toString(), model);
    const QJsonArray tokens = t.value("tokens").toArray();
    QCOMPARE(tokens.size(), 3);
    QCOMPARE(tokens.at(0).toObject().value("text").toString(), QString("猫"));
    QCOMPARE(tokens.at(2).toObject().value("text").toString(), QString("老鼠"));
    QCOMPARE(tokens.at(2).toObject().value("position").toInt(), 2);
    QVERIFY(tokens.at(1).toObject().contains("id"));
    for (const char* key : {"embedding", "position", "input"}) {
        QCOMPARE(rows(t.value(key)), 3);
        QCOMPARE(cols(t.value(key)), d);
    }
    const QJsonArray layerArray = t.value("layers").toArray();
    QCOMPARE(layerArray.size(), layers);
    for (const auto& lv : layerArray) {
        const QJsonObject layer = lv.toObject();
        for (const char* key : {"logits", "attention"}) {
            const QJsonArray perHead = layer.value(key).toArray();
            QCOMPARE(perHead.size(), heads);
            QCOMPARE(rows(perHead.at(0)), 3);
            QCOMPARE(cols(perHead.at(0)), 3);
        }
        QCOMPARE(rows(layer.value("output")), 3);
        double rowSum = 0;
        for (const auto& p : layer.value("attention").toArray().at(0).toArray().at(0).toArray())
            rowSum += p.toDouble();
        QVERIFY(qAbs(rowSum - 1.0) < 1e-5);
    }
    const QJsonObject layer0 = layerArray.at(0).toObject();
    QCOMPARE(layer0.contains("terms"), hasTerms);
    if (hasTerms) {
        // The five terms add up to the logits, element by element.
        const QJsonObject terms = layer0.value("terms").toObject();
        const QJsonArray logits = layer0.value("logits").toArray();
        for (int h = 0; h < heads; ++h)
            for (int q = 0; q < 3; ++q)
                for (int k = 0; k < 3; ++k) {
                    double sum = 0;
                    for (const char* term : {"ee", "ep", "pe", "pp", "bias"})
                        sum += terms.value(term).toArray().at(h).toArray().at(q).toArray().at(k).toDouble();
                    QVERIFY(qAbs(sum - logits.at(h).toArray().at(q).toArray().at(k).toDouble()) < 1e-5);
                }
    }
    QVERIFY(t.contains("roles"));
    QCOMPARE(t.value("roles").toArray().size(), 3);
    QCOMPARE(t.value("head_roles").toArray().size(), layers * heads);
}

void TestCli::traceOfShowcasePairDiffersOnlyWithPositions()
{
    auto catOutput = [](const QString& model, const char* sentence, int catIndex) {
        const Run r = orderlens({"trace", "--model", model, sentence});
        const QJsonObject t = QJsonDocument::fromJson(r.out).object().value("traces").toArray().at(0).toObject();
        return t.value("layers").toArray().last().toObject().value("output").toArray().at(catIndex).toArray();
    };
    auto maxDiff = [](const QJsonArray& a, const QJsonArray& b) {
        double m = 0;
        for (int i = 0; i < a.size(); ++i)
            m = qMax(m, qAbs(a.at(i).toDouble() - b.at(i).toDouble()));
        return m;
    };
    // 猫 is token 0 of 猫追老鼠 and token 2 of 老鼠追猫.
    QVERIFY(maxDiff(catOutput("random:none", "猫追老鼠", 0), catOutput("random:none", "老鼠追猫", 2)) < 1e-5);
    QVERIFY(maxDiff(catOutput("random:sinusoidal", "猫追老鼠", 0), catOutput("random:sinusoidal", "老鼠追猫", 2)) > 1e-2);
}

void TestCli::traceOfBertFolderPair()
{
    const QString folder = QStringLiteral(ORDERLENS_SOURCE_DIR) + "/tests/fixtures/tiny_bert/bf16_prefixed";
    const Run r = orderlens({"trace", "--model", folder, "--pair", "猫追老鼠", "老鼠被猫追"});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray traces = QJsonDocument::fromJson(r.out).object().value("traces").toArray();
    QCOMPARE(traces.size(), 1);
    const QJsonObject t = traces.at(0).toObject();
    QCOMPARE(t.value("model").toObject().value("id").toString(), folder);
    QCOMPARE(t.value("model").toObject().value("norm").toString(), QString("post"));
    const QJsonArray tokens = t.value("tokens").toArray();
    const QStringList texts{"[CLS]", "猫", "追", "老", "鼠", "[SEP]", "老", "鼠", "被", "猫", "追", "[SEP]"};
    QCOMPARE(tokens.size(), texts.size());
    for (int i = 0; i < texts.size(); ++i) {
        const QJsonObject tok = tokens.at(i).toObject();
        QCOMPARE(tok.value("text").toString(), texts[i]);
        QCOMPARE(tok.value("position").toInt(), i);
        QCOMPARE(tok.value("type").toInt(), i <= 5 ? 0 : 1);
    }
    // The same character at two positions: one word row, two different position rows.
    QCOMPARE(t.value("embedding").toArray().at(1), t.value("embedding").toArray().at(9));
    QVERIFY(t.value("position").toArray().at(1) != t.value("position").toArray().at(9));
    const QJsonArray layers = t.value("layers").toArray();
    QCOMPARE(layers.size(), 2);
    QCOMPARE(layers.at(0).toObject().value("attention").toArray().size(), 4);
    QVERIFY(layers.at(0).toObject().contains("terms"));
    QCOMPARE(t.value("head_roles").toArray().size(), 8);
}

// `orderlens analyse` prints the documented keys, and its PCA points are the E / P / E + P rows of
// `orderlens trace` for the same sentences, centred and projected on the top eigenvectors of their
// covariance (recomputed here with a plain eigensolver; each axis up to sign).
void TestCli::analyseOfShowcasePairAgreesWithTrace()
{
    const Run analysed = orderlens({"analyse", "猫追老鼠", "老鼠追猫"});
    QCOMPARE(analysed.exitCode, 0);
    QJsonParseError error;
    const QJsonObject snapshot = QJsonDocument::fromJson(analysed.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QStringList keys = snapshot.keys();
    keys.sort();
    QStringList documented{"model",    "sentences", "pca",       "aligned_difference", "head_roles",
                           "term_shares", "residual", "positions", "recoverability",   "colour_ranges",
                           "causal",   "arithmetic"};
    documented.sort();
    QCOMPARE(keys, documented);

    const QString model = snapshot.value("model").toObject().value("id").toString();
    const int layers = snapshot.value("model").toObject().value("n_layers").toInt();
    const int heads = snapshot.value("model").toObject().value("n_heads").toInt();
    QVERIFY(layers > 0 && heads > 0);
    const QJsonArray sentences = snapshot.value("sentences").toArray();
    QCOMPARE(sentences.size(), 2);
    QCOMPARE(sentences.at(1).toObject().value("tokens").toArray().at(0).toObject().value("text").toString(),
             QString("老鼠"));
    QCOMPARE(snapshot.value("aligned_difference").toObject().value("b_index_of_a").toArray(), (QJsonArray{2, 1, 0}));
    QVERIFY(snapshot.value("aligned_difference").toObject().value("max_abs_attention").toDouble() > 1e-3);
    for (const char* perSentence : {"head_roles", "term_shares", "residual"})
        QCOMPARE(snapshot.value(perSentence).toArray().size(), 2);
    QCOMPARE(snapshot.value("head_roles").toArray().at(0).toArray().size(), layers * heads);
    QCOMPARE(snapshot.value("residual").toArray().at(1).toArray().size(), layers + 1);
    QVERIFY(snapshot.value("recoverability").toObject().value("ready").toBool());
    QCOMPARE(snapshot.value("recoverability").toObject().value("dims").toArray().size(), 10);
    if (model == "builtin:sinusoidal") {
        // The trained model tells who chases whom: 猫 is the agent of 猫追老鼠 and the patient of 老鼠追猫.
        QCOMPARE(sentences.at(0).toObject().value("roles").toArray().at(0).toObject().value("role").toString(),
                 QString("AGENT"));
        QCOMPARE(sentences.at(1).toObject().value("roles").toArray().at(2).toObject().value("role").toString(),
                 QString("PATIENT"));
    }

    const Run traced = orderlens({"trace", "--model", model, "--no-head-roles", "猫追老鼠", "老鼠追猫"});
    QCOMPARE(traced.exitCode, 0);
    const QJsonArray traces = QJsonDocument::fromJson(traced.out).object().value("traces").toArray();
    QCOMPARE(traces.size(), 2);
    const char* kinds[] = {"embedding", "position", "input"};
    std::vector<Eigen::MatrixXd> blocks;
    Eigen::Index n = 0;
    for (const auto& t : traces)
        for (const char* kind : kinds) {
            blocks.push_back(toMatrix(t.toObject().value(kind)));
            n += blocks.back().rows();
        }
    const Eigen::Index d = blocks.front().cols();
    Eigen::MatrixXd stacked(n, d);
    Eigen::Index at = 0;
    for (const auto& b : blocks) {
        stacked.middleRows(at, b.rows()) = b;
        at += b.rows();
    }
    const Eigen::RowVectorXd mean = stacked.colwise().mean();
    const Eigen::MatrixXd centred = stacked.rowwise() - mean;
    const Eigen::MatrixXd covariance = centred.transpose() * centred / double(n - 1);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);  // ascending

    const QJsonObject pca = snapshot.value("pca").toObject();
    const int k = pca.value("components").toInt();
    QCOMPARE(k, 3);
    const QJsonArray ratios = pca.value("explained_variance").toArray();
    QCOMPARE(ratios.size(), k);
    const QJsonArray points = pca.value("points").toArray();
    QCOMPARE(points.size(), 2);
    double worstPoint = 0, worstRatio = 0, scale = 0;
    for (int axis = 0; axis < k; ++axis) {
        const Eigen::Index column = d - 1 - axis;
        worstRatio = std::max(worstRatio, std::abs(ratios.at(axis).toDouble() -
                                                   solver.eigenvalues()(column) / covariance.trace()));
        const Eigen::VectorXd direction = solver.eigenvectors().col(column);
        std::vector<Eigen::VectorXd> expected, got;
        double agreement = 0;
        for (int s = 0; s < 2; ++s)
            for (int kind = 0; kind < 3; ++kind) {
                const Eigen::MatrixXd printed = toMatrix(points.at(s).toObject().value(kinds[kind]));
                QCOMPARE(printed.rows(), blocks[size_t(3 * s + kind)].rows());
                QCOMPARE(printed.cols(), Eigen::Index(k));
                expected.push_back((blocks[size_t(3 * s + kind)].rowwise() - mean) * direction);
                got.push_back(printed.col(axis));
                agreement += got.back().dot(expected.back());
            }
        const double sign = agreement < 0 ? -1 : 1;
        for (size_t i = 0; i < got.size(); ++i) {
            worstPoint = std::max(worstPoint, (got[i] - sign * expected[i]).cwiseAbs().maxCoeff());
            scale = std::max(scale, expected[i].cwiseAbs().maxCoeff());
        }
    }
    qInfo("analyse vs trace PCA (%s): points maxdiff %.3g (coordinates up to %.3g), ratios maxdiff %.3g",
          qPrintable(model), worstPoint, scale, worstRatio);
    QVERIFY2(worstPoint < 1e-4 * std::max(1.0, scale), qPrintable(QString::number(worstPoint)));
    QVERIFY2(worstRatio < 1e-5, qPrintable(QString::number(worstRatio)));
}

void TestCli::errorsAreOneLineWithExitCode_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no sentence") << QStringList{"trace"} << 2 << "SENTENCE";
    QTest::newRow("unknown option") << QStringList{"trace", "--frobnicate", "猫"} << 2 << "frobnicate";
    QTest::newRow("unknown option names its subcommand")
        << QStringList{"analyse", "--frobnicate", "猫"} << 2 << "orderlens analyse --help";
    QTest::newRow("unknown scheme") << QStringList{"trace", "--model", "random:wavelet", "猫"} << 2 << "wavelet";
    QTest::newRow("empty sentence") << QStringList{"trace", ""} << 3 << "empty";
    QTest::newRow("blank sentence") << QStringList{"trace", "   "} << 3 << "empty";
    QTest::newRow("too long") << QStringList{"trace", QString(10000, QChar(0x732B))} << 3 << "at most";
    QTest::newRow("missing model file") << QStringList{"trace", "--model", "/no/such/model.safetensors", "猫"} << 3
                                        << "not found";
    const QString bert = QStringLiteral(ORDERLENS_SOURCE_DIR) + "/tests/fixtures/tiny_bert/f32";
    QTest::newRow("pair with a built-in model") << QStringList{"trace", "--model", "random:learned", "--pair", "猫", "鼠"}
                                                << 2 << "BERT";
    QTest::newRow("pair of three") << QStringList{"trace", "--model", bert, "--pair", "猫", "鼠", "追"} << 2
                                   << "exactly two";
    QTest::newRow("BERT sentence too long") << QStringList{"trace", "--model", bert, QString(30, QChar(0x732B))} << 3
                                            << "at most 24 positions";
    const QString png = QDir::temp().filePath("orderlens-test-never-written.png");
    QTest::newRow("export: empty sentence") << QStringList{"export", "--view", "attention", "--out", png, "猫追老鼠", " "}
                                            << 3 << "empty";
    QTest::newRow("export: PCA axes out of order")
        << QStringList{"export", "--view", "pca", "--pca-axes", "3,1", "--out", png, "猫追老鼠"} << 2 << "--pca-axes";
    QTest::newRow("export: PCA axis 4") << QStringList{"export", "--view", "pca", "--pca-axes", "1,4", "--out", png, "猫追老鼠"}
                                        << 2 << "--pca-axes";
    QTest::newRow("export: BERT sentence too long")
        << QStringList{"export", "--model", bert, "--view", "attention", "--out", png, QString(30, QChar(0x732B))} << 3
        << "at most 24 positions";
    QTest::newRow("analyse: no sentence") << QStringList{"analyse"} << 2 << "SENTENCE";
    QTest::newRow("analyse: three sentences") << QStringList{"analyse", "猫", "鼠", "追"} << 2 << "SENTENCE_B";
    QTest::newRow("analyse: unknown scheme") << QStringList{"analyse", "--model", "random:wavelet", "猫"} << 2
                                             << "wavelet";
    QTest::newRow("analyse: empty sentence") << QStringList{"analyse", ""} << 3 << "empty";
    QTest::newRow("analyse: blank sentence B") << QStringList{"analyse", "猫追老鼠", "   "} << 3 << "empty";
    QTest::newRow("analyse: too long") << QStringList{"analyse", "猫追老鼠", QString(10000, QChar(0x732B))} << 3
                                       << "at most";
    QTest::newRow("not a model folder") << QStringList{"trace", "--model", QStringLiteral(ORDERLENS_SOURCE_DIR) + "/core", "猫"}
                                        << 3 << "no config.json";
}

void TestCli::errorsAreOneLineWithExitCode()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    const Run r = orderlens(arguments);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(r.out.isEmpty());
    const QString err = QString::fromUtf8(r.err).trimmed();
    QVERIFY2(!err.contains('\n'), qPrintable(err));
    QVERIFY2(err.contains(mentions), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
