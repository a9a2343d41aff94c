#include "head_census.h"

#include "corpus.h"
#include "decoder.h"
#include "errors.h"
#include "file_io.h"
#include "model.h"
#include "normalized_text.h"
#include "tokenizer.h"

#include <Eigen/Eigenvalues>

#include <cmath>

namespace orderlens {

bool isPunctuationToken(const std::string& text)
{
    bool any = false;
    for (char32_t c : decodeUtf8(text)) {
        if (c == U' ' || c == U'\t' || c == U'\n' || c == 0x3000)
            continue;
        if (!isPunctuation(c))
            return false;
        any = true;
    }
    return any;
}

HeadCensusBuilder::HeadCensusBuilder(std::vector<std::vector<Matrix>> outputGrams) : grams_(std::move(outputGrams))
{
    layers_ = static_cast<int>(grams_.size());
    heads_ = layers_ ? static_cast<int>(grams_.front().size()) : 0;
    sums_.resize(static_cast<size_t>(layers_ * heads_));
    distanceSum_ = Eigen::MatrixXd::Zero(layers_ * heads_, layers_ * heads_);
}

namespace {
double entropyBits(const float* p, Eigen::Index n)
{
    double e = 0;
    for (Eigen::Index i = 0; i < n; ++i)
        if (p[i] > 0)
            e -= double(p[i]) * std::log2(double(p[i]));
    return e;
}

// Jensen–Shannon divergence of two distributions, in bits (0..1); its square root is a metric.
double jensenShannon(const float* p, const float* q, Eigen::Index n)
{
    double js = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const double a = p[i], b = q[i], m = 0.5 * (a + b);
        if (a > 0)
            js += 0.5 * a * std::log2(a / m);
        if (b > 0)
            js += 0.5 * b * std::log2(b / m);
    }
    return std::max(0.0, js);
}

// The shares of one attention row (query q of T) on each kind of key.
void addShares(CensusShares& s, const float* row, Eigen::Index q, Eigen::Index T, const std::vector<bool>& special,
               const std::vector<bool>& punctuation)
{
    if (q > 0) {
        s.first += row[0];
        s.previous += row[q - 1];
    }
    if (q + 1 < T)
        s.next += row[q + 1];
    s.self += row[q];
    for (Eigen::Index j = 0; j < T; ++j) {
        if (special[static_cast<size_t>(j)])
            s.special += row[j];
        if (punctuation[static_cast<size_t>(j)])
            s.punctuation += row[j];
    }
}
}  // namespace

void HeadCensusBuilder::add(const Trace& trace, const std::vector<bool>& special)
{
    const Eigen::Index T = trace.length();
    if (static_cast<int>(trace.layers.size()) != layers_ || special.size() != static_cast<size_t>(T))
        throw inputError("internal: a census trace of another model");
    std::vector<bool> punctuation(static_cast<size_t>(T));
    for (Eigen::Index t = 0; t < T; ++t)
        punctuation[static_cast<size_t>(t)] = isPunctuationToken(trace.tokens[static_cast<size_t>(t)].text);

    const int n = layers_ * heads_;
    std::vector<Matrix> rows(static_cast<size_t>(n));  // every head's attention, for the distances
    for (int l = 0; l < layers_; ++l)
        for (int h = 0; h < heads_; ++h) {
            const LayerTrace& lt = trace.layers[static_cast<size_t>(l)];
            const Matrix& a = lt.attention[static_cast<size_t>(h)];
            const Matrix& v = lt.values[static_cast<size_t>(h)];
            const Matrix& g = grams_[static_cast<size_t>(l)][static_cast<size_t>(h)];
            // ‖W_O,h v_j‖ for every key j, and the weighted rows α_qj ‖W_O,h v_j‖ renormalised.
            const Eigen::VectorXf norms = ((v * g).cwiseProduct(v)).rowwise().sum().cwiseMax(0.0f).cwiseSqrt();
            Matrix weighted = a * norms.asDiagonal();
            for (Eigen::Index q = 0; q < T; ++q) {
                const float total = weighted.row(q).sum();
                if (total > 0)
                    weighted.row(q) /= total;
            }
            Sums& s = sums_[static_cast<size_t>(l * heads_ + h)];
            for (Eigen::Index q = 0; q < T; ++q) {
                addShares(s.raw, a.row(q).data(), q, T, special, punctuation);
                addShares(s.weighted, weighted.row(q).data(), q, T, special, punctuation);
                s.entropy += entropyBits(a.row(q).data(), T);
            }
            rows[static_cast<size_t>(l * heads_ + h)] = a;
        }
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j) {
            double d = 0;
            for (Eigen::Index q = 0; q < T; ++q)
                d += std::sqrt(jensenShannon(rows[static_cast<size_t>(i)].row(q).data(),
                                             rows[static_cast<size_t>(j)].row(q).data(), T));
            distanceSum_(i, j) += d;
            distanceSum_(j, i) += d;
        }
    queries_ += double(T);
    queriesAfterFirst_ += double(T - 1);
    queriesBeforeLast_ += double(T - 1);
    ++sentences_;
    tokens_ += static_cast<int>(T);
}

namespace {
CensusShares averaged(const CensusShares& s, double all, double afterFirst, double beforeLast)
{
    auto div = [](double x, double n) { return n > 0 ? x / n : 0.0; };
    return {div(s.first, afterFirst), div(s.special, all),   div(s.punctuation, all),
            div(s.self, all),         div(s.previous, afterFirst), div(s.next, beforeLast)};
}
}  // namespace

HeadCensus HeadCensusBuilder::finish(std::string modelId) const
{
    HeadCensus c;
    c.modelId = std::move(modelId);
    c.layers = layers_;
    c.heads = heads_;
    c.sentences = sentences_;
    c.tokens = tokens_;
    const int n = layers_ * heads_;
    for (int l = 0; l < layers_; ++l)
        for (int h = 0; h < heads_; ++h) {
            const Sums& s = sums_[static_cast<size_t>(l * heads_ + h)];
            HeadCensusRow r;
            r.layer = l;
            r.head = h;
            r.raw = averaged(s.raw, queries_, queriesAfterFirst_, queriesBeforeLast_);
            r.weighted = averaged(s.weighted, queries_, queriesAfterFirst_, queriesBeforeLast_);
            r.entropy = queries_ > 0 ? s.entropy / queries_ : 0.0;
            c.rows.push_back(r);
        }
    const Eigen::MatrixXd D = queries_ > 0 ? Eigen::MatrixXd(distanceSum_ / queries_) : distanceSum_;
    c.distance = D.cast<float>();
    // Classical MDS: B = -1/2 J D² J; the two largest eigenvectors scaled by sqrt(eigenvalue).
    if (n >= 2) {
        const Eigen::MatrixXd J = Eigen::MatrixXd::Identity(n, n) - Eigen::MatrixXd::Constant(n, n, 1.0 / n);
        const Eigen::MatrixXd B = -0.5 * J * D.cwiseProduct(D) * J;
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(B);
        const Eigen::VectorXd values = eig.eigenvalues();  // ascending
        double positive = 0;
        for (Eigen::Index i = 0; i < n; ++i)
            positive += std::max(0.0, values(i));
        double kept = 0;
        for (int axis = 0; axis < 2; ++axis) {
            const Eigen::Index k = n - 1 - axis;
            const double lambda = std::max(0.0, values(k));
            kept += lambda;
            Eigen::VectorXd vec = eig.eigenvectors().col(k);
            Eigen::Index big = 0;
            vec.cwiseAbs().maxCoeff(&big);
            if (vec(big) < 0)
                vec = -vec;  // a fixed sign: the same map on every run
            for (int i = 0; i < n; ++i)
                (axis == 0 ? c.rows[static_cast<size_t>(i)].mapX : c.rows[static_cast<size_t>(i)].mapY) =
                    vec(i) * std::sqrt(lambda);
        }
        c.mapExplained = positive > 0 ? kept / positive : 0.0;
    }
    return c;
}

namespace {
std::vector<std::vector<Matrix>> gramsOf(int layers, int heads, int dh, const std::function<Matrix(int)>& outputOf)
{
    std::vector<std::vector<Matrix>> grams(static_cast<size_t>(layers));
    for (int l = 0; l < layers; ++l) {
        const Matrix w = outputOf(l);  // (d, heads * dh): y = context W^T
        for (int h = 0; h < heads; ++h) {
            const Matrix wh = w.middleCols(h * dh, dh);
            grams[static_cast<size_t>(l)].push_back(wh.transpose() * wh);
        }
    }
    return grams;
}
}  // namespace

std::vector<std::vector<Matrix>> outputGrams(const Model& model)
{
    const ModelConfig& c = model.config();
    return gramsOf(c.n_layers, c.n_heads, c.headDim(),
                   [&](int l) { return model.weights().layers[static_cast<size_t>(l)].outputWeight; });
}

std::vector<std::vector<Matrix>> outputGrams(const DecoderModel& model)
{
    const DecoderConfig& c = model.config();
    return gramsOf(c.n_layers, c.n_heads, c.head_dim, [&](int l) {
        const StoredMatrix& w = model.weights().layers[static_cast<size_t>(l)].output;
        return w.rowsAsFloat(0, w.rows());
    });
}

namespace {
template <class TraceOf>
HeadCensus runCensus(const std::string& id, std::vector<std::vector<Matrix>> grams,
                     const std::vector<std::string>& sentences, const CensusProgress& progress,
                     const std::atomic<bool>* cancel, const TraceOf& traceOf)
{
    HeadCensusBuilder builder(std::move(grams));
    const int total = static_cast<int>(sentences.size());
    for (int i = 0; i < total; ++i) {
        if (cancel && cancel->load()) {
            HeadCensus partial = builder.finish(id);
            partial.cancelled = true;
            return partial;
        }
        std::vector<bool> special;
        Trace trace;
        try {
            trace = traceOf(sentences[static_cast<size_t>(i)], special);
        } catch (const Error& e) {
            throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "sentence %1 of the corpus: %2"),
                             {std::to_string(i + 1)}, e);
        }
        builder.add(trace, special);
        if (progress)
            progress(i + 1, total);
    }
    return builder.finish(id);
}
}  // namespace

HeadCensus headCensus(const Model& model, const std::vector<std::string>& sentences, const CensusProgress& progress,
                      const std::atomic<bool>* cancel)
{
    return runCensus(model.id(), outputGrams(model), sentences, progress, cancel,
                     [&](const std::string& text, std::vector<bool>& special) {
                         std::vector<Token> tokens = model.checkedTokens(text);
                         std::vector<int> ids, positions, types;
                         for (const Token& t : tokens) {
                             ids.push_back(t.id);
                             positions.push_back(t.position);
                             types.push_back(t.type);
                             const std::string& w = t.text;
                             special.push_back(w.size() > 2 && w.front() == '[' && w.back() == ']' &&
                                               model.vocabulary().id(w) >= 0 &&
                                               model.vocabulary().id(w) <= Vocabulary::kMask);
                         }
                         Trace trace = model.forward(ids, positions, types);
                         trace.tokens = std::move(tokens);
                         return trace;
                     });
}

HeadCensus headCensus(const DecoderModel& model, const std::vector<std::string>& sentences,
                      const CensusProgress& progress, const std::atomic<bool>* cancel)
{
    return runCensus(model.id(), outputGrams(model), sentences, progress, cancel,
                     [&](const std::string& text, std::vector<bool>& special) {
                         const HfEncoding encoding = model.encode(text);
                         for (const EncodedToken& t : encoding.tokens)
                             special.push_back(t.special);
                         return model.forward(encoding, 0).trace;
                     });
}

std::vector<std::string> defaultCensusCorpus(int heldOut)
{
    const Corpus corpus(Vocabulary::builtin());
    std::vector<std::string> out;
    for (const LabelledSentence& s : corpus.showcase())
        out.push_back(s.text);
    for (const LabelledSentence& s : corpus.heldOutSentences(heldOut))
        out.push_back(s.text);
    return out;
}

CensusPattern dominantPattern(const CensusShares& s, double threshold)
{
    const double shares[6] = {s.first, s.special, s.punctuation, s.self, s.previous, s.next};
    int best = 0;
    for (int i = 1; i < 6; ++i)
        if (shares[i] > shares[best])
            best = i;
    return shares[best] >= threshold ? static_cast<CensusPattern>(best) : CensusPattern::Broad;
}

std::vector<std::string> readCorpusFile(const std::string& path)
{
    const std::string text = readRegularFile(path, kMaxCorpusBytes);
    std::vector<std::string> sentences;
    size_t begin = 0;
    while (begin < text.size()) {
        size_t end = text.find('\n', begin);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(begin, end - begin);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") != std::string::npos)
            sentences.push_back(std::move(line));
        begin = end + 1;
    }
    if (sentences.empty())
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the corpus '%1' holds no sentence (one sentence a line)"),
                        {path});
    return sentences;
}

}  // namespace orderlens
