#include <awsreq/signing/verify.hpp>

#include <awsreq/core/crypto.hpp>
#include <awsreq/core/encoding.hpp>
#include <awsreq/http/url_parts.hpp>
#include <awsreq/signing/key_cache.hpp>

#include "canonical.hpp"

#include <vector>

namespace awsreq {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

// What the request claims about its own signature.
struct Claim {
    std::string access_key_id, date, region, service;
    std::vector<std::string> signed_headers;
    std::string signature;
    std::string amz_date;
    std::optional<long long> expires;  // presigned only
    bool presigned = false;
};

VerifyResult verdict(VerifyStatus s, std::string reason) {
    VerifyResult r;
    r.status = s;
    r.reason = std::move(reason);
    return r;
}

std::string_view trim(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    while (true) {
        auto p = s.find(sep);
        out.emplace_back(s.substr(0, p));
        if (p == std::string_view::npos) break;
        s.remove_prefix(p + 1);
    }
    return out;
}

bool parse_credential(std::string_view cred, Claim& c) {
    auto parts = split(cred, '/');
    if (parts.size() != 5 || parts[4] != "aws4_request" || parts[0].empty()) return false;
    c.access_key_id = parts[0];
    c.date = parts[1];
    c.region = parts[2];
    c.service = parts[3];
    return true;
}

std::optional<VerifyResult> read_header_claim(const RequestView& req, std::string_view auth, Claim& c) {
    auth = trim(auth);
    if (!auth.starts_with(kAlgorithm))
        return verdict(VerifyStatus::malformed, "the Authorization header is not AWS4-HMAC-SHA256");
    auth.remove_prefix(kAlgorithm.size());
    bool have_cred = false, have_signed = false, have_sig = false;
    for (auto& item : split(auth, ',')) {
        std::string_view kv = trim(item);
        auto eq = kv.find('=');
        if (eq == std::string_view::npos) continue;
        std::string_view k = kv.substr(0, eq), v = kv.substr(eq + 1);
        if (k == "Credential") have_cred = parse_credential(v, c);
        else if (k == "SignedHeaders") { c.signed_headers = split(v, ';'); have_signed = !v.empty(); }
        else if (k == "Signature") { c.signature = v; have_sig = !v.empty(); }
    }
    if (!have_cred) return verdict(VerifyStatus::malformed, "the Authorization header has no valid Credential");
    if (!have_signed) return verdict(VerifyStatus::malformed, "the Authorization header has no SignedHeaders");
    if (!have_sig) return verdict(VerifyStatus::malformed, "the Authorization header has no Signature");
    auto date = req.headers->get("x-amz-date");
    if (!date) return verdict(VerifyStatus::malformed, "the request has no X-Amz-Date header");
    c.amz_date = trim(*date);
    return std::nullopt;
}

std::optional<VerifyResult> read_query_claim(const UrlParts& url, Claim& c) {
    c.presigned = true;
    std::string algorithm;
    bool have_cred = false;
    std::string_view q = url.query;
    while (!q.empty()) {
        auto amp = q.find('&');
        std::string_view item = q.substr(0, amp);
        q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
        auto eq = item.find('=');
        std::string k = percent_decode(item.substr(0, eq));
        std::string v = eq == std::string_view::npos ? std::string() : percent_decode(item.substr(eq + 1));
        if (k == "X-Amz-Algorithm") algorithm = v;
        else if (k == "X-Amz-Credential") have_cred = parse_credential(v, c);
        else if (k == "X-Amz-Date") c.amz_date = v;
        else if (k == "X-Amz-SignedHeaders") c.signed_headers = split(v, ';');
        else if (k == "X-Amz-Signature") c.signature = v;
        else if (k == "X-Amz-Expires") {
            try {
                std::size_t used = 0;
                c.expires = std::stoll(v, &used);
                if (used != v.size()) c.expires.reset();
            } catch (...) {
                c.expires.reset();
            }
            if (!c.expires) return verdict(VerifyStatus::malformed, "X-Amz-Expires is not a number");
        }
    }
    if (algorithm != kAlgorithm) return verdict(VerifyStatus::malformed, "X-Amz-Algorithm is not AWS4-HMAC-SHA256");
    if (!have_cred) return verdict(VerifyStatus::malformed, "X-Amz-Credential is missing or malformed");
    if (c.amz_date.empty()) return verdict(VerifyStatus::malformed, "X-Amz-Date is missing");
    if (c.signed_headers.empty()) return verdict(VerifyStatus::malformed, "X-Amz-SignedHeaders is missing");
    if (c.signature.empty()) return verdict(VerifyStatus::malformed, "X-Amz-Signature is missing");
    if (!c.expires) return verdict(VerifyStatus::malformed, "X-Amz-Expires is missing");
    return std::nullopt;
}

struct Recomputed {
    std::string canonical, string_to_sign, signature;
};

Result<Recomputed> recompute(const RequestView& req, const UrlParts& url, const Claim& c, const SecretString& secret,
                             PathNormalization path, UriEncoding enc, std::string_view payload_hash) {
    std::vector<std::string_view> only(c.signed_headers.begin(), c.signed_headers.end());
    detail::CanonicalInput in;
    in.method = req.method;
    in.url = &url;
    in.headers = req.headers;
    in.only_signed = only;
    in.exclude_query_param = c.presigned ? "X-Amz-Signature" : "";
    in.path = path;
    in.uri_encoding = enc;
    in.payload_hash = payload_hash;
    Recomputed r;
    std::string signed_headers;
    if (auto ok = detail::build_canonical_request(in, r.canonical, signed_headers, nullptr); !ok) return ok.failure();
    std::string scope = c.date + "/" + c.region + "/" + c.service + "/aws4_request";
    r.string_to_sign = std::string(kAlgorithm) + "\n" + c.amz_date + "\n" + scope + "\n" + sha256_hex(r.canonical);
    HmacSha256Key key = SigningKeyCache::shared().get(secret.reveal(), c.date, c.region, c.service);
    r.signature = hex_encode(key.mac(r.string_to_sign));
    return r;
}

}  // namespace

std::string_view to_string(VerifyStatus s) noexcept {
    switch (s) {
        case VerifyStatus::valid: return "valid";
        case VerifyStatus::malformed: return "malformed";
        case VerifyStatus::unknown_access_key: return "unknown access key";
        case VerifyStatus::missing_signed_header: return "missing signed header";
        case VerifyStatus::clock_skew: return "clock skew";
        case VerifyStatus::expired: return "expired";
        case VerifyStatus::signature_mismatch: return "signature mismatch";
    }
    return "unknown";
}

VerifyResult verify(const RequestView& req, const VerifyParams& p) {
    static const HeaderList kNoHeaders;
    RequestView r = req;
    if (!r.headers) r.headers = &kNoHeaders;
    auto url = split_url(r.url);
    if (!url) return verdict(VerifyStatus::malformed, url.error().message);

    Claim c;
    auto auth = r.headers->get("authorization");
    std::optional<VerifyResult> early =
        auth ? read_header_claim(r, *auth, c) : read_query_claim(*url, c);
    if (!auth && url->query.find("X-Amz-Signature") == std::string_view::npos)
        return verdict(VerifyStatus::malformed, "the request has neither an Authorization header nor X-Amz-Signature");
    if (early) return *early;

    auto t = parse_timestamp(c.amz_date);
    if (!t) return verdict(VerifyStatus::malformed, "X-Amz-Date is not a valid time");
    if (format_date_stamp(*t) != c.date)
        return verdict(VerifyStatus::malformed, "the credential scope date " + c.date + " does not match X-Amz-Date");

    VerifyResult out;
    out.access_key_id = c.access_key_id;
    auto secret = p.secret_for ? p.secret_for(c.access_key_id) : std::nullopt;
    if (!secret) {
        out.status = VerifyStatus::unknown_access_key;
        out.reason = "no secret is known for access key id " + c.access_key_id;
        return out;
    }

    if (c.presigned) {
        if (*c.expires < 1 || std::chrono::seconds(*c.expires) > kMaxPresignExpiry) {
            out.status = VerifyStatus::malformed;
            out.reason = "X-Amz-Expires must be between 1 and 604800 seconds";
            return out;
        }
        if (p.now > *t + std::chrono::seconds(*c.expires)) {
            out.status = VerifyStatus::expired;
            out.reason = "the presigned URL expired at " + format_iso8601(*t + std::chrono::seconds(*c.expires));
            return out;
        }
        if (*t - p.now > p.max_skew) {
            out.status = VerifyStatus::clock_skew;
            out.reason = "X-Amz-Date " + format_iso8601(*t) + " is in the future by more than the allowed skew";
            return out;
        }
    } else {
        auto skew = p.now > *t ? p.now - *t : *t - p.now;
        if (skew > p.max_skew) {
            out.status = VerifyStatus::clock_skew;
            out.reason = "X-Amz-Date " + format_iso8601(*t) + " differs from now (" + format_iso8601(p.now) +
                         ") by " + std::to_string(skew.count()) + " s, more than the allowed " +
                         std::to_string(p.max_skew.count()) + " s";
            return out;
        }
    }

    for (const auto& h : c.signed_headers) {
        if (!r.headers->contains(h) && !(h == "host" && !url->authority.empty())) {
            out.status = VerifyStatus::missing_signed_header;
            out.reason = "signed header \"" + h + "\" is missing from the request";
            return out;
        }
    }

    std::string payload_hash;
    if (auto given = r.headers->get("x-amz-content-sha256")) {
        payload_hash = trim(*given);
        if (payload_hash.size() == 64 && payload_hash != sha256_hex(r.body)) {
            out.status = VerifyStatus::signature_mismatch;
            out.reason = "the body does not match its x-amz-content-sha256 hash";
            return out;
        }
    } else if (p.options.payload == PayloadSigning::unsigned_payload && c.presigned) {
        payload_hash = "UNSIGNED-PAYLOAD";
    } else {
        payload_hash = sha256_hex(r.body);
    }

    auto mine = recompute(r, *url, c, *secret, p.options.path, p.options.uri_encoding, payload_hash);
    if (!mine) {
        out.status = VerifyStatus::missing_signed_header;
        out.reason = mine.error().message;
        return out;
    }
    out.canonical_request = mine->canonical;
    out.string_to_sign = mine->string_to_sign;
    if (constant_time_equals(mine->signature, c.signature)) {
        out.status = VerifyStatus::valid;
        out.reason = "the signature matches";
        return out;
    }
    out.status = VerifyStatus::signature_mismatch;
    out.reason = "the signature does not match the request";
    // Would the other common SigV4 variant have matched? Say so: it is the usual cause.
    bool s3_rules = p.options.uri_encoding == UriEncoding::single_encode;
    auto other = recompute(r, *url, c, *secret,
                           s3_rules ? PathNormalization::normalize : PathNormalization::keep,
                           s3_rules ? UriEncoding::double_encode : UriEncoding::single_encode, payload_hash);
    if (other && constant_time_equals(other->signature, c.signature))
        out.hint = s3_rules ? "the request was signed with the default (non-S3) URI rules"
                            : "the request was signed with S3's URI rules (single encoding, no normalization)";
    return out;
}

}  // namespace awsreq
