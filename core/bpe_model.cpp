#include "bpe_model.h"

#include "errors.h"
#include "normalized_text.h"

#include <cstdio>
#include <queue>

namespace orderlens {

BpeModel::BpeModel(ModelVocabulary vocabulary, const std::vector<std::pair<std::string, std::string>>& merges, BpeOptions options)
    : vocabulary_(std::move(vocabulary)), options_(std::move(options))
{
    merges_.reserve(merges.size());
    const std::string& prefix = options_.continuingSubwordPrefix;
    for (size_t rank = 0; rank < merges.size(); ++rank) {
        const auto& [a, b] = merges[rank];
        const int idA = vocabulary_.idOf(a), idB = vocabulary_.idOf(b);
        const std::string joined = a + (!prefix.empty() && b.compare(0, prefix.size(), prefix) == 0 ? b.substr(prefix.size()) : b);
        const int idNew = vocabulary_.idOf(joined);
        for (const auto& [piece, id] : {std::pair{&a, idA}, std::pair{&b, idB}, std::pair{&joined, idNew}})
            if (id < 0)
                throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "merge %1 ('%2 %3') uses '%4', which is not in the vocabulary"),
                                {std::to_string(rank + 1), a, b, *piece});
        // A pair listed twice keeps its first (lowest) rank.
        merges_.emplace(pairKey(idA, idB), Merge{static_cast<uint32_t>(rank), idNew});
    }
    if (options_.byteFallback) {
        byteIds_.assign(256, -1);
        char name[8];
        for (int b = 0; b < 256; ++b) {
            std::snprintf(name, sizeof name, "<0x%02X>", b);
            byteIds_[static_cast<size_t>(b)] = vocabulary_.idOf(name);
        }
    }
}

int BpeModel::unkId() const
{
    const int id = vocabulary_.idOf(*options_.unkToken);
    if (id < 0)
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the unk_token '%1' is not in the vocabulary"), {*options_.unkToken});
    return id;
}

void BpeModel::tokenize(std::u32string_view word, std::vector<SubwordPiece>& out) const
{
    if (word.empty())
        return;
    if (options_.ignoreMerges) {
        const int id = vocabulary_.idOf(toUtf8(word));
        if (id >= 0) {
            out.push_back({id, 0, static_cast<uint32_t>(word.size())});
            return;
        }
    }
    const bool cacheable = word.size() < kCacheMaxWord;
    if (cacheable) {
        std::lock_guard<std::mutex> lock(cacheMutex_);
        const auto it = cache_.find(std::u32string(word));
        if (it != cache_.end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
            return;
        }
    }
    const size_t first = out.size();
    tokenizeUncached(word, out);
    if (cacheable) {
        std::lock_guard<std::mutex> lock(cacheMutex_);
        if (cache_.size() < kCacheCapacity)
            cache_.emplace(std::u32string(word), std::vector<SubwordPiece>(out.begin() + static_cast<std::ptrdiff_t>(first), out.end()));
    }
}

void BpeModel::tokenizeUncached(std::u32string_view word, std::vector<SubwordPiece>& out) const
{
    // One symbol per code point (or per byte with byte_fallback), linked both ways.
    struct Symbol {
        int id;
        int prev, next;
        uint32_t begin, end;  // bytes of the word, counted as HuggingFace does (below)
        bool alive;
    };
    std::vector<Symbol> symbols;
    symbols.reserve(word.size());
    const auto add = [&symbols](int id, uint32_t begin, uint32_t end) {
        const int index = static_cast<int>(symbols.size());
        symbols.push_back({id, index - 1, -1, begin, end, true});
        if (index > 0)
            symbols[static_cast<size_t>(index) - 1].next = index;
    };
    SubwordPiece unk{};  // an unknown run waiting to be added (fuse_unk)
    bool hasUnk = false;
    // HuggingFace places each symbol right after the previous one, by the byte length of its code
    // point (1 per byte token with byte_fallback); a code point dropped for want of an unk_token
    // takes no room, so what follows it moves left. `at` is that running byte position.
    uint32_t at = 0;
    std::string piece;
    for (uint32_t i = 0; i < word.size(); ++i) {
        piece.clear();
        appendUtf8(piece, word[i]);
        const auto length = static_cast<uint32_t>(piece.size());
        if (i > 0)
            piece.insert(0, options_.continuingSubwordPrefix);
        if (i + 1 == word.size())
            piece += options_.endOfWordSuffix;
        const int id = vocabulary_.idOf(piece);
        if (id >= 0) {
            if (hasUnk) {
                add(unk.id, unk.begin, unk.end);
                hasUnk = false;
            }
            add(id, at, at + length);
            at += length;
            continue;
        }
        if (options_.byteFallback) {
            bool all = true;
            for (char b : piece)
                all = all && byteIds_[static_cast<uint8_t>(b)] >= 0;
            if (all) {
                for (char b : piece) {
                    add(byteIds_[static_cast<uint8_t>(b)], at, at + 1);
                    ++at;
                }
                continue;
            }
        }
        if (options_.unkToken) {
            if (hasUnk && options_.fuseUnk) {
                unk.end += length;
            } else {
                if (hasUnk)
                    add(unk.id, unk.begin, unk.end);
                unk = SubwordPiece{unkId(), at, at + length};
                hasUnk = true;
            }
            at += length;
        }
    }
    if (hasUnk)
        add(unk.id, unk.begin, unk.end);

    // Candidate merges, lowest rank first, then leftmost.
    struct Candidate {
        uint32_t rank;
        int pos;
        int newId;
        bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
    const auto consider = [&](int left) {
        const int right = symbols[static_cast<size_t>(left)].next;
        if (right < 0)
            return;
        const auto it = merges_.find(pairKey(symbols[static_cast<size_t>(left)].id, symbols[static_cast<size_t>(right)].id));
        if (it != merges_.end())
            queue.push({it->second.rank, left, it->second.newId});
    };
    for (int i = 0; i + 1 < static_cast<int>(symbols.size()); ++i)
        consider(i);
    while (!queue.empty()) {
        const Candidate top = queue.top();
        queue.pop();
        Symbol& left = symbols[static_cast<size_t>(top.pos)];
        if (!left.alive || left.next < 0)
            continue;
        Symbol& right = symbols[static_cast<size_t>(left.next)];
        // A stale entry: the pair at this place has changed since it was queued.
        const auto it = merges_.find(pairKey(left.id, right.id));
        if (it == merges_.end() || it->second.newId != top.newId)
            continue;
        left.id = top.newId;
        left.end = right.end;
        right.alive = false;
        left.next = right.next;
        if (right.next >= 0)
            symbols[static_cast<size_t>(right.next)].prev = top.pos;
        if (left.prev >= 0)
            consider(left.prev);
        consider(top.pos);
    }
    // Bytes back to code points of the word: a range covers every code point one of its bytes is in.
    std::vector<uint32_t> codePointOfByte;
    codePointOfByte.reserve(word.size() * 2);
    for (uint32_t i = 0; i < word.size(); ++i) {
        const char32_t c = word[i];
        codePointOfByte.insert(codePointOfByte.end(), c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4, i);
    }
    for (const Symbol& s : symbols) {
        if (!s.alive)
            continue;
        const uint32_t begin = s.begin < codePointOfByte.size() ? codePointOfByte[s.begin] : static_cast<uint32_t>(word.size());
        const uint32_t end = s.end > s.begin && s.end - 1 < codePointOfByte.size() ? codePointOfByte[s.end - 1] + 1 : begin;
        out.push_back({s.id, begin, end});
    }
}

}  // namespace orderlens
