#include "canonical.hpp"

#include "../core/byte_scan.hpp"

#include <awsreq/core/crypto.hpp>
#include <awsreq/core/encoding.hpp>
#include <awsreq/http/raw_request.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

// The canonical request is built on every signature, so the scratch space (lower-case names,
// header references, encoded query pairs) lives in per-thread buffers that keep their capacity:
// a warm signer allocates nothing here.
namespace awsreq::detail {
namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Headers SigV4 signers leave out: they are rewritten by proxies or HTTP stacks.
constexpr std::string_view kNeverSigned[] = {"authorization", "user-agent", "expect",
                                             "x-amzn-trace-id"};

struct HeaderRef {
    std::string_view value;   // raw
    std::uint32_t lower_pos;  // lower-case name inside the scratch buffer
    std::uint32_t lower_len;
};

struct Span {
    std::uint32_t pos, len;
};
struct QueryRef {
    Span name, value;
};

struct Scratch {
    std::string lower;
    std::vector<HeaderRef> refs;
    std::string query_text;
    std::vector<QueryRef> query;
    std::string path;
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

// Arithmetic, not a table: the compiler turns this into a few vector instructions.
void lower_into(std::string& buf, std::string_view s) {
    std::size_t at = buf.size();
    buf.resize(at + s.size());
    char* out = buf.data() + at;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        out[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
    }
}

// Header-value whitespace: space, tab, CR, LF.
constexpr std::array<bool, 256> kWhitespace = [] {
    std::array<bool, 256> t{};
    t[' '] = t['\t'] = t['\r'] = t['\n'] = true;
    return t;
}();

std::string_view trim(std::string_view v) {
    while (!v.empty() && is_ws(v.front())) v.remove_prefix(1);
    while (!v.empty() && is_ws(v.back())) v.remove_suffix(1);
    return v;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

constexpr std::array<bool, 256> make_unreserved(bool with_slash) {
    std::array<bool, 256> t{};
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
    for (int c = '0'; c <= '9'; ++c) t[c] = true;
    t['-'] = t['.'] = t['_'] = t['~'] = true;
    t['/'] = with_slash;
    return t;
}
constexpr auto kUnreserved = make_unreserved(false);
constexpr auto kUnreservedOrSlash = make_unreserved(true);

// Percent-decodes `raw` (when asked) and SigV4-encodes the result into `out`, in one pass;
// runs of characters that need no work are copied in bulk.
void reencode_into(std::string& out, std::string_view raw, bool decode, bool keep_slash = false) {
    constexpr char kHex[] = "0123456789ABCDEF";
    const auto& keep = keep_slash ? kUnreservedOrSlash : kUnreserved;
    const char* p = raw.data();
    const char* end = p + raw.size();
    while (p < end) {
        const char* run = p;
        while (p < end && keep[static_cast<unsigned char>(*p)]) ++p;
        out.append(run, static_cast<std::size_t>(p - run));
        if (p == end) break;
        auto c = static_cast<unsigned char>(*p);
        if (decode && c == '%' && end - p > 2) {
            int hi = hex_value(p[1]), lo = hex_value(p[2]);
            if (hi >= 0 && lo >= 0) {
                c = static_cast<unsigned char>(hi * 16 + lo);
                p += 2;
            }
        }
        if (keep[c]) {
            out.push_back(static_cast<char>(c));
        } else {
            char buf[3] = {'%', kHex[c >> 4], kHex[c & 15]};
            out.append(buf, 3);
        }
        ++p;
    }
}

bool needs_dot_segment_removal(std::string_view path) {
    if (path.find("//") != std::string_view::npos) return true;
    for (std::size_t i = 0; i < path.size(); ++i)
        if (path[i] == '.' && (i == 0 || path[i - 1] == '/')) {
            std::size_t j = i + 1;
            if (j < path.size() && path[j] == '.') ++j;
            if (j == path.size() || path[j] == '/') return true;
        }
    return false;
}

void remove_dot_segments(std::string_view path, std::string& out) {
    std::vector<std::string_view> segs;
    std::size_t i = 0;
    bool trailing = false;
    while (i <= path.size()) {
        auto j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        std::string_view seg = path.substr(i, j - i);
        bool last = j == path.size();
        if (seg == "..") {
            if (!segs.empty()) segs.pop_back();
            trailing = last;
        } else if (seg == ".") {
            trailing = last;
        } else if (!seg.empty()) {
            segs.push_back(seg);
            trailing = false;
        } else if (last) {
            trailing = true;
        }
        i = j + 1;
    }
    out.push_back('/');
    for (std::size_t k = 0; k < segs.size(); ++k) {
        if (k) out.push_back('/');
        out.append(segs[k]);
    }
    if (trailing && !segs.empty()) out.push_back('/');
}

bool contains(std::span<const std::string_view> v, std::string_view s) {
    for (std::string_view x : v)
        if (x == s) return true;
    return false;
}

// True when `v` has a space, tab, CR or LF.
bool has_whitespace(std::string_view v) {
    using namespace detail;
    return any_byte(
        v,
        [](std::uint64_t x) {
            return (bytes_equal(x, ' ') | bytes_equal(x, '\t') | bytes_equal(x, '\r') | bytes_equal(x, '\n')) != 0;
        },
        [](unsigned char c) { return is_ws(static_cast<char>(c)); });
}

constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
// SHA-256 of the empty string: most GET/HEAD/DELETE bodies.
constexpr std::string_view kEmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

bool is_valid_payload_hash(std::string_view h) {
    if (h == kUnsignedPayload || h.starts_with("STREAMING-")) return true;
    if (h.size() != 64) return false;
    for (char c : h)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::string_view trim_blanks(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
}

}  // namespace

CanonicalRequest split_canonical_request(const std::string& c, const CanonicalLayout& L) {
    CanonicalRequest r;
    r.method = c.substr(0, L.uri_begin - 1);
    r.uri = c.substr(L.uri_begin, L.query_begin - 1 - L.uri_begin);
    r.query = c.substr(L.query_begin, L.headers_begin - 1 - L.query_begin);
    r.headers = c.substr(L.headers_begin, L.signed_begin - 1 - L.headers_begin);
    r.signed_headers = c.substr(L.signed_begin, L.payload_begin - 1 - L.signed_begin);
    r.payload_hash = c.substr(L.payload_begin);
    return r;
}

void replace_all(std::string& s, std::string_view what, std::string_view with) {
    if (what.empty()) return;
    for (std::size_t pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + with.size()))
        s.replace(pos, what.size(), with);
}

PresignExpiry presign_expiry(const SigningOptions& o, Timestamp time, const Credentials& creds) {
    PresignExpiry e;
    if (o.location != SignatureLocation::query) return e;
    e.expires_at = time + o.expires_in;
    if (creds.expiration && *creds.expiration < *e.expires_at) {
        e.expires_at = *creds.expiration;
        e.limited = true;
    }
    return e;
}

std::shared_ptr<const SigningTrace> redacted_trace(CanonicalRequest creq, StringToSign sts, CredentialScope scope,
                                                   std::string signature, const Credentials& creds,
                                                   PresignExpiry expiry) {
    auto t = std::make_shared<SigningTrace>();
    if (creds.session_token) {
        std::string_view tok = creds.session_token->reveal();
        replace_all(creq.headers, tok, "<redacted>");
        replace_all(creq.query, uri_encode(tok), "<redacted>");
    }
    t->canonical_request = std::move(creq);
    t->string_to_sign = std::move(sts);
    t->scope = std::move(scope);
    t->signature = std::move(signature);
    t->expires_at = expiry.expires_at;
    t->expiry_limited_by_credentials = expiry.limited;
    return t;
}

Result<void> check_request_and_hash_payload(const HeaderList* headers, std::string_view body,
                                            const SigningOptions& o, std::string& payload_hash) {
    if (headers)
        for (const auto& h : *headers)
            if (auto v = validate_header(h.name, h.value); !v) return v;
    if (o.location == SignatureLocation::query && (o.expires_in.count() < 1 || o.expires_in > kMaxPresignExpiry))
        return fail(error_type::invalid_expiry,
                    "presigned URL expiry must be between 1 and 604800 seconds (7 days), got " +
                        std::to_string(o.expires_in.count()),
                    "expires_in");
    payload_hash.clear();
    switch (o.payload) {
        case PayloadSigning::unsigned_payload:
            payload_hash = kUnsignedPayload;
            return {};
        case PayloadSigning::precomputed:
            if (!is_valid_payload_hash(o.payload_hash))
                return fail(error_type::invalid_argument,
                            "the precomputed payload hash must be 64 lower-case hex digits, "
                            "UNSIGNED-PAYLOAD or a STREAMING-* value",
                            "payload_hash");
            payload_hash = o.payload_hash;
            return {};
        case PayloadSigning::hash_body:
            break;
    }
    std::optional<std::string_view> given;
    if (headers) given = headers->get("x-amz-content-sha256");
    if (given) {
        std::string_view g = trim_blanks(*given);
        if (!is_valid_payload_hash(g))
            return fail(error_type::invalid_header,
                        "x-amz-content-sha256 must be a hex SHA-256, UNSIGNED-PAYLOAD or a STREAMING-* value",
                        "x-amz-content-sha256");
        payload_hash = g;
    } else if (body.empty()) {
        payload_hash = kEmptyPayloadHash;
    } else {
        hex_append(payload_hash, sha256(body));
    }
    return {};
}

void canonical_header_value(std::string_view v, std::string& out) {
    if (!has_whitespace(v)) {  // the usual value: nothing to trim or collapse
        out.append(v);
        return;
    }
    v = trim(v);
    // Most values have no whitespace runs to collapse: copy them whole.
    bool simple = true;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!kWhitespace[static_cast<unsigned char>(v[i])]) continue;
        if (v[i] != ' ' || kWhitespace[static_cast<unsigned char>(v[i + 1])]) {  // trimmed: i + 1 exists
            simple = false;
            break;
        }
    }
    if (simple) {
        out.append(v);
        return;
    }
    bool in_ws = false;
    for (char c : v) {
        if (is_ws(c)) {
            in_ws = true;
            continue;
        }
        if (in_ws) out.push_back(' ');
        in_ws = false;
        out.push_back(c);
    }
}

void canonical_uri(std::string_view path, PathNormalization norm, UriEncoding enc, std::string& out) {
    std::string& normalized = scratch().path;
    if (norm == PathNormalization::normalize && needs_dot_segment_removal(path)) {
        normalized.clear();
        remove_dot_segments(path, normalized);
        path = normalized;
    }
    reencode_into(out, path, enc == UriEncoding::single_encode, true);
}

namespace {

// Appends the canonical header block to `block` (which may already hold the start of the
// canonical request) and writes the signed-header list.
Result<void> append_canonical_headers(const CanonicalInput& in, std::string& block, std::string& signed_headers) {
    signed_headers.clear();
    Scratch& s = scratch();
    s.lower.clear();
    s.refs.clear();
    bool have_host = false;
    auto consider = [&](std::string_view name, std::string_view value, bool from_request) {
        auto pos = static_cast<std::uint32_t>(s.lower.size());
        lower_into(s.lower, name);
        std::string_view ln = std::string_view(s.lower).substr(pos);
        if (from_request && contains(in.skip_request_headers, ln)) {
            s.lower.resize(pos);
            return;
        }
        if (ln == "host") have_host = true;
        bool is_signed = in.only_signed.empty()
                             ? !(contains(kNeverSigned, ln) || contains(in.also_unsigned, ln))
                             : contains(in.only_signed, ln);
        if (!is_signed) {
            s.lower.resize(pos);
            return;
        }
        s.refs.push_back(HeaderRef{value, pos, static_cast<std::uint32_t>(name.size())});
    };
    if (in.headers)
        for (const auto& h : *in.headers) consider(h.name, h.value, true);
    for (const auto& [n, v] : in.extra_headers) consider(n, v, false);
    if (!have_host) {
        if (in.url->authority.empty())
            return fail(error_type::invalid_request, "the request has no Host header and no host in its URL", "Host");
        consider("host", host_header_for(*in.url), false);
    }
    auto lname = [&](const HeaderRef& r) { return std::string_view(s.lower).substr(r.lower_pos, r.lower_len); };
    // Insertion sort: stable, in place (std::stable_sort allocates a buffer) and fastest for
    // the handful of headers a request has.
    for (std::size_t i = 1; i < s.refs.size(); ++i) {
        HeaderRef r = s.refs[i];
        std::size_t j = i;
        for (; j > 0 && lname(r) < lname(s.refs[j - 1]); --j) s.refs[j] = s.refs[j - 1];
        s.refs[j] = r;
    }
    for (auto want : in.only_signed) {
        bool found = std::any_of(s.refs.begin(), s.refs.end(), [&](const HeaderRef& r) { return lname(r) == want; });
        if (!found)
            return fail(error_type::invalid_request,
                        "signed header \"" + std::string(want) + "\" is missing from the request", std::string(want));
    }
    for (std::size_t i = 0; i < s.refs.size(); ++i) {
        std::string_view ln = lname(s.refs[i]);
        if (i > 0 && lname(s.refs[i - 1]) == ln) {
            block.push_back(',');
        } else {
            if (i) block.push_back('\n');
            block.append(ln);
            block.push_back(':');
            if (!signed_headers.empty()) signed_headers.push_back(';');
            signed_headers.append(ln);
        }
        canonical_header_value(s.refs[i].value, block);
    }
    if (!s.refs.empty()) block.push_back('\n');
    return {};
}

}  // namespace

Result<void> canonical_headers(const CanonicalInput& in, std::string& block, std::string& signed_headers) {
    block.clear();
    return append_canonical_headers(in, block, signed_headers);
}

namespace {

// Decodes each pair of the request's query, encodes it the SigV4 way, adds the signer's pairs,
// sorts by name then value and appends the result (and its newline) to `out`.
void append_sorted_query(const CanonicalInput& in, std::string& out) {
    Scratch& s = scratch();
    s.query_text.clear();
    s.query.clear();
    auto add_pair = [&](std::string_view name, std::string_view value, bool decode, bool encoded = false) {
        QueryRef q;
        q.name.pos = static_cast<std::uint32_t>(s.query_text.size());
        if (encoded) s.query_text.append(name);
        else reencode_into(s.query_text, name, decode);
        q.name.len = static_cast<std::uint32_t>(s.query_text.size() - q.name.pos);
        q.value.pos = static_cast<std::uint32_t>(s.query_text.size());
        if (encoded) s.query_text.append(value);
        else reencode_into(s.query_text, value, decode);
        q.value.len = static_cast<std::uint32_t>(s.query_text.size() - q.value.pos);
        s.query.push_back(q);
    };
    std::string_view q = in.url->query;
    while (!q.empty()) {
        auto amp = q.find('&');
        std::string_view item = q.substr(0, amp);
        q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
        if (item.empty()) continue;
        auto eq = item.find('=');
        std::string_view name = item.substr(0, eq);
        std::string_view value = eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1);
        if (!in.exclude_query_param.empty() && percent_decode(name) == in.exclude_query_param) continue;
        add_pair(name, value, true);
    }
    for (const auto& [n, v] : in.extra_query) add_pair(n, v, false, in.extra_query_encoded);
    std::string_view text = s.query_text;
    auto str = [&](Span sp) { return text.substr(sp.pos, sp.len); };
    auto less = [&](const QueryRef& a, const QueryRef& b) {
        auto an = str(a.name), bn = str(b.name);
        return an != bn ? an < bn : str(a.value) < str(b.value);
    };
    // A request has a handful of parameters, mostly in order already: insertion sort is
    // cheapest there.
    if (s.query.size() > 16) {
        std::sort(s.query.begin(), s.query.end(), less);
    } else {
        for (std::size_t i = 1; i < s.query.size(); ++i) {
            QueryRef r = s.query[i];
            std::size_t j = i;
            for (; j > 0 && less(r, s.query[j - 1]); --j) s.query[j] = s.query[j - 1];
            s.query[j] = r;
        }
    }
    for (std::size_t i = 0; i < s.query.size(); ++i) {
        if (i) out.push_back('&');
        out.append(str(s.query[i].name));
        out.push_back('=');
        out.append(str(s.query[i].value));
    }
    out.push_back('\n');
}

// True when the query is its own canonical form: name=value items, in order, every character
// unreserved. Then decoding, re-encoding and sorting would give back the same text.
bool is_canonical_query(std::string_view q) {
    std::string_view prev_name, prev_value;
    std::size_t i = 0;
    while (i < q.size()) {
        std::size_t start = i, eq = std::string_view::npos;
        for (; i < q.size() && q[i] != '&'; ++i) {
            auto c = static_cast<unsigned char>(q[i]);
            if (kUnreserved[c]) continue;
            if (c != '=' || eq != std::string_view::npos) return false;
            eq = i;
        }
        if (eq == std::string_view::npos || eq == start) return false;  // "name" alone, "=value"
        std::string_view name = q.substr(start, eq - start), value = q.substr(eq + 1, i - eq - 1);
        if (start > 0 && (name < prev_name || (name == prev_name && value < prev_value))) return false;
        prev_name = name;
        prev_value = value;
        if (i < q.size()) {  // at '&'
            ++i;
            if (i == q.size()) return false;  // trailing '&'
        }
    }
    return true;
}

bool sorted_pairs(std::span<const NameValue> pairs) {
    for (std::size_t i = 1; i < pairs.size(); ++i)
        if (pairs[i] < pairs[i - 1]) return false;
    return true;
}

// name=value&name=value, sized once and copied in.
void append_pairs(std::string& out, std::span<const NameValue> pairs) {
    if (pairs.empty()) return;
    std::size_t n = pairs.size() - 1;
    for (const auto& [k, v] : pairs) n += k.size() + 1 + v.size();
    std::size_t at = out.size();
    out.resize(at + n);
    char* p = out.data() + at;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (i) *p++ = '&';
        std::memcpy(p, pairs[i].first.data(), pairs[i].first.size());
        p += pairs[i].first.size();
        *p++ = '=';
        std::memcpy(p, pairs[i].second.data(), pairs[i].second.size());
        p += pairs[i].second.size();
    }
}

}  // namespace

Result<void> build_canonical_request(const CanonicalInput& in, std::string& out, std::string& signed_headers,
                                     CanonicalLayout* layout, const std::string* header_block) {
    out.clear();
    out.append(in.method);
    out.push_back('\n');
    if (layout) layout->uri_begin = out.size();
    canonical_uri(in.url->path, in.path, in.uri_encoding, out);
    out.push_back('\n');

    // Query: decode each pair, encode it the SigV4 way, sort by name then value.
    if (layout) layout->query_begin = out.size();
    if (in.url->query.empty() && in.extra_query_encoded && sorted_pairs(in.extra_query)) {
        // Presigning a URL without a query of its own: the signer's parameters are the whole
        // canonical query, already encoded and in order.
        append_pairs(out, in.extra_query);
        out.push_back('\n');
    } else if (in.extra_query.empty() && in.exclude_query_param.empty() && is_canonical_query(in.url->query)) {
        // Already canonical (Action=...&Version=... of the query protocols): copied as it is.
        out.append(in.url->query);
        out.push_back('\n');
    } else {
        append_sorted_query(in, out);
    }
    if (layout) layout->headers_begin = out.size();
    if (header_block) {
        out.append(*header_block);
    } else if (auto r = append_canonical_headers(in, out, signed_headers); !r) {
        return r;
    }
    out.push_back('\n');
    if (layout) layout->signed_begin = out.size();
    out.append(signed_headers);
    out.push_back('\n');
    if (layout) layout->payload_begin = out.size();
    out.append(in.payload_hash);
    return {};
}

}  // namespace awsreq::detail
