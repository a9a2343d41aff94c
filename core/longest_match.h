#pragma once
// The longest dictionary word that starts at each position of a text, for every position in one
// pass: O(text length) after an O(dictionary size) build, whatever the words' lengths.
//
// Both tokenizers take the longest word at a position (lexicon longest match, BERT WordPiece). A
// loop that tries every candidate length at every position costs (text x longest word) lookups,
// each rebuilding a candidate string: one 5,000-character word in a model file made a
// 2,000-character sentence take 36 s. Here the words are stored reversed in an Aho-Corasick
// automaton; reading the text backwards, the state after the character at position i is the
// longest reversed-word prefix ending there, and its "longest word suffix" link (precomputed) is
// the longest word starting at i.
#include <string_view>
#include <utility>
#include <vector>

namespace orderlens {

class LongestMatch {
public:
    struct Word {
        std::u32string_view text;  // code points; empty words are ignored
        int id;                    // what at() reports for it; a word given twice keeps the last id
    };
    struct Match {
        int length = 0;  // code points; 0: no word starts here
        int id = -1;
    };

    LongestMatch() = default;
    explicit LongestMatch(const std::vector<Word>& words);

    // matches[i]: the longest word w with text[i, i + |w|) == w.
    std::vector<Match> at(std::u32string_view text) const;
    int nodeCount() const { return static_cast<int>(nodes_.size()); }

private:
    // The trie of reversed words, nodes in breadth-first order; node 0 is the root (the empty
    // string). A node's children are edges_[firstEdge, nextNode.firstEdge), sorted by character.
    struct Node {
        int firstEdge = 0;
        int depth = 0;         // code points from the root
        int fail = 0;          // the longest proper suffix of this node's string that is a node
        int longestWord = -1;  // the longest suffix (itself included) that is a whole word; -1: none
        int id = -1;           // the word's id when this node is a whole word
    };
    int child(int node, char32_t c) const;  // -1 when absent

    std::vector<Node> nodes_{Node{}};
    std::vector<std::pair<char32_t, int>> edges_;  // (character, child node)
};

}  // namespace orderlens
