// awsreq http: splitting a request URL into the parts SigV4 works on.
#pragma once

#include <awsreq/core/result.hpp>

#include <string_view>

namespace awsreq {

/// The pieces of an absolute (`https://host:port/path?query`) or origin-form (`/path?query`)
/// request target, as views into the original text. The path keeps its wire form.
struct UrlParts {
    std::string_view scheme;     ///< "https", "http", or empty for origin-form
    std::string_view authority;  ///< "host" or "host:port" (no user info); empty for origin-form
    std::string_view host;       ///< authority without the port; brackets kept for IPv6
    std::string_view port;       ///< digits, or empty
    std::string_view path;       ///< "/" when the URL has none
    std::string_view query;      ///< without the '?'
    bool has_query = false;      ///< '?' present, even when the query is empty
};

/// Splits and checks a request URL: the scheme must be http or https, the host a DNS name or IP
/// literal, the port 1-65535; no control characters anywhere. Errors name the URL part at fault.
[[nodiscard]] Result<UrlParts> split_url(std::string_view url);

/// The Host header value for an absolute URL: the port is omitted when it is the scheme's default.
[[nodiscard]] std::string_view host_header_for(const UrlParts& parts) noexcept;

}  // namespace awsreq
