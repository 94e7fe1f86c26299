#include <awsreq/core/encoding.hpp>

#include <array>

namespace awsreq {
namespace {

constexpr char kHexLower[] = "0123456789abcdef";
constexpr char kHexUpper[] = "0123456789ABCDEF";

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// RFC 3986 unreserved characters: the only bytes SigV4 leaves unencoded.
constexpr std::array<bool, 256> make_unreserved() {
    std::array<bool, 256> t{};
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
    for (int c = '0'; c <= '9'; ++c) t[c] = true;
    t['-'] = t['.'] = t['_'] = t['~'] = true;
    return t;
}
constexpr auto kUnreserved = make_unreserved();

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

// Arithmetic digits (no table lookups), which the compiler vectorizes: hashes and signatures
// are hex-encoded on every signature.
void hex_append(std::string& out, std::span<const std::uint8_t> bytes) {
    char buf[128];
    while (!bytes.empty()) {
        std::size_t n = bytes.size() < 64 ? bytes.size() : 64;
        for (std::size_t i = 0; i < n; ++i) {
            unsigned hi = bytes[i] >> 4, lo = bytes[i] & 15u;
            buf[2 * i] = static_cast<char>(hi + (hi < 10 ? '0' : 'a' - 10));
            buf[2 * i + 1] = static_cast<char>(lo + (lo < 10 ? '0' : 'a' - 10));
        }
        out.append(buf, 2 * n);
        bytes = bytes.subspan(n);
    }
}

std::string hex_encode(std::span<const std::uint8_t> bytes) {
    std::string out;
    hex_append(out, bytes);
    return out;
}

std::string hex_encode(std::string_view bytes) {
    return hex_encode(std::span<const std::uint8_t>(
        reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

Result<std::string> hex_decode(std::string_view hex) {
    if (hex.size() % 2 != 0) return fail(error_type::parse_error, "hex text has an odd length");
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int hi = hex_value(hex[i]), lo = hex_value(hex[i + 1]);
        if (hi < 0 || lo < 0)
            return fail(error_type::parse_error,
                        "invalid hex digit at offset " + std::to_string(hi < 0 ? i : i + 1));
        out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
}

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    auto u = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
    for (; i + 3 <= bytes.size(); i += 3) {
        unsigned v = (u(i) << 16) | (u(i + 1) << 8) | u(i + 2);
        out.push_back(kB64[(v >> 18) & 63]);
        out.push_back(kB64[(v >> 12) & 63]);
        out.push_back(kB64[(v >> 6) & 63]);
        out.push_back(kB64[v & 63]);
    }
    std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        unsigned v = u(i) << 16;
        out.push_back(kB64[(v >> 18) & 63]);
        out.push_back(kB64[(v >> 12) & 63]);
        out += "==";
    } else if (rest == 2) {
        unsigned v = (u(i) << 16) | (u(i + 1) << 8);
        out.push_back(kB64[(v >> 18) & 63]);
        out.push_back(kB64[(v >> 12) & 63]);
        out.push_back(kB64[(v >> 6) & 63]);
        out.push_back('=');
    }
    return out;
}

std::string base64_encode(std::span<const std::uint8_t> bytes) {
    return base64_encode(
        std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

Result<std::string> base64_decode(std::string_view text) {
    static constexpr auto table = [] {
        std::array<int, 256> t{};
        t.fill(-1);
        for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kB64[i])] = i;
        return t;
    }();
    std::size_t len = text.size();
    while (len > 0 && text[len - 1] == '=') --len;
    if (text.size() - len > 2) return fail(error_type::parse_error, "base64 has too much padding");
    if (len % 4 == 1) return fail(error_type::parse_error, "base64 text has an impossible length");
    std::string out;
    out.reserve(len * 3 / 4);
    unsigned acc = 0;
    int bits = 0;
    for (std::size_t i = 0; i < len; ++i) {
        int v = table[static_cast<unsigned char>(text[i])];
        if (v < 0)
            return fail(error_type::parse_error,
                        "invalid base64 character at offset " + std::to_string(i));
        acc = (acc << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    return out;
}

void uri_encode_append(std::string& out, std::string_view s, bool keep_slash) {
    out.reserve(out.size() + s.size());
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (kUnreserved[c] || (keep_slash && c == '/')) {
            out.push_back(ch);
        } else {
            char buf[3] = {'%', kHexUpper[c >> 4], kHexUpper[c & 15]};
            out.append(buf, 3);
        }
    }
}

std::string uri_encode(std::string_view s, bool keep_slash) {
    std::string out;
    uri_encode_append(out, s, keep_slash);
    return out;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(s[i]);
    }
    return out;
}

bool is_valid_utf8(std::string_view s) noexcept {
    std::size_t i = 0, n = s.size();
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    while (i < n) {
        unsigned char c = b(i);
        if (c < 0x80) { ++i; continue; }
        std::size_t len;
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return false;
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            unsigned char cc = b(i + k);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
            return false;  // overlong
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

namespace {

void append_u_escape(std::string& out, unsigned cp) {
    char buf[6] = {'\\', 'u', kHexLower[(cp >> 12) & 15], kHexLower[(cp >> 8) & 15], kHexLower[(cp >> 4) & 15],
                   kHexLower[cp & 15]};
    out.append(buf, 6);
}

// One ASCII byte of a JSON string: the short escapes, \u00XX for other control characters and
// DEL, the byte itself otherwise.
void append_json_ascii(std::string& out, unsigned char c) {
    switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20 || c == 0x7f) append_u_escape(out, c);
            else out.push_back(static_cast<char>(c));
    }
}

// Decodes the UTF-8 sequence at s[i] into `cp`, returning its length; a byte that starts no
// complete sequence gives U+FFFD and length 1.
std::size_t decode_utf8_at(std::string_view s, std::size_t i, unsigned& cp) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]) & 0x3Fu; };
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
        cp = ((c & 0x1Fu) << 6) | b(1);
        return 2;
    }
    if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
        cp = ((c & 0x0Fu) << 12) | (b(1) << 6) | b(2);
        return 3;
    }
    if ((c & 0xF8) == 0xF0 && i + 3 < s.size()) {
        cp = ((c & 0x07u) << 18) | (b(1) << 12) | (b(2) << 6) | b(3);
        return 4;
    }
    cp = 0xFFFD;
    return 1;
}

}  // namespace

void utf8_append(std::string& out, std::uint32_t cp) {
    char buf[4];
    std::size_t n;
    if (cp < 0x80) {
        buf[0] = static_cast<char>(cp);
        n = 1;
    } else if (cp < 0x800) {
        buf[0] = static_cast<char>(0xC0 | (cp >> 6));
        buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        buf[0] = static_cast<char>(0xE0 | (cp >> 12));
        buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        buf[0] = static_cast<char>(0xF0 | (cp >> 18));
        buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
        n = 4;
    }
    out.append(buf, n);
}

namespace {

// The code point of a numeric character reference body ("#65", "#x41"), or 0 when malformed.
std::uint32_t numeric_reference(std::string_view ent) {
    if (ent.size() < 2 || ent[0] != '#') return 0;
    bool hex = ent[1] == 'x' || ent[1] == 'X';
    std::string_view digits = ent.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return 0;
    std::uint32_t cp = 0;
    for (char c : digits) {
        int v = hex ? hex_value(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
        if (v < 0) return 0;
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
    }
    return cp <= 0x10FFFF ? cp : 0;
}

}  // namespace

std::string xml_unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
        if (semi == std::string_view::npos) {
            out.push_back(s[i]);
            continue;
        }
        std::string_view ent = s.substr(i + 1, semi - i - 1);
        if (ent == "lt") out.push_back('<');
        else if (ent == "gt") out.push_back('>');
        else if (ent == "amp") out.push_back('&');
        else if (ent == "quot") out.push_back('"');
        else if (ent == "apos") out.push_back('\'');
        else if (std::uint32_t cp = numeric_reference(ent)) utf8_append(out, cp);
        else out.append(s.substr(i, semi - i + 1));
        i = semi;
    }
    return out;
}

void python_json_string_append(std::string& out, std::string_view s) {
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            append_json_ascii(out, c);
            ++i;
            continue;
        }
        unsigned cp = 0;
        i += decode_utf8_at(s, i, cp);
        if (cp >= 0x10000) {  // a surrogate pair, as Python writes it
            cp -= 0x10000;
            append_u_escape(out, 0xD800 + (cp >> 10));
            append_u_escape(out, 0xDC00 + (cp & 0x3FF));
        } else {
            append_u_escape(out, cp);
        }
    }
    out += '"';
}

void json_escape_append(std::string& out, std::string_view s) {
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) append_json_ascii(out, c);
        else out.push_back(ch);
    }
}

std::string json_quote(std::string_view s) {
    std::string out = "\"";
    json_escape_append(out, s);
    out += '"';
    return out;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
        if (x != y) return false;
    }
    return true;
}

}  // namespace awsreq
