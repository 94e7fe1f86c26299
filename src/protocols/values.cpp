#include "values.hpp"

#include <awsreq/core/encoding.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace awsreq::protocols::detail {

void append_python_float(std::string& out, double v) {
    if (std::isnan(v)) { out += "NaN"; return; }
    if (std::isinf(v)) { out += v < 0 ? "-Infinity" : "Infinity"; return; }
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<std::size_t>(r.ptr - buf));
    // sci is "[-]d[.ddd]e(+|-)XX": split into sign, digits and exponent.
    bool neg = sci.front() == '-';
    if (neg) sci.remove_prefix(1);
    auto e = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e))
        if (c != '.') digits += c;
    int exp = 0;
    std::from_chars(sci.data() + e + 1 + (sci[e + 1] == '+' ? 1 : 0), sci.data() + sci.size(), exp);
    if (neg) out += '-';
    const int n = static_cast<int>(digits.size());
    if (exp >= -4 && exp < 16) {  // Python's repr uses exponents outside 1e-4 .. 1e16
        if (exp < 0) {
            out += "0.";
            out.append(static_cast<std::size_t>(-exp - 1), '0');
            out += digits;
        } else if (exp + 1 >= n) {
            out += digits;
            out.append(static_cast<std::size_t>(exp + 1 - n), '0');
            out += ".0";
        } else {
            out.append(digits, 0, static_cast<std::size_t>(exp + 1));
            out += '.';
            out.append(digits, static_cast<std::size_t>(exp + 1));
        }
    } else {
        out += digits[0];
        if (n > 1) {
            out += '.';
            out.append(digits, 1);
        }
        out += 'e';
        out += exp < 0 ? '-' : '+';
        int a = exp < 0 ? -exp : exp;
        if (a < 10) out += '0';
        out += std::to_string(a);
    }
}

void append_python_str(std::string& out, const Json& v) {
    switch (v.type()) {
        case Json::value_t::string: out += v.get_ref<const std::string&>(); break;
        case Json::value_t::boolean: out += v.get<bool>() ? "True" : "False"; break;
        case Json::value_t::null: out += "None"; break;
        case Json::value_t::number_integer: out += std::to_string(v.get<std::int64_t>()); break;
        case Json::value_t::number_unsigned: out += std::to_string(v.get<std::uint64_t>()); break;
        case Json::value_t::number_float: append_python_float(out, v.get<double>()); break;
        default: out += v.dump(); break;
    }
}

std::string python_str(const Json& v) {
    std::string s;
    append_python_str(s, v);
    return s;
}

namespace {

std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
    auto days = std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
    return days.time_since_epoch().count();
}

bool read_digits(std::string_view s, std::size_t& pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    pos += n;
    out = v;
    return true;
}

std::optional<Instant> from_epoch(double secs) {
    if (!std::isfinite(secs) || std::fabs(secs) > 253402300799.0) return std::nullopt;
    double whole = std::floor(secs);
    Instant t;
    t.seconds = static_cast<std::int64_t>(whole);
    t.micros = static_cast<std::int32_t>(std::llround((secs - whole) * 1e6));
    if (t.micros >= 1000000) { t.seconds += 1; t.micros -= 1000000; }
    return t;
}

std::optional<Instant> parse_iso(std::string_view s) {
    std::size_t p = 0;
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (!read_digits(s, p, 4, y)) return std::nullopt;
    bool basic = !(p < s.size() && s[p] == '-');
    if (!basic) ++p;
    if (!read_digits(s, p, 2, mo)) return std::nullopt;
    if (!basic) { if (p >= s.size() || s[p] != '-') return std::nullopt; ++p; }
    if (!read_digits(s, p, 2, d)) return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
    if (!std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                     std::chrono::day{static_cast<unsigned>(d)}}.ok())
        return std::nullopt;
    std::int32_t micros = 0;
    int offset_s = 0;
    if (p < s.size()) {
        if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return std::nullopt;
        ++p;
        if (!read_digits(s, p, 2, h)) return std::nullopt;
        if (p < s.size() && s[p] == ':') ++p;
        if (!read_digits(s, p, 2, mi)) return std::nullopt;
        if (p < s.size() && s[p] == ':') ++p;
        if (p < s.size() && s[p] >= '0' && s[p] <= '9' && !read_digits(s, p, 2, sec)) return std::nullopt;
        if (h > 24 || mi > 59 || sec > 60) return std::nullopt;
        if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
            ++p;
            int scale = 100000;
            std::size_t start = p;
            while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
                if (scale > 0) micros += (s[p] - '0') * scale;
                scale /= 10;
                ++p;
            }
            if (p == start) return std::nullopt;
        }
        if (p < s.size()) {
            if (s[p] == 'Z' || s[p] == 'z') {
                ++p;
            } else if (s[p] == '+' || s[p] == '-') {
                int sign = s[p] == '-' ? -1 : 1;
                ++p;
                int oh, om = 0;
                if (!read_digits(s, p, 2, oh)) return std::nullopt;
                if (p < s.size() && s[p] == ':') ++p;
                if (p < s.size() && !read_digits(s, p, 2, om)) return std::nullopt;
                offset_s = sign * (oh * 3600 + om * 60);
            } else if (s.substr(p) == " GMT" || s.substr(p) == " UTC") {
                p = s.size();
            }
        }
        if (p != s.size()) return std::nullopt;
    }
    Instant t;
    t.seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                h * 3600 + mi * 60 + sec - offset_s;
    t.micros = micros;
    return t;
}

}  // namespace

std::optional<Instant> parse_instant(const Json& v) {
    if (v.is_number_integer()) {
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > 253402300799ull) return std::nullopt;
        std::int64_t s = v.get<std::int64_t>();
        if (s > 253402300799 || s < -62135596800) return std::nullopt;
        return Instant{s, 0};
    }
    if (v.is_number_float()) return from_epoch(v.get<double>());
    if (!v.is_string()) return std::nullopt;
    std::string_view s = v.get_ref<const std::string&>();
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.empty()) return std::nullopt;
    // An epoch number written as text.
    double epoch;
    auto r = std::from_chars(s.data(), s.data() + s.size(), epoch);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return from_epoch(epoch);
    return parse_iso(s);
}

namespace {
struct Civil {
    int y;
    unsigned m, d, hh, mm, ss, wd;
};
Civil to_civil(std::int64_t secs) {
    std::int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    std::int64_t rem = secs - days * 86400;
    std::chrono::sys_days sd{std::chrono::days{days}};
    std::chrono::year_month_day ymd{sd};
    std::chrono::weekday wd{sd};
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
            static_cast<unsigned>(ymd.day()), static_cast<unsigned>(rem / 3600),
            static_cast<unsigned>(rem % 3600 / 60), static_cast<unsigned>(rem % 60), wd.c_encoding()};
}
}  // namespace

std::string format_iso8601(const Instant& t) {
    Civil c = to_civil(t.seconds);
    char buf[40];
    if (t.micros > 0)
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02u.%06dZ", c.y, c.m, c.d, c.hh, c.mm,
                      c.ss, t.micros);
    else
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02uZ", c.y, c.m, c.d, c.hh, c.mm, c.ss);
    return buf;
}

std::string format_rfc822(const Instant& t) {
    static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    Civil c = to_civil(t.seconds);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02u:%02u:%02u GMT", kDays[c.wd], c.d,
                  kMonths[c.m - 1], c.y, c.hh, c.mm, c.ss);
    return buf;
}

void append_python_json(std::string& out, const Json& v, bool compact) {
    const char* item_sep = compact ? "," : ", ";
    const char* key_sep = compact ? ":" : ": ";
    switch (v.type()) {
        case Json::value_t::object: {
            out += '{';
            bool first = true;
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (!first) out += item_sep;
                first = false;
                python_json_string_append(out, it.key());
                out += key_sep;
                append_python_json(out, it.value(), compact);
            }
            out += '}';
            break;
        }
        case Json::value_t::array: {
            out += '[';
            bool first = true;
            for (const auto& e : v) {
                if (!first) out += item_sep;
                first = false;
                append_python_json(out, e, compact);
            }
            out += ']';
            break;
        }
        case Json::value_t::string: python_json_string_append(out, v.get_ref<const std::string&>()); break;
        case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; break;
        case Json::value_t::null: out += "null"; break;
        default: append_python_str(out, v); break;  // numbers
    }
}

void append_percent_encoded(std::string& out, std::string_view s, bool keep_slash) {
    uri_encode_append(out, s, keep_slash);
}

}  // namespace awsreq::protocols::detail
