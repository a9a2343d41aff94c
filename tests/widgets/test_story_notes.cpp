// What the pictures say besides their numbers: schemes that add no position vector say so in the
// Vectors and PCA views; a picture that no longer shows what was typed is greyed with the reason;
// titles keep the spaces of English sentences.
#include "view_fixture.h"

#include <QLabel>

using namespace orderlens;
using namespace orderlens::testing;

namespace {

bool anyContains(const QStringList& texts, const QString& part)
{
    for (const QString& t : texts)
        if (QString(t).replace('\n', ' ').contains(part))
            return true;
    return false;
}

}  // namespace

class TestStoryNotes : public QObject {
    Q_OBJECT
private slots:
    void schemesWithoutPositionRowsSaySo_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::addColumn<QString>("note");
        QTest::newRow("rope") << int(PositionScheme::Rope) << "RoPE adds no position vector";
        QTest::newRow("alibi") << int(PositionScheme::Alibi) << "ALiBi adds no position vector";
        QTest::newRow("none") << int(PositionScheme::None) << "No position information at all";
    }

    void schemesWithoutPositionRowsSaySo()
    {
        QFETCH(int, scheme);
        QFETCH(QString, note);
        SnapshotOptions options;
        options.scheme = static_cast<PositionScheme>(scheme);
        const auto data = handBuiltSnapshot(options);
        QVERIFY(!data->a.hasPositionRows);
        auto vectors = shownView("vectors", data);
        const QStringList texts = pictureTexts(vectors.get());
        QVERIFY2(anyContains(texts, note), qPrintable(texts.join(" | ")));
        QVERIFY2(texts.contains("P\nnone added") && texts.contains("E + P = E\nmodel input"), qPrintable(texts.join(" | ")));
        // The PCA view draws no P path, names its points "input (= E)" and says why in the title.
        auto pca = shownView("pca", data);
        QVERIFY(anyContains(pictureTexts(pca.get()), "this scheme adds no position vector"));
        QVERIFY(!plottableNamed<QCPCurve>(pca->plot(), "P positions (path in order)"));
        bool inputNamed = false;
        for (QCPGraph* g : plottables<QCPGraph>(pca->plot()))
            inputNamed = inputNamed || g->name().startsWith("input (= E) in A");
        QVERIFY(inputNamed);
        QVERIFY(pca->explanation().contains("adds no position vector"));
    }

    void schemesWithPositionRowsHaveNoSuchNote()
    {
        const auto data = handBuiltSnapshot();
        QVERIFY(data->a.hasPositionRows);
        auto vectors = shownView("vectors", data);
        const QStringList texts = pictureTexts(vectors.get());
        QVERIFY(texts.contains("P\npositions"));
        QVERIFY(!anyContains(texts, "adds no position vector"));
        auto pca = shownView("pca", data);
        QVERIFY(plottableNamed<QCPCurve>(pca->plot(), "P positions (path in order)"));
    }

    void outOfDatePictureIsGreyedWithTheReason()
    {
        auto view = shownView("attention", handBuiltSnapshot());
        QVERIFY(view->outOfDateReason().isEmpty());
        view->setOutOfDate("A: the sentence is empty");
        QCOMPARE(view->outOfDateReason(), QStringLiteral("A: the sentence is empty"));
        QLabel* veil = view->findChild<QLabel*>("outOfDate");
        QVERIFY(veil && veil->isVisible());
        QCOMPARE(veil->geometry(), view->plot()->geometry());  // over the whole picture
        QVERIFY(veil->styleSheet().contains("rgba("));           // see-through: the old picture shows under it
        // A new snapshot is a picture of what was typed: the veil goes.
        view->setData(handBuiltSnapshot());
        QVERIFY(view->outOfDateReason().isEmpty());
        QVERIFY(!veil->isVisible());
    }

    void titlesKeepTheSpacesOfEnglish()
    {
        using widgets::joinedTokens;
        QCOMPARE(joinedTokens({"the", "cat", "chases", "the", "mouse"}), QStringLiteral("the cat chases the mouse"));
        QCOMPARE(joinedTokens({"猫", "追", "老鼠"}), QStringLiteral("猫追老鼠"));
        QCOMPARE(joinedTokens({"play", "##ing", "cats"}), QStringLiteral("playing cats"));
        QCOMPARE(joinedTokens({"猫", "chases", "老鼠"}), QStringLiteral("猫chases老鼠"));  // Chinese takes no spaces
        QCOMPARE(joinedTokens({"the", "cat", ".", "a"}), QStringLiteral("the cat. a"));
        QCOMPARE(joinedTokens({"3", "cats"}), QStringLiteral("3 cats"));
        // Byte-level BPE and SentencePiece pieces carry their spaces: concatenated as they are.
        QCOMPARE(joinedTokens({"the", " cat", " ch", "ases"}), QStringLiteral("the cat chases"));
        QCOMPARE(joinedTokens({"<s>", " 猫", "追"}), QStringLiteral("<s> 猫追"));
    }
};

QTEST_MAIN(TestStoryNotes)
#include "test_story_notes.moc"
