// awsreq core: the one error value every layer returns.
#pragma once

#include <stdexcept>
#include <string>

namespace awsreq {

/// A typed, printable error. `type` is a stable name (the one the command line prints and batch
/// mode puts in {"error": {"type": ...}}); `field`, `file` and `line` locate the offending input.
/// Messages never carry secrets: code that builds an Error must only name a secret, never show it.
struct Error {
    std::string type;     ///< e.g. "ParamValidationError", "InvalidRequest"
    std::string message;  ///< human-readable, secret-free
    std::string field;    ///< offending field or path; empty when not applicable
    std::string file;     ///< file being read; empty when not applicable
    int line = 0;         ///< 1-based line in `file` (or in the input text); 0 when unknown

    /// "Type: message" plus " (file:line)" / " [field]" locators when present.
    [[nodiscard]] std::string to_string() const;
};

/// Stable error type names used across the library.
namespace error_type {
inline constexpr const char* invalid_request = "InvalidRequestError";       // malformed HTTP request
inline constexpr const char* invalid_url = "InvalidUrlError";
inline constexpr const char* invalid_header = "InvalidHeaderError";
inline constexpr const char* invalid_credentials = "InvalidCredentialsError";
inline constexpr const char* invalid_argument = "InvalidArgumentError";     // a bad option value
inline constexpr const char* invalid_time = "InvalidTimeError";
inline constexpr const char* invalid_expiry = "InvalidExpiryError";
inline constexpr const char* parse_error = "ParseError";                    // malformed text input
inline constexpr const char* json_error = "JsonParseError";
inline constexpr const char* param_validation = "ParamValidationError";
inline constexpr const char* unknown_service = "UnknownServiceError";
inline constexpr const char* unknown_operation = "OperationNotFoundError";
inline constexpr const char* data_not_found = "DataNotFoundError";
inline constexpr const char* endpoint_resolution = "EndpointResolutionError";
inline constexpr const char* config_parse = "ConfigParseError";
inline constexpr const char* credentials_error = "CredentialRetrievalError";
inline constexpr const char* no_credentials = "NoCredentialsError";
inline constexpr const char* io_error = "IOError";
}  // namespace error_type

/// Builds an Error; a helper so call sites stay one line.
[[nodiscard]] Error make_error(std::string type, std::string message, std::string field = {});

/// Thrown only at the convenience edge (`Result::value()` on an error, `unwrap`).
class Exception : public std::runtime_error {
public:
    explicit Exception(Error e);
    [[nodiscard]] const Error& error() const noexcept { return error_; }

private:
    Error error_;
};

}  // namespace awsreq
