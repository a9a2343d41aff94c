#include "head_surgery.h"

#include "errors.h"
#include "trace.h"

#include <algorithm>
#include <cctype>

namespace orderlens {

std::string toString(AblationMethod m)
{
    switch (m) {
    case AblationMethod::Zero: return "zero";
    case AblationMethod::Mean: return "mean";
    case AblationMethod::Uniform: return "uniform";
    }
    return "zero";
}

AblationMethod parseAblationMethod(std::string_view text)
{
    for (AblationMethod m : {AblationMethod::Zero, AblationMethod::Mean, AblationMethod::Uniform})
        if (text == toString(m))
            return m;
    throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "unknown ablation '%1': use zero, mean or uniform"),
                     {std::string(text)});
}

std::string toString(HeadId id)
{
    std::string text = "L";
    text.append(std::to_string(id.layer)).append("H").append(std::to_string(id.head));
    return text;
}

bool HeadSurgery::contains(int layer, int head) const
{
    return std::binary_search(heads.begin(), heads.end(), HeadId{layer, head});
}

void HeadSurgery::normalise()
{
    std::sort(heads.begin(), heads.end());
    heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
}

namespace {
// Digits at text[i...]: the number, or -1 when there are none (or too many to be a head).
int readNumber(std::string_view text, size_t& i)
{
    const size_t start = i;
    int value = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && i - start < 6)
        value = value * 10 + (text[i++] - '0');
    return i == start || (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ? -1 : value;
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}
}  // namespace

std::vector<HeadId> parseHeadList(std::string_view text, int layers, int heads)
{
    std::vector<HeadId> out;
    size_t begin = 0;
    while (begin <= text.size()) {
        const size_t comma = std::min(text.find(',', begin), text.size());
        const std::string_view item = trimmed(text.substr(begin, comma - begin));
        begin = comma + 1;
        if (item.empty())
            continue;
        size_t i = 0;
        int layer = -1, head = -1;
        bool wholeLayer = false;
        if (i < item.size() && std::toupper(static_cast<unsigned char>(item[i])) == 'L') {
            ++i;
            layer = readNumber(item, i);
            if (layer >= 0 && i < item.size() && std::toupper(static_cast<unsigned char>(item[i])) == 'H') {
                ++i;
                head = readNumber(item, i);
            } else {
                wholeLayer = layer >= 0 && i == item.size();
            }
        }
        if (layer < 0 || (head < 0 && !wholeLayer) || i != item.size())
            throw usageError(QT_TRANSLATE_NOOP("orderlens::core",
                                               "'%1' is not a head: write L<layer>H<head> (or L<layer> for a whole layer), "
                                               "counted from 0, e.g. L0H1,L1H3"),
                             {std::string(item.substr(0, 40))});
        if (layer >= layers || head >= heads)
            throw usageError(QT_TRANSLATE_NOOP("orderlens::core",
                                               "the model has no head %1: it has layers 0 to %2 and heads 0 to %3 in each"),
                             {std::string(item), std::to_string(layers - 1), std::to_string(heads - 1)});
        if (wholeLayer)
            for (int h = 0; h < heads; ++h)
                out.push_back({layer, h});
        else
            out.push_back({layer, head});
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string headListText(const std::vector<HeadId>& heads)
{
    std::string out;
    for (const HeadId& h : heads) {
        if (!out.empty())
            out += ',';
        out += toString(h);
    }
    return out;
}

void HeadMeanAccumulator::add(const std::vector<LayerTrace>& layers)
{
    if (sums_.empty())
        for (const LayerTrace& lt : layers) {
            const auto H = static_cast<Eigen::Index>(lt.attention.size());
            sums_.push_back(Eigen::MatrixXd::Zero(H, H ? lt.context.cols() / H : 0));
        }
    if (sums_.size() != layers.size())
        throw inputError("internal: head means over traces of different models");
    for (size_t l = 0; l < layers.size(); ++l) {
        const Eigen::Index dh = sums_[l].cols();
        for (Eigen::Index h = 0; h < sums_[l].rows(); ++h)
            sums_[l].row(h) += layers[l].context.middleCols(h * dh, dh).cast<double>().colwise().sum();
    }
    ++sentences_;
    tokens_ += layers.empty() ? 0 : static_cast<int>(layers.front().context.rows());
}

HeadMeans HeadMeanAccumulator::finish() const
{
    HeadMeans means;
    means.sentences = sentences_;
    means.tokens = tokens_;
    for (const auto& sum : sums_)
        means.layers.push_back((sum / std::max(1, tokens_)).cast<float>());
    return means;
}

void checkAblation(const HeadAblation& ablation, int layers, int heads, int headDim)
{
    for (const HeadId& h : ablation.surgery.heads)
        if (h.layer < 0 || h.layer >= layers || h.head < 0 || h.head >= heads)
            throw usageError(QT_TRANSLATE_NOOP("orderlens::core",
                                               "the model has no head %1: it has layers 0 to %2 and heads 0 to %3 in each"),
                             {toString(h), std::to_string(layers - 1), std::to_string(heads - 1)});
    if (ablation.surgery.method != AblationMethod::Mean || ablation.surgery.empty())
        return;
    bool fits = static_cast<int>(ablation.means.layers.size()) == layers;
    for (size_t l = 0; fits && l < ablation.means.layers.size(); ++l)
        fits = ablation.means.layers[l].rows() == heads && ablation.means.layers[l].cols() == headDim;
    if (!fits)
        throw inputError("internal: mean ablation without means of this model's heads");
}

void ablateHead(const HeadAblation& ablation, int layer, int head, bool causal, Matrix& attention, Matrix& context,
                const Matrix& values)
{
    const HeadSurgery& s = ablation.surgery;
    if (!s.contains(layer, head))
        return;
    switch (s.method) {
    case AblationMethod::Zero:
        context.setZero();
        return;
    case AblationMethod::Mean: {
        context.rowwise() = ablation.means.layers[static_cast<size_t>(layer)].row(head);
        return;
    }
    case AblationMethod::Uniform: {
        const Eigen::Index T = attention.rows();
        for (Eigen::Index q = 0; q < T; ++q) {
            const Eigen::Index seen = causal ? q + 1 : T;
            attention.row(q).head(seen).setConstant(1.0f / static_cast<float>(seen));
            attention.row(q).tail(T - seen).setZero();
        }
        context = attention * values;
        return;
    }
    }
}

}  // namespace orderlens
