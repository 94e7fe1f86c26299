#include <awsreq/http/url_parts.hpp>

#include "../core/byte_scan.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <string>

namespace awsreq {
namespace {

Failure bad_url(std::string_view url, std::string_view part, std::string_view why) {
    Error e = make_error(error_type::invalid_url,
                         "invalid URL \"" + std::string(url.substr(0, 200)) + "\": " +
                             std::string(why),
                         std::string(part));
    return Failure{std::move(e)};
}

// Character classes for one pass over the authority.
enum : std::uint8_t { kHostChar = 1, kEndOfAuthority = 2 };
constexpr std::array<std::uint8_t, 256> kClass = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[c] = kHostChar;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = kHostChar;
    for (int c = '0'; c <= '9'; ++c) t[c] = kHostChar;
    t['-'] = t['.'] = t['_'] = kHostChar;
    t['/'] = t['?'] = t['#'] = kEndOfAuthority;
    return t;
}();

// True when any byte is below 0x20 or is DEL.
bool has_control_character(std::string_view s) {
    using namespace detail;
    return any_byte(
        s, [](std::uint64_t x) { return (bytes_below(x, 0x20) | bytes_equal(x, 0x7f)) != 0; },
        [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

Result<void> check_port(std::string_view url, std::string_view port) {
    if (port.size() > 5) return bad_url(url, "port", "the port is out of range");
    unsigned v = 0;
    for (char ch : port) {
        if (ch < '0' || ch > '9') return bad_url(url, "port", "the port is not a number");
        v = v * 10 + static_cast<unsigned>(ch - '0');
    }
    if (v == 0 || v > 65535) return bad_url(url, "port", "the port is out of range");
    return {};
}

}  // namespace

Result<UrlParts> split_url(std::string_view url) {
    UrlParts p;
    if (url.empty()) return bad_url(url, "url", "it is empty");
    if (has_control_character(url)) return bad_url(url, "url", "it contains a control character");
    std::string_view rest = url;
    if (rest.front() != '/') {
        std::size_t after_scheme;
        if (rest.starts_with("https://")) after_scheme = 8;
        else if (rest.starts_with("http://")) after_scheme = 7;
        else if (rest.find("://") == std::string_view::npos)
            return bad_url(url, "scheme", "expected http(s)://host/... or a path starting with '/'");
        else
            return bad_url(url, "scheme", "the scheme must be http or https");
        p.scheme = rest.substr(0, after_scheme - 3);
        rest.remove_prefix(after_scheme);
        // One pass: where the authority ends, its last ':', and whether all else is host text.
        std::size_t end = 0, last_colon = std::string_view::npos;
        bool all_host = true, has_at = false;
        for (; end < rest.size(); ++end) {
            char c = rest[end];
            std::uint8_t k = kClass[static_cast<unsigned char>(c)];
            if (k == kHostChar) continue;
            if (k == kEndOfAuthority) break;
            if (c == ':') last_colon = end;
            else {
                all_host = false;
                has_at |= c == '@';
            }
        }
        p.authority = rest.substr(0, end);
        rest.remove_prefix(end);
        if (has_at) return bad_url(url, "host", "user information in URLs is not supported");
        if (p.authority.empty()) return bad_url(url, "host", "the host is empty");
        std::string_view hostport = p.authority;
        if (hostport.front() == '[') {
            auto close = hostport.find(']');
            if (close == std::string_view::npos)
                return bad_url(url, "host", "unterminated IPv6 literal");
            p.host = hostport.substr(0, close + 1);
            for (char c : p.host.substr(1, p.host.size() - 2))
                if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'))
                    return bad_url(url, "host", "invalid IPv6 literal");
            hostport.remove_prefix(close + 1);
            if (!hostport.empty() && hostport.front() != ':')
                return bad_url(url, "host", "unexpected text after the IPv6 literal");
            if (!hostport.empty()) p.port = hostport.substr(1);
        } else {
            p.host = hostport.substr(0, last_colon);
            if (last_colon != std::string_view::npos) p.port = hostport.substr(last_colon + 1);
            if (p.host.empty()) return bad_url(url, "host", "the host is empty");
            // A ':' inside the host (not the port separator) is no host character either.
            if (!all_host || p.host.find(':') != std::string_view::npos)
                return bad_url(url, "host", "the host has a character outside [A-Za-z0-9._-]");
        }
        if (p.authority.back() == ':') return bad_url(url, "port", "the port is empty");
        if (!p.port.empty())
            if (auto r = check_port(url, p.port); !r) return r.failure();
    }
    auto hash = rest.find('#');
    if (hash != std::string_view::npos) rest = rest.substr(0, hash);
    auto q = rest.find('?');
    p.path = rest.substr(0, q);
    if (q != std::string_view::npos) {
        p.query = rest.substr(q + 1);
        p.has_query = true;
    }
    if (p.path.empty()) p.path = "/";
    return p;
}

std::string_view host_header_for(const UrlParts& parts) noexcept {
    if ((parts.scheme == "https" && parts.port == "443") ||
        (parts.scheme == "http" && parts.port == "80"))
        return parts.host;
    return parts.authority;
}

}  // namespace awsreq
