// The model's own point on the Recoverability curve decodes word and position from the rows the
// forward pass really adds: for the sinusoidal built-in, its word rows times embedding_scale.
#include "snapshot.h"
#include "model_catalog.h"
#include "recoverability.h"

#include <QtTest>

using namespace orderlens;

class TestAnalysis : public QObject {
    Q_OBJECT
private slots:
    void ownPointDecodesTheAddedWordRows_data();
    void ownPointDecodesTheAddedWordRows();
};

void TestAnalysis::ownPointDecodesTheAddedWordRows_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<float>("embeddingScale");
    QTest::addColumn<double>("leastWordAccuracy");
    // Unscaled, the sinusoidal rows (norm 5.66) would hide the words: about 5 % decoded.
    QTest::newRow("sinusoidal: word rows x 8") << "builtin:sinusoidal" << 8.0f << 0.8;
    QTest::newRow("learned: word rows as stored") << "builtin:learned" << 1.0f << 0.5;
}

void TestAnalysis::ownPointDecodesTheAddedWordRows()
{
    QFETCH(QString, model);
    QFETCH(float, embeddingScale);
    QFETCH(double, leastWordAccuracy);
    const auto loaded = app::loadModel(model);
    QCOMPARE(loaded->config().embedding_scale, embeddingScale);
    const RecoverabilityFacts facts = recoverabilityFacts(*loaded);
    QVERIFY(facts.ready && facts.hasCurrent);
    const Matrix table = positionFacts(*loaded).positions.table;  // (48, d) the rows the views draw
    const DecodingAccuracy added = decodeAdded(Matrix(embeddingScale * loaded->weights().wordTable), table);
    QCOMPARE(facts.currentAddWord, added.word);
    QCOMPARE(facts.currentAddPosition, added.position);
    QVERIFY2(facts.currentAddWord >= leastWordAccuracy, QByteArray::number(facts.currentAddWord));
    if (embeddingScale != 1.0f) {
        const DecodingAccuracy stored = decodeAdded(loaded->weights().wordTable, table);
        QVERIFY2(stored.word < facts.currentAddWord - 0.5, QByteArray::number(stored.word));
    }
}

QTEST_GUILESS_MAIN(TestAnalysis)
#include "test_analysis.moc"
