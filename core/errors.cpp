#include "errors.h"

#include <cstdio>
#include <utility>

namespace orderlens {

namespace {

// The code point of the UTF-8 sequence at text[i] and its length, or length 0 when the bytes
// there are not UTF-8 (overlong forms and surrogates included).
std::pair<char32_t, size_t> utf8At(std::string_view text, size_t i)
{
    const auto b = static_cast<unsigned char>(text[i]);
    const size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > text.size())
        return {0, 0};
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(text[i + k]);
        if ((c >> 6) != 0x2)
            return {0, 0};
        cp = (cp << 6) | (c & 0x3F);
    }
    const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return {0, 0};
    return {cp, len};
}

bool needsEscape(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F || c == 0x2028 ||
           c == 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string escapeControlCharacters(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    char buffer[12];
    size_t i = 0;
    while (i < text.size()) {
        const auto [cp, len] = utf8At(text, i);
        if (len == 0) {
            std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned char>(text[i]));
            out += buffer;
            ++i;
            continue;
        }
        if (!needsEscape(cp)) {
            out.append(text.substr(i, len));
        } else if (cp == '\n' || cp == '\r' || cp == '\t') {
            out += cp == '\n' ? "\\n" : cp == '\r' ? "\\r" : "\\t";
        } else {
            std::snprintf(buffer, sizeof buffer, cp < 0x80 ? "\\x%02x" : "\\u%04x", static_cast<unsigned>(cp));
            out += buffer;
        }
        i += len;
    }
    return out;
}

namespace {
std::vector<std::string> escaped(std::vector<std::string> values)
{
    for (std::string& v : values)
        v = escapeControlCharacters(v);
    return values;
}
}  // namespace

std::string fillPlaceholders(std::string_view messageTemplate, const std::vector<std::string>& values)
{
    std::string out;
    out.reserve(messageTemplate.size());
    auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    size_t i = 0;
    while (i < messageTemplate.size()) {
        const char c = messageTemplate[i];
        // "%n" with n = 1 .. 99 (one or two digits, as QString::arg reads them).
        if (c == '%' && i + 1 < messageTemplate.size() && isDigit(messageTemplate[i + 1]) && messageTemplate[i + 1] != '0') {
            size_t end = i + 2;
            int n = messageTemplate[i + 1] - '0';
            if (end < messageTemplate.size() && isDigit(messageTemplate[end]))
                n = 10 * n + (messageTemplate[end++] - '0');
            if (static_cast<size_t>(n) <= values.size()) {
                out += values[static_cast<size_t>(n - 1)];
            } else {
                out.append(messageTemplate.substr(i, end - i));
            }
            i = end;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

Error::Error(ErrorKind kind, std::shared_ptr<const Parts> parts)
    : std::runtime_error(fillPlaceholders(parts->messageTemplate, parts->values)), kind_(kind), parts_(std::move(parts))
{
}

Error::Error(ErrorKind kind, const std::string& message)
    : Error(kind, std::make_shared<const Parts>(Parts{escapeControlCharacters(message), {}, nullptr}))
{
}

Error::Error(ErrorKind kind, std::string messageTemplate, std::vector<std::string> values)
    : Error(kind, std::make_shared<const Parts>(Parts{std::move(messageTemplate), escaped(std::move(values)), nullptr}))
{
}

namespace {
std::vector<std::string> withCause(std::vector<std::string> values, const Error& cause)
{
    values.emplace_back(cause.what());
    return values;
}
}  // namespace

Error::Error(ErrorKind kind, std::string messageTemplate, std::vector<std::string> values, const Error& cause)
    : Error(kind, std::make_shared<const Parts>(Parts{std::move(messageTemplate), withCause(escaped(std::move(values)), cause),
                                                      std::make_shared<const Error>(cause)}))
{
}

Error errorInFile(const std::string& source, const Error& cause)
{
    return fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: %2"), {source}, cause);
}

}  // namespace orderlens
