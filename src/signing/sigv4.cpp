#include <awsreq/signing/sigv4.hpp>

#include <awsreq/core/encoding.hpp>
#include <awsreq/http/raw_request.hpp>
#include <awsreq/http/url_parts.hpp>

#include "canonical.hpp"

#include <array>

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

void replace_all(std::string& s, std::string_view what, std::string_view with) {
    if (what.empty()) return;
    for (std::size_t pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + with.size()))
        s.replace(pos, what.size(), with);
}

// Everything computed while signing one request.
struct Work {
    UrlParts url;
    char amz_date[16];
    std::string date_stamp;     // YYYYMMDD
    std::string payload_hash;
    std::string scope;          // date/region/service/aws4_request
    std::string credential;     // AKID/scope
    std::string canonical;
    std::string signed_headers;
    detail::CanonicalLayout layout;
    std::string string_to_sign;
    std::string signature;
    bool token_signed = false;
    std::string header_block;
    std::string expires;

    // Reuse keeps capacity: a warm thread signs without allocating scratch space.
    void reset() {
        date_stamp.clear();
        payload_hash.clear();
        scope.clear();
        credential.clear();
        signed_headers.clear();
        string_to_sign.clear();
        signature.clear();
        token_signed = false;
    }
};

Work& thread_work() {
    thread_local Work w;
    w.reset();
    return w;
}



Result<void> prepare(const RequestView& req, const Credentials& creds, const SigningParams& p, Work& w) {
    const SigningOptions& o = p.options;
    if (auto r = creds.validate(); !r) return r.failure();
    if (auto r = check_scope_part(p.service, "service"); !r) return r;
    if (auto r = check_scope_part(p.region, "region"); !r) return r;
    if (req.method.empty()) return fail(error_type::invalid_request, "the method is empty", "method");
    for (char c : req.method) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return fail(error_type::invalid_request, "the method contains a character not allowed in a token",
                        "method");
    }
    auto url = split_url(req.url);
    if (!url) return url.failure();
    w.url = *url;
    if (auto r = detail::check_request_and_hash_payload(req.headers, req.body, o, w.payload_hash); !r) return r;

    format_amz_date_to(p.time, w.amz_date);
    std::string_view amz_date(w.amz_date, 16);
    w.date_stamp.assign(w.amz_date, 8);
    w.scope.append(w.date_stamp).append("/").append(p.region).append("/").append(p.service).append(
        "/aws4_request");
    w.credential.append(creds.access_key_id).append("/").append(w.scope);

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
        w.expires = std::to_string(o.expires_in.count());
        std::array<detail::NameValue, 6> extra_query;
        std::size_t n_extra_query = 0;
        extra_query[n_extra_query++] = {"X-Amz-Algorithm", kAlgorithm};
        extra_query[n_extra_query++] = {"X-Amz-Credential", w.credential};
        extra_query[n_extra_query++] = {"X-Amz-Date", amz_date};
        extra_query[n_extra_query++] = {"X-Amz-SignedHeaders", w.signed_headers};
        extra_query[n_extra_query++] = {"X-Amz-Expires", w.expires};
        if (sign_token) extra_query[n_extra_query++] = {"X-Amz-Security-Token", creds.session_token->reveal()};
        in.extra_query = std::span(extra_query.data(), n_extra_query);
        if (auto r = detail::build_canonical_request(in, w.canonical, w.signed_headers, &w.layout, &w.header_block); !r)
            return r;
    }

    Sha256Digest creq_hash = sha256(w.canonical);
    w.string_to_sign.append(kAlgorithm).append("\n").append(amz_date).append("\n").append(w.scope).append("\n");
    hex_append(w.string_to_sign, creq_hash);

    SigningKeyCache& cache = p.key_cache ? *p.key_cache : SigningKeyCache::shared();
    HmacSha256Key key = cache.get(creds.secret_access_key.reveal(), w.date_stamp, p.region, p.service);
    Sha256Digest sig = key.mac(w.string_to_sign);
    hex_append(w.signature, sig);
    return {};
}

SigningSteps steps_from(const Work& w, const SigningParams& p) {
    SigningSteps s;
    const std::string& c = w.canonical;
    const auto& L = w.layout;
    s.canonical_request.method = c.substr(0, L.uri_begin - 1);
    s.canonical_request.uri = c.substr(L.uri_begin, L.query_begin - 1 - L.uri_begin);
    s.canonical_request.query = c.substr(L.query_begin, L.headers_begin - 1 - L.query_begin);
    s.canonical_request.headers = c.substr(L.headers_begin, L.signed_begin - 1 - L.headers_begin);
    s.canonical_request.signed_headers = c.substr(L.signed_begin, L.payload_begin - 1 - L.signed_begin);
    s.canonical_request.payload_hash = c.substr(L.payload_begin);
    s.string_to_sign.algorithm = kAlgorithm;
    s.string_to_sign.request_time = std::string(w.amz_date, 16);
    s.string_to_sign.scope = w.scope;
    s.string_to_sign.canonical_request_hash = w.string_to_sign.substr(w.string_to_sign.size() - 64);
    s.scope = CredentialScope{w.date_stamp, std::string(p.region), std::string(p.service)};
    return s;
}

std::shared_ptr<const SigningTrace> make_trace(const Work& w, const Credentials& creds, const SigningParams& p) {
    auto t = std::make_shared<SigningTrace>();
    SigningSteps s = steps_from(w, p);
    if (creds.session_token) {
        std::string_view tok = creds.session_token->reveal();
        replace_all(s.canonical_request.headers, tok, "<redacted>");
        replace_all(s.canonical_request.query, uri_encode(tok), "<redacted>");
    }
    t->canonical_request = std::move(s.canonical_request);
    t->string_to_sign = std::move(s.string_to_sign);
    t->scope = std::move(s.scope);
    t->signature = w.signature;
    if (p.options.location == SignatureLocation::query) {
        Timestamp url_expiry = p.time + p.options.expires_in;
        t->expires_at = url_expiry;
        if (creds.expiration && *creds.expiration < url_expiry) {
            t->expires_at = *creds.expiration;
            t->expiry_limited_by_credentials = true;
        }
    }
    return t;
}

}  // namespace

Result<SignedRequest> sign(const RequestView& req, const Credentials& creds, const SigningParams& p) {
    const SigningOptions& o = p.options;
    if (o.location == SignatureLocation::query && creds.expiration && *creds.expiration <= p.time)
        return fail(error_type::invalid_credentials,
                    "the credentials expired at " + format_iso8601(*creds.expiration) +
                        ", before the signing time " + format_iso8601(p.time),
                    "expiration");
    Work& w = thread_work();
    if (auto r = prepare(req, creds, p, w); !r) return r.failure();

    SignedRequest out;
    out.method = std::string(req.method);
    out.body = std::string(req.body);
    const bool has_token = creds.session_token.has_value();
    std::string_view amz_date(w.amz_date, 16);
    if (o.location == SignatureLocation::header) {
        out.url = std::string(req.url);
        std::size_t n = req.headers ? req.headers->size() : 0;
        out.headers.reserve(n + 4);
        bool date_placed = false;
        if (req.headers)
            for (const auto& h : *req.headers) {
                if (iequals(h.name, "authorization")) continue;
                if (has_token && iequals(h.name, "x-amz-security-token")) continue;
                if (iequals(h.name, "x-amz-date")) {
                    if (!date_placed) {
                        if (has_token) out.headers.add("X-Amz-Security-Token", std::string(creds.session_token->reveal()));
                        out.headers.add(h.name, std::string(amz_date));
                    }
                    date_placed = true;
                    continue;
                }
                out.headers.add(h.name, h.value);
            }
        if (!date_placed) {
            if (has_token) out.headers.add("X-Amz-Security-Token", std::string(creds.session_token->reveal()));
            out.headers.add("X-Amz-Date", std::string(amz_date));
        }
        if (o.content_sha256 == ContentSha256Header::add && !out.headers.contains("x-amz-content-sha256"))
            out.headers.add("x-amz-content-sha256", w.payload_hash);
        std::string auth;
        auth.reserve(64 + w.credential.size() + w.signed_headers.size() + 64);
        auth.append(kAlgorithm)
            .append(" Credential=")
            .append(w.credential)
            .append(", SignedHeaders=")
            .append(w.signed_headers)
            .append(", Signature=")
            .append(w.signature);
        out.headers.add("Authorization", std::move(auth));
    } else {
        if (req.headers)
            for (const auto& h : *req.headers)
                if (!iequals(h.name, "authorization")) out.headers.add(h.name, h.value);
        if (o.content_sha256 == ContentSha256Header::add && !out.headers.contains("x-amz-content-sha256"))
            out.headers.add("x-amz-content-sha256", w.payload_hash);
        std::string url;
        std::string_view base = req.url;
        std::string_view fragment;
        if (auto hash = base.find('#'); hash != std::string_view::npos) {
            fragment = base.substr(hash);
            base = base.substr(0, hash);
        }
        url.reserve(base.size() + 300 + w.credential.size());
        url.append(base);
        if (!w.url.has_query) url.push_back('?');
        else if (!w.url.query.empty()) url.push_back('&');
        url.append("X-Amz-Algorithm=").append(kAlgorithm);
        url.append("&X-Amz-Credential=");
        uri_encode_append(url, w.credential);
        url.append("&X-Amz-Date=").append(amz_date);
        url.append("&X-Amz-SignedHeaders=");
        uri_encode_append(url, w.signed_headers);
        url.append("&X-Amz-Expires=").append(std::to_string(o.expires_in.count()));
        if (has_token) {
            url.append("&X-Amz-Security-Token=");
            uri_encode_append(url, creds.session_token->reveal());
        }
        url.append("&X-Amz-Signature=").append(w.signature);
        url.append(fragment);
        out.url = std::move(url);
    }
    if (o.record_trace || o.location == SignatureLocation::query) out.trace = make_trace(w, creds, p);
    return out;
}

Result<SignedRequest> presign(const RequestView& req, const Credentials& creds, SigningParams p) {
    p.options.location = SignatureLocation::query;
    return sign(req, creds, p);
}

Result<SigningSteps> signing_steps(const RequestView& req, const Credentials& creds, const SigningParams& p) {
    Work& w = thread_work();
    if (auto r = prepare(req, creds, p, w); !r) return r.failure();
    return steps_from(w, p);
}

}  // namespace awsreq
