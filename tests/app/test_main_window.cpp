// The main window and its view-model: typing updates strips and views, the attention grid
// draws the trace's values, the aligned difference vanishes exactly without positions, the
// hand-made example adds up, sessions round-trip and corrupt sessions are refused.
#include "exporter.h"
#include "attention_view.h"
#include "snapshot.h"
#include "lesson.h"
#include "model_catalog.h"
#include "session.h"
#include "token_strip.h"
#include "vectors_view.h"
#include "window_fixture.h"

#include <qcustomplot.h>

#include <QLineEdit>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QVBoxLayout>
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

double maxAbsDrawnDifference(const AttentionView* view, const Snapshot& data)
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

// Every card shows its token, "pos N" and its chip whole: the card is at least as big as its
// text needs, and every line lies inside the card.
void checkCardsFit(const widgets::TokenStrip* strip, const QStringList& tokens)
{
    const auto cards = strip->visibleCards();
    QCOMPARE(static_cast<int>(cards.size()), static_cast<int>(tokens.size()));
    for (size_t i = 0; i < cards.size(); ++i) {
        const widgets::TokenCard* card = cards[i];
        QCOMPARE(card->text(), tokens[static_cast<int>(i)]);
        QVERIFY(card->isVisible());
        const QString where = QStringLiteral("card %1 '%2' %3x%4 needs %5x%6")
                                  .arg(i)
                                  .arg(card->text())
                                  .arg(card->width())
                                  .arg(card->height())
                                  .arg(card->sizeHint().width())
                                  .arg(card->sizeHint().height());
        QVERIFY2(card->width() >= card->sizeHint().width() && card->height() >= card->sizeHint().height(),
                 qPrintable(where));
        QFont big = card->font();
        big.setPointSizeF(big.pointSizeF() * 1.5);
        QVERIFY2(card->textRect().width() >= QFontMetrics(big).horizontalAdvance(card->text()), qPrintable(where));
        QVERIFY2(card->textRect().height() >= QFontMetrics(big).height(), qPrintable(where));
        for (const QRect& line : {card->textRect(), card->positionRect(), card->chipRect()})
            QVERIFY2(line.isEmpty() || card->rect().contains(line), qPrintable(where));
        QVERIFY(card->positionText().contains(QString::number(i)));
        // Cards sit side by side, not on top of each other.
        if (i > 0)
            QVERIFY(cards[i - 1]->geometry().right() < card->geometry().left());
    }
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void largeModelHeadRolesFollowTheFirstPicture()
    {
        // More than 32 heads (BERT-base has 144): the head-role ablation must not hold up the
        // first picture. The first snapshot drawn has the roles pending; they follow in a second
        // one, equal to the roles computed directly; a sentence typed while they run makes them
        // stale, and the roles shown at the end are the new sentence's.
        testing::WindowFixture f(testing::kOwnSize, false);
        ModelConfig config;
        config.d_model = 48;
        config.n_heads = 12;
        config.n_layers = 3;
        config.d_ff = 64;
        auto big = std::make_shared<const Model>(Model::random(PositionScheme::Learned, 7, config));
        QVERIFY(headRolesAreSlow(*big));
        std::vector<SnapshotPtr> drawn;
        connect(f.session(), &app::SessionModel::dataChanged, this, [&](SnapshotPtr s) { drawn.push_back(s); });
        f.session()->useModel(big, QStringLiteral("big"));
        QVERIFY(f.session()->waitForIdle());
        QVERIFY(drawn.size() >= 2);
        QVERIFY(drawn.front()->a.headRolesPending);
        QVERIFY(drawn.front()->a.headRoles.empty());
        const auto expectRoles = [&](const SentenceSnapshot& s) {
            QVERIFY(!s.headRolesPending);
            const std::vector<HeadRole> expected = headRoles(*big, *s.trace, 1);
            QCOMPARE(s.headRoles.size(), size_t(36));
            for (size_t i = 0; i < expected.size(); ++i) {
                QCOMPARE(int(s.headRoles[i].kind), int(expected[i].kind));
                QCOMPARE(s.headRoles[i].positionScore, expected[i].positionScore);
            }
        };
        expectRoles(f.session()->current()->a);
        QVERIFY(f.session()->current()->b);
        expectRoles(*f.session()->current()->b);

        drawn.clear();
        f.session()->setSentenceA(QStringLiteral("老鼠追猫"));
        f.session()->setSentenceA(QStringLiteral("大猫追小老鼠"));
        QVERIFY(f.session()->waitForIdle());
        const SentenceSnapshot& a = f.session()->current()->a;
        QCOMPARE(widgets::joinedTokens(a.tokens).remove(QLatin1Char(' ')), QStringLiteral("大猫追小老鼠"));
        expectRoles(a);
        for (const SnapshotPtr& s : drawn)  // no picture showed roles of another sentence
            if (!s->a.headRoles.empty())
                QCOMPARE(s->a.tokens, a.tokens);
    }

    void typingUpdatesStripAndGrid()
    {
        testing::WindowFixture f(testing::kOwnSize);
        f.window.showView("attention");
        QVERIFY(f.session()->waitForIdle());
        QCOMPARE(f.window.tokenStripA()->tokens(), QStringList({"猫", "追", "老鼠"}));

        f.window.sentenceEditA()->setFocus();
        f.window.sentenceEditA()->selectAll();
        // One key event per character, as an input method delivers them.
        for (const QChar ch : QStringLiteral("小猫追大狗"))
            QTest::sendKeyEvent(QTest::Click, f.window.sentenceEditA(), Qt::Key_unknown, QString(ch), Qt::NoModifier);
        QVERIFY(f.session()->waitForIdle());
        QCOMPARE(f.session()->state().sentenceA, QStringLiteral("小猫追大狗"));
        const QStringList tokens = f.window.tokenStripA()->tokens();
        QCOMPARE(tokens.join(QString()), QStringLiteral("小猫追大狗"));
        const auto data = f.session()->current();
        QCOMPARE(data->a.length(), static_cast<int>(tokens.size()));
        auto* attention = static_cast<AttentionView*>(f.window.view("attention"));
        const int last = static_cast<int>(tokens.size()) - 1;
        QCOMPARE(attention->drawnValue(AttentionView::PanelA, 0, 0, last, last),
                 static_cast<double>(data->a.trace->layers[0].attention[0](last, last)));
    }

    // Cards made while the window is on screen (typing) keep the size their text needs.
    void tokenCardsFit()
    {
        testing::WindowFixture f(testing::kWindowSize);
        QVERIFY(f.load());
        QCoreApplication::processEvents();
        checkCardsFit(f.window.tokenStripA(), widgets::tokenTexts(f.session()->current()->a.tokens));
        for (const QString& text : {QStringLiteral("大黑猫在追小白老鼠了"), QStringLiteral("猫"), QStringLiteral("小猫追大狗")}) {
            f.window.sentenceEditA()->setText(text);
            emit f.window.sentenceEditA()->textEdited(text);
            QVERIFY(f.session()->waitForIdle());
            QCoreApplication::processEvents();
            checkCardsFit(f.window.tokenStripA(), widgets::tokenTexts(f.session()->current()->a.tokens));
            checkCardsFit(f.window.tokenStripB(), widgets::tokenTexts(f.session()->current()->b->tokens));
        }
    }

    // With role chips (trained models), and more cards than the strip is wide: the cards keep
    // their size and the strip scrolls.
    void tokenCardsWithRolesFit()
    {
        QWidget host;
        auto* column = new QVBoxLayout(&host);
        auto* strip = new widgets::TokenStrip("A", &host);
        column->addWidget(strip);
        column->addStretch(1);
        host.resize(500, 300);
        host.show();
        QStringList tokens{"大", "黑", "猫", "追", "小", "白", "老鼠", "了"};
        strip->setTokens(tokens, {3, 3, 0, 1, 3, 3, 2, 3}, {false, false, false, false, false, false, false, true});
        QCoreApplication::processEvents();
        checkCardsFit(strip, tokens);
        for (const auto* card : strip->visibleCards())
            QVERIFY(!card->roleText().isEmpty());
        tokens = QStringList{"猫", "追", "老鼠"};
        strip->setTokens(tokens, {0, 1, 2}, {});
        QCoreApplication::processEvents();
        checkCardsFit(strip, tokens);
        QVERIFY(strip->height() >= strip->visibleCards().front()->sizeHint().height());
    }

    // A keystroke updates the picture in front in place (no new layout), and what is drawn is
    // the new trace.
    void typingUpdatesInPlace()
    {
        testing::WindowFixture f(testing::kWindowSize);
        f.session()->setCompare(false);  // B's panels come and go with permutations
        QVERIFY(f.session()->waitForIdle());
        for (const QString& key : {QStringLiteral("attention"), QStringLiteral("vectors")}) {
            f.window.showView(key);
            QCoreApplication::processEvents();
            widgets::View* view = f.window.view(key);
            const int rebuilds = view->rebuildCount(), refreshes = view->refreshCount();
            for (const QString& text : {QStringLiteral("狗追猫"), QStringLiteral("小猫追大狗了")}) {
                f.window.sentenceEditA()->setText(text);
                emit f.window.sentenceEditA()->textEdited(text);
                QVERIFY(f.session()->waitForIdle());
            }
            QCOMPARE(view->rebuildCount(), rebuilds);
            QVERIFY(view->refreshCount() >= refreshes + 1);
        }
        const auto data = f.session()->current();
        QCOMPARE(widgets::joinedTokens(data->a.tokens), QStringLiteral("小猫追大狗了"));
        QVERIFY(!data->b);
        auto* vectors = static_cast<widgets::VectorsView*>(f.window.view("vectors"));
        QCOMPARE(vectors->drawnCell(0, widgets::VectorsView::Sum, data->a.length() - 1, 3),
                 static_cast<double>(data->a.trace->input(data->a.length() - 1, 3)));
        f.window.showView("attention");
        auto* attention = static_cast<AttentionView*>(f.window.view("attention"));
        const int last = data->a.length() - 1;
        QCOMPARE(attention->drawnValue(AttentionView::PanelA, 1, 3, last, 0),
                 static_cast<double>(data->a.trace->layers[1].attention[3](last, 0)));
    }

    // While one sentence is typed the other is taken from the previous result instead of being
    // analysed again; what comes out is exactly what a fresh analysis gives.
    void unchangedSentenceReused()
    {
        const auto model = app::loadModel(QStringLiteral("builtin:sinusoidal"));
        const ModelFacts facts = positionFacts(*model);
        SnapshotRequest request;
        request.sentenceA = "猫追老鼠";
        request.sentenceB = "老鼠追猫";
        const SnapshotResult first = analyse(*model, facts, request);
        QVERIFY(first.snapshot);
        request.sentenceA = "猫追老鼠了";
        const SnapshotResult fresh = analyse(*model, facts, request);
        request.previous = first.snapshot;
        const SnapshotResult reused = analyse(*model, facts, request);
        QVERIFY(fresh.snapshot && reused.snapshot);
        QCOMPARE(reused.snapshot->b->trace.get(), first.snapshot->b->trace.get());  // taken, not traced again
        QVERIFY(reused.snapshot->a.trace.get() != first.snapshot->a.trace.get());   // A changed: traced
        QVERIFY(fresh.snapshot->b && reused.snapshot->b);
        const SentenceSnapshot& f = *fresh.snapshot->b;
        const SentenceSnapshot& r = *reused.snapshot->b;
        QCOMPARE(r.tokens, f.tokens);
        QCOMPARE(r.roles, f.roles);
        QCOMPARE(r.nearestWords, f.nearestWords);
        QCOMPARE(r.headRoles.size(), f.headRoles.size());
        for (size_t i = 0; i < f.headRoles.size(); ++i) {
            QVERIFY(r.headRoles[i].kind == f.headRoles[i].kind);
            QCOMPARE(r.headRoles[i].positionScore, f.headRoles[i].positionScore);
        }
        QVERIFY(r.trace->input == f.trace->input);
        // Projections are made for the new pair's PCA, not kept from the old one.
        QVERIFY(r.pcaInput.isApprox(f.pcaInput, 1e-5f));
        QCOMPARE(reused.snapshot->vectorRange, fresh.snapshot->vectorRange);
        QCOMPARE(reused.snapshot->logitRange, fresh.snapshot->logitRange);
    }

    // Another model's result is never reused: after a model switch both sentences are traced by
    // the new model, though their text did not change.
    void modelSwitchTracesBothAgain()
    {
        testing::WindowFixture f(testing::kOwnSize, false);
        QVERIFY(f.load());
        const auto before = f.session()->current();
        QVERIFY(before && before->b);
        f.session()->setModelSpec(QStringLiteral("builtin:learned"));
        QVERIFY(f.session()->waitForIdle());
        const auto after = f.session()->current();
        QVERIFY(after && after->b);
        QCOMPARE(QString::fromStdString(after->a.trace->modelId), QStringLiteral("builtin:learned"));
        QCOMPARE(QString::fromStdString(after->b->trace->modelId), QStringLiteral("builtin:learned"));
        QVERIFY(after->b->trace.get() != before->b->trace.get());
        // Typing A again with this model keeps B's analysis from the previous result.
        f.session()->setSentenceA(QStringLiteral("狗追老鼠"));
        QVERIFY(f.session()->waitForIdle());
        QCOMPARE(f.session()->current()->b->trace.get(), after->b->trace.get());
    }

    void latestRequestWins()
    {
        testing::WindowFixture f(testing::kOwnSize, false);
        QVERIFY(f.load());
        QSignalSpy spy(f.session(), &app::SessionModel::dataChanged);
        const QStringList typed{"狗", "狗追", "狗追猫", "狗追猫了"};
        for (const QString& s : typed)
            f.session()->setSentenceA(s);
        QVERIFY(f.session()->waitForIdle());
        QVERIFY(spy.count() >= 1);
        QVERIFY(spy.count() < typed.size());  // stale requests were dropped, not drawn
        QCOMPARE(widgets::joinedTokens(f.session()->current()->a.tokens), QStringLiteral("狗追猫了"));
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
        testing::WindowFixture f(testing::kOwnSize);
        f.window.showView("attention");
        f.session()->setModelSpec(model);
        QVERIFY(f.session()->waitForIdle());
        const auto data = f.session()->current();
        auto* attention = static_cast<AttentionView*>(f.window.view("attention"));
        QVERIFY(!attention->isEnlarged());
        for (const auto panel : {AttentionView::PanelA, AttentionView::PanelB}) {
            QVERIFY(attention->hasPanel(panel));
            const SentenceSnapshot& s = panel == AttentionView::PanelA ? data->a : *data->b;
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
        testing::WindowFixture f(testing::kOwnSize);
        f.window.showView("attention");
        f.session()->setModelSpec(model);
        QVERIFY(f.session()->waitForIdle());
        auto* attention = static_cast<AttentionView*>(f.window.view("attention"));
        QVERIFY(attention->hasPanel(AttentionView::PanelDifference));
        const double worst = maxAbsDrawnDifference(attention, *f.session()->current());
        QVERIFY(!std::isnan(worst));
        if (zero)
            QVERIFY2(worst < 1e-5, qPrintable(QString::number(worst)));
        else
            QVERIFY2(worst > 1e-3, qPrintable(QString::number(worst)));
    }

    void handmadeDefaultSum()
    {
        testing::WindowFixture f(testing::kOwnSize);
        f.window.showView("vectors");
        f.session()->setModelSpec("handmade");
        QVERIFY(f.session()->waitForIdle());
        auto* vectors = static_cast<widgets::VectorsView*>(f.window.view("vectors"));
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
        f.session()->setHandmadeWord("猫", {1.0, 0.0, 0.0});
        QVERIFY(f.session()->waitForIdle());
        QVERIFY(std::abs(vectors->drawnSelected(widgets::VectorsView::Sum)[0] - 1.1) < 1e-6);
        f.session()->setHandmadeDimension(2);
        QVERIFY(f.session()->waitForIdle());
        QCOMPARE(vectors->drawnSelected(widgets::VectorsView::Sum).size(), 2);
    }

    void sessionRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("lesson.orderlens");
        app::SessionState saved;
        {
            testing::WindowFixture f(testing::kOwnSize, false);
            QVERIFY(f.load());
            f.session()->setSentenceA("狗追兔子");
            f.session()->setSentenceB("兔子追狗");
            f.session()->setModelSpec("random:learned");
            f.session()->setHandmadeWord("狗", {0.1, 0.2, 0.3});
            f.window.showView("pca");
            QVERIFY(f.session()->waitForIdle());
            saved = f.session()->state();
            QString error;
            QVERIFY2(f.window.saveSession(path, &error), qPrintable(error));
        }
        testing::WindowFixture f(testing::kOwnSize, false);
        QVERIFY(f.load());
        QString error;
        QVERIFY2(f.window.openSession(path, &error), qPrintable(error));
        QVERIFY(f.session()->waitForIdle());
        QVERIFY(f.session()->state() == saved);
        QCOMPARE(f.window.sentenceEditA()->text(), QStringLiteral("狗追兔子"));
        QCOMPARE(f.window.currentView()->key(), QStringLiteral("pca"));
        QCOMPARE(f.session()->current()->modelId, std::string("random:learned"));
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
        testing::WindowFixture f(testing::kOwnSize, false);
        QVERIFY(f.load());
        const app::SessionState before = f.session()->state();
        QString error;
        QVERIFY(!f.window.openSession(path, &error));
        QVERIFY(error.contains(path));
        QVERIFY(error.size() > path.size() + 10);  // says what is wrong
        QVERIFY(f.session()->state() == before);
        QVERIFY(!f.window.openSession(dir.filePath("missing.orderlens"), &error));
        QVERIFY(error.contains("missing.orderlens"));
    }

    void modelInUseIsNotUndoneByTheRunningJob()
    {
        // The window starts on the default model; a model handed over while that job still runs
        // (as `orderlens export` does with the model it loaded) must stay the one in use.
        testing::WindowFixture f(testing::kOwnSize, false);
        auto mine = std::make_shared<const Model>(Model::random(PositionScheme::Rope, 11));
        f.session()->useModel(mine, QStringLiteral("mine"));
        QVERIFY(f.session()->waitForIdle());
        QCOMPARE(f.session()->model().get(), mine.get());
        QCOMPARE(f.session()->current()->modelId, mine->id());
        QVERIFY(f.session()->current()->config.pe == PositionScheme::Rope);
        // The same model handed over again (Training's "use this model" twice) gets its curve again.
        QVERIFY(f.session()->waitForIdle(60000, true));
        f.session()->useModel(mine, QStringLiteral("mine"));
        QVERIFY(f.session()->waitForIdle(60000, true));
        QVERIFY(f.session()->current()->recoverability.ready);
    }

    void recoverabilityCurveArrivesAndStays()
    {
        testing::WindowFixture f(testing::kOwnSize, false);
        QVERIFY(f.session()->waitForIdle(60000, true));
        const auto expected = recoverabilityFacts(*f.session()->model());
        QVERIFY(expected.ready);
        auto check = [&] {
            const auto& drawn = f.session()->current()->recoverability;
            QVERIFY(drawn.ready);
            QCOMPARE(drawn.dims, expected.dims);
            QCOMPARE(drawn.addWord, expected.addWord);
            QCOMPARE(drawn.concatPosition, expected.concatPosition);
            QCOMPARE(drawn.currentAddWord, expected.currentAddWord);
        };
        check();
        // Typing reuses the curve: the next snapshots carry it without computing it again.
        f.session()->setSentenceA(QStringLiteral("老鼠追猫"));
        QVERIFY(f.session()->waitForIdle(30000, false));
        check();
    }

    void typingDrawsFastThenSmooth()
    {
        testing::WindowFixture f(testing::kWindowSize);
        f.window.showView(QStringLiteral("pca"));
        QVERIFY(f.session()->waitForIdle());
        widgets::View* view = f.window.currentView();
        QTRY_COMPARE(view->plot()->notAntialiasedElements(), QCP::AntialiasedElements(QCP::aeNone));
        f.session()->setSentenceA(QStringLiteral("老鼠追猫"));
        QVERIFY(f.session()->waitForIdle(30000, false));
        QCOMPARE(view->plot()->notAntialiasedElements(), QCP::AntialiasedElements(QCP::aeAll));  // while typing
        QTRY_COMPARE_WITH_TIMEOUT(view->plot()->notAntialiasedElements(), QCP::AntialiasedElements(QCP::aeNone), 2000);
        // An export in the middle of typing is smooth at once.
        f.session()->setSentenceA(QStringLiteral("猫追老鼠"));
        QVERIFY(f.session()->waitForIdle(30000, false));
        QCOMPARE(view->plot()->notAntialiasedElements(), QCP::AntialiasedElements(QCP::aeAll));
        (void)orderlens::app::viewImage(*view, {QSize(800, 450)});
        QCOMPARE(view->plot()->notAntialiasedElements(), QCP::AntialiasedElements(QCP::aeNone));
    }

    void badSentenceShowsMessage()
    {
        testing::WindowFixture f(testing::kOwnSize, false);
        QVERIFY(f.load());
        f.session()->setSentenceA("   ");
        QVERIFY(f.session()->waitForIdle());
        QVERIFY(!f.session()->errorA().isEmpty());
        QVERIFY(f.session()->current());  // the last good picture stays
    }

    // A model that cannot be loaded: the message says so, the pictures stay those of the model
    // that loaded last, and the chooser names that model again (not the rejected folder).
    void failedModelLoadPutsTheChooserBack()
    {
        testing::WindowFixture f(testing::kOwnSize, false);
        QVERIFY(f.load("builtin:learned"));
        const auto before = f.session()->current();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath("not-a-model");
        QVERIFY(QDir().mkpath(folder));
        QSignalSpy failed(f.session(), &app::SessionModel::modelFailed);
        f.session()->setModelSpec(folder);
        QVERIFY(f.session()->waitForIdle());
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains("not-a-model"));
        QCOMPARE(f.session()->state().modelSpec, QStringLiteral("builtin:learned"));
        QCOMPARE(f.window.modelChooser()->currentData().toString(), QStringLiteral("builtin:learned"));
        QVERIFY(f.window.errorLabel()->text().contains("not-a-model"));
        QCOMPARE(f.session()->current(), before);
    }

    // A decoder folder (the tiny GPT-2 and LLaMA 3 fixtures with their real tokenizers) opens in
    // the window: every view draws, the attention maps are triangles (the future NaN: grey, not
    // data), each head's badge gives its first-token share, the token cards the next tokens.
    void decoderFolderOpensInTheWindow_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("tokenizer");
        QTest::newRow("gpt2") << "gpt2_prefixed" << "gpt2";
        QTest::newRow("llama3") << "llama3_scaled" << "llama3";
    }
    void decoderFolderOpensInTheWindow()
    {
        QFETCH(QString, variant);
        QFETCH(QString, tokenizer);
        const QString tokenizers =
            qEnvironmentVariable("ORDERLENS_TOKENIZER_DIR", ORDERLENS_SOURCE_DIR "/build/tokenizers") + "/" + tokenizer;
        if (!QDir(tokenizers).exists())
            QSKIP("no tokenizer files (scripts/fetch-tokenizers.sh)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const QString& from : {QStringLiteral(ORDERLENS_SOURCE_DIR "/tests/fixtures/tiny_decoders/") + variant, tokenizers})
            for (const QString& name : QDir(from).entryList(QDir::Files))
                QVERIFY(QFile::copy(from + "/" + name, dir.filePath(name)));
        testing::WindowFixture f;
        f.session()->setSentenceA(QStringLiteral("猫追老鼠"));
        f.session()->setSentenceB(QStringLiteral("老鼠追猫"));
        QVERIFY(f.load(dir.path()));
        const SnapshotPtr data = f.session()->current();
        QVERIFY2(data && data->modelId == dir.path().toStdString(), qPrintable(f.window.errorLabel()->text()));
        QVERIFY(data->config.causal);
        QCOMPARE(f.session()->state().modelSpec, dir.path());
        for (const QString& key : {"vectors", "position", "pca", "attention", "decomposition", "residual", "recoverability"})
            QVERIFY2(f.showView(key), qPrintable(key));

        // RoPE with rope_scaling (llama3): the Positional-encoding view plots both wavelengths.
        if (!data->positions.ropeWavelengths.empty()) {
            widgets::View* position = f.showView("position");
            QStringList graphs;
            for (int i = 0; i < position->plot()->graphCount(); ++i)
                graphs << position->plot()->graph(i)->name();
            QVERIFY2(graphs.contains("as the model computes") && graphs.contains("without scaling"),
                     qPrintable(graphs.join(", ")));
        }
        widgets::View* attention = f.showView("attention");
        const int T = data->a.length();
        int maps = 0, sentenceMaps = 0;
        for (int i = 0; i < attention->plot()->plottableCount(); ++i) {
            auto* map = qobject_cast<QCPColorMap*>(attention->plot()->plottable(i));
            if (!map || map->data()->keySize() < T)
                continue;
            ++maps;
            // The first head of the first layer: the future grey (NaN); A's and B's past is data
            // (the difference also hides cells B masks).
            bool pastIsData = true;
            for (int q = 0; q < T; ++q)
                for (int k = 0; k < T; ++k) {
                    if (k > q)
                        QVERIFY(std::isnan(map->data()->cell(k, q)));
                    else
                        pastIsData = pastIsData && !std::isnan(map->data()->cell(k, q));
                }
            sentenceMaps += pastIsData ? 1 : 0;
        }
        QCOMPARE(maps, 3);  // A, B and the aligned difference
        QVERIFY(sentenceMaps >= 2);
        QStringList badges;
        for (int i = 0; i < attention->plot()->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPItemText*>(attention->plot()->item(i)); item && item->text().contains("⇤"))
                badges << item->text();
        QVERIFY2(!badges.isEmpty(), "no first-token badges");
        // The first head's badge: its kind (from RoPE's exact split or the shuffles) beside its sink share.
        const HeadRole* role = data->a.headRole(0, 0);
        QVERIFY2(role, "a decoder's heads have roles");
        const QString share = QString::number(qRound(100 * data->a.firstTokenShare.front()));
        bool found = false;
        for (const QString& badge : badges)
            found = found || badge.endsWith(QStringLiteral("⇤ %1 %").arg(share)) || badge.endsWith(QStringLiteral("⇤%1").arg(share));
        QVERIFY2(found, qPrintable(badges.join(", ")));
        if (!data->a.ropeShares.empty())  // RoPE: the kind is read from the exact position share
            QCOMPARE(role->positionScore, data->a.ropeShares.front().position);
        QCOMPARE(int(data->a.headRoles.size()), data->config.n_layers * data->config.n_heads);

        // RoPE's exact split in the Decomposition view: the future cells grey (NaN), the rest data
        // on one finite colour scale; every layer can be chosen, its maps and shares shown.
        if (!data->a.trace->ropeTerms.empty()) {
            widgets::View* split = f.showView("decomposition");
            const auto ropeMaps = [&] {
                std::vector<QCPColorMap*> found;
                for (int i = 0; i < split->plot()->plottableCount(); ++i)
                    if (auto* map = qobject_cast<QCPColorMap*>(split->plot()->plottable(i)); map && map->data()->keySize() == T)
                        found.push_back(map);
                return found;
            };
            QCOMPARE(int(ropeMaps().size()), 3);  // content, position, score
            for (QCPColorMap* map : ropeMaps()) {
                QVERIFY(std::isfinite(map->dataRange().upper) && map->dataRange().upper > 0);
                for (int q = 0; q < T; ++q)
                    for (int k = 0; k < T; ++k)
                        QCOMPARE(std::isnan(map->data()->cell(k, q)), k > q);
            }
            const int layers = int(data->a.trace->ropeTerms.size());
            QVERIFY(layers > 1);
            widgets::Selection last = f.session()->state().selection;
            last.layer = layers - 1;
            last.head = 0;
            f.session()->setSelection(last);
            QCoreApplication::processEvents();
            QVERIFY2(split->selectionCaption().startsWith(QStringLiteral("layer %1").arg(layers)),
                     qPrintable(split->selectionCaption()));
            const Matrix& score = data->a.trace->layers[size_t(layers - 1)].logits[0];
            QCPColorMap* scoreMap = ropeMaps()[2];
            QCOMPARE(scoreMap->data()->cell(0, T - 1), double(score(T - 1, 0)));
        }

        // The decoder lesson plays on the open folder: every step names it, views follow.
        const app::Lesson lesson = app::decoderLesson();
        QVERIFY(app::needsDecoder(lesson));
        QVERIFY(lesson.steps.size() >= 4);
        f.window.startLesson(lesson);
        for (int i = 0; i < lesson.steps.size(); ++i) {
            f.window.goToLessonStep(i);
            QVERIFY(f.session()->waitForIdle());
            QCOMPARE(f.window.lessonStep(), i);
            QCOMPARE(f.session()->state().modelSpec, dir.path());
            QVERIFY(f.session()->current() && f.session()->current()->config.causal);
            QCOMPARE(QString::fromStdString(f.session()->state().selection.view), lesson.steps[i].view);
            QVERIFY(f.window.lessonText().contains(lesson.steps[i].title.in(QStringLiteral("en"))));
        }
        f.window.stopLesson();
        f.session()->setSentenceA(QStringLiteral("猫追老鼠"));
        f.session()->setSentenceB(QStringLiteral("老鼠追猫"));
        QVERIFY(f.session()->waitForIdle());

        const auto cards = f.window.tokenStripA()->visibleCards();
        QCOMPARE(int(cards.size()), T);
        const QString next = QString::fromStdString(data->a.nextTokens.front().front().text);
        QVERIFY2(cards.front()->chipText().contains(next), qPrintable(cards.front()->chipText()));
        QVERIFY(cards.front()->toolTip().contains(next));
    }

    // The chooser speaks the user's language; the spec is the item's tooltip.
    // Without a decoder open, the decoder lesson does not start (it says what to open).
    void decoderLessonNeedsADecoder()
    {
        testing::WindowFixture f(testing::kOwnSize, false);
        QVERIFY(f.load("builtin:rope"));
        f.window.startLesson(app::decoderLesson());
        QCOMPARE(f.window.lessonStep(), -1);
        QCOMPARE(f.session()->state().modelSpec, QStringLiteral("builtin:rope"));
    }

    void opensInsideANarrowScreen()
    {
        // The offscreen screen is 800 px wide: the window must fit it, every control reachable,
        // the side panel closed but a keystroke away.
        app::MainWindow window(nullptr, false, false);
        window.show();
        QCoreApplication::processEvents();
        const QRect screen = window.screen()->availableGeometry();
        QVERIFY2(screen.width() <= 1000, "the test expects a narrow screen (offscreen: 800 x 800)");
        QVERIFY2(window.frameGeometry().width() <= screen.width(),
                 qPrintable(QStringLiteral("window %1 px wide on a %2 px screen").arg(window.frameGeometry().width())
                                .arg(screen.width())));
        QVERIFY(window.frameGeometry().left() >= screen.left());
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("explanation"));
        QVERIFY(dock);
        QVERIFY(!dock->isVisible());
        dock->toggleViewAction()->trigger();
        QVERIFY(dock->isVisible());
    }

    void modelNamesAreReadable()
    {
        testing::WindowFixture f(testing::kOwnSize, false);
        QComboBox* chooser = f.window.modelChooser();
        QStringList seen;
        for (int i = 0; i < chooser->count(); ++i) {
            const QString spec = chooser->itemData(i).toString();
            const QString text = chooser->itemText(i);
            QVERIFY2(!text.contains(':'), qPrintable(text));
            QCOMPARE(chooser->itemData(i, Qt::ToolTipRole).toString(), spec);
            QVERIFY(!seen.contains(text));
            seen << text;
        }
        const int rope = chooser->findData("random:rope");
        QVERIFY(rope >= 0);
        QVERIFY(chooser->itemText(rope).contains("RoPE"));
        QVERIFY(chooser->itemText(rope).contains("untrained"));
        QVERIFY(f.session()->waitForIdle());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
