#include <awsreq/core/time.hpp>

#include <cstdio>

namespace awsreq {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

Failure bad_time(std::string_view text, const char* why) {
    return fail(error_type::invalid_time,
                "cannot read time \"" + std::string(text.substr(0, 64)) + "\": " + why +
                    " (expected 20150830T123600Z or 2015-08-30T12:36:00Z)");
}

}  // namespace

Result<Timestamp> parse_timestamp(std::string_view text) {
    int y, mo, d, h, mi, s;
    std::size_t pos;
    if (text.size() >= 16 && text[8] == 'T' && text.find('-') == std::string_view::npos) {
        // Basic form: YYYYMMDDTHHMMSSZ
        if (!digits(text, 0, 4, y) || !digits(text, 4, 2, mo) || !digits(text, 6, 2, d) ||
            !digits(text, 9, 2, h) || !digits(text, 11, 2, mi) || !digits(text, 13, 2, s))
            return bad_time(text, "bad digits");
        pos = 15;
    } else {
        if (!digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' ||
            !digits(text, 5, 2, mo) || text[7] != '-' || !digits(text, 8, 2, d))
            return bad_time(text, "bad date");
        if (text.size() == 10) {
            h = mi = s = 0;
            pos = 10;
            if (!(mo >= 1 && mo <= 12)) return bad_time(text, "month out of range");
            auto ymd = std::chrono::year{y} / mo / d;
            if (!ymd.ok()) return bad_time(text, "no such day");
            return Timestamp{std::chrono::sys_days{ymd}};
        }
        if ((text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits(text, 11, 2, h) ||
            text.size() < 19 || text[13] != ':' || !digits(text, 14, 2, mi) || text[16] != ':' ||
            !digits(text, 17, 2, s))
            return bad_time(text, "bad time of day");
        pos = 19;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            std::size_t start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
            if (pos == start) return bad_time(text, "empty fraction");
        }
    }
    int offset_min = 0;
    if (pos >= text.size()) return bad_time(text, "missing time zone (Z or +hh:mm)");
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        int oh, om;
        int sign = text[pos] == '-' ? -1 : 1;
        if (!digits(text, pos + 1, 2, oh)) return bad_time(text, "bad offset");
        std::size_t p = pos + 3;
        if (p < text.size() && text[p] == ':') ++p;
        if (!digits(text, p, 2, om)) return bad_time(text, "bad offset");
        offset_min = sign * (oh * 60 + om);
        pos = p + 2;
    } else {
        return bad_time(text, "unexpected character after the time");
    }
    if (pos != text.size()) return bad_time(text, "trailing characters");
    if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 60) return bad_time(text, "field out of range");
    auto ymd = std::chrono::year{y} / mo / d;
    if (!ymd.ok()) return bad_time(text, "no such day");
    Timestamp t = std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
                  std::chrono::seconds{s == 60 ? 59 : s};
    return t - std::chrono::minutes{offset_min};
}

void format_amz_date_to(Timestamp t, char out[16]) noexcept {
    auto days = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day ymd{days};
    std::chrono::hh_mm_ss hms{t - days};
    unsigned y = static_cast<unsigned>(static_cast<int>(ymd.year()));
    unsigned v[6] = {y, static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     static_cast<unsigned>(hms.hours().count()),
                     static_cast<unsigned>(hms.minutes().count()),
                     static_cast<unsigned>(hms.seconds().count())};
    out[0] = static_cast<char>('0' + v[0] / 1000 % 10);
    out[1] = static_cast<char>('0' + v[0] / 100 % 10);
    out[2] = static_cast<char>('0' + v[0] / 10 % 10);
    out[3] = static_cast<char>('0' + v[0] % 10);
    char* p = out + 4;
    for (int i = 1; i < 6; ++i) {
        if (i == 3) *p++ = 'T';
        *p++ = static_cast<char>('0' + v[i] / 10);
        *p++ = static_cast<char>('0' + v[i] % 10);
    }
    *p = 'Z';
}

std::string format_amz_date(Timestamp t) {
    char buf[16];
    format_amz_date_to(t, buf);
    return std::string(buf, 16);
}

std::string format_date_stamp(Timestamp t) { return format_amz_date(t).substr(0, 8); }

std::string format_iso8601(Timestamp t) {
    std::string b = format_amz_date(t);
    return b.substr(0, 4) + "-" + b.substr(4, 2) + "-" + b.substr(6, 2) + "T" + b.substr(9, 2) +
           ":" + b.substr(11, 2) + ":" + b.substr(13, 2) + "Z";
}

std::string format_http_date(Timestamp t) {
    static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto days = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day ymd{days};
    std::chrono::weekday wd{days};
    std::chrono::hh_mm_ss hms{t - days};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d GMT", kDays[wd.c_encoding()],
                  static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                  static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

}  // namespace awsreq
