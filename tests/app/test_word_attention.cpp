// Whole words in the Attention view (word_groups.h) for a BERT folder, which reads Chinese one
// character at a time: the switch is part of the selection, the maps drawn are the merged ones,
// every title and the caption say so, sessions keep it, decoders cannot use it, and the command
// line's --words does the same.
#include "attention_view.h"
#include "cli_runner.h"
#include "session.h"
#include "window_fixture.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace orderlens;

namespace {
const QString kBert = QStringLiteral(ORDERLENS_SOURCE_DIR "/tests/fixtures/tiny_bert/f32");

QCheckBox* wordsBox(widgets::View* view)
{
    for (QCheckBox* box : view->findChildren<QCheckBox*>())
        if (box->text().contains("Whole words"))
            return box;
    return nullptr;
}
}  // namespace

class TestWordAttention : public QObject {
    Q_OBJECT
private slots:
    void theSwitchMergesEveryMap();
    void sessionsKeepIt();
    void decodersCannot();
    void theCommandLineMerges();
};

void TestWordAttention::theSwitchMergesEveryMap()
{
    testing::WindowFixture f;
    QVERIFY(f.load(kBert));
    auto* view = f.showViewAs<widgets::AttentionView>("attention");
    QCOMPARE(f.session()->current()->a.tokens.size(), size_t(6));  // [CLS] 猫 追 老 鼠 [SEP]
    QVERIFY(!f.session()->current()->a.words);
    QCheckBox* box = wordsBox(view);
    QVERIFY(box && box->isEnabled());
    box->click();
    QVERIFY(f.session()->waitForIdle());
    QCoreApplication::processEvents();
    QVERIFY(f.session()->selection().mergeWords);
    const SnapshotPtr s = f.session()->current();
    QVERIFY(s->a.words && s->b->words && s->wordDifference);
    QCOMPARE(s->a.words->words.size(), size_t(5));  // 老鼠 is one word
    view->draw();
    // Every map drawn is the merged one: A, B and their difference, by word.
    for (int layer = 0; layer < s->config.n_layers; ++layer)
        for (int head = 0; head < s->config.n_heads; ++head) {
            QCOMPARE(view->drawnValue(widgets::AttentionView::PanelA, layer, head, 3, 1),
                     double(s->a.words->attention[size_t(layer)][size_t(head)](3, 1)));
            QCOMPARE(view->drawnValue(widgets::AttentionView::PanelB, layer, head, 1, 3),
                     double(s->b->words->attention[size_t(layer)][size_t(head)](1, 3)));
            QCOMPARE(view->drawnValue(widgets::AttentionView::PanelDifference, layer, head, 3, 2),
                     double(s->wordDifference->attention[size_t(layer)][size_t(head)](3, 2)));
        }
    QVERIFY(std::isnan(view->drawnValue(widgets::AttentionView::PanelA, 0, 0, 5, 5)));  // 5 words, not 6 pieces
    // Said in the titles and in the caption of exported pictures.
    view->layoutAt(QSize(1400, 800));
    QString titles;
    for (const auto& box : view->textBoxes())
        titles += box.text + '\n';
    QVERIFY2(titles.contains("A, whole words") && titles.contains("B, whole words") && titles.contains("aligned by word"),
             qPrintable(titles));
    QVERIFY2(view->caption().contains("whole words"), qPrintable(view->caption()));
    // The enlarged head too.
    view->showHead(1, 2);
    QVERIFY(f.session()->waitForIdle());
    QCoreApplication::processEvents();
    view->draw();
    QCOMPARE(view->drawnValue(widgets::AttentionView::PanelA, 1, 2, 3, 3), double(f.session()->current()->a.words->attention[1][2](3, 3)));
    // Off again: the pieces.
    box->click();
    QVERIFY(f.session()->waitForIdle());
    QCoreApplication::processEvents();
    view->draw();
    QVERIFY(!f.session()->current()->a.words);
    QCOMPARE(view->drawnValue(widgets::AttentionView::PanelA, 1, 2, 5, 5),
             double(f.session()->current()->a.trace->layers[1].attention[2](5, 5)));
}

void TestWordAttention::sessionsKeepIt()
{
    app::SessionState state;
    state.selection.mergeWords = true;
    app::SessionState back;
    QString error;
    QVERIFY2(app::sessionFromJson(app::sessionToJson(state), &back, &error), qPrintable(error));
    QVERIFY(back.selection.mergeWords);
    QByteArray json = app::sessionToJson(state);
    json.replace("\"merge_words\": true", "\"merge_words\": \"yes\"");
    QVERIFY(!app::sessionFromJson(json, &back, &error));
    QVERIFY2(error.contains("merge_words"), qPrintable(error));
}

void TestWordAttention::decodersCannot()
{
    QTemporaryDir dir;
    const QString decoder = dir.filePath("llama3");
    if (!clitest::assembleDecoder("llama3_scaled", "llama3", decoder))
        QSKIP("the LLaMA 3 tokenizer is not fetched (scripts/fetch-tokenizers.sh; scripts/test.sh runs it)");
    testing::WindowFixture f;
    QVERIFY(f.load(decoder));
    auto* view = f.showViewAs<widgets::AttentionView>("attention");
    QCheckBox* box = wordsBox(view);
    QVERIFY(box);
    QVERIFY2(f.session()->current() && f.session()->current()->config.causal, qPrintable(f.session()->modelSpec()));
    QVERIFY(!box->isEnabled());
}

void TestWordAttention::theCommandLineMerges()
{
    const auto r = clitest::orderlens({"analyse", "--words", "--model", kBert, "猫追老鼠", "老鼠追猫"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject j = QJsonDocument::fromJson(r.out).object();
    const QJsonObject words = j["sentences"].toArray()[0].toObject()["words"].toObject();
    QCOMPARE(words["text"].toArray().size(), 5);
    QCOMPARE(words["text"].toArray()[3].toString(), QStringLiteral("老鼠"));
    QCOMPARE(words["word_of_token"].toArray().size(), 6);
    QVERIFY(j.contains("aligned_word_difference"));
    // Rows of the merged maps still sum to 1.
    for (const QJsonValue& row : words["attention"].toArray()[0].toArray()[0].toArray()) {
        double sum = 0;
        for (const QJsonValue& v : row.toArray())
            sum += v.toDouble();
        QVERIFY(std::abs(sum - 1) < 1e-5);
    }
    QTemporaryDir dir;
    const QString decoder = dir.filePath("llama3");
    if (clitest::assembleDecoder("llama3_scaled", "llama3", decoder)) {
        const auto refused = clitest::orderlens({"analyse", "--words", "--model", decoder, "hello"});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("--words is for encoders"), refused.err.constData());
    }
    const QString png = dir.filePath("words.png");
    const auto picture =
        clitest::orderlens({"export", "--view", "attention", "--words", "--model", kBert, "--out", png, "猫追老鼠", "老鼠追猫"});
    QCOMPARE(picture.exitCode, 0);
    QVERIFY(QImage(png).width() == 1600);
}

QTEST_MAIN(TestWordAttention)
#include "test_word_attention.moc"
