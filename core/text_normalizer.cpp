#include "text_normalizer.h"

#include "tokenizer_json.h"
#include "unicode_regex.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <optional>

namespace orderlens {

namespace {

using tokenizer_json::Json;

// One of ICU's four forms. Text is cut where the form says a code point starts afresh
// (hasBoundaryBefore); each piece is normalized alone.
class UnicodeForm : public TextNormalizer {
public:
    explicit UnicodeForm(const std::string& form)
    {
        UErrorCode status = U_ZERO_ERROR;
        normalizer_ = form == "NFC"    ? icu::Normalizer2::getNFCInstance(status)
                      : form == "NFD"  ? icu::Normalizer2::getNFDInstance(status)
                      : form == "NFKC" ? icu::Normalizer2::getNFKCInstance(status)
                                       : icu::Normalizer2::getNFKDInstance(status);
        if (U_FAILURE(status) || !normalizer_)
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the Unicode normalization data (ICU) is not available"), {});
    }
    void normalize(NormalizedText& t) const override
    {
        UErrorCode status = U_ZERO_ERROR;
        // Most text is already normalized: nothing to do.
        const icu::UnicodeString all = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(t.text.data()),
                                                                     static_cast<int32_t>(t.text.size()));
        if (normalizer_->isNormalized(all, status) && U_SUCCESS(status))
            return;
        NormalizedText out = t.emptyLike();
        size_t begin = 0;
        while (begin < t.size()) {
            size_t end = begin + 1;
            while (end < t.size() && !normalizer_->hasBoundaryBefore(static_cast<UChar32>(t.text[end])))
                ++end;
            status = U_ZERO_ERROR;
            const icu::UnicodeString piece = normalizer_->normalize(
                icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(t.text.data() + begin),
                                              static_cast<int32_t>(end - begin)),
                status);
            if (U_FAILURE(status))
                throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "the text could not be Unicode-normalized"), {});
            // As HuggingFace aligns them: output code point k comes from input code point k, and
            // the extra ones of a longer output from the last input code point.
            size_t k = 0;
            for (int32_t at = 0; at < piece.length(); at = piece.moveIndex32(at, 1), ++k)
                out.push(static_cast<char32_t>(piece.char32At(at)), t.origin[begin + std::min(k, end - begin - 1)]);
            begin = end;
        }
        t = std::move(out);
    }

private:
    const icu::Normalizer2* normalizer_ = nullptr;
};

// Rust's char::to_lowercase: each code point alone (no final-sigma rule), fully mapped.
void lowerCase(NormalizedText& t)
{
    NormalizedText out = t.emptyLike();
    for (size_t i = 0; i < t.size(); ++i) {
        const char32_t c = t.text[i];
        if (c < 0x80) {
            out.push(c >= 'A' && c <= 'Z' ? c + 32 : c, t.origin[i]);
            continue;
        }
        icu::UnicodeString s(static_cast<UChar32>(c));
        s.toLower(icu::Locale::getRoot());
        for (int32_t k = 0; k < s.length(); k = s.moveIndex32(k, 1))
            out.push(static_cast<char32_t>(s.char32At(k)), t.origin[i]);
    }
    t = std::move(out);
}

void stripAccents(NormalizedText& t)
{
    NormalizedText out = t.emptyLike();
    for (size_t i = 0; i < t.size(); ++i)
        if (!isCombiningMark(t.text[i]))
            out.push(t.text[i], t.origin[i]);
    t = std::move(out);
}

class Lowercase : public TextNormalizer {
public:
    void normalize(NormalizedText& t) const override { lowerCase(t); }
};

class StripAccents : public TextNormalizer {
public:
    void normalize(NormalizedText& t) const override { stripAccents(t); }
};

class Strip : public TextNormalizer {
public:
    Strip(bool left, bool right) : left_(left), right_(right) {}
    void normalize(NormalizedText& t) const override
    {
        size_t begin = 0, end = t.size();
        if (left_)
            while (begin < end && isWhiteSpace(t.text[begin]))
                ++begin;
        if (right_)
            while (end > begin && isWhiteSpace(t.text[end - 1]))
                --end;
        if (begin != 0 || end != t.size())
            t = t.slice(begin, end);
    }

private:
    bool left_, right_;
};

// Every match of the pattern becomes `content`.
class Replace : public TextNormalizer {
public:
    Replace(UnicodeRegex pattern, std::u32string content) : pattern_(std::move(pattern)), content_(std::move(content)) {}
    void normalize(NormalizedText& t) const override
    {
        const auto matches = pattern_.findAll(t.text);
        if (matches.empty())
            return;
        NormalizedText out = t.emptyLike();
        size_t at = 0;
        for (const auto& [begin, end] : matches) {
            for (; at < begin; ++at)
                out.push(t.text[at], t.origin[at]);
            // As HuggingFace aligns them: every new code point comes from the last one replaced
            // (from the one before an empty match).
            const TextSpan from = end >= 1 ? t.origin[end - 1] : TextSpan{0, 0};
            for (char32_t c : content_)
                out.push(c, from);
            at = end;
        }
        for (; at < t.size(); ++at)
            out.push(t.text[at], t.origin[at]);
        t = std::move(out);
    }

private:
    UnicodeRegex pattern_;
    std::u32string content_;
};

class Prepend : public TextNormalizer {
public:
    explicit Prepend(std::u32string prefix) : prefix_(std::move(prefix)) {}
    void normalize(NormalizedText& t) const override
    {
        if (!t.empty() && !prefix_.empty())
            t.prepend(prefix_);
    }

private:
    std::u32string prefix_;
};

class BertNormalizer : public TextNormalizer {
public:
    BertNormalizer(bool cleanText, bool chineseChars, std::optional<bool> stripAccents, bool lowercase)
        : clean_(cleanText), chinese_(chineseChars), strip_(stripAccents.value_or(lowercase)), lower_(lowercase),
          nfd_("NFD")
    {
    }
    void normalize(NormalizedText& t) const override
    {
        if (clean_) {
            NormalizedText out = t.emptyLike();
            for (size_t i = 0; i < t.size(); ++i) {
                const char32_t c = t.text[i];
                if (c == 0 || c == 0xFFFD || isControlChar(c))
                    continue;
                out.push(c == '\t' || c == '\n' || c == '\r' || isWhiteSpace(c) ? U' ' : c, t.origin[i]);
            }
            t = std::move(out);
        }
        if (chinese_) {
            NormalizedText out = t.emptyLike();
            for (size_t i = 0; i < t.size(); ++i) {
                if (isChineseChar(t.text[i])) {
                    out.push(U' ', t.origin[i]);
                    out.push(t.text[i], t.origin[i]);
                    out.push(U' ', t.origin[i]);
                } else {
                    out.push(t.text[i], t.origin[i]);
                }
            }
            t = std::move(out);
        }
        if (strip_) {
            nfd_.normalize(t);
            stripAccents(t);
        }
        if (lower_)
            lowerCase(t);
    }

private:
    bool clean_, chinese_, strip_, lower_;
    UnicodeForm nfd_;
};

class Sequence : public TextNormalizer {
public:
    explicit Sequence(std::vector<std::unique_ptr<TextNormalizer>> steps) : steps_(std::move(steps)) {}
    void normalize(NormalizedText& t) const override
    {
        for (const auto& s : steps_)
            s->normalize(t);
    }

private:
    std::vector<std::unique_ptr<TextNormalizer>> steps_;
};

}  // namespace

std::unique_ptr<TextNormalizer> readNormalizer(const Json& c)
{
    using namespace tokenizer_json;
    const std::string type = componentType("normalizer", c);
    const std::string where = "normalizer " + type;
    if (type == "NFC" || type == "NFD" || type == "NFKC" || type == "NFKD")
        return std::make_unique<UnicodeForm>(type);
    if (type == "Lowercase")
        return std::make_unique<Lowercase>();
    if (type == "StripAccents")
        return std::make_unique<StripAccents>();
    if (type == "Strip")
        return std::make_unique<Strip>(boolField(c, "strip_left", true, where), boolField(c, "strip_right", true, where));
    if (type == "Replace") {
        const PatternField p = patternField(c, "pattern", where);
        return std::make_unique<Replace>(p.regex ? UnicodeRegex(p.text) : UnicodeRegex::literal(p.text),
                                         toCodePoints(stringField(c, "content", where)));
    }
    if (type == "Prepend")
        return std::make_unique<Prepend>(toCodePoints(stringField(c, "prepend", where)));
    if (type == "BertNormalizer") {
        std::optional<bool> strip;
        if (c.contains("strip_accents") && !c["strip_accents"].is_null())
            strip = boolField(c, "strip_accents", false, where);
        return std::make_unique<BertNormalizer>(boolField(c, "clean_text", true, where),
                                                boolField(c, "handle_chinese_chars", true, where), strip,
                                                boolField(c, "lowercase", true, where));
    }
    if (type == "Sequence") {
        std::vector<std::unique_ptr<TextNormalizer>> steps;
        for (const Json& step : arrayField(c, "normalizers", where))
            steps.push_back(readNormalizer(step));
        return std::make_unique<Sequence>(std::move(steps));
    }
    throw unsupported("normalizer", type,
                      "NFC, NFD, NFKC, NFKD, Lowercase, Strip, StripAccents, Replace, Prepend, BertNormalizer, Sequence");
}

}  // namespace orderlens
