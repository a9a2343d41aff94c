// The Heads view in the window: the census runs in the background when the view comes to the
// front (once per model, corpus and method), equals the census computed directly, survives
// keystrokes, follows the method and the user's corpus, says why when it cannot run, and
// stops when asked, showing what it counted.
#include "head_census.h"
#include "exporter.h"
#include "heads_view.h"
#include "views.h"
#include "surgery_experiment.h"
#include "window_fixture.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace orderlens;

namespace {

QString pictureText(widgets::View* view)
{
    view->layoutAt(QSize(1024, 700));
    QString all;
    for (const widgets::View::TextBox& box : view->textBoxes())
        all += box.text + QLatin1Char('\n');
    return all;
}

bool writeLines(const QString& path, const QStringList& lines)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(lines.join(QLatin1Char('\n')).toUtf8());
    return true;
}

}  // namespace

class TestHeadsView : public QObject {
    Q_OBJECT
private slots:
    void theCensusRunsWhenTheViewIsShown();
    void theExperimentFollowsTheMethod();
    void theUsersCorpusAndItsErrors();
    void stopShowsWhatWasCounted();
    void exportingEveryViewWaitsForTheCensus();
};

void TestHeadsView::theCensusRunsWhenTheViewIsShown()
{
    testing::WindowFixture f;
    QVERIFY(f.load("builtin:learned"));
    QVERIFY(!f.session()->current()->heads.ready);  // not counted while another view is in front
    widgets::View* view = f.showView("heads");
    QVERIFY(f.session()->waitForIdle());
    const HeadsFacts& heads = f.session()->current()->heads;
    QVERIFY(heads.ready && heads.error.empty() && heads.census);
    // The same numbers as the census computed directly over the same corpus.
    const HeadCensus direct = headCensus(*f.session()->model(), defaultCensusCorpus());
    QCOMPARE(heads.census->rows.size(), direct.rows.size());
    QCOMPARE(heads.census->sentences, direct.sentences);
    for (size_t i = 0; i < direct.rows.size(); ++i) {
        QCOMPARE(heads.census->rows[i].raw.first, direct.rows[i].raw.first);
        QCOMPARE(heads.census->rows[i].weighted.previous, direct.rows[i].weighted.previous);
        QCOMPARE(heads.census->rows[i].entropy, direct.rows[i].entropy);
    }
    QVERIFY(heads.experiment);
    const SurgeryExperiment experiment = surgeryExperiment(*f.session()->model(), AblationMethod::Zero);
    QCOMPARE(heads.experiment->positional.reversalNounAccuracy, experiment.positional.reversalNounAccuracy);
    QCOMPARE(heads.experiment->intact.reversalNounAccuracy, 1.0);
    // The picture: titled, with the scale and both panels.
    const QString text = pictureText(view);
    for (const char* expected : {"Where each head looks: 206 sentences", "Share of attention", "Value-weighted share",
                                 "Entropy", "Switch heads off", "position heads of this model: 1·2, 1·3"})
        QVERIFY2(text.contains(QString::fromUtf8(expected)), qPrintable(expected + QStringLiteral(" missing from:\n") + text));
    // One colour bar, 0 to 1, for both tables.
    int bars = 0;
    for (QCPLayoutElement* e : view->plot()->plotLayout()->elements(true))
        if (auto* bar = qobject_cast<QCPColorScale*>(e)) {
            ++bars;
            QCOMPARE(bar->axis()->label(), QStringLiteral("share of the head's attention"));
            QCOMPARE(bar->dataRange(), QCPRange(0, 1));
        }
    QCOMPARE(bars, 1);
    // A keystroke keeps the census: it is the model's, not the sentence's.
    const auto census = heads.census;
    f.session()->setSentenceA(QStringLiteral("老鼠追猫"));
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(f.session()->current()->heads.census == census);
    QVERIFY(!f.session()->isCensusRunning());
}

void TestHeadsView::theExperimentFollowsTheMethod()
{
    testing::WindowFixture f;
    QVERIFY(f.load("builtin:learned"));
    f.showView("heads");
    QVERIFY(f.session()->waitForIdle());
    widgets::Selection sel = f.session()->selection();
    sel.surgery.method = AblationMethod::Uniform;
    f.session()->setSelection(sel);
    QVERIFY(f.session()->waitForIdle());
    const HeadsFacts& heads = f.session()->current()->heads;
    QVERIFY(heads.ready && heads.experiment);
    QVERIFY(heads.experiment->method == AblationMethod::Uniform);
    QCOMPARE(heads.experiment->positional.reversalNounAccuracy,
             surgeryExperiment(*f.session()->model(), AblationMethod::Uniform).positional.reversalNounAccuracy);
    // An untrained model has no experiment to show: its roles mean nothing.
    f.session()->setModelSpec(QStringLiteral("random:sinusoidal"));
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(f.session()->current()->heads.ready);
    QVERIFY(!f.session()->current()->heads.experiment);
}

void TestHeadsView::theUsersCorpusAndItsErrors()
{
    QTemporaryDir dir;
    const QString corpus = dir.filePath("three.txt");
    QVERIFY(writeLines(corpus, {"猫追老鼠", "", "老鼠追猫\r", "狗追猫"}));
    testing::WindowFixture f;
    QVERIFY(f.load("builtin:sinusoidal"));
    widgets::View* view = f.showView("heads");
    QVERIFY(f.session()->waitForIdle());
    f.session()->setCensusCorpus(corpus);
    QVERIFY(f.session()->waitForIdle());
    const HeadsFacts& heads = f.session()->current()->heads;
    QVERIFY(heads.ready && heads.census);
    QCOMPARE(heads.census->sentences, 3);  // the blank line skipped, the CR dropped
    QCOMPARE(QString::fromStdString(heads.corpus), QStringLiteral("three.txt"));
    QVERIFY(pictureText(view).contains("3 sentences"));

    const QString empty = dir.filePath("empty.txt");
    QVERIFY(writeLines(empty, {"", "  "}));
    f.session()->setCensusCorpus(empty);
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(!f.session()->current()->heads.census);
    QVERIFY2(QString::fromStdString(f.session()->current()->heads.error).contains("holds no sentence"),
             f.session()->current()->heads.error.c_str());
    QVERIFY2(pictureText(view).contains("could not be run"), qPrintable(pictureText(view)));

    f.session()->setCensusCorpus(dir.filePath("missing.txt"));
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(!f.session()->current()->heads.error.empty());

    f.session()->setCensusCorpus({});  // back to the built-in corpus
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(f.session()->current()->heads.census);
    QCOMPARE(f.session()->current()->heads.census->sentences, int(defaultCensusCorpus().size()));
}

void TestHeadsView::stopShowsWhatWasCounted()
{
    QTemporaryDir dir;
    QStringList lines;
    for (int i = 0; i < 40000; ++i)
        lines << (i % 2 ? QStringLiteral("老鼠追猫") : QStringLiteral("猫追老鼠"));
    const QString corpus = dir.filePath("long.txt");
    QVERIFY(writeLines(corpus, lines));
    testing::WindowFixture f;
    QVERIFY(f.load("builtin:learned"));
    auto* view = f.showViewAs<widgets::HeadsView>("heads");
    QVERIFY(f.session()->waitForIdle());
    QSignalSpy progress(f.session(), &app::SessionModel::censusProgress);
    f.session()->setCensusCorpus(corpus);
    QVERIFY(f.session()->isCensusRunning());
    // Progress arrives while it runs (the view's bar follows it), then it is stopped.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(progress.begin(), progress.end(),
                                         [](const QList<QVariant>& p) { return p[0].toInt() > 0 && p[1].toInt() == 40000; }),
                             20000);
    QMetaObject::invokeMethod(view, "stopCensusRequested");
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(!f.session()->isCensusRunning());
    const HeadsFacts& heads = f.session()->current()->heads;
    QVERIFY(heads.ready && heads.census && heads.census->cancelled);
    QVERIFY(heads.census->sentences > 0 && heads.census->sentences < 40000);
    QVERIFY(!heads.experiment);  // a stopped census leaves the experiment out
    QVERIFY(pictureText(view).contains("stopped early"));
    QCOMPARE(progress.last()[1].toInt(), 0);  // the bar is gone
    // Not started again on its own (a keystroke), only when asked.
    f.session()->setSentenceA(QStringLiteral("狗追猫"));
    QVERIFY(f.session()->waitForIdle());
    QVERIFY(f.session()->current()->heads.census->cancelled);
}

void TestHeadsView::exportingEveryViewWaitsForTheCensus()
{
    // File → Export all views: the Heads picture is the census, not its "Counting…" message.
    QTemporaryDir dir;
    testing::WindowFixture f;
    QVERIFY(f.load("builtin:learned"));
    QStringList written;
    QString error;
    QVERIFY2(app::exportAllViews(f.window, dir.path(), "png", {QSize(1280, 720), 1.0}, &written, &error), qPrintable(error));
    QCOMPARE(written.size(), widgets::viewKeys().size());
    QVERIFY(written.contains(dir.filePath("heads.png")));
    QCOMPARE(QImage(dir.filePath("heads.png")).size(), QSize(1280, 720));
    QVERIFY(f.session()->current()->heads.ready && f.session()->current()->heads.census);
}

QTEST_MAIN(TestHeadsView)
#include "test_heads_view.moc"
