#include "view_bench.h"

#include "analysis.h"
#include "attention_view.h"
#include "main_window.h"
#include "model_catalog.h"
#include "token_strip.h"

#include <qcustomplot.h>

#include <QApplication>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

namespace orderlens::app {

namespace {

double medianMs(int repeats, const std::function<void()>& work)
{
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// 16 tokens with the built-in lexicon, and the same words with the animals swapped.
constexpr const char* kSixteen = "大黑猫在追小白老鼠，老鼠很怕大猫了。";
constexpr const char* kSixteenSwapped = "大黑老鼠在追小白猫，猫很怕大老鼠了。";

}  // namespace

std::vector<BenchFigure> runViewBenchmarks(bool quick)
{
    std::vector<BenchFigure> figures;
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return figures;
    const int reps = quick ? 10 : 60;

    // Keystroke: the worker's analysis, then the token strips and the visible view redrawn and
    // painted. Measured with each view in front; the slowest view is the figure.
    {
        const QString spec = defaultModelSpec();
        const std::shared_ptr<const Model> model = loadModel(spec);
        const ModelFacts facts = modelFacts(*model);
        MainWindow window(nullptr, false);
        window.resize(1600, 1000);
        window.show();
        window.session()->waitForIdle();
        double worst = 0;
        std::string worstView;
        bool analysisOnly = true;
        int flipAnalysis = 0;
        std::printf("#   analysis alone (worker thread): %8.3f ms\n", medianMs(reps, [&] {
                        AnalysisRequest request;
                        request.sentenceA = QString::fromUtf8(flipAnalysis % 2 ? kSixteenSwapped : kSixteen);
                        request.sentenceB = QString::fromUtf8(flipAnalysis++ % 2 ? kSixteen : kSixteenSwapped);
                        (void)analyse(*model, facts, request);
                    }));
        analysisOnly = false;
        for (widgets::View* view : window.views()) {
            if (view->key() == QLatin1String("training"))
                continue;
            window.showView(view->key());
            QCoreApplication::processEvents();
            int flip = 0;
            const double ms = medianMs(reps, [&] {
                AnalysisRequest request;
                request.sentenceA = QString::fromUtf8(flip % 2 ? kSixteenSwapped : kSixteen);
                request.sentenceB = QString::fromUtf8(flip % 2 ? kSixteen : kSixteenSwapped);
                ++flip;
                const AnalysisResult result = analyse(*model, facts, request);
                if (analysisOnly)
                    return;
                window.tokenStripA()->setTokens(result.data->a.tokens, result.data->a.roles, {});
                window.tokenStripB()->setTokens(result.data->b->tokens, result.data->b->roles, {});
                view->setData(result.data);
                view->plot()->repaint();
                window.tokenStripA()->repaint();
                window.tokenStripB()->repaint();
            });
            std::printf("#   keystroke with %-15s in front: %8.3f ms\n", view->key().toStdString().c_str(), ms);
            if (ms > worst) {
                worst = ms;
                worstView = view->key().toStdString();
            }
        }
        figures.push_back({"keystroke_to_views_16tok",
                           "keystroke to token strips + visible view redrawn (slowest view: " + worstView + "), " +
                               spec.toStdString() + ", 16 tokens, A and B",
                           worst, "ms", "< 16 ms"});
    }

    // The attention grid of a BERT-base-sized model: 12 layers x 12 heads, 32 tokens, A, B and
    // the aligned difference, drawn at 1600 x 900.
    {
        ModelConfig config;
        config.d_model = 768;
        config.n_heads = 12;
        config.n_layers = 12;
        config.d_ff = 3072;
        const Model model = Model::random(PositionScheme::Sinusoidal, 1, config);
        ModelFacts facts;  // positions and recoverability are not drawn here
        AnalysisRequest request;
        request.sentenceA = QString::fromUtf8(kSixteen) + QString::fromUtf8(kSixteen);
        request.sentenceB = QString::fromUtf8(kSixteenSwapped) + QString::fromUtf8(kSixteenSwapped);
        const AnalysisResult result = analyse(model, facts, request);
        widgets::AttentionView view;
        view.resize(1600, 900);
        view.show();
        QCoreApplication::processEvents();
        std::printf("# attention grid: %d layers x %d heads, %d tokens\n", config.n_layers, config.n_heads,
                    result.data->a.length());
        figures.push_back({"attention_grid_12x12_32tok",
                           "attention grid redrawn and painted: 12 layers x 12 heads, 32 tokens, A + B + difference",
                           medianMs(quick ? 3 : 15,
                                    [&] {
                                        view.setData(result.data);
                                        view.plot()->repaint();
                                    }),
                           "ms", "< 100 ms"});
    }
    return figures;
}

}  // namespace orderlens::app
