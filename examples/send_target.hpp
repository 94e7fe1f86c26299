// Shared by the transport adapter examples: where to connect for a SignedRequest, and the
// response every adapter returns. Header-only, no dependency beyond awsreq.
#pragma once

#include <awsreq/http/request.hpp>
#include <awsreq/http/url_parts.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace awsreq::examples {

/// ASCII case-insensitive comparison of header names.
[[nodiscard]] inline bool same_header_name(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return (x | 0x20) == (y | 0x20); });
}

/// What came back: status, headers in arrival order, body.
struct HttpResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// The first header with this name (case-insensitive), or "".
    [[nodiscard]] std::string header(std::string_view name) const {
        for (const auto& [n, v] : headers) {
            if (same_header_name(n, name)) return v;
        }
        return {};
    }
};

/// Optional override of the address to connect to. The Host header stays the one that was
/// signed (the URL's authority), so `bucket.localhost:8000` can be reached at 127.0.0.1 without
/// DNS, as with curl's --connect-to.
struct ConnectTo {
    std::string host;  ///< empty: the URL's host
    int port = 0;      ///< 0: the URL's port (or the scheme's default)
};

/// Where a request goes on the wire: the socket address, the Host header value and the
/// request target (path and query, exactly as signed).
struct SendTarget {
    std::string scheme;
    std::string connect_host;
    int connect_port = 0;
    std::string host_header;
    std::string target;  ///< "/path?query"
};

/// Splits the request's absolute URL. Origin-form URLs take the Host header as the authority.
/// Throws std::invalid_argument for a URL awsreq would not have produced.
[[nodiscard]] inline SendTarget send_target(const SignedRequest& req, const ConnectTo& to = {}) {
    auto parts = split_url(req.url);
    if (!parts) throw std::invalid_argument(parts.error().to_string());
    SendTarget t;
    t.scheme = parts->scheme.empty() ? "http" : std::string(parts->scheme);
    if (parts->authority.empty()) {
        auto host = req.headers.get("Host");
        if (!host) throw std::invalid_argument("origin-form URL without a Host header");
        t.host_header = std::string(*host);
        auto colon = t.host_header.rfind(':');
        t.connect_host = t.host_header.substr(0, colon);
        if (colon != std::string::npos) t.connect_port = std::stoi(t.host_header.substr(colon + 1));
    } else {
        t.host_header = req.headers.get("Host").value_or(host_header_for(*parts));
        t.connect_host = std::string(parts->host);
        if (!parts->port.empty()) t.connect_port = std::stoi(std::string(parts->port));
    }
    if (t.connect_port == 0) t.connect_port = t.scheme == "https" ? 443 : 80;
    t.target = std::string(parts->path);
    if (parts->has_query) t.target += "?" + std::string(parts->query);
    if (!to.host.empty()) t.connect_host = to.host;
    if (to.port != 0) t.connect_port = to.port;
    return t;
}

}  // namespace awsreq::examples
