#pragma once
// A word-level vocabulary: id <-> word, with the five special tokens first.
// Built-in models carry their vocabulary inside the model file, so a model and its
// tokenizer can never disagree.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace orderlens {

struct LexiconEntry {
    std::string word;
    std::string wordClass;  // animal, person, food, verb, function, adjective, punctuation, special
};

class Vocabulary {
public:
    static constexpr int kPad = 0, kUnk = 1, kCls = 2, kSep = 3, kMask = 4;

    Vocabulary() = default;
    // Special tokens [PAD] [UNK] [CLS] [SEP] [MASK] get ids 0..4, then the entries in order.
    explicit Vocabulary(const std::vector<LexiconEntry>& entries);
    // The lexicon shipped in resources/lexicon.tsv (compiled into the core).
    static const Vocabulary& builtin();
    // Parses "word<TAB>class" lines ('#' comments, blank lines allowed). Throws Error(BadFile).
    static std::vector<LexiconEntry> parseLexicon(std::string_view text);
    // A vocabulary whose ids are the positions in `words` (a BERT vocab.txt), no word classes.
    // A word listed twice maps to its last id, as HuggingFace reads vocab.txt. unknownWord must be listed.
    static Vocabulary fromOrderedWords(std::vector<std::string> words, const std::string& unknownWord);

    int size() const { return static_cast<int>(entries_.size()); }
    int id(std::string_view word) const;  // -1 when absent
    int unknownId() const { return unknownId_; }  // kUnk, or a BERT vocabulary's [UNK] row
    const std::string& word(int id) const { return entries_.at(static_cast<size_t>(id)).word; }
    const std::string& wordClass(int id) const { return entries_.at(static_cast<size_t>(id)).wordClass; }
    const std::vector<LexiconEntry>& entries() const { return entries_; }
    int longestWordCodePoints() const { return longest_; }
    std::vector<int> idsOfClass(const std::string& wordClass) const;

private:
    std::vector<LexiconEntry> entries_;
    std::unordered_map<std::string, int> ids_;
    int longest_ = 1;
    int unknownId_ = kUnk;
};

}  // namespace orderlens
