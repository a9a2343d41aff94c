#include "view_bench.h"

#include "bench.h"

#include "snapshot.h"
#include "attention_view.h"
#include "main_window.h"
#include "model_catalog.h"
#include "token_strip.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QEventLoop>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

namespace orderlens::app {

// Keystroke: what a user waits for. Sentence A changes in the session model (as typing does), the
// analysis runs on the worker thread, the window receives the snapshot, updates the token strips
// and the view in front (the others only when shown), and the whole window is painted. Timed from
// the keystroke to the end of that paint, with each view in front, A flipping between `first` and
// `second`; the slowest view's median is returned (and named in *worstView). The GUI-thread part
// (snapshot received to painted) is printed beside it.
double keystrokeToViewsMs(MainWindow& window, const QString& first, const QString& second, int reps,
                          std::string* worstView)
{
        double worst = 0;
        for (widgets::View* view : window.views()) {
            if (view->key() == QLatin1String("training"))
                continue;
            window.session()->setSentenceA(first);  // each keystroke below then changes the sentence
            window.session()->waitForIdle();
            window.showView(view->key());
            QCoreApplication::processEvents();
            window.repaint();
            int flip = 0;
            std::vector<double> gui, worker;
            const int rebuildsBefore = view->rebuildCount();
            std::vector<double> total;
            for (int i = 0; i < reps; ++i) {
                // Between keystrokes (a fast typist leaves ~100 ms) the window settles: nothing pending.
                QCoreApplication::processEvents();
                QThread::msleep(20);
                QCoreApplication::processEvents();
                window.session()->waitForIdle();
                std::chrono::steady_clock::time_point received;
                const auto typed = std::chrono::steady_clock::now();
                QEventLoop loop;
                // errorsChanged comes just before dataChanged: the snapshot has arrived.
                const auto arrived = QObject::connect(window.session(), &SessionModel::errorsChanged, &loop,
                                                      [&] { received = std::chrono::steady_clock::now(); });
                const auto drawn = QObject::connect(window.session(), &SessionModel::dataChanged, &loop, &QEventLoop::quit);
                window.session()->setSentenceA(++flip % 2 ? second : first);
                loop.exec();
                QObject::disconnect(arrived);
                QObject::disconnect(drawn);
                // The frame, as the event loop makes it: pending layouts, then the changed parts of
                // the window painted and flushed.
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                QCoreApplication::sendPostedEvents(nullptr, QEvent::UpdateRequest);
                QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
                const auto painted = std::chrono::steady_clock::now();
                total.push_back(std::chrono::duration<double, std::milli>(painted - typed).count());
                gui.push_back(std::chrono::duration<double, std::milli>(painted - received).count());
                worker.push_back(std::chrono::duration<double, std::milli>(received - typed).count());
            }
            std::sort(total.begin(), total.end());
            const double ms = total[total.size() / 2];
            std::printf("#     replot alone %8.3f ms, plot %dx%d\n", medianMs(10, [&] { view->plot()->replot(); }),
                        view->plot()->width(), view->plot()->height());
            std::sort(gui.begin(), gui.end());
            std::sort(worker.begin(), worker.end());
            std::printf("#   keystroke with %-15s in front: %8.3f ms (to the snapshot %6.3f ms, then GUI thread %6.3f ms; "
                        "%d of %d rebuilt)\n",
                        view->key().toStdString().c_str(), ms, worker[worker.size() / 2], gui[gui.size() / 2],
                        view->rebuildCount() - rebuildsBefore, reps);
            if (ms > worst) {
                worst = ms;
                *worstView = view->key().toStdString();
            }
        }
        return worst;
}

std::vector<BenchFigure> runViewBenchmarks(bool quick)
{
    std::vector<BenchFigure> figures;
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return figures;
    const int reps = quick ? 10 : 40;

    // Keystroke: what a user waits for. Sentence A changes in the session model (as typing does),
    // the analysis runs on the worker thread, the window receives the snapshot, updates the token
    // strips and the view in front (the others only when shown), and the whole window is
    // painted. Timed from the keystroke to the end of that paint, with each view in front; the
    // slowest view is the figure. The GUI-thread part (snapshot received to painted) is printed
    // beside it.
    {
        const QString spec = defaultModelSpec();
        const std::shared_ptr<const Model> model = loadModel(spec);
        const ModelFacts facts = modelFacts(*model);
        MainWindow window(nullptr, false);
        window.resize(1600, 1000);
        window.show();
        window.session()->waitForIdle();
        {
            SessionState state = window.session()->state();
            state.sentenceA = QString::fromUtf8(kBenchSentence16);
            state.sentenceB = QString::fromUtf8(kBenchSentence16Swapped);
            state.compare = true;
            window.session()->setState(state);
            window.session()->waitForIdle();
        }
        int flipAnalysis = 0;
        std::printf("#   analysis alone (worker thread): %8.3f ms\n", medianMs(reps, [&] {
                        SnapshotRequest request;
                        request.sentenceA = flipAnalysis++ % 2 ? kBenchSentence16Swapped : kBenchSentence16;
                        request.sentenceB = kBenchSentence16Swapped;
                        (void)analyse(*model, facts, request);
                    }));
        // Two kinds of keystroke: one that swaps two words (the same 16 tokens, views may update in
        // place) and one that types the last character (15 <-> 16 tokens: every view rebuilds).
        const QString full = QString::fromUtf8(kBenchSentence16);
        std::string worstView;
        std::printf("#   swapping two words (16 tokens)\n");
        double worst = keystrokeToViewsMs(window, full, QString::fromUtf8(kBenchSentence16Swapped), reps, &worstView);
        figures.push_back({"keystroke_to_views_16tok",
                           "keystroke (two words swapped) to window painted (analysis on the worker, token strips, "
                           "visible view; slowest view: " +
                               worstView + "), " + spec.toStdString() + ", 16 tokens, A and B",
                           worst, "ms", "< 16 ms"});
        std::printf("#   typing the last character (15 <-> 16 tokens)\n");
        worst = keystrokeToViewsMs(window, full.left(full.size() - 1), full, reps, &worstView);
        figures.push_back({"keystroke_to_views_typing",
                           "keystroke (last character typed, 15 <-> 16 tokens: the aligned difference comes and "
                           "goes, views change size) to window painted; slowest view: " +
                               worstView,
                           worst, "ms", "< 16 ms"});
    }

    // The attention grid of a BERT-base-sized model: 12 layers x 12 heads, 32 tokens, A, B and
    // the aligned difference, drawn at 1600 x 900: built from scratch (a new model or layout), and
    // updated for a new sentence pair of the same length (a keystroke).
    {
        ModelConfig config;
        config.d_model = 768;
        config.n_heads = 12;
        config.n_layers = 12;
        config.d_ff = 3072;
        const Model model = Model::random(PositionScheme::Sinusoidal, 1, config);
        ModelFacts facts;  // positions and recoverability are not drawn here
        SnapshotRequest request;
        request.sentenceA = std::string(kBenchSentence16) + kBenchSentence16;
        request.sentenceB = std::string(kBenchSentence16Swapped) + kBenchSentence16Swapped;
        const SnapshotResult first = analyse(model, facts, request);
        std::swap(request.sentenceA, request.sentenceB);
        const SnapshotResult second = analyse(model, facts, request);
        widgets::AttentionView view;
        view.resize(1600, 900);
        view.show();
        QCoreApplication::processEvents();
        std::printf("# attention grid: %d layers x %d heads, %d tokens\n", config.n_layers, config.n_heads,
                    first.snapshot->a.length());
        int flip = 0;
        figures.push_back({"attention_grid_12x12_32tok",
                           "attention grid updated and painted for a new pair: 12 layers x 12 heads, 32 tokens, "
                           "A + B + difference",
                           medianMs(quick ? 5 : 15,
                                    [&] {
                                        view.setData(++flip % 2 ? second.snapshot : first.snapshot);
                                        view.plot()->repaint();
                                    }),
                           "ms", "< 100 ms"});
        figures.push_back({"attention_grid_12x12_32tok_build",
                           "attention grid built from scratch and painted (new model): 12 x 12 heads, 32 tokens",
                           medianMs(quick ? 3 : 9,
                                    [&] {
                                        view.drawFromScratch();  // as a layout change: everything made anew
                                        view.plot()->repaint();
                                    }),
                           "ms", "< 100 ms"});
    }
    return figures;
}

BenchFigure bertKeystrokeFigure(const QString& folder, bool quick)
{
    // The window on a BERT-base-sized folder (bench.cpp writes it): 14 characters typed, [CLS] and
    // [SEP] around them make 16 tokens; the keystroke types the last character (13 <-> 14).
    MainWindow window(nullptr, false);
    window.resize(1600, 1000);
    window.show();
    SessionState state = window.session()->state();
    const QString full = QStringLiteral("大黑猫在追小白老鼠老鼠很怕猫");
    state.modelSpec = folder;
    state.sentenceA = full;
    state.sentenceB = QStringLiteral("小白老鼠在追大黑猫猫很怕老鼠");
    state.compare = true;
    window.session()->setState(state);
    window.session()->waitForIdle();
    std::printf("#   BERT-base-shaped folder, typing the last character (15 <-> 16 tokens with [CLS] and [SEP])\n");
    std::string worstView;
    const double worst = keystrokeToViewsMs(window, full.left(full.size() - 1), full, quick ? 4 : 12, &worstView);
    return {"keystroke_to_views_bert_base_16tok",
            "keystroke (last character typed) to window painted, BERT-base-shaped folder (388 MiB), 16 tokens, A and "
            "B; slowest view: " +
                worstView,
            worst, "ms", "< 150 ms"};
}

}  // namespace orderlens::app
