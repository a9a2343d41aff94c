// `orderlens trace --model FOLDER` for decoder checkpoints: a tiny Qwen3 (RoPE) and GPT-2 (learned
// positions) from tests/fixtures/tiny_decoders, paired with their real tokenizers (fetched by
// scripts/fetch-tokenizers.sh), print the documented keys: causal masks as nulls in the logits
// and exact zeros in the attention, no position rows for RoPE, top-5 next tokens whose
// probabilities are ordered; the window's loaders refuse a decoder with a message naming trace.
#include "cli_runner.h"

#include <QDir>
#include <QImage>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

namespace {

using clitest::Run;
Run orderlens(const QStringList& arguments)
{
    return clitest::orderlens(arguments, 120000, {{"LANG", "C.UTF-8"}});
}

bool assemble(const QString& variant, const QString& tokenizer, const QString& into)
{
    return clitest::assembleDecoder(variant, tokenizer, into);
}

}  // namespace

class TestCliDecoder : public QObject {
    Q_OBJECT
private slots:
    // analyse and export show a decoder: the documented keys, and every view's picture written whole.
    void decoderAnalyseAndExport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath("llama3");
        if (!assemble("llama3_scaled", "llama3", folder))
            QSKIP("the LLaMA 3 tokenizer is not fetched (scripts/fetch-tokenizers.sh)");
        Run r = orderlens({"analyse", "--model", folder, "猫追老鼠", "老鼠追猫"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject snapshot = QJsonDocument::fromJson(r.out).object();
        QVERIFY(snapshot.value("causal").toBool());
        const QJsonObject a = snapshot.value("sentences").toArray().at(0).toObject();
        const int T = a.value("tokens").toArray().size();
        QVERIFY(T >= 2);
        QCOMPARE(a.value("next_token").toArray().size(), T);
        QCOMPARE(a.value("next_token").toArray().at(0).toArray().size(), 5);
        QCOMPARE(a.value("first_token_share").toArray().size(),
                 snapshot.value("model").toObject().value("n_layers").toInt() *
                     snapshot.value("model").toObject().value("n_heads").toInt());
        QVERIFY(snapshot.value("rope_shares").isArray());
        QVERIFY(snapshot.value("positions").toObject().value("rope_unscaled_wavelengths").isArray());
        // Masked cells of the aligned difference are null; the diagonal is data.
        const QJsonArray diff = snapshot.value("aligned_difference").toObject().value("attention").toArray()
                                    .at(0).toArray().at(0).toArray();
        QCOMPARE(diff.size(), T);
        QVERIFY(diff.at(0).toArray().at(T - 1).isNull());
        QVERIFY(diff.at(0).toArray().at(0).isDouble());
        for (const QString& view : {"vectors", "position", "pca", "attention", "decomposition", "residual", "recoverability", "window"}) {
            const QString out = dir.filePath(view + ".png");
            r = orderlens({"export", "--view", view, "--model", folder, "--out", out, "猫追老鼠", "老鼠追猫"});
            QVERIFY2(r.exitCode == 0, qPrintable(view + ": " + QString::fromUtf8(r.err)));
            QImage image(out);
            QVERIFY2(!image.isNull() && image.width() == 1600, qPrintable(view));
        }
    }

    // --bf16-products: the trace says which arithmetic made it, and stays close to the exact one.
    void bf16ProductsAreLabelled()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath("qwen3");
        if (!assemble("qwen3", "qwen3", folder))
            QSKIP("the Qwen3 tokenizer is not fetched (scripts/fetch-tokenizers.sh; scripts/test.sh runs it)");
        const Run exact = orderlens({"trace", "--model", folder, "The cat chases the mouse."});
        const Run fast = orderlens({"trace", "--model", folder, "--bf16-products", "The cat chases the mouse."});
        QCOMPARE(exact.exitCode, 0);
        QCOMPARE(fast.exitCode, 0);
        const QJsonObject a = QJsonDocument::fromJson(exact.out).object().value("traces").toArray().at(0).toObject();
        const QJsonObject b = QJsonDocument::fromJson(fast.out).object().value("traces").toArray().at(0).toObject();
        QCOMPARE(a.value("arithmetic").toString(), QStringLiteral("float32"));
        // "bf16-products" where oneDNN has BF16 kernels (AVX-512), else the exact arithmetic, said so.
        const bool rounded = b.value("arithmetic").toString() == QStringLiteral("bf16-products");
        QVERIFY(rounded || b.value("arithmetic").toString() == QStringLiteral("float32"));
        const QJsonArray rowsA = a.value("final_norm").toArray(), rowsB = b.value("final_norm").toArray();
        QCOMPARE(rowsA.size(), rowsB.size());
        double largest = 0, differs = 0;
        for (int r = 0; r < rowsA.size(); ++r)
            for (int c = 0; c < rowsA.at(r).toArray().size(); ++c) {
                const double x = rowsA.at(r).toArray().at(c).toDouble(), y = rowsB.at(r).toArray().at(c).toDouble();
                largest = std::max(largest, std::abs(x));
                differs = std::max(differs, std::abs(x - y));
            }
        QVERIFY2(differs <= 0.05 * largest, qPrintable(QString::number(differs / largest)));
        if (rounded)
            QVERIFY(differs > 0);  // really rounded
        else
            QCOMPARE(differs, 0.0);  // the exact trace, as labelled
    }

    void ropeDecoderTrace()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath("qwen3");
        if (!assemble("qwen3", "qwen3", folder))
            QSKIP("the Qwen3 tokenizer is not fetched (scripts/fetch-tokenizers.sh; scripts/test.sh runs it)");
        const Run r = orderlens({"trace", "--model", folder, "猫追老鼠", "The cat chases the mouse."});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty() || !r.err.contains("orderlens:"), r.err.constData());
        const QJsonArray traces = QJsonDocument::fromJson(r.out).object().value("traces").toArray();
        QCOMPARE(traces.size(), 2);
        const QJsonObject t = traces.at(0).toObject();
        QCOMPARE(t.value("model").toObject().value("family").toString(), QStringLiteral("qwen3"));
        QCOMPARE(t.value("model").toObject().value("n_kv_heads").toInt(), 2);
        QCOMPARE(t.value("causal").toBool(), true);
        const QJsonObject scheme = t.value("position_scheme").toObject();
        QCOMPARE(scheme.value("type").toString(), QStringLiteral("rope"));
        QCOMPARE(scheme.value("theta").toDouble(), 1e6);
        QCOMPARE(scheme.value("inverse_frequencies").toArray().size(), 8);  // head_dim 16
        QVERIFY(!t.contains("position"));  // RoPE adds no position row
        // The tokens as the tokenizer reads them: 猫 追 老鼠 (Qwen's byte-level pieces, readable).
        QStringList texts;
        for (const QJsonValue& token : t.value("tokens").toArray())
            texts << token.toObject().value("text").toString();
        QCOMPARE(texts, (QStringList{"猫", "追", "老鼠"}));
        const int T = texts.size();
        const QJsonArray layers = t.value("layers").toArray();
        QCOMPARE(layers.size(), 2);
        for (const QJsonValue& layer : layers) {
            const QJsonArray logits = layer.toObject().value("logits").toArray(),
                             attention = layer.toObject().value("attention").toArray();
            QCOMPARE(logits.size(), 4);
            for (int h = 0; h < 4; ++h)
                for (int q = 0; q < T; ++q)
                    for (int k = 0; k < T; ++k) {
                        const QJsonValue logit = logits.at(h).toArray().at(q).toArray().at(k);
                        const double a = attention.at(h).toArray().at(q).toArray().at(k).toDouble();
                        QCOMPARE(logit.isNull(), k > q);  // the future: null, and only there
                        if (k > q)
                            QCOMPARE(a, 0.0);
                    }
        }
        const QJsonArray next = t.value("next_token").toArray();
        QCOMPARE(next.size(), T);
        for (const QJsonValue& candidates : next) {
            QCOMPARE(candidates.toArray().size(), 5);
            double previous = 1;
            for (const QJsonValue& c : candidates.toArray()) {
                const double p = c.toObject().value("probability").toDouble();
                QVERIFY(p > 0 && p <= previous);
                previous = p;
                QVERIFY(c.toObject().contains("text"));
            }
        }
        QCOMPARE(t.value("final_norm").toArray().size(), T);
        // RoPE's split on every layer: content + position = logit where the key is not in the future.
        for (const QJsonValue& layer : layers) {
            const QJsonObject rope = layer.toObject().value("rope_terms").toObject();
            QVERIFY(rope.contains("content") && rope.contains("position") && rope.contains("pairs"));
            QCOMPARE(rope.value("pairs").toArray().at(0).toArray().size(), 8);
            const QJsonArray logits = layer.toObject().value("logits").toArray();
            for (int h = 0; h < 4; ++h)
                for (int q = 0; q < T; ++q)
                    for (int k = 0; k <= q; ++k) {
                        const double sum = rope.value("content").toArray().at(h).toArray().at(q).toArray().at(k).toDouble() +
                                           rope.value("position").toArray().at(h).toArray().at(q).toArray().at(k).toDouble();
                        QVERIFY(std::abs(sum - logits.at(h).toArray().at(q).toArray().at(k).toDouble()) < 1e-5);
                    }
        }
    }

    void learnedDecoderTrace()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath("gpt2");
        if (!assemble("gpt2_prefixed", "gpt2", folder))
            QSKIP("the GPT-2 tokenizer is not fetched (scripts/fetch-tokenizers.sh)");
        const Run r = orderlens({"trace", "--model", folder, "The cat chases the mouse."});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject t = QJsonDocument::fromJson(r.out).object().value("traces").toArray().at(0).toObject();
        QCOMPARE(t.value("model").toObject().value("family").toString(), QStringLiteral("gpt2"));
        QCOMPARE(t.value("position_scheme").toObject().value("type").toString(), QStringLiteral("learned"));
        const int T = t.value("tokens").toArray().size();
        QCOMPARE(T, 7);  // The · cat · ch · ases · the · mouse · .
        QCOMPARE(t.value("position").toArray().size(), T);  // wpe rows 0..T-1
        // input = embedding + position, row by row.
        const QJsonArray e = t.value("embedding").toArray(), p = t.value("position").toArray(), in = t.value("input").toArray();
        for (int i = 0; i < T; ++i)
            for (int c = 0; c < 8; ++c)
                QVERIFY(std::abs(e.at(i).toArray().at(c).toDouble() + p.at(i).toArray().at(c).toDouble() -
                                 in.at(i).toArray().at(c).toDouble()) < 1e-6);
    }

    void decoderErrorsAreClear()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath("gpt2");
        if (!assemble("gpt2_prefixed", "gpt2", folder))
            QSKIP("the GPT-2 tokenizer is not fetched (scripts/fetch-tokenizers.sh)");
        Run r = orderlens({"trace", "--model", folder, ""});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("empty"), r.err.constData());
        // More tokens than GPT-2's 32 positions: refused before anything is written.
        r = orderlens({"trace", "--model", folder, QString("cat ").repeated(40)});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("at most 32"), r.err.constData());
        // Export and analyse refuse the same sentences with the same message, and write nothing.
        r = orderlens({"export", "--view", "vectors", "--out", dir.filePath("x.png"), "--model", folder,
                       QString("cat ").repeated(40)});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("at most 32"), r.err.constData());
        QVERIFY(!QFile::exists(dir.filePath("x.png")));
        r = orderlens({"analyse", "--model", folder, "  "});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("empty"), r.err.constData());
        // Training refuses a decoder by name.
        r = orderlens({"eval", "--model", folder});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("decoder"), r.err.constData());
        // Without tokenizer files.
        const QString bare = dir.filePath("bare");
        QVERIFY(QDir().mkpath(bare));
        for (const QString& name : {QStringLiteral("config.json"), QStringLiteral("model.safetensors")})
            QVERIFY(QFile::copy(folder + "/" + name, bare + "/" + name));
        r = orderlens({"trace", "--model", bare, "cat"});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("tokenizer"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliDecoder)
#include "test_cli_decoder.moc"
