#pragma once
// The Oniguruma-style regular expressions of tokenizer.json (Split patterns such as Qwen's
// "(?i:'s|'t|...)|[^\r\n\p{L}\p{N}]?\p{L}+|..."), run by ICU's RegexMatcher. The one place the two
// engines differ for these patterns is \s: Oniguruma's is the Unicode White_Space property
// (vertical tab and U+0085 included), ICU's is [\t\n\f\r\p{Z}]; the pattern is rewritten to
// say White_Space. Matches are reported in code points.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class RegexPattern;
U_NAMESPACE_END

namespace orderlens {

class UnicodeRegex {
public:
    // Throws Error(BadFile) "the regular expression '<pattern>' cannot be used: <reason>".
    explicit UnicodeRegex(const std::string& pattern);
    // A pattern matching `literal` exactly.
    static UnicodeRegex literal(const std::string& literal);
    ~UnicodeRegex();
    UnicodeRegex(UnicodeRegex&&) noexcept;

    // Every non-overlapping match, left to right: [begin, end) in code points of `text`. An empty
    // match moves the search one code point on. Throws Error(BadInput) when the engine gives up
    // (a pattern that backtracks without end on this text).
    std::vector<std::pair<uint32_t, uint32_t>> findAll(std::u32string_view text) const;

    const std::string& pattern() const { return pattern_; }

private:
    std::string pattern_;
    std::unique_ptr<icu::RegexPattern> compiled_;
};

}  // namespace orderlens
