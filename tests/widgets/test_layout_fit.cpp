// Every view, drawn from real snapshots of the shipped models, at the sizes a classroom meets:
// inside the window at 1024x768, 1280x720 and 1920x1080 (and 800x600), and as exported
// pictures. At each size no text of the picture is clipped by its room (or dropped), no two
// texts overlap, and the view's own labels and buttons get the room their text needs. Texts are
// measured where the layout puts them (text_layout.h), not read from pixels.
//
// Rows: builtin:sinusoidal and builtin:rope, the showcase pair (猫追老鼠 / 老鼠追猫) and a long
// pair (48 tokens each), English and Chinese. ORDERLENS_PICTURE_DIR=dir keeps a PNG of each
// faulty layout for looking at (ORDERLENS_PICTURE_ALL=1: of every layout).
#include "../core/shipped_models.h"
#include "text_layout.h"
#include "view_fixture.h"

#include "snapshot.h"
#include "training_view.h"

#include <QDir>
#include <QImage>
#include <QScopeGuard>
#include <QTranslator>
#include <QtTest>

#include <map>

using namespace orderlens;
using widgets::Selection;
using widgets::View;

namespace {

// A window's size and the view's share of it: the side panel (~300 px) and the sentence
// fields, menus, tabs and status bar (~160 px) take the rest.
struct Size {
    const char* name;
    QSize view;    // the view widget (controls above the plot): a window size
    QSize picture; // or an exported picture: the plot's logical size (empty: the widget's plot)
};
QSize inWindow(int w, int h) { return QSize(w - 300, h - 160); }
// Exported pictures: `export` lays a picture out as at 960x540 and scales it up (--scale auto,
// 1920x1080 slides), or at its own size with --scale 1; the caption line takes ~26 px.
const Size kSizes[] = {
    {"window 1024x768", inWindow(1024, 768), {}},
    {"window 1280x720", inWindow(1280, 720), {}},
    {"window 1920x1080", inWindow(1920, 1080), {}},
    {"export 1920x1080 (auto scale)", inWindow(1920, 1080), QSize(960, 540 - 26)},
    {"export 1280x720 scale 1", inWindow(1920, 1080), QSize(1280, 720 - 26)},
};
// An 800x600 window: measured by smallWindow().
const Size kSmallWindow[] = {{"window 800x600", inWindow(800, 600), {}}};

struct ViewCase {
    const char* name;
    const char* key;
    bool singleHead;
};
const ViewCase kViews[] = {
    {"vectors", "vectors", false},           {"position", "position", false},
    {"pca", "pca", false},                   {"attention grid", "attention", false},
    {"attention single head", "attention", true}, {"decomposition", "decomposition", false},
    {"residual", "residual", false},         {"recoverability", "recoverability", false},
    {"training", "training", false},         {"heads", "heads", false},
};

// n tokens of the built-in lexicon, in an order that reads as (long) sentences.
QString longSentence(bool reversed, int tokens)
{
    const QStringList a{"猫", "追", "老鼠"}, b{"老鼠", "追", "猫"};
    QString out;
    for (int i = 0; i < tokens; ++i)
        out += (reversed ? b : a)[i % 3];
    return out;
}

SnapshotPtr snapshotOf(const std::string& scheme, const QString& a, const QString& b)
{
    static std::map<std::string, ModelFacts> facts;
    const Model& model = testing::shipped(scheme);
    auto it = facts.find(scheme);
    if (it == facts.end())
        it = facts.emplace(scheme, modelFacts(model)).first;
    SnapshotRequest request;
    request.sentenceA = a.toStdString();
    request.sentenceB = b.toStdString();
    request.compare = true;
    request.showRoles = true;
    // The Heads view's census and experiment, once per model (the window adds them when shown).
    static std::map<std::string, HeadsFacts> heads;
    auto h = heads.find(scheme);
    if (h == heads.end())
        h = heads.emplace(scheme, headsFacts(model, {}, AblationMethod::Zero)).first;
    auto data = std::make_shared<Snapshot>(*analyse(model, it->second, request).snapshot);
    data->heads = h->second;
    return data;
}

// The training view as after two short runs (with and without positions), the result usable.
void fillTraining(widgets::TrainingView* training)
{
    training->setAvailability(true, QString());
    for (const QString& run : {QStringLiteral("sinusoidal"), QStringLiteral("none")}) {
        training->startRun(run);
        for (int step = 0; step <= 600; step += 50)
            training->addPoint(step, 1.4 * std::exp(-step / 200.0) + 0.1, 0.5 + 0.4 * step / 600.0,
                               run == QLatin1String("none") ? 0.5 : 0.5 + 0.45 * step / 600.0);
    }
    training->setProgress(1.0, QStringLiteral("600 / 600"));
    training->finishRun(View::tr("Done"), true);
}

}  // namespace

class TestLayoutFit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(chinese_.load(QStringLiteral(":/i18n/orderlens_zh_CN.qm")));
        // The plot font of a 96-dpi projector window.
        QFont font = QApplication::font();
        font.setPointSizeF(10);
        QApplication::setFont(font);
    }

    void noOverlapNoClipping_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<int>("tokens");  // 0: the showcase pair
        QTest::addColumn<QString>("language");
        for (const char* scheme : {"sinusoidal", "rope"})
            for (int tokens : {0, 48})
                for (const char* language : {"en", "zh"})
                    QTest::newRow(qPrintable(QStringLiteral("%1 %2 %3")
                                                 .arg(scheme, tokens == 0 ? QStringLiteral("showcase")
                                                                          : QStringLiteral("48 tokens"),
                                                      language)))
                        << scheme << tokens << language;
    }

    void noOverlapNoClipping()
    {
        const QStringList faults = faultsOfRow(kSizes);
        for (const QString& fault : faults)
            qInfo().noquote() << fault;
        QVERIFY2(faults.isEmpty(), qPrintable(QStringLiteral("%1 faults (listed above), the first: %2")
                                                  .arg(faults.size())
                                                  .arg(faults.value(0))));
    }

    // An 800x600 window (the smallest size): the plot keeps its minimum (640 x 480) and the
    // tab scrolls, so the same checks hold there.
    void smallWindow_data() { noOverlapNoClipping_data(); }
    void smallWindow()
    {
        const QStringList faults = faultsOfRow(kSmallWindow);
        for (const QString& fault : faults)
            qInfo().noquote() << fault;
        QVERIFY2(faults.isEmpty(), qPrintable(QStringLiteral("%1 faults at 800x600 (listed above), the first: %2")
                                                  .arg(faults.size())
                                                  .arg(faults.value(0))));
    }

    // The check itself: two titles forced onto one spot are an overlap, a label pushed past the
    // picture's edge is clipped. (A check that cannot fail would pass any layout.)
    void checkFindsFaults()
    {
        const SnapshotPtr data = snapshotOf("sinusoidal", QStringLiteral("猫追老鼠"), QStringLiteral("老鼠追猫"));
        auto view = testing::shownView(QStringLiteral("residual"), data, {}, inWindow(1920, 1080));
        view->layoutAt(view->plot()->size());
        auto texts = testing::placedTexts(view.get());
        QVERIFY(texts.size() > 4);
        QVERIFY2(testing::textFaults(texts).isEmpty(), qPrintable(testing::textFaults(texts).join('\n')));
        auto overlapping = texts;
        overlapping.push_back(overlapping.front());
        overlapping.back().text += QStringLiteral(" (copy)");
        QCOMPARE(testing::textFaults(overlapping).size() > 0, true);
        auto clipped = texts;
        clipped.front().rect.translate(clipped.front().room.width(), 0);
        QVERIFY(testing::textFaults(clipped).join('\n').contains(QStringLiteral("clipped")));
    }

private:
    template <size_t N>
    QStringList faultsOfRow(const Size (&sizes)[N])
    {
        QFETCH(QString, scheme);
        QFETCH(int, tokens);
        QFETCH(QString, language);
        const bool zh = language == QLatin1String("zh");
        if (zh)
            QCoreApplication::installTranslator(&chinese_);
        const auto removeTranslator = qScopeGuard([&] { QCoreApplication::removeTranslator(&chinese_); });
        const QString a = tokens == 0 ? QStringLiteral("猫追老鼠") : longSentence(false, tokens);
        const QString b = tokens == 0 ? QStringLiteral("老鼠追猫") : longSentence(true, tokens);
        const SnapshotPtr data = snapshotOf(scheme.toStdString(), a, b);
        if (!data || (tokens > 0 && data->a.length() != tokens))
            return {QStringLiteral("the snapshot of %1 tokens was not made").arg(tokens)};

        QStringList faults;
        const QString pictures = qEnvironmentVariable("ORDERLENS_PICTURE_DIR");
        for (const ViewCase& viewCase : kViews) {
            Selection selection;
            selection.view = viewCase.key;
            selection.singleHead = viewCase.singleHead;
            selection.layer = 0;
            selection.head = 1;
            std::unique_ptr<View> view = widgets::createView(viewCase.key);
            if (!view)
                return {QStringLiteral("no view %1").arg(QString::fromLatin1(viewCase.key))};
            if (auto* training = qobject_cast<widgets::TrainingView*>(view.get()))
                fillTraining(training);
            view->setSelection(selection);
            view->setData(data);
            for (const Size& size : sizes) {
                view->resize(size.view);
                view->show();
                // The window's view grows its plot where word labels are crowded (the tab then
                // scrolls): a step or two of posted resizes.
                for (int i = 0; i < 40; ++i)
                    QCoreApplication::processEvents();
                const QSize picture = size.picture.isEmpty() ? view->plot()->size() : size.picture;
                view->layoutAt(picture, !size.picture.isEmpty());
                QStringList here = testing::textFaults(testing::placedTexts(view.get()));
                // Every word labelled: in the window (it scrolls), and in an export that could
                // be laid out large enough; one that would need its text smaller than half is
                // laid out at twice its size and draws every n-th word.
                const QStringList thinned = testing::thinnedLabelFaults(view.get());
                const bool atMost = !size.picture.isEmpty() &&
                                    view->plot()->viewport().width() >=
                                        qRound(picture.width() * View::kMaxExportEnlargement) - 1;
                if (!atMost)
                    here += thinned;
                here += testing::unsaidThinningFaults(view.get());
                if (size.picture.isEmpty())
                    here += testing::widgetFaults(view.get());
                for (const QString& fault : here)
                    faults << QStringLiteral("%1 at %2 (plot %3x%4): %5")
                                  .arg(QString::fromLatin1(viewCase.name), QString::fromLatin1(size.name))
                                  .arg(picture.width())
                                  .arg(picture.height())
                                  .arg(fault);
                if ((!here.isEmpty() || qEnvironmentVariableIsSet("ORDERLENS_PICTURE_ALL")) && !pictures.isEmpty()) {
                    QImage image(picture, QImage::Format_ARGB32);
                    image.fill(Qt::white);
                    QCPPainter painter(&image);
                    view->plot()->toPainter(&painter, picture.width(), picture.height());
                    painter.end();
                    image.save(QDir(pictures).filePath(QStringLiteral("%1 %2 %3.png")
                                                           .arg(QString::fromLatin1(QTest::currentDataTag()),
                                                                QString::fromLatin1(viewCase.name),
                                                                QString::fromLatin1(size.name))
                                                           .replace(' ', '_')));
                }
            }
        }
        return faults;
    }

    QTranslator chinese_;
};

QTEST_MAIN(TestLayoutFit)
#include "test_layout_fit.moc"
