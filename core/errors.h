#pragma once
// Typed errors with messages a user understands. The CLI maps the kind to its exit code
// (Usage -> 2, BadInput / BadFile -> 3); the app shows the message once.
#include <stdexcept>
#include <string>

namespace orderlens {

enum class ErrorKind { Usage, BadInput, BadFile };

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const { return kind_; }

private:
    ErrorKind kind_;
};

inline Error usageError(const std::string& m) { return Error(ErrorKind::Usage, m); }
inline Error inputError(const std::string& m) { return Error(ErrorKind::BadInput, m); }
inline Error fileError(const std::string& m) { return Error(ErrorKind::BadFile, m); }

}  // namespace orderlens
