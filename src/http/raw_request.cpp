#include <awsreq/http/raw_request.hpp>

#include <awsreq/core/encoding.hpp>
#include <awsreq/http/url_parts.hpp>

#include "../core/byte_scan.hpp"

#include <array>
#include <cstdint>

namespace awsreq {
namespace {

// RFC 9110 token characters.
constexpr std::array<bool, 256> kTchar = [] {
    std::array<bool, 256> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
    for (int c = '0'; c <= '9'; ++c) t[c] = true;
    for (char c : std::string_view("!#$%&'*+-.^_`|~")) t[static_cast<unsigned char>(c)] = true;
    return t;
}();

bool is_tchar(char c) { return kTchar[static_cast<unsigned char>(c)]; }

// True when a header value has a control character other than tab.
bool has_value_control(std::string_view v) {
    using namespace detail;
    return any_byte(
        v, [](std::uint64_t x) { return ((bytes_below(x, 0x20) & ~bytes_equal(x, '\t')) | bytes_equal(x, 0x7f)) != 0; },
        [](unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; });
}

// The common case: a token name and a value free of control characters.
bool is_plain_header(std::string_view name, std::string_view value) {
    if (name.empty()) return false;
    for (char c : name)
        if (!is_tchar(c)) return false;
    return !has_value_control(value);
}

Failure bad_request(int line, std::string message, std::string field = {}) {
    Error e = make_error(error_type::invalid_request, std::move(message), std::move(field));
    e.line = line;
    return Failure{std::move(e)};
}

// Splits off one line; accepts LF or CRLF.
std::string_view next_line(std::string_view& text, bool& had_newline) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    had_newline = nl != std::string_view::npos;
    text = had_newline ? text.substr(nl + 1) : std::string_view{};
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

std::string shell_quote(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out.push_back(c);
    }
    out += '\'';
    return out;
}

}  // namespace

Result<void> validate_header(std::string_view name, std::string_view value) {
    if (is_plain_header(name, value)) return {};
    if (name.empty()) return fail(error_type::invalid_header, "a header name is empty", "header");
    for (char c : name)
        if (!is_tchar(c))
            return fail(error_type::invalid_header,
                        "header name \"" + std::string(name.substr(0, 100)) +
                            "\" has a character not allowed in a field name",
                        std::string(name));
    bool any_control = false;
    for (char ch : value) {
        auto c = static_cast<unsigned char>(ch);
        any_control |= (c < 0x20 && c != '\t') || c == 0x7f;
    }
    if (!any_control) return {};
    for (std::size_t i = 0; i < value.size(); ++i) {
        auto c = static_cast<unsigned char>(value[i]);
        bool folding = (c == '\n' && i + 1 < value.size() && (value[i + 1] == ' ' || value[i + 1] == '\t'));
        if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n' && i + 2 < value.size() &&
            (value[i + 2] == ' ' || value[i + 2] == '\t'))
            folding = true;
        if ((c < 0x20 && c != '\t' && !folding) || c == 0x7f)
            return fail(error_type::invalid_header,
                        "the value of header \"" + std::string(name) +
                            "\" contains a control character",
                        std::string(name));
    }
    return {};
}

Result<SignedRequest> parse_raw_request(std::string_view text) {
    SignedRequest r;
    bool nl = false;
    int lineno = 1;
    std::string_view request_line = next_line(text, nl);
    if (request_line.empty()) return bad_request(1, "the request line is empty", "request-line");
    auto sp1 = request_line.find(' ');
    auto sp2 = request_line.rfind(' ');
    if (sp1 == std::string_view::npos || sp2 == sp1)
        return bad_request(1, "the request line must be \"METHOD target HTTP/1.1\"", "request-line");
    std::string_view method = request_line.substr(0, sp1);
    std::string_view target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    std::string_view version = request_line.substr(sp2 + 1);
    for (char c : method)
        if (!is_tchar(c)) return bad_request(1, "the method is not a valid token", "method");
    if (version.substr(0, 5) != "HTTP/")
        return bad_request(1, "the request line does not end with an HTTP version", "version");
    if (target.empty()) return bad_request(1, "the request target is empty", "target");
    auto url = split_url(target);
    if (!url) {
        Error e = url.error();
        e.line = 1;
        return Failure{std::move(e)};
    }
    r.method = std::string(method);
    r.url = std::string(target);
    while (true) {
        if (!nl) break;  // no blank line: no body
        std::string_view line = next_line(text, nl);
        ++lineno;
        if (line.empty()) break;
        if (line.front() == ' ' || line.front() == '\t') {
            if (r.headers.empty())
                return bad_request(lineno, "a continuation line comes before any header", "header");
            // Keep the fold as written so the request renders back byte for byte.
            auto& last = *(r.headers.end() - 1);
            last.value += '\n';
            last.value += line;
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string_view::npos)
            return bad_request(lineno, "header line has no ':'", "header");
        std::string_view name = line.substr(0, colon);
        std::string_view value = line.substr(colon + 1);
        if (auto v = validate_header(name, value); !v) {
            Error e = v.error();
            e.line = lineno;
            return Failure{std::move(e)};
        }
        r.headers.add(std::string(name), std::string(value));
    }
    r.body = std::string(text);
    if (url->authority.empty() && !r.headers.contains("host"))
        return bad_request(1, "an origin-form request needs a Host header", "Host");
    return r;
}

std::string to_http(const SignedRequest& r, LineEnding eol) {
    const char* nl = eol == LineEnding::crlf ? "\r\n" : "\n";
    std::string target = r.url;
    if (auto parts = split_url(r.url); parts && !parts->authority.empty()) {
        std::string_view u = r.url;
        auto start = u.find(parts->authority) + parts->authority.size();
        target = std::string(u.substr(start));
        if (target.empty() || target.front() != '/') target.insert(0, "/");
    }
    std::string out;
    out.reserve(r.body.size() + 256);
    out += r.method;
    out += ' ';
    out += target;
    out += " HTTP/1.1";
    out += nl;
    for (const auto& h : r.headers) {
        out += h.name;
        out += ':';
        out += h.value;
        out += nl;
    }
    out += nl;
    out += r.body;
    return out;
}

namespace {
std::string absolute_url(const SignedRequest& r, std::string_view scheme) {
    if (!r.url.empty() && r.url.front() == '/') {
        auto host = r.headers.get("host");
        std::string h = host ? std::string(*host) : std::string();
        while (!h.empty() && (h.front() == ' ' || h.front() == '\t')) h.erase(0, 1);
        return std::string(scheme) + "://" + h + r.url;
    }
    return r.url;
}
}  // namespace

std::string to_curl(const SignedRequest& r) {
    std::string out = "curl -X " + shell_quote(r.method);
    for (const auto& h : r.headers) {
        std::string v = h.value;
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(0, 1);
        out += " -H " + shell_quote(h.name + ": " + v);
    }
    if (!r.body.empty()) out += " --data-binary " + shell_quote(r.body);
    out += " " + shell_quote(absolute_url(r, "https"));
    return out;
}

std::string to_json(const SignedRequest& r, std::string_view default_scheme) {
    std::string out;
    out.reserve(256 + r.body.size() + r.headers.size() * 64);
    out += "{\"method\":";
    out += json_quote(r.method);
    out += ",\"url\":";
    out += json_quote(absolute_url(r, default_scheme));
    out += ",\"headers\":{";
    bool first = true;
    for (std::size_t i = 0; i < r.headers.size(); ++i) {
        const Header& h = r.headers[i];
        bool seen = false;
        for (std::size_t j = 0; j < i; ++j)
            if (iequals(r.headers[j].name, h.name)) seen = true;
        if (seen) continue;
        std::string value;
        for (std::size_t j = i; j < r.headers.size(); ++j) {
            if (!iequals(r.headers[j].name, h.name)) continue;
            if (!value.empty()) value += ", ";
            value += r.headers[j].value;
        }
        if (!first) out += ',';
        first = false;
        out += json_quote(h.name);
        out += ':';
        out += json_quote(value);
    }
    out += '}';
    if (is_valid_utf8(r.body)) {
        out += ",\"body\":";
        out += json_quote(r.body);
    } else {
        out += ",\"body_base64\":";
        out += json_quote(base64_encode(r.body));
    }
    out += '}';
    return out;
}

}  // namespace awsreq
