#include "longest_match.h"

#include <algorithm>
#include <string>

namespace orderlens {

LongestMatch::LongestMatch(const std::vector<Word>& words)
{
    // Reversed words, sorted; of two equal words the later one (in `words`) wins.
    struct Reversed {
        std::u32string text;
        int id;
        size_t order;
    };
    std::vector<Reversed> reversed;
    reversed.reserve(words.size());
    for (size_t i = 0; i < words.size(); ++i)
        if (!words[i].text.empty())
            reversed.push_back({std::u32string(words[i].text.rbegin(), words[i].text.rend()), words[i].id, i});
    std::sort(reversed.begin(), reversed.end(), [](const Reversed& a, const Reversed& b) {
        return a.text != b.text ? a.text < b.text : a.order < b.order;
    });
    std::vector<Reversed> unique;
    unique.reserve(reversed.size());
    for (size_t i = 0; i < reversed.size(); ++i)
        if (i + 1 == reversed.size() || reversed[i + 1].text != reversed[i].text)
            unique.push_back(std::move(reversed[i]));

    // Breadth first: node k stands for the words unique[range.first, range.second), which share
    // its string (their first depth characters). A word equal to that string sorts first.
    std::vector<std::pair<size_t, size_t>> ranges{{0, unique.size()}};
    std::vector<int> parent{-1};
    std::vector<char32_t> label{0};
    for (size_t k = 0; k < nodes_.size(); ++k) {
        nodes_[k].firstEdge = static_cast<int>(edges_.size());
        const auto depth = static_cast<size_t>(nodes_[k].depth);
        auto [lo, hi] = ranges[k];
        if (lo < hi && unique[lo].text.size() == depth)
            nodes_[k].id = unique[lo++].id;
        while (lo < hi) {
            const char32_t c = unique[lo].text[depth];
            size_t end = lo + 1;
            while (end < hi && unique[end].text[depth] == c)
                ++end;
            const int node = static_cast<int>(nodes_.size());
            Node n;
            n.depth = static_cast<int>(depth) + 1;
            nodes_.push_back(n);
            ranges.emplace_back(lo, end);
            parent.push_back(static_cast<int>(k));
            label.push_back(c);
            edges_.emplace_back(c, node);
            lo = end;
        }
    }

    // Failure links and longest-word links; a node's links are shallower, so already set.
    for (size_t k = 1; k < nodes_.size(); ++k) {
        Node& n = nodes_[k];
        if (parent[k] != 0) {
            int z = nodes_[static_cast<size_t>(parent[k])].fail;
            for (;;) {
                const int next = child(z, label[k]);
                if (next >= 0) {
                    n.fail = next;
                    break;
                }
                if (z == 0)
                    break;  // n.fail stays the root
                z = nodes_[static_cast<size_t>(z)].fail;
            }
        }
        n.longestWord = n.id >= 0 ? static_cast<int>(k) : nodes_[static_cast<size_t>(n.fail)].longestWord;
    }
}

int LongestMatch::child(int node, char32_t c) const
{
    const auto k = static_cast<size_t>(node);
    const auto begin = edges_.begin() + nodes_[k].firstEdge;
    const auto end = k + 1 < nodes_.size() ? edges_.begin() + nodes_[k + 1].firstEdge : edges_.end();
    const auto it = std::lower_bound(begin, end, c, [](const std::pair<char32_t, int>& e, char32_t v) { return e.first < v; });
    return it != end && it->first == c ? it->second : -1;
}

std::vector<LongestMatch::Match> LongestMatch::at(std::u32string_view text) const
{
    std::vector<Match> matches(text.size());
    int state = 0;
    for (size_t i = text.size(); i-- > 0;) {
        for (;;) {
            const int next = child(state, text[i]);
            if (next >= 0) {
                state = next;
                break;
            }
            if (state == 0)
                break;
            state = nodes_[static_cast<size_t>(state)].fail;
        }
        const int word = nodes_[static_cast<size_t>(state)].longestWord;
        if (word >= 0)
            matches[i] = {nodes_[static_cast<size_t>(word)].depth, nodes_[static_cast<size_t>(word)].id};
    }
    return matches;
}

}  // namespace orderlens
