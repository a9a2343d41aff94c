#pragma once
// Typed errors with messages a user understands. The CLI maps the kind to its exit code
// (Usage -> 2, BadInput / BadFile -> 3) and prints what(); the app translates the message
// (app/error_text.h) and shows it once.
//
// A message is an English template with Qt-style placeholders %1 %2 ... and the values that
// fill them: "the sentence has %1 tokens, but model %2 handles at most %3 positions" with
// {"9", "random:learned", "8"}. what() is the template with its values filled in. Templates are
// written as QT_TRANSLATE_NOOP("orderlens::core", "...") so that Qt's lupdate finds them in
// core/, which includes no Qt; app/ looks the template up in the translation and fills in the
// same values.
//
// An error may wrap another one, its cause: fail(source, ...) gives "%1: %2" with the file
// name as %1 and the cause's English text as %2, the last value. app/ translates the cause
// from its own template, so both parts reach the window translated.
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// Marks a template for lupdate; the text itself is the value. Spelled exactly as Qt's own
// definition (qglobal.h), so including Qt after this header redefines it harmlessly.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif

namespace orderlens {

enum class ErrorKind { Usage, BadInput, BadFile };

// The template with %n replaced by values[n - 1], for n = 1 .. 99, in one pass: a value that
// itself contains "%2" is not filled again. A placeholder without a value stays as written.
std::string fillPlaceholders(std::string_view messageTemplate, const std::vector<std::string>& values);

class Error : public std::runtime_error {
public:
    // A plain message, shown as it is (nothing to fill in, no translation).
    Error(ErrorKind kind, const std::string& message);
    // messageTemplate: English with %1 .. %n; values: the n texts that fill them.
    Error(ErrorKind kind, std::string messageTemplate, std::vector<std::string> values);
    // Wraps `cause`: its English text fills the placeholder after `values` (%(n + 1)).
    Error(ErrorKind kind, std::string messageTemplate, std::vector<std::string> values, const Error& cause);

    ErrorKind kind() const { return kind_; }
    const std::string& messageTemplate() const { return parts_->messageTemplate; }
    // Every value, in placeholder order; with a cause, the last one is the cause's what().
    const std::vector<std::string>& values() const { return parts_->values; }
    // The wrapped error, or nullptr.
    const Error* cause() const { return parts_->cause.get(); }

private:
    // Shared, so that copying an Error (as throwing does) cannot throw.
    struct Parts {
        std::string messageTemplate;
        std::vector<std::string> values;
        std::shared_ptr<const Error> cause;
    };
    Error(ErrorKind kind, std::shared_ptr<const Parts> parts);

    ErrorKind kind_;
    std::shared_ptr<const Parts> parts_;
};

// Plain messages.
inline Error usageError(const std::string& m) { return Error(ErrorKind::Usage, m); }
inline Error inputError(const std::string& m) { return Error(ErrorKind::BadInput, m); }
inline Error fileError(const std::string& m) { return Error(ErrorKind::BadFile, m); }

// Templates (QT_TRANSLATE_NOOP("orderlens::core", "...")) and the values that fill them.
inline Error usageError(const char* messageTemplate, std::vector<std::string> values)
{
    return Error(ErrorKind::Usage, messageTemplate, std::move(values));
}
inline Error inputError(const char* messageTemplate, std::vector<std::string> values)
{
    return Error(ErrorKind::BadInput, messageTemplate, std::move(values));
}
inline Error fileError(const char* messageTemplate, std::vector<std::string> values)
{
    return Error(ErrorKind::BadFile, messageTemplate, std::move(values));
}
// ... and a wrapped cause that fills the placeholder after the values.
inline Error inputError(const char* messageTemplate, std::vector<std::string> values, const Error& cause)
{
    return Error(ErrorKind::BadInput, messageTemplate, std::move(values), cause);
}
inline Error fileError(const char* messageTemplate, std::vector<std::string> values, const Error& cause)
{
    return Error(ErrorKind::BadFile, messageTemplate, std::move(values), cause);
}

// `text` made safe to print as one line on a terminal: control characters (C0 such as ESC, BEL, CR,
// LF and tab; DEL; C1), line and paragraph separators and bidirectional overrides become
// visible escapes (\x1b, \r, \u009b, \u202e), and bytes that are not UTF-8 become \xNN. Other
// text, Chinese included, is unchanged; applying it twice changes nothing more. Every Error
// escapes its values and plain messages with it, so what() never carries a raw control byte from
// a sentence, a file name or a file's contents.
std::string escapeControlCharacters(std::string_view text);

// Error(BadFile) "<source>: <cause>", e.g. "config.json: \"hidden_size\" must be an integer".
Error errorInFile(const std::string& source, const Error& cause);

}  // namespace orderlens
