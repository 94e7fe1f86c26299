#include "canonical.hpp"

#include <awsreq/core/encoding.hpp>

#include <algorithm>

namespace awsreq::detail {
namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Headers SigV4 signers leave out: they are rewritten by proxies or HTTP stacks.
constexpr std::string_view kNeverSigned[] = {"authorization", "user-agent", "expect",
                                             "x-amzn-trace-id"};

struct HeaderRef {
    std::string_view name;   // original case
    std::string_view value;  // raw
    std::uint32_t lower_pos; // lower-case name inside the scratch buffer
    std::uint32_t lower_len;
    std::uint32_t order;
};

void lower_into(std::string& buf, std::string_view s) {
    for (char c : s) buf.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
}

std::string_view trim(std::string_view v) {
    while (!v.empty() && is_ws(v.front())) v.remove_prefix(1);
    while (!v.empty() && is_ws(v.back())) v.remove_suffix(1);
    return v;
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

struct QueryPair {
    std::string name;
    std::string value;
};

void add_query_pair(std::vector<QueryPair>& pairs, std::string_view raw_name, std::string_view raw_value,
                    bool decode) {
    QueryPair p;
    if (decode) {
        uri_encode_append(p.name, percent_decode(raw_name));
        uri_encode_append(p.value, percent_decode(raw_value));
    } else {
        uri_encode_append(p.name, raw_name);
        uri_encode_append(p.value, raw_value);
    }
    pairs.push_back(std::move(p));
}

}  // namespace

void canonical_header_value(std::string_view v, std::string& out) {
    v = trim(v);
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
    std::string normalized;
    if (norm == PathNormalization::normalize) {
        remove_dot_segments(path, normalized);
        path = normalized;
    }
    if (enc == UriEncoding::double_encode) {
        uri_encode_append(out, path, true);
    } else {
        uri_encode_append(out, percent_decode(path), true);
    }
}

Result<void> build_canonical_request(const CanonicalInput& in, std::string& out,
                                     std::string& signed_headers, CanonicalLayout* layout) {
    out.clear();
    signed_headers.clear();
    out.append(in.method);
    out.push_back('\n');
    if (layout) layout->uri_begin = out.size();
    canonical_uri(in.url->path, in.path, in.uri_encoding, out);
    out.push_back('\n');

    // Query: decode each pair, encode it the SigV4 way, sort by name then value.
    if (layout) layout->query_begin = out.size();
    std::vector<QueryPair> pairs;
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
        add_query_pair(pairs, name, value, true);
    }
    for (const auto& [n, v] : in.extra_query) add_query_pair(pairs, n, v, false);
    std::sort(pairs.begin(), pairs.end(), [](const QueryPair& a, const QueryPair& b) {
        return a.name != b.name ? a.name < b.name : a.value < b.value;
    });
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (i) out.push_back('&');
        out.append(pairs[i].name);
        out.push_back('=');
        out.append(pairs[i].value);
    }
    out.push_back('\n');

    // Headers: lower-case names, sorted (stable, so repeated headers keep their order).
    if (layout) layout->headers_begin = out.size();
    std::string lower;
    lower.reserve(256);
    std::vector<HeaderRef> refs;
    std::size_t n_in = in.headers ? in.headers->size() : 0;
    refs.reserve(n_in + in.extra_headers.size() + 1);
    auto push = [&](std::string_view name, std::string_view value) {
        HeaderRef r{name, value, static_cast<std::uint32_t>(lower.size()),
                    static_cast<std::uint32_t>(name.size()), static_cast<std::uint32_t>(refs.size())};
        lower_into(lower, name);
        refs.push_back(r);
    };
    bool have_host = false;
    if (in.headers)
        for (const auto& h : *in.headers) {
            push(h.name, h.value);
            if (iequals(h.name, "host")) have_host = true;
        }
    for (const auto& [n, v] : in.extra_headers) {
        push(n, v);
        if (iequals(n, "host")) have_host = true;
    }
    std::string host_value;
    if (!have_host) {
        if (in.url->authority.empty())
            return fail(error_type::invalid_request, "the request has no Host header and no host in its URL",
                        "Host");
        host_value = std::string(host_header_for(*in.url));
        push("host", host_value);
    }
    auto lname = [&](const HeaderRef& r) { return std::string_view(lower).substr(r.lower_pos, r.lower_len); };
    auto is_signed = [&](std::string_view ln) {
        if (!in.only_signed.empty())
            return std::find(in.only_signed.begin(), in.only_signed.end(), ln) != in.only_signed.end();
        for (auto ns : kNeverSigned)
            if (ln == ns) return false;
        for (auto ns : in.also_unsigned)
            if (ln == ns) return false;
        return true;
    };
    refs.erase(std::remove_if(refs.begin(), refs.end(), [&](const HeaderRef& r) { return !is_signed(lname(r)); }),
               refs.end());
    std::stable_sort(refs.begin(), refs.end(),
                     [&](const HeaderRef& a, const HeaderRef& b) { return lname(a) < lname(b); });
    for (auto want : in.only_signed) {
        bool found = std::any_of(refs.begin(), refs.end(), [&](const HeaderRef& r) { return lname(r) == want; });
        if (!found)
            return fail(error_type::invalid_request,
                        "signed header \"" + std::string(want) + "\" is missing from the request",
                        std::string(want));
    }
    for (std::size_t i = 0; i < refs.size(); ++i) {
        std::string_view ln = lname(refs[i]);
        bool continues = i > 0 && lname(refs[i - 1]) == ln;
        if (continues) {
            out.push_back(',');
        } else {
            if (i) out.push_back('\n');
            out.append(ln);
            out.push_back(':');
            if (!signed_headers.empty()) signed_headers.push_back(';');
            signed_headers.append(ln);
        }
        canonical_header_value(refs[i].value, out);
    }
    if (!refs.empty()) out.push_back('\n');
    out.push_back('\n');
    if (layout) layout->signed_begin = out.size();
    out.append(signed_headers);
    out.push_back('\n');
    if (layout) layout->payload_begin = out.size();
    out.append(in.payload_hash);
    return {};
}

}  // namespace awsreq::detail
