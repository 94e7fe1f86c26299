#include <awsreq/http/url_parts.hpp>

#include <array>
#include <cctype>
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

constexpr std::array<bool, 256> kHostChar = [] {
    std::array<bool, 256> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
    for (int c = '0'; c <= '9'; ++c) t[c] = true;
    t['-'] = t['.'] = t['_'] = true;
    return t;
}();

bool is_host_char(char c) { return kHostChar[static_cast<unsigned char>(c)]; }

}  // namespace

Result<UrlParts> split_url(std::string_view url) {
    UrlParts p;
    if (url.empty()) return bad_url(url, "url", "it is empty");
    unsigned char lowest = 0xff;
    bool has_del = false;
    for (char c : url) {
        auto u = static_cast<unsigned char>(c);
        lowest = u < lowest ? u : lowest;
        has_del |= u == 0x7f;
    }
    if (lowest < 0x20 || has_del) return bad_url(url, "url", "it contains a control character");
    std::string_view rest = url;
    if (rest.front() != '/') {
        auto colon = rest.find("://");
        if (colon == std::string_view::npos)
            return bad_url(url, "scheme", "expected http(s)://host/... or a path starting with '/'");
        p.scheme = rest.substr(0, colon);
        if (p.scheme != "https" && p.scheme != "http")
            return bad_url(url, "scheme", "the scheme must be http or https");
        rest.remove_prefix(colon + 3);
        std::size_t end = 0;
        while (end < rest.size() && rest[end] != '/' && rest[end] != '?' && rest[end] != '#') ++end;
        if (end == rest.size()) end = std::string_view::npos;
        p.authority = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
        if (p.authority.find('@') != std::string_view::npos)
            return bad_url(url, "host", "user information in URLs is not supported");
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
            auto c = hostport.rfind(':');
            p.host = hostport.substr(0, c);
            if (c != std::string_view::npos) p.port = hostport.substr(c + 1);
            if (p.host.empty()) return bad_url(url, "host", "the host is empty");
            for (char ch : p.host)
                if (!is_host_char(ch))
                    return bad_url(url, "host", "the host has a character outside [A-Za-z0-9._-]");
        }
        if (p.authority.back() == ':') return bad_url(url, "port", "the port is empty");
        if (!p.port.empty()) {
            if (p.port.size() > 5) return bad_url(url, "port", "the port is out of range");
            unsigned v = 0;
            for (char ch : p.port) {
                if (ch < '0' || ch > '9') return bad_url(url, "port", "the port is not a number");
                v = v * 10 + static_cast<unsigned>(ch - '0');
            }
            if (v == 0 || v > 65535) return bad_url(url, "port", "the port is out of range");
        }
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
