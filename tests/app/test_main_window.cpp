// The main window and its view-model: typing updates strips and views, the attention grid
// draws the trace's values, the aligned difference vanishes exactly without positions, the
// hand-made example adds up, sessions round-trip and corrupt sessions are refused.
#include "attention_view.h"
#include "main_window.h"
#include "model_catalog.h"
#include "session.h"
#include "token_strip.h"
#include "vectors_view.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace orderlens;
using widgets::AttentionView;

namespace {

// builtin:<scheme> when this build ships it, else the untrained random:<scheme> of the same family.
QString modelFor(const QString& scheme)
{
    const QString builtin = "builtin:" + scheme;
    return app::knownModelSpecs().contains(builtin) ? builtin : "random:" + scheme;
}

double maxAbsDrawnDifference(const AttentionView* view, const widgets::ViewData& data)
{
    double worst = 0;
    for (int l = 0; l < data.config.n_layers; ++l)
        for (int h = 0; h < data.config.n_heads; ++h)
            for (int q = 0; q < data.a.length(); ++q)
                for (int k = 0; k < data.a.length(); ++k) {
                    const double v = view->drawnValue(AttentionView::PanelDifference, l, h, q, k);
                    if (std::isnan(v))
                        return std::nan("");
                    worst = std::max(worst, std::abs(v));
                }
    return worst;
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void typingUpdatesStripAndGrid()
    {
        app::MainWindow window(nullptr, false);
        window.show();
        window.showView("attention");
        QVERIFY(window.session()->waitForIdle());
        QCOMPARE(window.tokenStripA()->tokens(), QStringList({"猫", "追", "老鼠"}));

        window.sentenceEditA()->setFocus();
        window.sentenceEditA()->selectAll();
        // One key event per character, as an input method delivers them.
        for (const QChar ch : QStringLiteral("小猫追大狗"))
            QTest::sendKeyEvent(QTest::Click, window.sentenceEditA(), Qt::Key_unknown, QString(ch), Qt::NoModifier);
        QVERIFY(window.session()->waitForIdle());
        QCOMPARE(window.session()->state().sentenceA, QStringLiteral("小猫追大狗"));
        const QStringList tokens = window.tokenStripA()->tokens();
        QCOMPARE(tokens.join(QString()), QStringLiteral("小猫追大狗"));
        const auto data = window.session()->current();
        QCOMPARE(data->a.length(), static_cast<int>(tokens.size()));
        auto* attention = static_cast<AttentionView*>(window.view("attention"));
        const int last = static_cast<int>(tokens.size()) - 1;
        QCOMPARE(attention->drawnValue(AttentionView::PanelA, 0, 0, last, last),
                 static_cast<double>(data->a.trace->layers[0].attention[0](last, last)));
    }

    void latestRequestWins()
    {
        app::MainWindow window(nullptr, false);
        QVERIFY(window.session()->waitForIdle());
        QSignalSpy spy(window.session(), &app::SessionModel::dataChanged);
        const QStringList typed{"狗", "狗追", "狗追猫", "狗追猫了"};
        for (const QString& s : typed)
            window.session()->setSentenceA(s);
        QVERIFY(window.session()->waitForIdle());
        QVERIFY(spy.count() >= 1);
        QVERIFY(spy.count() < typed.size());  // stale requests were dropped, not drawn
        QCOMPARE(window.session()->current()->a.tokens.join(QString()), QStringLiteral("狗追猫了"));
    }

    void gridCellsEqualTrace_data()
    {
        QTest::addColumn<QString>("model");
        for (const char* scheme : {"sinusoidal", "learned", "rope", "alibi", "none"})
            QTest::newRow(scheme) << modelFor(scheme);
    }

    void gridCellsEqualTrace()
    {
        QFETCH(QString, model);
        app::MainWindow window(nullptr, false);
        window.show();
        window.showView("attention");
        window.session()->setModelSpec(model);
        QVERIFY(window.session()->waitForIdle());
        const auto data = window.session()->current();
        auto* attention = static_cast<AttentionView*>(window.view("attention"));
        QVERIFY(!attention->isEnlarged());
        for (const auto panel : {AttentionView::PanelA, AttentionView::PanelB}) {
            QVERIFY(attention->hasPanel(panel));
            const widgets::SentenceData& s = panel == AttentionView::PanelA ? data->a : *data->b;
            QCOMPARE(static_cast<int>(s.trace->layers.size()), data->config.n_layers);
            for (int l = 0; l < data->config.n_layers; ++l) {
                QCOMPARE(static_cast<int>(s.trace->layers[l].attention.size()), data->config.n_heads);
                for (int h = 0; h < data->config.n_heads; ++h)
                    for (int q = 0; q < s.length(); ++q)
                        for (int k = 0; k < s.length(); ++k)
                            QCOMPARE(attention->drawnValue(panel, l, h, q, k),
                                     static_cast<double>(s.trace->layers[l].attention[h](q, k)));
            }
        }
        // Enlarging a head draws the same values, one map per panel.
        attention->showHead(1, 2);
        QVERIFY(attention->isEnlarged());
        QCOMPARE(attention->drawnValue(AttentionView::PanelB, 1, 2, 0, 1),
                 static_cast<double>(data->b->trace->layers[1].attention[2](0, 1)));
        // Hover text names query, key and value.
        QVERIFY(attention->toolTipAt(QPoint(-5, -5)).isEmpty());
    }

    void alignedDifference_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("zero");
        QTest::newRow("none") << modelFor("none") << true;
        QTest::newRow("sinusoidal") << modelFor("sinusoidal") << false;
    }

    void alignedDifference()
    {
        QFETCH(QString, model);
        QFETCH(bool, zero);
        app::MainWindow window(nullptr, false);
        window.show();
        window.showView("attention");
        window.session()->setModelSpec(model);
        QVERIFY(window.session()->waitForIdle());
        auto* attention = static_cast<AttentionView*>(window.view("attention"));
        QVERIFY(attention->hasPanel(AttentionView::PanelDifference));
        const double worst = maxAbsDrawnDifference(attention, *window.session()->current());
        QVERIFY(!std::isnan(worst));
        if (zero)
            QVERIFY2(worst < 1e-5, qPrintable(QString::number(worst)));
        else
            QVERIFY2(worst > 1e-3, qPrintable(QString::number(worst)));
    }

    void handmadeDefaultSum()
    {
        app::MainWindow window(nullptr, false);
        window.show();
        window.showView("vectors");
        window.session()->setModelSpec("handmade");
        QVERIFY(window.session()->waitForIdle());
        auto* vectors = static_cast<widgets::VectorsView*>(window.view("vectors"));
        // 猫 is the third token (index 2) of sentence B, 老鼠追猫: the view starts there.
        QCOMPARE(vectors->selectedSentence(), 1);
        QCOMPARE(vectors->selectedToken(), 2);
        const QVector<double> expected{0.6, -0.1, 0.1};
        const QVector<double> word{0.5, 0.3, -0.2}, position{0.1, -0.4, 0.3};
        for (int d = 0; d < 3; ++d) {
            QVERIFY(std::abs(vectors->drawnSelected(widgets::VectorsView::Sum)[d] - expected[d]) < 1e-6);
            QVERIFY(std::abs(vectors->drawnSelected(widgets::VectorsView::Word)[d] - word[d]) < 1e-6);
            QVERIFY(std::abs(vectors->drawnSelected(widgets::VectorsView::Position)[d] - position[d]) < 1e-6);
            QVERIFY(std::abs(vectors->drawnCell(1, widgets::VectorsView::Sum, 2, d) - expected[d]) < 1e-6);
        }
        QVERIFY2(vectors->sumText().contains(QStringLiteral("[0.60, −0.10, 0.10]")), qPrintable(vectors->sumText()));

        // Editing the word table moves the sum; 2-D keeps the first two numbers.
        window.session()->setHandmadeWord("猫", {1.0, 0.0, 0.0});
        QVERIFY(window.session()->waitForIdle());
        QVERIFY(std::abs(vectors->drawnSelected(widgets::VectorsView::Sum)[0] - 1.1) < 1e-6);
        window.session()->setHandmadeDimension(2);
        QVERIFY(window.session()->waitForIdle());
        QCOMPARE(vectors->drawnSelected(widgets::VectorsView::Sum).size(), 2);
    }

    void sessionRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("lesson.orderlens");
        app::SessionState saved;
        {
            app::MainWindow window(nullptr, false);
            QVERIFY(window.session()->waitForIdle());
            window.session()->setSentenceA("狗追兔子");
            window.session()->setSentenceB("兔子追狗");
            window.session()->setModelSpec("random:learned");
            window.session()->setHandmadeWord("狗", {0.1, 0.2, 0.3});
            window.showView("pca");
            QVERIFY(window.session()->waitForIdle());
            saved = window.session()->state();
            QString error;
            QVERIFY2(window.saveSession(path, &error), qPrintable(error));
        }
        app::MainWindow window(nullptr, false);
        QVERIFY(window.session()->waitForIdle());
        QString error;
        QVERIFY2(window.openSession(path, &error), qPrintable(error));
        QVERIFY(window.session()->waitForIdle());
        QVERIFY(window.session()->state() == saved);
        QCOMPARE(window.sentenceEditA()->text(), QStringLiteral("狗追兔子"));
        QCOMPARE(window.currentView()->key(), QStringLiteral("pca"));
        QCOMPARE(window.session()->current()->modelId, QStringLiteral("random:learned"));
    }

    void corruptSessionRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not json") << QByteArray("{\"format\": \"orderlens-session\", ");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("array") << QByteArray("[1, 2]");
        QTest::newRow("other format") << QByteArray(R"({"format": "something", "version": 1})");
        QTest::newRow("future version") << QByteArray(R"({"format": "orderlens-session", "version": 9})");
        QTest::newRow("sentence not text")
            << QByteArray(R"({"format": "orderlens-session", "version": 1, "sentence_a": 5, "sentence_b": "x",)"
                          R"( "model": "", "view": "pca", "compare": true})");
        QTest::newRow("bad hand-made row")
            << QByteArray(R"({"format": "orderlens-session", "version": 1, "sentence_a": "猫", "sentence_b": "x",)"
                          R"( "model": "", "view": "pca", "compare": true, "handmade": {"dimension": 3,)"
                          R"( "words": {"猫": [1, "a"]}}})");
    }

    void corruptSessionRefused()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.orderlens");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        app::MainWindow window(nullptr, false);
        QVERIFY(window.session()->waitForIdle());
        const app::SessionState before = window.session()->state();
        QString error;
        QVERIFY(!window.openSession(path, &error));
        QVERIFY(error.contains(path));
        QVERIFY(error.size() > path.size() + 10);  // says what is wrong
        QVERIFY(window.session()->state() == before);
        QVERIFY(!window.openSession(dir.filePath("missing.orderlens"), &error));
        QVERIFY(error.contains("missing.orderlens"));
    }

    void badSentenceShowsMessage()
    {
        app::MainWindow window(nullptr, false);
        QVERIFY(window.session()->waitForIdle());
        window.session()->setSentenceA("   ");
        QVERIFY(window.session()->waitForIdle());
        QVERIFY(!window.session()->errorA().isEmpty());
        QVERIFY(window.session()->current());  // the last good picture stays
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
