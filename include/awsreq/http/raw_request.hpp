// awsreq http: reading and writing raw HTTP/1.1 requests (the SigV4 test suite's request.txt).
#pragma once

#include <awsreq/core/result.hpp>
#include <awsreq/http/request.hpp>

#include <string>
#include <string_view>

namespace awsreq {

/// Parses a raw request: a request line `METHOD target HTTP/1.x`, then `Name:value` headers (a
/// line starting with whitespace continues the header above it), a blank line and the body.
/// LF and CRLF line endings are both accepted. The target may be origin-form (with a Host header)
/// or absolute. Header values are kept exactly as written (folding included), since signing
/// trims them and re-rendering must reproduce them. Errors give the line number.
[[nodiscard]] Result<SignedRequest> parse_raw_request(std::string_view text);

/// Checks a header name (RFC 9110 token) and value (no CR, LF except folding, or other control
/// characters). The error names the header.
[[nodiscard]] Result<void> validate_header(std::string_view name, std::string_view value);

enum class LineEnding { lf, crlf };

/// Renders `METHOD target HTTP/1.1`, `Name:value` lines, a blank line and the body. An absolute
/// URL is rendered as origin-form (the Host header carries the authority).
[[nodiscard]] std::string to_http(const SignedRequest& r, LineEnding eol = LineEnding::lf);

/// A shell-safe curl command line that sends the request as is.
[[nodiscard]] std::string to_curl(const SignedRequest& r);

/// `{"method": ..., "url": ..., "headers": {...}, "body": ...}`; `body_base64` replaces `body`
/// when the body is not UTF-8. Repeated headers are joined with ", ". For origin-form requests
/// the url is made absolute from the Host header, using `default_scheme`.
[[nodiscard]] std::string to_json(const SignedRequest& r, std::string_view default_scheme = "https");

}  // namespace awsreq
