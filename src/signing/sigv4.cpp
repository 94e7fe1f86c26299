#include <awsreq/signing/sigv4.hpp>

#include <awsreq/core/encoding.hpp>
#include <awsreq/http/raw_request.hpp>
#include <awsreq/http/url_parts.hpp>

#include "canonical.hpp"

#include <array>
#include <charconv>
#include <optional>

namespace awsreq {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

Result<void> check_scope_part(std::string_view value, const char* field) {
    if (value.empty())
        return fail(error_type::invalid_argument, std::string("the signing ") + field + " is empty", field);
    for (char c : value) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f || c == '/')
            return fail(error_type::invalid_argument,
                        std::string("the signing ") + field + " \"" + std::string(value) +
                            "\" contains whitespace, '/' or a control character",
                        field);
    }
    return {};
}

// What depends only on (credentials, date, region, service, cache): checked and derived on the
// first signature, then reused while the thread keeps signing in the same scope, which is the
// usual case. A hit skips the credential checks, the scope strings and the shared cache's lock.
struct ScopeMemo {
    bool valid = false;
    const SigningKeyCache* cache = nullptr;
    std::string access_key_id;
    std::optional<SecretString> secret;  // wiped when replaced or at thread exit
    std::string date_stamp, region, service;
    std::string scope;               // date/region/service/aws4_request
    std::string credential;          // AKID/scope
    std::string credential_encoded;  // as it appears in a presigned URL
    HmacSha256Key key;

    bool matches(const Credentials& c, std::string_view date, const SigningParams& p,
                 const SigningKeyCache* k) const {
        return valid && cache == k && date_stamp == date && region == p.region && service == p.service &&
               access_key_id == c.access_key_id && secret->reveal() == c.secret_access_key.reveal();
    }
};

// Everything computed while signing one request. Per thread, reused: a warm thread signs
// without allocating scratch space.
struct Work {
    ScopeMemo memo;
    std::optional<Timestamp> memo_time;
    char amz_date[16];

    UrlParts url;
    std::string payload_hash;
    std::string canonical;
    std::string signed_headers;
    std::string signed_headers_encoded;  // presigning: the X-Amz-SignedHeaders value
    std::string token_encoded;           // presigning: the X-Amz-Security-Token value
    detail::CanonicalLayout layout;
    std::string string_to_sign;
    std::string signature;
    bool token_signed = false;
    std::string header_block;
    char expires[24];
    std::size_t expires_len = 0;

    [[nodiscard]] std::string_view amz_date_view() const { return {amz_date, 16}; }
    [[nodiscard]] std::string_view expires_view() const { return {expires, expires_len}; }
};

Work& thread_work() {
    thread_local Work w;
    w.string_to_sign.clear();
    w.signature.clear();
    w.token_signed = false;
    return w;
}

Result<void> prepare_scope(const Credentials& creds, const SigningParams& p, Work& w) {
    if (!w.memo_time || *w.memo_time != p.time) {
        format_amz_date_to(p.time, w.amz_date);
        w.memo_time = p.time;
    }
    std::string_view date(w.amz_date, 8);
    SigningKeyCache& cache = p.key_cache ? *p.key_cache : SigningKeyCache::shared();
    if (creds.session_token && creds.session_token->empty()) return creds.validate();
    ScopeMemo& m = w.memo;
    if (m.matches(creds, date, p, &cache)) return {};

    if (auto r = creds.validate(); !r) return r;
    if (auto r = check_scope_part(p.service, "service"); !r) return r;
    if (auto r = check_scope_part(p.region, "region"); !r) return r;
    m.valid = false;
    m.secret.reset();
    m.key = cache.get(creds.secret_access_key.reveal(), date, p.region, p.service);
    m.cache = &cache;
    m.access_key_id = creds.access_key_id;
    m.date_stamp = date;
    m.region = p.region;
    m.service = p.service;
    m.scope.clear();
    m.scope.append(date).append("/").append(p.region).append("/").append(p.service).append("/aws4_request");
    m.credential.clear();
    m.credential.append(creds.access_key_id).append("/").append(m.scope);
    m.credential_encoded.clear();
    uri_encode_append(m.credential_encoded, m.credential);
    m.secret.emplace(std::string(creds.secret_access_key.reveal()));
    m.valid = true;
    return {};
}

Result<void> check_method(std::string_view method) {
    if (method.empty()) return fail(error_type::invalid_request, "the method is empty", "method");
    for (char c : method) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return fail(error_type::invalid_request, "the method contains a character not allowed in a token",
                        "method");
    }
    return {};
}

Result<void> prepare(const RequestView& req, const Credentials& creds, const SigningParams& p, Work& w) {
    const SigningOptions& o = p.options;
    if (auto r = prepare_scope(creds, p, w); !r) return r;
    if (auto r = check_method(req.method); !r) return r;
    auto url = split_url(req.url);
    if (!url) return url.failure();
    w.url = *url;
    if (auto r = detail::check_request_and_hash_payload(req.headers, req.body, o, w.payload_hash); !r) return r;

    const ScopeMemo& m = w.memo;
    std::string_view amz_date = w.amz_date_view();
    const bool has_token = creds.session_token.has_value();
    const bool sign_token = has_token && o.session_token == SessionTokenPlacement::sign;
    w.token_signed = sign_token;
    const bool add_content_sha = o.content_sha256 == ContentSha256Header::add &&
                                 !(req.headers && req.headers->contains("x-amz-content-sha256"));

    detail::CanonicalInput in;
    in.method = req.method;
    in.url = &w.url;
    in.path = o.path;
    in.uri_encoding = o.uri_encoding;
    in.payload_hash = w.payload_hash;

    // The request's own X-Amz-Date / token / Authorization are replaced by ours: leave them out.
    std::array<std::string_view, 3> skip;
    std::size_t n_skip = 0;
    skip[n_skip++] = "authorization";
    if (o.location == SignatureLocation::header) skip[n_skip++] = "x-amz-date";
    if (has_token) skip[n_skip++] = "x-amz-security-token";
    in.headers = req.headers;
    in.skip_request_headers = std::span(skip.data(), n_skip);

    std::array<detail::NameValue, 4> extra_headers;
    std::size_t n_extra_headers = 0;
    if (o.location == SignatureLocation::header) {
        if (sign_token) extra_headers[n_extra_headers++] = {"x-amz-security-token", creds.session_token->reveal()};
        extra_headers[n_extra_headers++] = {"x-amz-date", amz_date};
        if (add_content_sha) extra_headers[n_extra_headers++] = {"x-amz-content-sha256", w.payload_hash};
        in.extra_headers = std::span(extra_headers.data(), n_extra_headers);
        if (auto r = detail::build_canonical_request(in, w.canonical, w.signed_headers, &w.layout); !r)
            return r;
    } else {
        if (add_content_sha) extra_headers[n_extra_headers++] = {"x-amz-content-sha256", w.payload_hash};
        in.extra_headers = std::span(extra_headers.data(), n_extra_headers);
        // The signed-header list is itself a query parameter: compute the header block first.
        if (auto r = detail::canonical_headers(in, w.header_block, w.signed_headers); !r) return r;
        auto [end, ec] = std::to_chars(w.expires, w.expires + sizeof w.expires, o.expires_in.count());
        w.expires_len = ec == std::errc{} ? static_cast<std::size_t>(end - w.expires) : 0;
        // Encoded once, for both the canonical query and the URL; listed in sorted order so the
        // canonical query sort has little to do.
        w.signed_headers_encoded.clear();
        uri_encode_append(w.signed_headers_encoded, w.signed_headers);
        w.token_encoded.clear();
        if (has_token) uri_encode_append(w.token_encoded, creds.session_token->reveal());
        std::array<detail::NameValue, 6> extra_query;
        std::size_t n_extra_query = 0;
        extra_query[n_extra_query++] = {"X-Amz-Algorithm", kAlgorithm};
        extra_query[n_extra_query++] = {"X-Amz-Credential", m.credential_encoded};
        extra_query[n_extra_query++] = {"X-Amz-Date", amz_date};
        extra_query[n_extra_query++] = {"X-Amz-Expires", w.expires_view()};
        if (sign_token) extra_query[n_extra_query++] = {"X-Amz-Security-Token", w.token_encoded};
        extra_query[n_extra_query++] = {"X-Amz-SignedHeaders", w.signed_headers_encoded};
        in.extra_query = std::span(extra_query.data(), n_extra_query);
        in.extra_query_encoded = true;
        if (auto r = detail::build_canonical_request(in, w.canonical, w.signed_headers, &w.layout, &w.header_block); !r)
            return r;
    }

    Sha256Digest creq_hash = sha256(w.canonical);
    w.string_to_sign.append(kAlgorithm).append("\n").append(amz_date).append("\n").append(m.scope).append("\n");
    hex_append(w.string_to_sign, creq_hash);
    Sha256Digest sig = m.key.mac(w.string_to_sign);
    hex_append(w.signature, sig);
    return {};
}

SigningSteps steps_from(const Work& w, const SigningParams& p) {
    SigningSteps s;
    s.canonical_request = detail::split_canonical_request(w.canonical, w.layout);
    s.string_to_sign.algorithm = kAlgorithm;
    s.string_to_sign.request_time = std::string(w.amz_date_view());
    s.string_to_sign.scope = w.memo.scope;
    s.string_to_sign.canonical_request_hash = w.string_to_sign.substr(w.string_to_sign.size() - 64);
    s.scope = CredentialScope{w.memo.date_stamp, std::string(p.region), std::string(p.service)};
    return s;
}

// Copies from a borrowed request, moves from an owned one: the same assembly serves both.
template <bool Owned>
struct Take {
    template <class S>
    static std::string str(S& s) {
        if constexpr (Owned) return std::move(s);
        else return std::string(s);
    }
};

// Assembles the signed request from the request's parts and the finished signature.
template <bool Owned, class Headers>
SignedRequest assemble(std::string method, std::string_view url_in, std::string* owned_url, Headers* headers,
                       std::string body, const Credentials& creds, const SigningParams& p, const Work& w) {
    const SigningOptions& o = p.options;
    SignedRequest out;
    out.method = std::move(method);
    out.body = std::move(body);
    const bool has_token = creds.session_token.has_value();
    std::string_view amz_date = w.amz_date_view();
    std::size_t n = headers ? headers->size() : 0;
    out.headers.reserve(n + 4);
    bool have_content_sha = false;
    if (o.location == SignatureLocation::header) {
        bool date_placed = false;
        if (headers)
            for (auto& h : *headers) {
                // Cheap first-letter screen before the case-insensitive compares.
                char f = static_cast<char>(h.name.empty() ? 0 : (h.name[0] | 0x20));
                if (f == 'a' && iequals(h.name, "authorization")) continue;
                if (f == 'x') {
                    if (has_token && iequals(h.name, "x-amz-security-token")) continue;
                    if (iequals(h.name, "x-amz-date")) {
                        if (!date_placed) {
                            if (has_token)
                                out.headers.add("X-Amz-Security-Token", std::string(creds.session_token->reveal()));
                            out.headers.add(Take<Owned>::str(h.name), std::string(amz_date));
                        }
                        date_placed = true;
                        continue;
                    }
                    have_content_sha = have_content_sha || iequals(h.name, "x-amz-content-sha256");
                }
                out.headers.add(Take<Owned>::str(h.name), Take<Owned>::str(h.value));
            }
        if (!date_placed) {
            if (has_token) out.headers.add("X-Amz-Security-Token", std::string(creds.session_token->reveal()));
            out.headers.add("X-Amz-Date", std::string(amz_date));
        }
        if (o.content_sha256 == ContentSha256Header::add && !have_content_sha)
            out.headers.add("x-amz-content-sha256", w.payload_hash);
        const std::string& credential = w.memo.credential;
        std::string auth;
        auth.reserve(kAlgorithm.size() + 40 + credential.size() + w.signed_headers.size() + w.signature.size());
        auth.append(kAlgorithm)
            .append(" Credential=")
            .append(credential)
            .append(", SignedHeaders=")
            .append(w.signed_headers)
            .append(", Signature=")
            .append(w.signature);
        out.headers.add("Authorization", std::move(auth));
        if (owned_url) out.url = std::move(*owned_url);
        else out.url = std::string(url_in);
        return out;
    }

    if (headers)
        for (auto& h : *headers) {
            char f = static_cast<char>(h.name.empty() ? 0 : (h.name[0] | 0x20));
            if (f == 'a' && iequals(h.name, "authorization")) continue;
            if (f == 'x') have_content_sha = have_content_sha || iequals(h.name, "x-amz-content-sha256");
            out.headers.add(Take<Owned>::str(h.name), Take<Owned>::str(h.value));
        }
    if (o.content_sha256 == ContentSha256Header::add && !have_content_sha)
        out.headers.add("x-amz-content-sha256", w.payload_hash);
    // The X-Amz-* parameters go after the request's own query, before any fragment.
    std::string_view base = url_in;
    std::string_view fragment;
    if (auto hash = base.find('#'); hash != std::string_view::npos) {
        fragment = base.substr(hash);
        base = base.substr(0, hash);
    }
    std::string url;
    url.reserve(base.size() + 200 + w.memo.credential_encoded.size() + w.signed_headers_encoded.size() +
                w.token_encoded.size() + fragment.size());
    url.append(base);
    if (!w.url.has_query) url.push_back('?');
    else if (!w.url.query.empty()) url.push_back('&');
    url.append("X-Amz-Algorithm=").append(kAlgorithm);
    url.append("&X-Amz-Credential=").append(w.memo.credential_encoded);
    url.append("&X-Amz-Date=").append(amz_date);
    url.append("&X-Amz-SignedHeaders=").append(w.signed_headers_encoded);
    url.append("&X-Amz-Expires=").append(w.expires_view());
    if (has_token) url.append("&X-Amz-Security-Token=").append(w.token_encoded);
    url.append("&X-Amz-Signature=").append(w.signature);
    url.append(fragment);
    out.url = std::move(url);
    return out;
}

Result<void> check_presign_credentials(const Credentials& creds, const SigningParams& p) {
    if (p.options.location == SignatureLocation::query && creds.expiration && *creds.expiration <= p.time)
        return fail(error_type::invalid_credentials,
                    "the credentials expired at " + format_iso8601(*creds.expiration) +
                        ", before the signing time " + format_iso8601(p.time),
                    "expiration");
    return {};
}

// The trace, when asked for, or to report a presigned URL cut short by the credentials'
// expiration.
void attach_trace(SignedRequest& out, const Work& w, const Credentials& creds, const SigningParams& p) {
    detail::PresignExpiry expiry = detail::presign_expiry(p.options, p.time, creds);
    if (!p.options.record_trace && !expiry.limited) return;
    SigningSteps s = steps_from(w, p);
    out.trace = detail::redacted_trace(std::move(s.canonical_request), std::move(s.string_to_sign),
                                       std::move(s.scope), w.signature, creds, expiry);
}

}  // namespace

Result<SignedRequest> sign(const RequestView& req, const Credentials& creds, const SigningParams& p) {
    if (auto r = check_presign_credentials(creds, p); !r) return r.failure();
    Work& w = thread_work();
    if (auto r = prepare(req, creds, p, w); !r) return r.failure();
    SignedRequest out = assemble<false>(std::string(req.method), req.url, nullptr, req.headers,
                                        std::string(req.body), creds, p, w);
    attach_trace(out, w, creds, p);
    return out;
}

Result<SignedRequest> sign(SignedRequest&& req, const Credentials& creds, const SigningParams& p) {
    if (auto r = check_presign_credentials(creds, p); !r) return r.failure();
    Work& w = thread_work();
    if (auto r = prepare(view(req), creds, p, w); !r) return r.failure();
    // Nothing below reads the request's views again except the URL, which moves last.
    SignedRequest out = assemble<true>(std::move(req.method), req.url,
                                       p.options.location == SignatureLocation::header ? &req.url : nullptr,
                                       &req.headers, std::move(req.body), creds, p, w);
    attach_trace(out, w, creds, p);
    return out;
}

Result<SignedRequest> presign(const RequestView& req, const Credentials& creds, SigningParams p) {
    p.options.location = SignatureLocation::query;
    return sign(req, creds, p);
}

Result<SignedRequest> presign(SignedRequest&& req, const Credentials& creds, SigningParams p) {
    p.options.location = SignatureLocation::query;
    return sign(std::move(req), creds, p);
}

Result<SigningSteps> signing_steps(const RequestView& req, const Credentials& creds, const SigningParams& p) {
    Work& w = thread_work();
    if (auto r = prepare(req, creds, p, w); !r) return r.failure();
    return steps_from(w, p);
}

}  // namespace awsreq
