#include "errors.h"

namespace orderlens {

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
    : std::runtime_error(message), kind_(kind), parts_(std::make_shared<const Parts>(Parts{message, {}, nullptr}))
{
}

Error::Error(ErrorKind kind, std::string messageTemplate, std::vector<std::string> values)
    : Error(kind, std::make_shared<const Parts>(Parts{std::move(messageTemplate), std::move(values), nullptr}))
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
    : Error(kind, std::make_shared<const Parts>(Parts{std::move(messageTemplate), withCause(std::move(values), cause),
                                                      std::make_shared<const Error>(cause)}))
{
}

Error errorInFile(const std::string& source, const Error& cause)
{
    return fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: %2"), {source}, cause);
}

}  // namespace orderlens
