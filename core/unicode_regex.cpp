#include "unicode_regex.h"

#include "errors.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

namespace orderlens {

namespace {

// \s -> \p{White_Space}, \S -> \P{White_Space}, everywhere (inside classes too); other escapes stay.
std::string oniguruma_to_icu(const std::string& pattern)
{
    std::string out;
    out.reserve(pattern.size() + 16);
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '\\' && i + 1 < pattern.size()) {
            const char next = pattern[i + 1];
            if (next == 's')
                out += "\\p{White_Space}";
            else if (next == 'S')
                out += "\\P{White_Space}";
            else {
                out += pattern[i];
                out += next;
            }
            ++i;
            continue;
        }
        out += pattern[i];
    }
    return out;
}

std::string quote(const std::string& literal)
{
    std::string out = "\\Q";
    size_t from = 0;
    for (size_t at; (at = literal.find("\\E", from)) != std::string::npos; from = at + 2)
        out += literal.substr(from, at - from) + "\\E\\\\E\\Q";
    out += literal.substr(from) + "\\E";
    return out;
}

}  // namespace

UnicodeRegex::UnicodeRegex(const std::string& pattern) : pattern_(pattern)
{
    UErrorCode status = U_ZERO_ERROR;
    UParseError where{};
    compiled_.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(oniguruma_to_icu(pattern)), 0, where, status));
    if (U_FAILURE(status) || !compiled_)
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the regular expression '%1' cannot be used: %2"),
                        {pattern, u_errorName(status)});
}

UnicodeRegex UnicodeRegex::literal(const std::string& literal)
{
    UnicodeRegex r(quote(literal));
    r.pattern_ = literal;
    return r;
}

UnicodeRegex::~UnicodeRegex() = default;
UnicodeRegex::UnicodeRegex(UnicodeRegex&&) noexcept = default;

std::vector<std::pair<uint32_t, uint32_t>> UnicodeRegex::findAll(std::u32string_view text) const
{
    std::vector<std::pair<uint32_t, uint32_t>> matches;
    if (text.empty())
        return matches;
    // UTF-16 for ICU, and the code point index of every UTF-16 index.
    icu::UnicodeString utf16;
    std::vector<uint32_t> codePointAt;
    codePointAt.reserve(text.size() + 1);
    for (uint32_t i = 0; i < text.size(); ++i) {
        utf16.append(static_cast<UChar32>(text[i]));
        codePointAt.resize(static_cast<size_t>(utf16.length()), i);
    }
    codePointAt.push_back(static_cast<uint32_t>(text.size()));
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(compiled_->matcher(utf16, status));
    if (U_FAILURE(status))
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "the regular expression '%1' cannot be run: %2"),
                         {pattern_, u_errorName(status)});
    // The engine's own bound on one match (about a second of work): a hostile pattern stops with an error.
    matcher->setTimeLimit(1000, status);
    while (matcher->find(status) && U_SUCCESS(status)) {
        const int32_t begin = matcher->start(status), end = matcher->end(status);
        if (U_FAILURE(status))
            break;
        matches.emplace_back(codePointAt[static_cast<size_t>(begin)], codePointAt[static_cast<size_t>(end)]);
    }
    if (U_FAILURE(status))
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "the regular expression '%1' cannot be run: %2"),
                         {pattern_, u_errorName(status)});
    return matches;
}

}  // namespace orderlens
