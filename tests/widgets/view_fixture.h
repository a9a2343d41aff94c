#pragma once
// Fixture of the view tests: a hand-built Snapshot whose every number says where it came from,
// a view made by key and drawn alone (no MainWindow, no model), and read-backs of what the view
// put into its QCustomPlot (colour-map cells, graph, curve and bar data, text items, ticks).
//
// Numbers (so a swapped term, head, layer, sentence or axis is caught):
//   logit terms   termValue    = term·1000 + head·100 + query·10 + key (+ 0.5 in B);
//                 term 1 ee, 2 ep, 3 pe, 4 pp, 5 bias; the score is their sum.
//   attention     attentionValue = 0.5·sentence + 0.2·layer + 0.1·head + 0.01·query + 0.001·key + 0.0001
//   difference    −(0.2·layer + 0.1·head + 0.01·query + 0.001·key + 0.0002)
//   E, P, input   word / position / input rows all distinct; input ≠ E + P (as after BERT's embedding
//                 LayerNorm), so a view that adds E and P itself is caught.
#include "plot_style.h"
#include "selection.h"
#include "snapshot.h"
#include "view.h"
#include "views.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QComboBox>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QtTest>

#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace orderlens::testing {

using widgets::Selection;
using widgets::View;

// ---------------------------------------------------------------------------------------------
// The hand-built snapshot.

enum Term { EE = 1, EP = 2, PE = 3, PP = 4, Bias = 5 };

inline float termValue(int term, int sentence, int head, int query, int key)
{
    return static_cast<float>(term * 1000 + head * 100 + query * 10 + key) + (sentence == 1 ? 0.5f : 0.0f);
}
inline float attentionValue(int sentence, int layer, int head, int query, int key)
{
    return 0.5f * sentence + 0.2f * layer + 0.1f * head + 0.01f * query + 0.001f * key + 0.0001f;
}
inline float differenceValue(int layer, int head, int query, int key)
{
    return -(0.2f * layer + 0.1f * head + 0.01f * query + 0.001f * key + 0.0002f);
}

struct SnapshotOptions {
    PositionScheme scheme = PositionScheme::Sinusoidal;
    std::vector<std::string> tokensA{"猫", "追", "老鼠"};
    std::vector<std::string> tokensB{"老鼠", "追", "猫"};  // empty: no sentence B
    bool difference = true;       // B is a permutation of A: the aligned difference is present
    int width = 8;                // d_model
    int heads = 2;
    int layers = 2;
    int positions = 12;           // rows of the position table
    int pcaComponents = 3;
    bool handmade = false;
    std::string modelId = "test:hand-built";
    bool recoverabilityReady = true;
    bool recoverabilityFailed = false;
};

// The word index of a token text (its E row and E-PCA point depend on the word only).
inline int wordIndex(const std::string& word)
{
    static std::map<std::string, int> words;
    auto [it, added] = words.emplace(word, static_cast<int>(words.size()));
    return it->second;
}

inline float embeddingValue(const std::string& word, int dim) { return 0.1f * (wordIndex(word) + 1) + 0.01f * (dim + 1); }
inline float positionValue(int position, int dim) { return -0.2f * (position + 1) - 0.003f * (dim + 1); }
inline float inputValue(const std::string& word, int position, int dim)
{
    return embeddingValue(word, dim) + positionValue(position, dim) + 0.5f;
}

inline std::shared_ptr<Trace> handBuiltTrace(const SnapshotOptions& o, int sentence)
{
    const auto& words = sentence == 0 ? o.tokensA : o.tokensB;
    const int T = static_cast<int>(words.size());
    auto trace = std::make_shared<Trace>();
    trace->modelId = o.modelId;
    trace->config.vocab = 20;
    trace->config.d_model = o.width;
    trace->config.n_heads = o.heads;
    trace->config.n_layers = o.layers;
    trace->config.pe = o.scheme;
    for (int t = 0; t < T; ++t) {
        Token token;
        token.text = words[static_cast<size_t>(t)];
        token.id = wordIndex(token.text);
        token.position = t;
        trace->tokens.push_back(token);
    }
    const bool adds = o.scheme == PositionScheme::Sinusoidal || o.scheme == PositionScheme::Learned;
    trace->embedding = Matrix(T, o.width);
    trace->position = Matrix::Zero(T, o.width);
    trace->input = Matrix(T, o.width);
    for (int t = 0; t < T; ++t)
        for (int c = 0; c < o.width; ++c) {
            const std::string& w = words[static_cast<size_t>(t)];
            trace->embedding(t, c) = embeddingValue(w, c);
            if (adds)
                trace->position(t, c) = positionValue(t, c);
            trace->input(t, c) = adds ? inputValue(w, t, c) : embeddingValue(w, c) + 0.5f;
        }
    const bool exact = o.scheme != PositionScheme::Rope;
    LogitTerms terms;
    for (int l = 0; l < o.layers; ++l) {
        LayerTrace layer;
        for (int h = 0; h < o.heads; ++h) {
            Matrix att(T, T), logits(T, T);
            for (int q = 0; q < T; ++q)
                for (int k = 0; k < T; ++k) {
                    att(q, k) = attentionValue(sentence, l, h, q, k);
                    logits(q, k) = 0;
                    for (int term = EE; term <= Bias; ++term)
                        logits(q, k) += termValue(term, sentence, h, q, k);
                    logits(q, k) += static_cast<float>(l);  // layers other than 0 are not decomposed
                }
            layer.attention.push_back(att);
            layer.logits.push_back(logits);
            if (l == 0 && exact) {
                std::vector<Matrix>* parts[5] = {&terms.ee, &terms.ep, &terms.pe, &terms.pp, &terms.bias};
                for (int term = EE; term <= Bias; ++term) {
                    Matrix m(T, T);
                    for (int q = 0; q < T; ++q)
                        for (int k = 0; k < T; ++k)
                            m(q, k) = termValue(term, sentence, h, q, k);
                    parts[term - 1]->push_back(m);
                }
            }
        }
        trace->layers.push_back(layer);
    }
    if (exact && o.layers > 0)
        trace->terms = terms;
    return trace;
}

// Residual stage numbers: cosine to own word / own position; the nearest word is the token's own
// except token 1 at the last stage (a ✗ cell).
inline double residualCosineToWord(int sentence, int stage, int token) { return 0.9 - 0.2 * stage - 0.03 * token - 0.01 * sentence; }
inline double residualCosineToPosition(int sentence, int stage, int token) { return 0.6 - 0.25 * stage + 0.02 * token + 0.005 * sentence; }
inline const char* kOtherWord = "狗";

inline SentenceSnapshot handBuiltSentence(const SnapshotOptions& o, int sentence)
{
    SentenceSnapshot s;
    auto trace = handBuiltTrace(o, sentence);
    s.trace = trace;
    s.tokens = sentence == 0 ? o.tokensA : o.tokensB;
    const int T = s.length();
    s.roles.assign(static_cast<size_t>(T), -1);
    for (int l = 0; l < o.layers; ++l)
        for (int h = 0; h < o.heads; ++h) {
            HeadRole role;
            role.layer = l;
            role.head = h;
            role.positionScore = 0.15 + 0.3 * h + 0.1 * l + 0.02 * sentence;
            role.kind = headKindFromScore(role.positionScore);
            s.headRoles.push_back(role);
        }
    if (trace->terms)
        for (int h = 0; h < o.heads; ++h) {
            TermShares share;
            share.content = 0.1 + 0.2 * h + 0.01 * sentence;
            share.mixed = 0.25 + 0.05 * h;
            share.position = 1.0 - share.content - share.mixed;
            share.bias = 0.03 * (h + 1);
            s.termShares.push_back(share);
        }
    for (int st = 0; st <= o.layers; ++st) {
        ResidualStage stage;
        stage.name = st == 0 ? "input" : "layer " + std::to_string(st);
        std::vector<std::string> nearest;
        int own = 0;
        for (int t = 0; t < T; ++t) {
            stage.cosineToWord.push_back(residualCosineToWord(sentence, st, t));
            stage.cosineToPosition.push_back(residualCosineToPosition(sentence, st, t));
            const bool other = st == o.layers && t == 1;
            nearest.push_back(other ? kOtherWord : s.tokens[static_cast<size_t>(t)]);
            stage.nearestWord.push_back(other ? wordIndex(kOtherWord) : trace->tokens[static_cast<size_t>(t)].id);
            own += other ? 0 : 1;
        }
        stage.decodingAccuracy = static_cast<double>(own) / T;
        s.residual.push_back(stage);
        s.nearestWords.push_back(nearest);
    }
    s.residualSummary = summariseResidual(s.residual);
    const int k = o.pcaComponents;
    s.pcaEmbedding = Matrix(T, k);
    s.pcaPosition = Matrix(T, k);
    s.pcaInput = Matrix(T, k);
    for (int t = 0; t < T; ++t)
        for (int c = 0; c < k; ++c) {
            const int w = wordIndex(s.tokens[static_cast<size_t>(t)]);
            s.pcaEmbedding(t, c) = 1.0f + w + 0.1f * c;            // one point per word
            s.pcaPosition(t, c) = -1.0f - 0.5f * t - 0.07f * c;    // one point per position
            s.pcaInput(t, c) = s.pcaEmbedding(t, c) + s.pcaPosition(t, c) + 0.25f * (sentence + 1);
        }
    s.hasPositionRows = o.scheme == PositionScheme::Sinusoidal || o.scheme == PositionScheme::Learned;
    return s;
}

inline float tableValue(int position, int dim) { return 0.01f * position - 0.1f * dim + (dim % 2 ? 0.3f : -0.3f); }
inline float similarityValue(int i, int j) { return 1.0f - 0.05f * std::abs(i - j) - 0.001f * i; }

inline std::shared_ptr<Snapshot> handBuiltSnapshot(const SnapshotOptions& o = {})
{
    auto data = std::make_shared<Snapshot>();
    data->modelId = o.modelId;
    data->handmade = o.handmade;
    data->a = handBuiltSentence(o, 0);
    data->config = data->a.trace->config;
    if (!o.tokensB.empty())
        data->b = handBuiltSentence(o, 1);
    if (data->b && o.difference && o.tokensA.size() == o.tokensB.size()) {
        AlignedDifference d;
        const int T = data->a.length();
        for (int t = 0; t < T; ++t)
            d.bIndexOfA.push_back(T - 1 - t);
        for (int l = 0; l < o.layers; ++l) {
            std::vector<Matrix> heads;
            for (int h = 0; h < o.heads; ++h) {
                Matrix m(T, T);
                for (int q = 0; q < T; ++q)
                    for (int k = 0; k < T; ++k) {
                        m(q, k) = differenceValue(l, h, q, k);
                        d.maxAbsAttention = std::max(d.maxAbsAttention, static_cast<double>(std::abs(m(q, k))));
                    }
                heads.push_back(m);
            }
            d.attention.push_back(heads);
            d.logits.push_back(heads);
        }
        data->difference = d;
        data->differenceRange = d.maxAbsAttention;
    }

    PositionFacts& p = data->positions;
    p.scheme = o.scheme;
    const int P = o.positions;
    p.similarity = Matrix(P, P);
    for (int i = 0; i < P; ++i)
        for (int j = 0; j < P; ++j)
            p.similarity(i, j) = similarityValue(i, j);
    if (o.scheme == PositionScheme::Sinusoidal || o.scheme == PositionScheme::Learned) {
        p.table = Matrix(P, o.width);
        for (int i = 0; i < P; ++i)
            for (int c = 0; c < o.width; ++c)
                p.table(i, c) = tableValue(i, c);
        p.tableRange = p.table.cwiseAbs().maxCoeff();
    }
    if (o.scheme == PositionScheme::Rope) {
        const int pairs = o.width / o.heads / 2;
        p.ropeAngles = Matrix(P, pairs);
        p.ropeCosines = Matrix(P, pairs);
        for (int i = 0; i < P; ++i)
            for (int c = 0; c < pairs; ++c) {
                p.ropeAngles(i, c) = static_cast<float>(i) / static_cast<float>(1 + 3 * c);
                p.ropeCosines(i, c) = std::cos(p.ropeAngles(i, c));
            }
    }
    if (o.scheme == PositionScheme::Alibi) {
        const int T = data->a.length();
        double extent = 0;
        for (int h = 0; h < o.heads; ++h) {
            p.alibiSlopes.push_back(0.5f / static_cast<float>(h + 1));
            Matrix bias(T, T);
            for (int q = 0; q < T; ++q)
                for (int k = 0; k < T; ++k)
                    bias(q, k) = -p.alibiSlopes.back() * static_cast<float>(std::abs(q - k) * (k > q ? 2 : 1)) - 0.01f * h;
            extent = std::max(extent, static_cast<double>(bias.cwiseAbs().maxCoeff()));
            p.alibiBias.push_back(bias);
        }
        p.alibiRange = extent;
    }

    data->pcaComponents = o.pcaComponents;
    for (int c = 0; c < o.pcaComponents; ++c)
        data->pcaExplainedRatio.push_back(c == 0 ? 0.512 : c == 1 ? 0.287 : 0.133 / c);

    RecoverabilityFacts& r = data->recoverability;
    r.ready = o.recoverabilityReady && !o.recoverabilityFailed;
    r.failed = o.recoverabilityFailed;
    r.vocab = 20;
    r.length = P;
    r.dims = {2, 4, 8, 16, 32};
    r.addWord = {0.21, 0.43, 0.71, 0.93, 0.99};
    r.addPosition = {0.11, 0.32, 0.64, 0.88, 0.97};
    r.concatWord = {0.35, 0.62, 0.86, 0.98, 1.0};
    r.concatPosition = {0.27, 0.55, 0.81, 0.95, 1.0};
    r.hasCurrent = true;
    r.currentDim = o.width;
    r.currentAddWord = 0.875;
    r.currentAddPosition = 0.625;

    double vectors = 0;
    for (const SentenceSnapshot* s : data->sentences())
        for (const Matrix* m : {&s->trace->embedding, &s->trace->position, &s->trace->input})
            vectors = std::max(vectors, static_cast<double>(m->cwiseAbs().maxCoeff()));
    data->vectorRange = vectors;
    data->logitRange = 6000;
    return data;
}

// ---------------------------------------------------------------------------------------------
// A view alone: made by key, given (snapshot, selection), shown at a fixed size and drawn.

inline constexpr QSize kViewSize(1400, 900);

inline std::unique_ptr<View> shownView(const QString& key, SnapshotPtr data, const Selection& selection = {},
                                       QSize size = kViewSize)
{
    std::unique_ptr<View> view = widgets::createView(key);
    if (!view)
        return view;
    view->setSelection(selection);
    view->setData(std::move(data));
    view->resize(size);
    view->show();
    QCoreApplication::processEvents();
    view->draw();
    return view;
}

template <typename V>
V* as(const std::unique_ptr<View>& view)
{
    return qobject_cast<V*>(view.get());
}

// Every selection a view asks for while a listener is connected (the session owns the selection).
class SelectionRequests {
public:
    explicit SelectionRequests(View* view)
    {
        QObject::connect(view, &View::selectionRequested, view,
                         [this](const Selection& selection) { requests.push_back(selection); });
    }
    std::vector<Selection> requests;
};

// ---------------------------------------------------------------------------------------------
// Read-backs from the plot.

inline bool fuzzyEqual(double drawn, double expected, double tolerance = 1e-5)
{
    if (std::isnan(expected))
        return std::isnan(drawn);
    return std::abs(drawn - expected) <= tolerance * std::max(1.0, std::abs(expected));
}

template <typename T>
std::vector<T*> plottables(QCustomPlot* plot)
{
    std::vector<T*> out;
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto* p = qobject_cast<T*>(plot->plottable(i)))
            out.push_back(p);
    return out;
}

template <typename T>
std::vector<T*> items(QCustomPlot* plot)
{
    std::vector<T*> out;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* item = qobject_cast<T*>(plot->item(i)))
            out.push_back(item);
    return out;
}

// The text element right above an element in its layout grid (a map's or a panel's title).
inline QString titleAbove(QCPLayoutElement* element)
{
    auto* grid = qobject_cast<QCPLayoutGrid*>(element->layout());
    if (!grid)
        return {};
    for (int r = 1; r < grid->rowCount(); ++r)
        for (int c = 0; c < grid->columnCount(); ++c)
            if (grid->hasElement(r, c) && grid->element(r, c) == element) {
                if (auto* text = grid->hasElement(r - 1, c) ? qobject_cast<QCPTextElement*>(grid->element(r - 1, c)) : nullptr)
                    return text->text();
                return {};
            }
    return {};
}

// The colour maps whose axis rect is titled exactly `title`.
inline std::vector<QCPColorMap*> mapsTitled(QCustomPlot* plot, const QString& title)
{
    std::vector<QCPColorMap*> out;
    for (QCPColorMap* map : plottables<QCPColorMap>(plot))
        if (titleAbove(map->keyAxis()->axisRect()) == title)
            out.push_back(map);
    return out;
}

inline QStringList titlesOfMaps(QCustomPlot* plot)
{
    QStringList out;
    for (QCPColorMap* map : plottables<QCPColorMap>(plot))
        out << titleAbove(map->keyAxis()->axisRect());
    return out;
}

// The value drawn at plot coordinates (key, value): the cell covering them.
inline double cellAt(QCPColorMap* map, double key, double value)
{
    QCPColorMapData* cells = map->data();
    int k = 0, v = 0;
    cells->coordToCell(key, value, &k, &v);
    if (k < 0 || v < 0 || k >= cells->keySize() || v >= cells->valueSize())
        return std::nan("");
    return cells->cell(k, v);
}

// Empty when the map draws matrix m with row r at value r + rowOffset and column c at key
// c + columnOffset (row 0 at the top), else the first difference. A block of a bigger map
// (the attention grid) passes wholeMap = false; otherwise the map must have m's shape.
inline QString compareMap(QCPColorMap* map, const Matrix& m, double columnOffset = 0, double rowOffset = 0,
                          bool wholeMap = true, double tolerance = 1e-5)
{
    if (!map)
        return QStringLiteral("no such map");
    for (int r = 0; r < m.rows(); ++r)
        for (int c = 0; c < m.cols(); ++c) {
            const double drawn = cellAt(map, c + columnOffset, r + rowOffset);
            if (!fuzzyEqual(drawn, m(r, c), tolerance))
                return QStringLiteral("cell (row %1, column %2): drawn %3, expected %4")
                    .arg(r)
                    .arg(c)
                    .arg(drawn, 0, 'g', 9)
                    .arg(static_cast<double>(m(r, c)), 0, 'g', 9);
        }
    if (wholeMap) {
        QCPColorMapData* cells = map->data();
        if (cells->keySize() != std::max<int>(1, static_cast<int>(m.cols())) ||
            cells->valueSize() != std::max<int>(1, static_cast<int>(m.rows())))
            return QStringLiteral("map of %1 x %2 cells for a %3 x %4 matrix")
                .arg(cells->valueSize())
                .arg(cells->keySize())
                .arg(m.rows())
                .arg(m.cols());
    }
    return {};
}

inline std::vector<QPointF> graphPoints(const QCPGraph* graph)
{
    std::vector<QPointF> out;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        out.emplace_back(it->key, it->value);
    return out;
}

inline std::vector<QPointF> curvePoints(const QCPCurve* curve)
{
    std::vector<QPointF> out;
    for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it)
        out.emplace_back(it->key, it->value);
    return out;
}

inline std::vector<QPointF> barPoints(const QCPBars* bars)
{
    std::vector<QPointF> out;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        out.emplace_back(it->key, it->value);
    return out;
}

// Empty when the points equal the expected ones in order (fuzzy), else the first difference.
inline QString comparePoints(const std::vector<QPointF>& drawn, const std::vector<QPointF>& expected,
                             double tolerance = 1e-5)
{
    if (drawn.size() != expected.size())
        return QStringLiteral("%1 points drawn, %2 expected").arg(drawn.size()).arg(expected.size());
    for (size_t i = 0; i < drawn.size(); ++i)
        if (!fuzzyEqual(drawn[i].x(), expected[i].x(), tolerance) || !fuzzyEqual(drawn[i].y(), expected[i].y(), tolerance))
            return QStringLiteral("point %1: drawn (%2, %3), expected (%4, %5)")
                .arg(i)
                .arg(drawn[i].x(), 0, 'g', 9)
                .arg(drawn[i].y(), 0, 'g', 9)
                .arg(expected[i].x(), 0, 'g', 9)
                .arg(expected[i].y(), 0, 'g', 9);
    return {};
}

// The same, in any order (a QCPGraph keeps its points sorted by key).
inline QString comparePointSets(std::vector<QPointF> drawn, std::vector<QPointF> expected, double tolerance = 1e-5)
{
    auto less = [](const QPointF& a, const QPointF& b) { return a.x() != b.x() ? a.x() < b.x() : a.y() < b.y(); };
    std::sort(drawn.begin(), drawn.end(), less);
    std::sort(expected.begin(), expected.end(), less);
    return comparePoints(drawn, expected, tolerance);
}

template <typename P>
P* plottableNamed(QCustomPlot* plot, const QString& name)
{
    for (P* p : plottables<P>(plot))
        if (p->name() == name)
            return p;
    return nullptr;
}

inline QStringList plottableNames(QCustomPlot* plot)
{
    QStringList out;
    for (int i = 0; i < plot->plottableCount(); ++i)
        out << plot->plottable(i)->name();
    return out;
}

// Text tick labels of an axis by position (a QCPAxisTickerText), empty for another ticker.
inline QMap<double, QString> tickLabels(const QCPAxis* axis)
{
    auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(axis->ticker());
    return ticker ? ticker->ticks() : QMap<double, QString>();
}

// Where the tick labelled `label` stands on the axis; NaN when none is.
inline double tickPosition(const QCPAxis* axis, const QString& label)
{
    const auto ticks = tickLabels(axis);
    for (auto it = ticks.constBegin(); it != ticks.constEnd(); ++it)
        if (it.value() == label)
            return it.key();
    return std::nan("");
}

// Every text of the picture as laid out now (titles, messages and text items).
inline QStringList pictureTexts(const View* view)
{
    QStringList out;
    for (const auto& box : view->textBoxes())
        out << box.text;
    return out;
}

// The text items drawn at plot coordinates (x, y) on the given key axis.
inline std::vector<QCPItemText*> textsAt(QCustomPlot* plot, const QCPAxis* keyAxis, double x, double y)
{
    std::vector<QCPItemText*> out;
    for (QCPItemText* text : items<QCPItemText>(plot))
        if (text->position->keyAxis() == keyAxis && fuzzyEqual(text->position->coords().x(), x, 1e-6) &&
            fuzzyEqual(text->position->coords().y(), y, 1e-6))
            out.push_back(text);
    return out;
}

// The combo box among the view's controls whose first item reads `firstItem`.
inline QComboBox* comboStartingWith(const View* view, const QString& firstItem)
{
    for (QComboBox* combo : view->findChildren<QComboBox*>())
        if (combo->count() > 0 && combo->itemText(0).startsWith(firstItem))
            return combo;
    return nullptr;
}

inline QStringList tokenTexts(const std::vector<std::string>& tokens)
{
    QStringList out;
    for (const auto& t : tokens)
        out << QString::fromStdString(t);
    return out;
}

}  // namespace orderlens::testing
