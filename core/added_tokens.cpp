#include "added_tokens.h"

#include "text_normalizer.h"

#include <algorithm>

namespace orderlens {

AddedTokens::AddedTokens(std::vector<AddedToken> tokens, const TextNormalizer* normalizer) : tokens_(std::move(tokens))
{
    for (size_t k = 0; k < tokens_.size(); ++k) {
        const AddedToken& t = tokens_[k];
        indexOfId_[t.id] = k;
        std::u32string text = toCodePoints(t.content);
        if (t.normalized && normalizer) {
            NormalizedText n = NormalizedText::original(text);
            normalizer->normalize(n);
            text = n.text;
        }
        decoded_.push_back(toUtf8(text));
        if (text.empty())
            continue;
        (t.normalized ? normalized_ : original_).push_back({std::move(text), k});
    }
    for (auto* list : {&original_, &normalized_})
        std::stable_sort(list->begin(), list->end(), [](const Pattern& a, const Pattern& b) { return a.text.size() > b.text.size(); });
    for (const auto& [patterns, firsts] : {std::pair{&original_, &originalFirsts_}, std::pair{&normalized_, &normalizedFirsts_}}) {
        for (const Pattern& p : *patterns)
            *firsts += p.text[0];
        std::sort(firsts->begin(), firsts->end());
        firsts->erase(std::unique(firsts->begin(), firsts->end()), firsts->end());
    }
}

const AddedToken* AddedTokens::byId(int id) const
{
    const auto it = indexOfId_.find(id);
    return it == indexOfId_.end() ? nullptr : &tokens_[it->second];
}

std::string AddedTokens::decodedText(int id) const
{
    const auto it = indexOfId_.find(id);
    return it == indexOfId_.end() ? std::string() : decoded_[it->second];
}

const AddedToken* AddedTokens::byContent(const std::string& content) const
{
    for (const AddedToken& t : tokens_)
        if (t.content == content)
            return &t;
    return nullptr;
}

void AddedTokens::split(NormalizedText text, const std::vector<Pattern>& patterns, std::vector<TextPiece>& out) const
{
    const std::u32string& s = text.text;
    const size_t n = s.size();
    if (patterns.empty() || n == 0) {
        out.push_back({std::move(text), -1});
        return;
    }
    size_t startOffset = 0;  // the end of the last piece cut out
    size_t at = 0;           // where the search goes on
    while (at < n) {
        // Leftmost-longest: the first position where some token matches, the longest one there.
        const Pattern* found = nullptr;
        const std::u32string& firsts = &patterns == &original_ ? originalFirsts_ : normalizedFirsts_;
        size_t begin = at;
        for (; begin < n && !found; ++begin) {
            if (!std::binary_search(firsts.begin(), firsts.end(), s[begin]))
                continue;
            for (const Pattern& p : patterns)
                if (p.text[0] == s[begin] && s.compare(begin, p.text.size(), p.text) == 0) {
                    found = &p;
                    break;
                }
        }
        if (!found)
            break;
        --begin;
        size_t start = begin, stop = begin + found->text.size();
        at = stop;
        const AddedToken& token = tokens_[found->token];
        if (token.singleWord) {
            const bool spaceBefore = start == 0 || !isWordChar(s[start - 1]);
            const bool spaceAfter = stop == n || !isWordChar(s[stop]);
            if (!spaceBefore || !spaceAfter)
                continue;
        }
        if (token.lstrip) {
            size_t left = start;
            while (left > 0 && isWhiteSpace(s[left - 1]))
                --left;
            start = std::max(left, startOffset);
        }
        if (token.rstrip)
            while (stop < n && isWhiteSpace(s[stop]))
                ++stop;
        if (startOffset < start)
            out.push_back({text.slice(startOffset, start), -1});
        out.push_back({text.slice(start, stop), token.id});
        startOffset = stop;
        at = stop;
    }
    if (startOffset < n)
        out.push_back({text.slice(startOffset, n), -1});
}

std::vector<TextPiece> AddedTokens::extractAndNormalize(const NormalizedText& original, const TextNormalizer* normalizer) const
{
    std::vector<TextPiece> first;
    split(original, original_, first);
    std::vector<TextPiece> out;
    for (TextPiece& p : first) {
        if (p.addedTokenId >= 0) {
            out.push_back(std::move(p));
            continue;
        }
        if (normalizer)
            normalizer->normalize(p.text);
        split(std::move(p.text), normalized_, out);
    }
    return out;
}

}  // namespace orderlens
