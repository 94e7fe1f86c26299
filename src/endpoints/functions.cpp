#include "functions.hpp"

#include <awsreq/core/encoding.hpp>

namespace awsreq::endpoints::detail {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_hex(char c) noexcept { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool single_label(std::string_view s) noexcept {
    if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-') return false;
    for (char c : s)
        if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
    return true;
}

template <class F>
bool all_labels(std::string_view s, F&& check) {
    std::size_t start = 0;
    while (true) {
        std::size_t dot = s.find('.', start);
        if (!check(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start))) return false;
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

// botocore's IPV4_RE: four dot-separated runs of 1-3 digits (values are not range-checked).
bool ipv4_pattern(std::string_view s) noexcept {
    int groups = 0;
    std::size_t i = 0;
    while (true) {
        std::size_t start = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i == start || i - start > 3) return false;
        if (++groups == 4) return i == s.size();
        if (i >= s.size() || s[i] != '.') return false;
        ++i;
    }
}

// RFC 3986 IPv6address, as botocore's IPV6_PAT spells it (h16 groups, "::" once, an
// optional trailing IPv4 in place of the last two groups).
bool ipv6_address(std::string_view s) noexcept {
    if (s.empty()) return false;
    int groups = 0;
    bool compressed = false;
    std::size_t i = 0;
    if (s.substr(0, 2) == "::") {
        compressed = true;
        i = 2;
        if (i == s.size()) return true;
    } else if (s[0] == ':') {
        return false;
    }
    while (i < s.size()) {
        std::size_t start = i;
        while (i < s.size() && is_hex(s[i]) && i - start < 5) ++i;
        std::size_t len = i - start;
        if (i < s.size() && s[i] == '.') {
            // Embedded IPv4: must be the tail and count as two groups.
            std::string_view tail = s.substr(start);
            if (!ipv4_pattern(tail)) return false;
            groups += 2;
            i = s.size();
            break;
        }
        if (len == 0 || len > 4) return false;
        ++groups;
        if (i == s.size()) break;
        if (s[i] != ':') return false;
        ++i;
        if (i < s.size() && s[i] == ':') {
            if (compressed) return false;
            compressed = true;
            ++i;
            if (i == s.size()) break;
        } else if (i == s.size()) {
            return false;  // trailing single ':'
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

bool zone_id(std::string_view z) noexcept {
    if (z.substr(0, 3) == "%25") z.remove_prefix(3);
    else if (!z.empty() && z[0] == '%') z.remove_prefix(1);
    else return false;
    if (z.empty()) return false;
    for (std::size_t i = 0; i < z.size(); ++i) {
        char c = z[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '_' || c == '!' ||
            c == '-' || c == '~')
            continue;
        if (c == '%' && i + 2 < z.size() && is_hex(z[i + 1]) && is_hex(z[i + 2])) {
            i += 2;
            continue;
        }
        return false;
    }
    return true;
}

// "[" IPv6 (zone)? "]" as botocore checks the (bracket-wrapped) hostname.
bool ipv6_with_zone(std::string_view host) noexcept {
    std::size_t pct = host.find('%');
    if (pct == std::string_view::npos) return ipv6_address(host);
    return ipv6_address(host.substr(0, pct)) && zone_id(host.substr(pct));
}

std::string remove_dot_segments(std::string_view url) {
    if (url.empty()) return {};
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        std::size_t slash = url.find('/', start);
        std::string_view seg = url.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (!seg.empty() && seg != ".") {
            if (seg == "..") {
                if (!out.empty()) out.pop_back();
            } else {
                out.push_back(seg);
            }
        }
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    std::string result = url.front() == '/' ? "/" : "";
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i) result += '/';
        result += out[i];
    }
    if (url.back() == '/' && !out.empty()) result += '/';
    return result;
}

}  // namespace

bool is_valid_host_label(std::string_view value, const Value& allow_subdomains) {
    bool allow_is_false = allow_subdomains.is_bool() && !allow_subdomains.b;
    bool allow_is_true = allow_subdomains.is_bool() && allow_subdomains.b;
    if (allow_is_false && value.find('.') != std::string_view::npos) return false;
    if (allow_is_true) return all_labels(value, [](std::string_view l) { return single_label(l); });
    return single_label(value);
}

bool is_virtual_hostable_s3_bucket(std::string_view value, const Value& allow_subdomains) {
    if (value.size() < 3 || ipv4_pattern(value)) return false;
    for (char c : value)
        if (c >= 'A' && c <= 'Z') return false;
    if (allow_subdomains.is_bool() && allow_subdomains.b)
        return all_labels(value, [](std::string_view l) { return is_virtual_hostable_s3_bucket(l, Value::boolean(false)); });
    return is_valid_host_label(value, Value::boolean(false));
}

Value parse_url(std::string_view original) {
    // urlsplit: strip leading C0 controls and spaces, drop tabs and newlines.
    std::string url;
    {
        std::size_t i = 0;
        while (i < original.size() && static_cast<unsigned char>(original[i]) <= 0x20) ++i;
        for (; i < original.size(); ++i)
            if (original[i] != '\t' && original[i] != '\r' && original[i] != '\n') url += original[i];
    }
    std::string scheme;
    std::string_view rest = url;
    if (std::size_t colon = rest.find(':'); colon != std::string_view::npos && colon > 0 &&
                                            ((rest[0] >= 'a' && rest[0] <= 'z') || (rest[0] >= 'A' && rest[0] <= 'Z'))) {
        bool ok = true;
        for (std::size_t i = 0; i < colon; ++i) {
            char c = rest[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '+' || c == '-' || c == '.')) {
                ok = false;
                break;
            }
        }
        if (ok) {
            scheme = ascii_lower(rest.substr(0, colon));
            rest.remove_prefix(colon + 1);
        }
    }
    std::string_view netloc;
    if (rest.substr(0, 2) == "//") {
        std::size_t end = rest.find_first_of("/?#", 2);
        netloc = rest.substr(2, end == std::string_view::npos ? std::string_view::npos : end - 2);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
        bool open = netloc.find('[') != std::string_view::npos, close = netloc.find(']') != std::string_view::npos;
        if (open != close) return Value{};  // urlparse raises "Invalid IPv6 URL"
    }
    if (std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
    std::string_view query;
    if (std::size_t q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    // urlparse splits ";params" off the last path segment for http(s).
    std::string_view path = rest;
    if ((scheme == "http" || scheme == "https") && path.find(';') != std::string_view::npos) {
        std::size_t last_slash = path.rfind('/');
        std::size_t semi = path.find(';', last_slash == std::string_view::npos ? 0 : last_slash);
        if (semi != std::string_view::npos) path = path.substr(0, semi);
    }
    // Host and port (botocore calls .port, which raises on a bad one).
    std::string_view hostinfo = netloc;
    if (std::size_t at = hostinfo.rfind('@'); at != std::string_view::npos) hostinfo.remove_prefix(at + 1);
    std::string_view hostname, port;
    if (std::size_t br = hostinfo.find('['); br != std::string_view::npos) {
        std::string_view bracketed = hostinfo.substr(br + 1);
        std::size_t close = bracketed.find(']');
        hostname = bracketed.substr(0, close);
        std::string_view after = close == std::string_view::npos ? std::string_view{} : bracketed.substr(close + 1);
        // urlsplit refuses text around the brackets and a bracketed host that is no IPv6
        // address (IPvFuture "v..." aside); botocore lets that ValueError out, we say "no URL".
        if (br != 0 || (!after.empty() && after.front() != ':')) return Value{};
        if (hostname.empty() || (hostname.front() != 'v' && hostname.front() != 'V' &&
                                 !ipv6_address(hostname.substr(0, hostname.find('%')))))
            return Value{};
        if (!after.empty()) port = after.substr(1);
    } else {
        std::size_t c = hostinfo.find(':');
        hostname = hostinfo.substr(0, c);
        if (c != std::string_view::npos) port = hostinfo.substr(c + 1);
    }
    if (!port.empty()) {
        unsigned long n = 0;
        for (char c : port) {
            if (!is_digit(c)) return Value{};
            n = n * 10 + static_cast<unsigned long>(c - '0');
            if (n > 65535) return Value{};
        }
    }
    if ((scheme != "https" && scheme != "http") || !query.empty()) return Value{};

    std::string normalized = uri_encode(path.empty() ? std::string("/") : remove_dot_segments(path), true);
    if (normalized.empty() || normalized.back() != '/') normalized += '/';

    std::string host = ascii_lower(hostname);
    bool is_ip = ipv4_pattern(host);
    if (!is_ip && original.find_first_of("\t\r\n") == std::string_view::npos) is_ip = ipv6_with_zone(host);

    auto o = std::make_shared<Object>();
    o->fields.reserve(5);
    o->fields.emplace_back("scheme", Value::string(std::move(scheme)));
    o->fields.emplace_back("authority", Value::string(std::string(netloc)));
    o->fields.emplace_back("path", Value::string(std::string(path)));
    o->fields.emplace_back("normalizedPath", Value::string(std::move(normalized)));
    o->fields.emplace_back("isIp", Value::boolean(is_ip));
    return Value::object(std::move(o));
}

Value parse_arn(std::string_view value) {
    if (value.substr(0, 4) != "arn:") return Value{};
    std::string_view parts[6];
    std::size_t start = 0;
    for (int i = 0; i < 5; ++i) {
        std::size_t colon = value.find(':', start);
        if (colon == std::string_view::npos) return Value{};
        parts[i] = value.substr(start, colon - start);
        start = colon + 1;
    }
    parts[5] = value.substr(start);
    if (parts[1].empty() || parts[2].empty() || parts[5].empty()) return Value{};
    char delimiter = parts[5].find(':') != std::string_view::npos ? ':' : '/';
    auto ids = std::make_shared<Array>();
    std::size_t s = 0;
    while (true) {
        std::size_t d = parts[5].find(delimiter, s);
        ids->push_back(Value::string(std::string(parts[5].substr(s, d == std::string_view::npos ? std::string_view::npos : d - s))));
        if (d == std::string_view::npos) break;
        s = d + 1;
    }
    auto o = std::make_shared<Object>();
    o->fields.reserve(5);
    o->fields.emplace_back("partition", Value::string(std::string(parts[1])));
    o->fields.emplace_back("service", Value::string(std::string(parts[2])));
    o->fields.emplace_back("region", Value::string(std::string(parts[3])));
    o->fields.emplace_back("accountId", Value::string(std::string(parts[4])));
    o->fields.emplace_back("resourceId", Value::array(std::move(ids)));
    return Value::object(std::move(o));
}

Value get_attr(const Value& value, const std::vector<AttrStep>& steps) {
    const Value* v = &value;
    for (const auto& step : steps) {
        if (v->kind != Value::Kind::object) return Value{};
        const Value* field = v->o->find(step.name);
        if (step.index >= 0) {
            if (!field || field->is_null()) return Value{};
            auto idx = static_cast<std::uint64_t>(step.index);
            if (field->kind == Value::Kind::array)
                return idx < field->a->size() ? (*field->a)[idx] : Value{};
            if (field->kind == Value::Kind::string)  // Python indexes strings by character
                return idx < field->s.size() ? Value::string(std::string(1, field->s[idx])) : Value{};
            return Value{};
        }
        if (!field) return Value{};
        v = field;
    }
    return *v;
}

Value substring(std::string_view value, std::int64_t start, std::int64_t stop, bool reverse) {
    for (char c : value)
        if (static_cast<unsigned char>(c) > 0x7f) return Value{};
    auto len = static_cast<std::int64_t>(value.size());
    if (start < 0 || start >= stop || len < stop) return Value{};
    if (reverse) return Value::string(std::string(value.substr(static_cast<std::size_t>(len - stop), static_cast<std::size_t>(stop - start))));
    return Value::string(std::string(value.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(stop - start))));
}

}  // namespace awsreq::endpoints::detail
