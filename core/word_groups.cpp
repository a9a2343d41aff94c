#include "word_groups.h"

#include "errors.h"
#include "trace.h"
#include "vocabulary.h"

#include <algorithm>
#include <cmath>

namespace orderlens {

namespace {

bool isSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000'; }

bool isSpecial(const Token& t)
{
    return !t.unknown && t.text.size() > 2 && t.text.front() == '[' && t.text.back() == ']';
}

// A piece's own characters: without WordPiece's "##" and without spaces (a byte-level piece's
// leading space, a piece typed with one).
std::u32string pieceCharacters(const Token& t)
{
    std::string_view text = t.text;
    if (text.size() > 2 && text.substr(0, 2) == "##")
        text.remove_prefix(2);
    std::u32string out;
    for (char32_t c : decodeUtf8(text))
        if (!isSpace(c))
            out.push_back(c);
    return out;
}

// How many characters each word of the sentence has, from the user's spaces or the lexicon.
std::vector<size_t> wordLengths(std::string_view sentence, const std::u32string& pieces)
{
    std::vector<size_t> lengths;
    const std::vector<char32_t> text = decodeUtf8(sentence);
    if (std::any_of(text.begin(), text.end(), isSpace)) {
        size_t run = 0;
        for (char32_t c : text) {
            if (isSpace(c)) {
                if (run > 0)
                    lengths.push_back(run);
                run = 0;
            } else {
                ++run;
            }
        }
        if (run > 0)
            lengths.push_back(run);
        return lengths;
    }
    std::string joined;
    for (char32_t c : pieces)
        joined += encodeUtf8(c);
    if (joined.empty())
        return lengths;
    static const LexiconTokenizer lexicon(Vocabulary::builtin());
    for (const Token& word : lexicon.tokenize(joined))
        lengths.push_back(decodeUtf8(word.text).size());
    return lengths;
}

}  // namespace

std::vector<int> wordOfTokens(const std::vector<Token>& tokens, std::string_view sentence)
{
    const size_t T = tokens.size();
    std::vector<std::u32string> pieces(T);
    std::u32string all;
    for (size_t t = 0; t < T; ++t) {
        if (isSpecial(tokens[t]))
            continue;
        pieces[t] = pieceCharacters(tokens[t]);
        all += pieces[t];
    }
    std::vector<size_t> lengths;
    try {
        lengths = wordLengths(sentence, all);
    } catch (const Error&) {  // nothing the lexicon can cut: pieces stay words
    }
    size_t total = 0;
    for (size_t n : lengths)
        total += n;
    const bool lined = total == all.size();

    // Where a word starts, in characters of the pieces' text.
    std::vector<size_t> wordStarts{0};
    for (size_t n : lengths)
        wordStarts.push_back(wordStarts.back() + n);
    std::vector<int> word(T, 0);
    int current = -1;
    bool afterSpecial = true;  // the next piece starts a word whatever it is
    size_t position = 0;       // characters of the pieces before this one
    for (size_t t = 0; t < T; ++t) {
        if (isSpecial(tokens[t])) {
            word[t] = ++current;
            afterSpecial = true;
            continue;
        }
        const bool continuation = tokens[t].text.size() > 2 && tokens[t].text.compare(0, 2, "##") == 0;
        const bool atStart = std::binary_search(wordStarts.begin(), wordStarts.end(), position);
        const bool opens = afterSpecial || (!continuation && (!lined || atStart));
        if (opens)
            ++current;
        word[t] = current;
        position += pieces[t].size();
        afterSpecial = false;
    }
    return word;
}

Matrix mergeAttention(const Matrix& attention, const std::vector<int>& wordOfToken)
{
    const int words = wordOfToken.empty() ? 0 : wordOfToken.back() + 1;
    const auto T = static_cast<Eigen::Index>(wordOfToken.size());
    Matrix keys = Matrix::Zero(T, words);  // each query row summed over each word's keys
    for (Eigen::Index k = 0; k < T; ++k)
        keys.col(wordOfToken[static_cast<size_t>(k)]) += attention.col(k);
    Matrix merged = Matrix::Zero(words, words);
    std::vector<int> pieces(static_cast<size_t>(words), 0);
    for (Eigen::Index q = 0; q < T; ++q) {
        merged.row(wordOfToken[static_cast<size_t>(q)]) += keys.row(q);
        ++pieces[static_cast<size_t>(wordOfToken[static_cast<size_t>(q)])];
    }
    for (int w = 0; w < words; ++w)
        merged.row(w) /= static_cast<float>(std::max(1, pieces[static_cast<size_t>(w)]));
    return merged;
}

WordLevel wordLevel(const Trace& trace, std::string_view sentence)
{
    WordLevel out;
    out.wordOfToken = wordOfTokens(trace.tokens, sentence);
    const int words = out.wordOfToken.empty() ? 0 : out.wordOfToken.back() + 1;
    out.words.assign(static_cast<size_t>(words), std::string());
    for (size_t t = 0; t < trace.tokens.size(); ++t) {
        std::string_view text = trace.tokens[t].text;
        if (text.size() > 2 && text.substr(0, 2) == "##")
            text.remove_prefix(2);
        out.words[static_cast<size_t>(out.wordOfToken[t])] += text;
    }
    for (const LayerTrace& layer : trace.layers) {
        out.attention.emplace_back();
        for (const Matrix& a : layer.attention)
            out.attention.back().push_back(mergeAttention(a, out.wordOfToken));
    }
    return out;
}

std::optional<AlignedDifference> wordDifference(const WordLevel& a, const WordLevel& b)
{
    if (a.words.size() != b.words.size() || a.attention.size() != b.attention.size())
        return std::nullopt;
    const size_t W = a.words.size();
    std::vector<int> map(W, -1);
    std::vector<bool> used(W, false);
    for (size_t i = 0; i < W; ++i) {
        for (size_t j = 0; j < W; ++j)
            if (!used[j] && a.words[i] == b.words[j]) {
                map[i] = static_cast<int>(j);
                used[j] = true;
                break;
            }
        if (map[i] < 0)
            return std::nullopt;
    }
    AlignedDifference diff;
    diff.bIndexOfA = map;
    diff.sameInput = true;
    for (size_t i = 0; i < W; ++i)
        diff.sameInput = diff.sameInput && map[i] == static_cast<int>(i);
    for (size_t l = 0; l < a.attention.size(); ++l) {
        diff.attention.emplace_back();
        diff.logits.emplace_back();
        for (size_t h = 0; h < a.attention[l].size(); ++h) {
            const Matrix& mb = b.attention[l][h];
            Matrix d(static_cast<Eigen::Index>(W), static_cast<Eigen::Index>(W));
            for (size_t q = 0; q < W; ++q)
                for (size_t k = 0; k < W; ++k)
                    d(static_cast<Eigen::Index>(q), static_cast<Eigen::Index>(k)) =
                        mb(map[q], map[k]) - a.attention[l][h](static_cast<Eigen::Index>(q), static_cast<Eigen::Index>(k));
            diff.maxAbsAttention = std::max(diff.maxAbsAttention, static_cast<double>(d.cwiseAbs().maxCoeff()));
            diff.attention.back().push_back(std::move(d));
        }
    }
    return diff;
}

}  // namespace orderlens
