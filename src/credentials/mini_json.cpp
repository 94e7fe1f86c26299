#include "mini_json.hpp"

#include <awsreq/core/encoding.hpp>
#include <awsreq/credentials/exchange.hpp>

#include <cstdlib>

namespace awsreq::credentials::detail {
namespace {

constexpr int kMaxDepth = 64;

struct Parser {
    std::string_view s;
    std::size_t i = 0;

    void ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    }
    bool lit(std::string_view word) {
        if (s.substr(i, word.size()) != word) return false;
        i += word.size();
        return true;
    }
    bool hex4(unsigned& v) {
        if (i + 4 > s.size()) return false;
        v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s[i++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else return false;
        }
        return true;
    }
    bool str(std::string& out) {
        if (i >= s.size() || s[i] != '"') return false;
        ++i;
        while (i < s.size()) {
            char c = s[i++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i >= s.size()) return false;
            char e = s[i++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        unsigned lo = 0;
                        if (!lit("\\u") || !hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    utf8_append(out, cp);
                    break;
                }
                default: return false;
            }
        }
        return false;
    }
    bool value(JsonValue& v, int depth) {
        if (depth > kMaxDepth) return false;
        ws();
        if (i >= s.size()) return false;
        char c = s[i];
        if (c == '{') {
            ++i;
            v.kind = JsonValue::Kind::object;
            ws();
            if (i < s.size() && s[i] == '}') return ++i, true;
            while (true) {
                ws();
                std::string key;
                if (!str(key)) return false;
                ws();
                if (i >= s.size() || s[i] != ':') return false;
                ++i;
                JsonValue member;
                if (!value(member, depth + 1)) return false;
                v.members.insert_or_assign(std::move(key), std::move(member));
                ws();
                if (i < s.size() && s[i] == ',') { ++i; continue; }
                if (i < s.size() && s[i] == '}') return ++i, true;
                return false;
            }
        }
        if (c == '[') {
            ++i;
            v.kind = JsonValue::Kind::array;
            ws();
            if (i < s.size() && s[i] == ']') return ++i, true;
            while (true) {
                JsonValue item;
                if (!value(item, depth + 1)) return false;
                v.items.push_back(std::move(item));
                ws();
                if (i < s.size() && s[i] == ',') { ++i; continue; }
                if (i < s.size() && s[i] == ']') return ++i, true;
                return false;
            }
        }
        if (c == '"') {
            v.kind = JsonValue::Kind::string;
            return str(v.text);
        }
        if (lit("true")) { v.kind = JsonValue::Kind::boolean; v.boolean = true; return true; }
        if (lit("false")) { v.kind = JsonValue::Kind::boolean; return true; }
        if (lit("null")) return true;
        std::size_t start = i;
        if (i < s.size() && s[i] == '-') ++i;
        bool digits = false;
        while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == 'e' || s[i] == 'E' ||
                                s[i] == '+' || s[i] == '-')) {
            digits = digits || (s[i] >= '0' && s[i] <= '9');
            ++i;
        }
        if (!digits) return false;
        v.kind = JsonValue::Kind::number;
        v.text = std::string(s.substr(start, i - start));
        char* end = nullptr;
        v.number = std::strtod(v.text.c_str(), &end);
        return end == v.text.c_str() + v.text.size();
    }
};

std::string decode_entities(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') { out += s[i]; continue; }
        auto semi = s.find(';', i);
        if (semi == std::string_view::npos) { out += s[i]; continue; }
        auto ent = s.substr(i + 1, semi - i - 1);
        if (ent == "amp") out += '&';
        else if (ent == "lt") out += '<';
        else if (ent == "gt") out += '>';
        else if (ent == "quot") out += '"';
        else if (ent == "apos") out += '\'';
        else if (!ent.empty() && ent[0] == '#') {
            unsigned long cp = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X')
                                   ? std::strtoul(std::string(ent.substr(2)).c_str(), nullptr, 16)
                                   : std::strtoul(std::string(ent.substr(1)).c_str(), nullptr, 10);
            utf8_append(out, static_cast<std::uint32_t>(cp));
        } else {
            out += s.substr(i, semi - i + 1);
        }
        i = semi;
    }
    return out;
}

}  // namespace

const JsonValue* JsonValue::get(std::string_view key) const {
    auto it = members.find(key);
    return it == members.end() ? nullptr : &it->second;
}

std::optional<std::string> JsonValue::string_member(std::string_view key) const {
    const JsonValue* v = get(key);
    if (v == nullptr || v->kind != Kind::string) return std::nullopt;
    return v->text;
}

Result<JsonValue> parse_json(std::string_view text, std::string_view what) {
    Parser p{text};
    JsonValue v;
    bool ok = p.value(v, 0);
    p.ws();
    if (!ok || p.i != text.size())
        return fail(error_type::credentials_error, std::string(what) + " is not valid JSON");
    return v;
}

std::optional<std::string> xml_tag(std::string_view xml, std::string_view tag) {
    std::string open = "<" + std::string(tag) + ">";
    std::string close = "</" + std::string(tag) + ">";
    auto b = xml.find(open);
    if (b == std::string_view::npos) return std::nullopt;
    b += open.size();
    auto e = xml.find(close, b);
    if (e == std::string_view::npos) return std::nullopt;
    return decode_entities(xml.substr(b, e - b));
}

}  // namespace awsreq::credentials::detail
