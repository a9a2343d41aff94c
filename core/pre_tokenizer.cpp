#include "pre_tokenizer.h"

#include "byte_level.h"
#include "tokenizer_json.h"
#include "unicode_regex.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <functional>

namespace orderlens {

namespace {

using tokenizer_json::Json;
using Matches = std::vector<std::pair<uint32_t, uint32_t>>;

// Every code point for which `is` holds is a match of its own.
Matches charMatches(const std::u32string& text, const std::function<bool(char32_t)>& is)
{
    Matches m;
    for (uint32_t i = 0; i < text.size(); ++i)
        if (is(text[i]))
            m.emplace_back(i, i + 1);
    return m;
}

// Applies `cut` to every piece that is not an added token; empty results are dropped.
void splitEach(std::vector<TextPiece>& pieces, const std::function<std::vector<NormalizedText>(NormalizedText&)>& cut)
{
    std::vector<TextPiece> out;
    out.reserve(pieces.size());
    for (TextPiece& p : pieces) {
        if (p.addedTokenId >= 0) {
            out.push_back(std::move(p));
            continue;
        }
        for (NormalizedText& t : cut(p.text))
            if (!t.empty())
                out.push_back({std::move(t), -1});
    }
    pieces = std::move(out);
}

const UnicodeRegex& gpt2Pattern()
{
    static const UnicodeRegex re(R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)");
    return re;
}

class ByteLevel : public PreTokenizer {
public:
    ByteLevel(bool addPrefixSpace, bool useRegex) : addPrefixSpace_(addPrefixSpace), useRegex_(useRegex) {}
    void split(std::vector<TextPiece>& pieces) const override
    {
        splitEach(pieces, [this](NormalizedText& t) {
            if (addPrefixSpace_ && (t.empty() || t.text[0] != U' '))
                t.prepend(U" ");
            std::vector<NormalizedText> parts;
            if (useRegex_)
                parts = splitText(t, gpt2Pattern().findAll(t.text), SplitBehavior::Isolated);
            else
                parts.push_back(std::move(t));
            for (NormalizedText& p : parts)
                p = toByteLevel(p);
            return parts;
        });
    }
    bool isByteLevel() const override { return true; }

private:
    bool addPrefixSpace_, useRegex_;
};

class Split : public PreTokenizer {
public:
    Split(UnicodeRegex pattern, SplitBehavior behavior, bool invert)
        : pattern_(std::move(pattern)), behavior_(behavior), invert_(invert)
    {
    }
    void split(std::vector<TextPiece>& pieces) const override
    {
        splitEach(pieces, [this](NormalizedText& t) { return splitText(t, pattern_.findAll(t.text), behavior_, invert_); });
    }

private:
    UnicodeRegex pattern_;
    SplitBehavior behavior_;
    bool invert_;
};

class Metaspace : public PreTokenizer {
public:
    enum class Prepend { Always, First, Never };
    Metaspace(char32_t replacement, Prepend prepend, bool split) : replacement_(replacement), prepend_(prepend), split_(split) {}
    void split(std::vector<TextPiece>& pieces) const override
    {
        splitEach(pieces, [this](NormalizedText& t) {
            for (char32_t& c : t.text)
                if (c == U' ')
                    c = replacement_;
            const bool startsWith = !t.empty() && t.text[0] == replacement_;
            const uint32_t start = t.empty() ? t.whole.start : t.originalSpan(0, t.size()).start;
            if (!startsWith && (prepend_ == Prepend::Always || (prepend_ == Prepend::First && start == 0)))
                t.prepend(std::u32string(1, replacement_));
            if (!split_)
                return std::vector<NormalizedText>{std::move(t)};
            const char32_t r = replacement_;
            return splitText(t, charMatches(t.text, [r](char32_t c) { return c == r; }), SplitBehavior::MergedWithNext);
        });
    }

private:
    char32_t replacement_;
    Prepend prepend_;
    bool split_;
};

class Whitespace : public PreTokenizer {
public:
    void split(std::vector<TextPiece>& pieces) const override
    {
        static const UnicodeRegex re(R"(\w+|[^\w\s]+)");
        splitEach(pieces, [](NormalizedText& t) { return splitText(t, re.findAll(t.text), SplitBehavior::Removed, true); });
    }
};

class WhitespaceSplit : public PreTokenizer {
public:
    void split(std::vector<TextPiece>& pieces) const override
    {
        splitEach(pieces, [](NormalizedText& t) { return splitText(t, charMatches(t.text, isWhiteSpace), SplitBehavior::Removed); });
    }
};

class BertPreTokenizer : public PreTokenizer {
public:
    void split(std::vector<TextPiece>& pieces) const override
    {
        splitEach(pieces, [](NormalizedText& t) { return splitText(t, charMatches(t.text, isWhiteSpace), SplitBehavior::Removed); });
        splitEach(pieces, [](NormalizedText& t) {
            return splitText(t, charMatches(t.text, isBertPunctuation), SplitBehavior::Isolated);
        });
    }
};

bool isNumeric(char32_t c) { return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_N_MASK) != 0; }

class Digits : public PreTokenizer {
public:
    explicit Digits(bool individual) : individual_(individual) {}
    void split(std::vector<TextPiece>& pieces) const override
    {
        const SplitBehavior b = individual_ ? SplitBehavior::Isolated : SplitBehavior::Contiguous;
        splitEach(pieces, [b](NormalizedText& t) { return splitText(t, charMatches(t.text, isNumeric), b); });
    }

private:
    bool individual_;
};

class Punctuation : public PreTokenizer {
public:
    explicit Punctuation(SplitBehavior behavior) : behavior_(behavior) {}
    void split(std::vector<TextPiece>& pieces) const override
    {
        const SplitBehavior b = behavior_;
        splitEach(pieces, [b](NormalizedText& t) { return splitText(t, charMatches(t.text, isBertPunctuation), b); });
    }

private:
    SplitBehavior behavior_;
};

class Sequence : public PreTokenizer {
public:
    explicit Sequence(std::vector<std::unique_ptr<PreTokenizer>> steps) : steps_(std::move(steps)) {}
    void split(std::vector<TextPiece>& pieces) const override
    {
        for (const auto& s : steps_)
            s->split(pieces);
    }
    bool isByteLevel() const override
    {
        for (const auto& s : steps_)
            if (s->isByteLevel())
                return true;
        return false;
    }

private:
    std::vector<std::unique_ptr<PreTokenizer>> steps_;
};

SplitBehavior readBehavior(const Json& c, const std::string& fallback, const std::string& where)
{
    const std::string b = tokenizer_json::choiceField(
        c, "behavior", {"Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous"}, fallback, where);
    return b == "Removed"              ? SplitBehavior::Removed
           : b == "Isolated"           ? SplitBehavior::Isolated
           : b == "MergedWithPrevious" ? SplitBehavior::MergedWithPrevious
           : b == "MergedWithNext"     ? SplitBehavior::MergedWithNext
                                       : SplitBehavior::Contiguous;
}

}  // namespace

std::vector<NormalizedText> splitText(const NormalizedText& text, const Matches& matches, SplitBehavior behavior, bool invert)
{
    // (begin, end, is_match) covering the whole text, as HuggingFace's Pattern::find_matches.
    struct Part {
        uint32_t begin, end;
        bool match;
    };
    std::vector<Part> parts;
    const auto n = static_cast<uint32_t>(text.size());
    if (n == 0)
        return {};
    uint32_t previous = 0;
    for (const auto& [b, e] : matches) {
        if (previous != b)
            parts.push_back({previous, b, false});
        parts.push_back({b, e, true});
        previous = e;
    }
    if (previous != n)
        parts.push_back({previous, n, false});
    if (invert)
        for (Part& p : parts)
            p.match = !p.match;

    // (begin, end, remove)
    std::vector<Part> kept;
    switch (behavior) {
    case SplitBehavior::Isolated:
        for (const Part& p : parts)
            kept.push_back({p.begin, p.end, false});
        break;
    case SplitBehavior::Removed:
        kept = parts;
        break;
    case SplitBehavior::Contiguous: {
        bool previousMatch = false;
        for (const Part& p : parts) {
            if (p.match == previousMatch && !kept.empty())
                kept.back().end = p.end;
            else
                kept.push_back({p.begin, p.end, false});
            previousMatch = p.match;
        }
        break;
    }
    case SplitBehavior::MergedWithPrevious: {
        bool previousMatch = false;
        for (const Part& p : parts) {
            if (p.match && !previousMatch && !kept.empty())
                kept.back().end = p.end;
            else
                kept.push_back({p.begin, p.end, false});
            previousMatch = p.match;
        }
        break;
    }
    case SplitBehavior::MergedWithNext: {
        bool previousMatch = false;
        for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
            if (it->match && !previousMatch && !kept.empty())
                kept.back().begin = it->begin;
            else
                kept.push_back({it->begin, it->end, false});
            previousMatch = it->match;
        }
        std::reverse(kept.begin(), kept.end());
        break;
    }
    }
    std::vector<NormalizedText> out;
    out.reserve(kept.size());
    for (const Part& p : kept)
        if (!p.match && p.end > p.begin)
            out.push_back(text.slice(p.begin, p.end));
    return out;
}

NormalizedText toByteLevel(const NormalizedText& text)
{
    NormalizedText out = text.emptyLike();
    out.text.reserve(text.size() * 3);
    out.origin.reserve(text.size() * 3);
    std::string bytes;
    for (size_t i = 0; i < text.size(); ++i) {
        bytes.clear();
        appendUtf8(bytes, text.text[i]);
        for (char b : bytes)
            out.push(byte_level::charOfByte(static_cast<uint8_t>(b)), text.origin[i]);
    }
    return out;
}

std::unique_ptr<PreTokenizer> readPreTokenizer(const Json& c)
{
    using namespace tokenizer_json;
    const std::string type = componentType("pre_tokenizer", c);
    const std::string where = "pre_tokenizer " + type;
    if (type == "ByteLevel")
        return std::make_unique<ByteLevel>(boolField(c, "add_prefix_space", true, where), boolField(c, "use_regex", true, where));
    if (type == "Split") {
        const PatternField p = patternField(c, "pattern", where);
        if (!c.contains("behavior"))
            throw wrongType(where, "behavior", Expected::String);
        return std::make_unique<Split>(p.regex ? UnicodeRegex(p.text) : UnicodeRegex::literal(p.text),
                                       readBehavior(c, "Isolated", where), boolField(c, "invert", false, where));
    }
    if (type == "Metaspace") {
        const std::u32string r = toCodePoints(stringField(c, "replacement", "\xE2\x96\x81", where));
        if (r.size() != 1)
            throw wrongType(where, "replacement", Expected::OneCharacter);
        std::string scheme = choiceField(c, "prepend_scheme", {"always", "first", "never"}, "always", where);
        if (!c.contains("prepend_scheme") && c.contains("add_prefix_space"))  // the older form
            scheme = boolField(c, "add_prefix_space", true, where) ? "always" : "never";
        const auto prepend = scheme == "always" ? Metaspace::Prepend::Always
                             : scheme == "first" ? Metaspace::Prepend::First
                                                 : Metaspace::Prepend::Never;
        return std::make_unique<Metaspace>(r[0], prepend, boolField(c, "split", true, where));
    }
    if (type == "Whitespace")
        return std::make_unique<Whitespace>();
    if (type == "WhitespaceSplit")
        return std::make_unique<WhitespaceSplit>();
    if (type == "BertPreTokenizer")
        return std::make_unique<BertPreTokenizer>();
    if (type == "Digits")
        return std::make_unique<Digits>(boolField(c, "individual_digits", false, where));
    if (type == "Punctuation")
        return std::make_unique<Punctuation>(readBehavior(c, "Isolated", where));
    if (type == "Sequence") {
        std::vector<std::unique_ptr<PreTokenizer>> steps;
        for (const Json& step : arrayField(c, "pretokenizers", where))
            steps.push_back(readPreTokenizer(step));
        return std::make_unique<Sequence>(std::move(steps));
    }
    throw unsupported("pre_tokenizer", type,
                      "ByteLevel, Split, Metaspace, Whitespace, WhitespaceSplit, BertPreTokenizer, Digits, Punctuation, Sequence");
}

}  // namespace orderlens
