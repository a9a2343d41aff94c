#include "vocabulary.h"

#include "errors.h"
#include "tokenizer.h"

#include <algorithm>

namespace orderlens {

namespace detail {
extern const std::string_view kBuiltinLexicon;
}

Vocabulary::Vocabulary(const std::vector<LexiconEntry>& entries)
{
    entries_ = {{"[PAD]", "special"}, {"[UNK]", "special"}, {"[CLS]", "special"}, {"[SEP]", "special"},
                {"[MASK]", "special"}};
    for (const auto& e : entries) {
        if (e.wordClass == "special")
            continue;  // the five special tokens are already in place
        entries_.push_back(e);
    }
    for (int i = 0; i < size(); ++i) {
        const auto& w = entries_[static_cast<size_t>(i)].word;
        if (!ids_.emplace(w, i).second)
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "vocabulary lists the word '%1' twice"), {w});
        if (entries_[static_cast<size_t>(i)].wordClass != "special")
            longest_ = std::max(longest_, static_cast<int>(decodeUtf8(w).size()));
    }
}

const Vocabulary& Vocabulary::builtin()
{
    static const Vocabulary v(parseLexicon(detail::kBuiltinLexicon));
    return v;
}

std::vector<LexiconEntry> Vocabulary::parseLexicon(std::string_view text)
{
    std::vector<LexiconEntry> out;
    int lineNo = 0;
    while (!text.empty()) {
        ++lineNo;
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty() || line.front() == '#')
            continue;
        const auto tab = line.find('\t');
        if (tab == std::string_view::npos || tab == 0 || tab + 1 == line.size())
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "lexicon line %1: expected \"word<TAB>class\""),
                            {std::to_string(lineNo)});
        out.push_back({std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
    }
    return out;
}

Vocabulary Vocabulary::fromOrderedWords(std::vector<std::string> words, const std::string& unknownWord)
{
    Vocabulary v;
    v.entries_.reserve(words.size());
    for (auto& w : words)
        v.entries_.push_back({std::move(w), ""});
    for (int i = 0; i < v.size(); ++i) {
        const auto& w = v.entries_[static_cast<size_t>(i)].word;
        v.ids_[w] = i;
        v.longest_ = std::max(v.longest_, static_cast<int>(decodeUtf8(w).size()));
    }
    v.unknownId_ = v.id(unknownWord);
    if (v.unknownId_ < 0)
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the vocabulary has no unknown-word token '%1'"), {unknownWord});
    return v;
}

int Vocabulary::id(std::string_view word) const
{
    const auto it = ids_.find(std::string(word));
    return it == ids_.end() ? -1 : it->second;
}

std::vector<int> Vocabulary::idsOfClass(const std::string& wordClass) const
{
    std::vector<int> ids;
    for (int i = 0; i < size(); ++i)
        if (entries_[static_cast<size_t>(i)].wordClass == wordClass)
            ids.push_back(i);
    return ids;
}

}  // namespace orderlens
