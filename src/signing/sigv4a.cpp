// SigV4A: key derivation and ECDSA through OpenSSL 3's EVP interface (no EC_KEY), request
// canonicalization through the SigV4 code (detail::build_canonical_request).
#include <awsreq/signing/sigv4a.hpp>

#include <awsreq/core/crypto.hpp>
#include <awsreq/core/encoding.hpp>
#include <awsreq/core/secret.hpp>
#include <awsreq/http/raw_request.hpp>
#include <awsreq/http/url_parts.hpp>

#include "bounded_lru.hpp"
#include "canonical.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#include <array>
#include <cstring>

namespace awsreq {

// ---------------------------------------------------------------------------------------------
// OpenSSL ownership helpers
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* p) const noexcept { EVP_PKEY_CTX_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); }
};
struct BnFree {
    void operator()(BIGNUM* p) const noexcept { BN_clear_free(p); }
};
struct GroupFree {
    void operator()(EC_GROUP* p) const noexcept { EC_GROUP_free(p); }
};
struct PointFree {
    void operator()(EC_POINT* p) const noexcept { EC_POINT_free(p); }
};
struct ParamBldFree {
    void operator()(OSSL_PARAM_BLD* p) const noexcept { OSSL_PARAM_BLD_free(p); }
};
struct ParamFree {
    void operator()(OSSL_PARAM* p) const noexcept { OSSL_PARAM_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

constexpr const char* kCurveName = "prime256v1";

// The order n of P-256 minus 2: a KDF output above this is rejected (the next counter is tried).
constexpr std::array<std::uint8_t, 32> kOrderMinus2 = {
    0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x4F,
};

// a > b for equal-length big-endian numbers, without branching on the (secret) digits.
bool greater_than_be(const Sha256Digest& a, const std::array<std::uint8_t, 32>& b) noexcept {
    unsigned gt = 0, eq = 1;
    for (std::size_t i = 0; i < a.size(); ++i) {
        int l = a[i], r = b[i];
        gt |= static_cast<unsigned>((r - l) >> 31) & 1u & eq;
        eq &= static_cast<unsigned>(((l ^ r) - 1) >> 31) & 1u;
    }
    return gt != 0;
}

void add_one_be(Sha256Digest& v) noexcept {
    unsigned carry = 1;
    for (std::size_t i = v.size(); i-- > 0;) {
        unsigned d = v[i] + carry;
        v[i] = static_cast<std::uint8_t>(d & 0xff);
        carry = d >> 8;
    }
}

Failure crypto_failure(const char* what) {
    return fail(error_type::invalid_credentials, std::string("SigV4A: the crypto library failed to ") + what,
                "secret_access_key");
}

// Builds an EVP_PKEY for P-256 from an uncompressed point (and, for a key pair, the scalar).
PkeyPtr pkey_from_params(const std::uint8_t* point, std::size_t point_len, const BIGNUM* priv) {
    std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
    if (!bld) return nullptr;
    if (!OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, kCurveName, 0)) return nullptr;
    if (!OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point, point_len)) return nullptr;
    if (priv && !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv)) return nullptr;
    std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld.get()));
    if (!params) return nullptr;
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0) return nullptr;
    EVP_PKEY* raw = nullptr;
    if (EVP_PKEY_fromdata(ctx.get(), &raw, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
        return nullptr;
    return PkeyPtr(raw);
}

}  // namespace

struct SigV4aSigningKey::Impl {
    PkeyPtr pkey;
    EcPublicKey public_key;
};

SigV4aSigningKey::SigV4aSigningKey() = default;
SigV4aSigningKey::~SigV4aSigningKey() = default;
SigV4aSigningKey::SigV4aSigningKey(const SigV4aSigningKey&) = default;
SigV4aSigningKey& SigV4aSigningKey::operator=(const SigV4aSigningKey&) = default;
SigV4aSigningKey::SigV4aSigningKey(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

EcPublicKey SigV4aSigningKey::public_key() const { return impl_ ? impl_->public_key : EcPublicKey{}; }

Result<std::string> SigV4aSigningKey::sign(std::string_view message) const {
    if (!impl_) return fail(error_type::invalid_argument, "SigV4A: signing with an empty key", "key");
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
    if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, impl_->pkey.get()) <= 0)
        return crypto_failure("start an ECDSA signature");
    std::array<unsigned char, 80> der{};  // a P-256 DER signature is at most 72 bytes
    std::size_t len = der.size();
    if (EVP_DigestSign(md.get(), der.data(), &len, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) <= 0)
        return crypto_failure("compute an ECDSA signature");
    return hex_encode(std::span<const std::uint8_t>(der.data(), len));
}

Result<SigV4aSigningKey> derive_sigv4a_key(std::string_view access_key_id, std::string_view secret) {
    if (access_key_id.empty())
        return fail(error_type::invalid_credentials, "the access key id is empty", "access_key_id");
    if (secret.empty())
        return fail(error_type::invalid_credentials, "the secret access key is empty", "secret_access_key");

    std::string input_key = "AWS4A";
    input_key.append(secret);
    HmacSha256Key kdf_key(input_key);
    secure_wipe(input_key.data(), input_key.size());

    // 0x00000001 || label || 0x00 || context (access key id || counter) || L = 256 bits.
    std::string fixed_input;
    fixed_input.reserve(4 + kSigV4aAlgorithm.size() + 1 + access_key_id.size() + 1 + 4);
    fixed_input.append("\x00\x00\x00\x01", 4);
    fixed_input.append(kSigV4aAlgorithm);
    fixed_input.push_back('\0');
    fixed_input.append(access_key_id);
    const std::size_t counter_pos = fixed_input.size();
    fixed_input.push_back('\x01');
    fixed_input.append("\x00\x00\x01\x00", 4);

    Sha256Digest scalar{};
    bool found = false;
    for (unsigned counter = 1; counter <= 254 && !found; ++counter) {
        fixed_input[counter_pos] = static_cast<char>(counter);
        scalar = kdf_key.mac(fixed_input);
        if (!greater_than_be(scalar, kOrderMinus2)) found = true;
    }
    if (!found) return crypto_failure("derive a key (no candidate below the curve order)");
    add_one_be(scalar);

    std::unique_ptr<BIGNUM, BnFree> priv(BN_bin2bn(scalar.data(), static_cast<int>(scalar.size()), nullptr));
    secure_wipe(scalar.data(), scalar.size());
    std::unique_ptr<EC_GROUP, GroupFree> group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
    if (!priv || !group) return crypto_failure("set up the P-256 group");
    std::unique_ptr<EC_POINT, PointFree> pub(EC_POINT_new(group.get()));
    if (!pub || !EC_POINT_mul(group.get(), pub.get(), priv.get(), nullptr, nullptr, nullptr))
        return crypto_failure("compute the public key");
    std::array<std::uint8_t, 65> point{};
    if (EC_POINT_point2oct(group.get(), pub.get(), POINT_CONVERSION_UNCOMPRESSED, point.data(), point.size(),
                           nullptr) != point.size())
        return crypto_failure("encode the public key");

    auto impl = std::make_shared<SigV4aSigningKey::Impl>();
    impl->pkey = pkey_from_params(point.data(), point.size(), priv.get());
    if (!impl->pkey) return crypto_failure("build the key pair");
    impl->public_key.x = hex_encode(std::span<const std::uint8_t>(point.data() + 1, 32));
    impl->public_key.y = hex_encode(std::span<const std::uint8_t>(point.data() + 33, 32));
    return SigV4aSigningKey(std::move(impl));
}

Result<EcPublicKey> derive_sigv4a_public_key(const Credentials& credentials) {
    if (auto r = credentials.validate(); !r) return r.failure();
    auto key = derive_sigv4a_key(credentials.access_key_id, credentials.secret_access_key.reveal());
    if (!key) return key.failure();
    return key->public_key();
}

Result<bool> verify_sigv4a_signature(std::string_view message, std::string_view signature_hex,
                                     const EcPublicKey& public_key) {
    auto x = hex_decode(public_key.x);
    auto y = hex_decode(public_key.y);
    if (!x || !y || x->size() != 32 || y->size() != 32)
        return fail(error_type::invalid_argument, "the public key coordinates must be 64 hex digits each",
                    "public_key");
    std::array<std::uint8_t, 65> point{};
    point[0] = 0x04;
    std::memcpy(point.data() + 1, x->data(), 32);
    std::memcpy(point.data() + 33, y->data(), 32);
    PkeyPtr pkey = pkey_from_params(point.data(), point.size(), nullptr);
    if (!pkey) return fail(error_type::invalid_argument, "the public key is not a point on P-256", "public_key");
    auto der = hex_decode(signature_hex);
    if (!der || der->empty()) return false;
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
    if (!md || EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) <= 0)
        return fail(error_type::invalid_argument, "SigV4A: the crypto library failed to start a verification",
                    "public_key");
    int rc = EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(der->data()), der->size(),
                              reinterpret_cast<const unsigned char*>(message.data()), message.size());
    return rc == 1;
}

// ---------------------------------------------------------------------------------------------
// Key cache

struct SigV4aKeyCache::Impl {
    struct Owner {
        std::string access_key_id;
        SecretString secret;
    };
    explicit Impl(std::size_t capacity) : lru(capacity) {}
    detail::BoundedLru<Owner, SigV4aSigningKey> lru;
};

SigV4aKeyCache::SigV4aKeyCache(std::size_t capacity) : impl_(std::make_unique<Impl>(capacity)) {}
SigV4aKeyCache::~SigV4aKeyCache() = default;

Result<SigV4aSigningKey> SigV4aKeyCache::get(std::string_view access_key_id, std::string_view secret) {
    auto same_owner = [&](const Impl::Owner& o) {
        return o.access_key_id == access_key_id && constant_time_equals(o.secret.reveal(), secret);
    };
    auto hit = impl_->lru.find(same_owner);
    if (hit) return *hit;
    auto key = derive_sigv4a_key(access_key_id, secret);  // outside the lock: a scalar multiplication
    if (!key) return key;
    impl_->lru.insert(Impl::Owner{std::string(access_key_id), SecretString(std::string(secret))}, *key, same_owner);
    return key;
}

std::size_t SigV4aKeyCache::size() const { return impl_->lru.size(); }

void SigV4aKeyCache::clear() { impl_->lru.clear(); }

SigV4aKeyCache& SigV4aKeyCache::shared() {
    static SigV4aKeyCache cache;
    return cache;
}

// ---------------------------------------------------------------------------------------------
// Request signing
namespace {


Result<void> check_token(std::string_view value, const char* field, bool allow_star) {
    if (value.empty())
        return fail(error_type::invalid_argument, std::string("the signing ") + field + " is empty", field);
    for (char c : value) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f || c == '/' || c == ',' || (c == '*' && !allow_star))
            return fail(error_type::invalid_argument,
                        std::string("the signing ") + field + " \"" + std::string(value) +
                            "\" contains whitespace, '/', ',' or a control character",
                        field);
    }
    return {};
}

std::string_view trim_ws(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
}

struct Work {
    UrlParts url;
    char amz_date[16];
    std::string date_stamp, payload_hash, scope, credential, region_set;
    std::string canonical, signed_headers, string_to_sign, signature;
    std::string signed_headers_param;  // query signing: X-Amz-SignedHeaders, known before the final pass
    detail::CanonicalLayout layout;
};

// Headers the signer writes itself; any copy in the input is replaced.
bool replaced_header(std::string_view name, SignatureLocation loc, bool has_token) {
    return iequals(name, "authorization") || (loc == SignatureLocation::header && iequals(name, "x-amz-date")) ||
           (loc == SignatureLocation::header && iequals(name, "x-amz-region-set")) ||
           (has_token && iequals(name, "x-amz-security-token"));
}

Result<void> prepare(const RequestView& req, const Credentials& creds, const SigningParamsV4a& p, Work& w) {
    const SigningOptions& o = p.options;
    if (auto r = creds.validate(); !r) return r.failure();
    if (auto r = check_token(p.service, "service", false); !r) return r;
    if (p.region_set.empty())
        return fail(error_type::invalid_argument, "the SigV4A region set is empty", "region_set");
    for (const auto& region : p.region_set) {
        if (auto r = check_token(region, "region_set", true); !r) return r;
        if (!w.region_set.empty()) w.region_set.push_back(',');
        w.region_set.append(region);
    }
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
    w.scope.append(w.date_stamp).append("/").append(p.service).append("/aws4_request");
    w.credential.append(creds.access_key_id).append("/").append(w.scope);

    const bool has_token = creds.session_token.has_value();
    const bool sign_token = has_token && o.session_token == SessionTokenPlacement::sign;
    const bool add_content_sha =
        o.content_sha256 == ContentSha256Header::add && !(req.headers && req.headers->contains("x-amz-content-sha256"));

    detail::CanonicalInput in;
    in.method = req.method;
    in.url = &w.url;
    in.path = o.path;
    in.uri_encoding = o.uri_encoding;
    in.payload_hash = w.payload_hash;

    HeaderList filtered;
    in.headers = req.headers;
    if (req.headers) {
        for (const auto& h : *req.headers)
            if (!replaced_header(h.name, o.location, has_token)) filtered.add(h.name, h.value);
        in.headers = &filtered;
    }

    std::array<detail::NameValue, 4> extra_headers;
    std::size_t n_headers = 0;
    std::array<detail::NameValue, 7> extra_query;
    std::size_t n_query = 0;
    std::string expires = std::to_string(o.expires_in.count());
    if (o.location == SignatureLocation::header) {
        extra_headers[n_headers++] = {"x-amz-date", amz_date};
        extra_headers[n_headers++] = {"x-amz-region-set", w.region_set};
        if (sign_token) extra_headers[n_headers++] = {"x-amz-security-token", creds.session_token->reveal()};
        if (add_content_sha) extra_headers[n_headers++] = {"x-amz-content-sha256", w.payload_hash};
        in.extra_headers = std::span(extra_headers.data(), n_headers);
    } else {
        if (add_content_sha) extra_headers[n_headers++] = {"x-amz-content-sha256", w.payload_hash};
        in.extra_headers = std::span(extra_headers.data(), n_headers);
        std::string scratch;
        if (auto r = detail::build_canonical_request(in, scratch, w.signed_headers_param, nullptr); !r) return r;
        extra_query[n_query++] = {"X-Amz-Algorithm", kSigV4aAlgorithm};
        extra_query[n_query++] = {"X-Amz-Credential", w.credential};
        extra_query[n_query++] = {"X-Amz-Date", amz_date};
        extra_query[n_query++] = {"X-Amz-SignedHeaders", w.signed_headers_param};
        extra_query[n_query++] = {"X-Amz-Expires", expires};
        if (sign_token) extra_query[n_query++] = {"X-Amz-Security-Token", creds.session_token->reveal()};
        extra_query[n_query++] = {"X-Amz-Region-Set", w.region_set};
        in.extra_query = std::span(extra_query.data(), n_query);
    }
    if (auto r = detail::build_canonical_request(in, w.canonical, w.signed_headers, &w.layout); !r) return r;

    w.string_to_sign.append(kSigV4aAlgorithm).append("\n").append(amz_date).append("\n").append(w.scope).append("\n");
    hex_append(w.string_to_sign, sha256(w.canonical));
    return {};
}

SigningSteps steps_from(const Work& w, const SigningParamsV4a& p) {
    SigningSteps s;
    s.canonical_request = detail::split_canonical_request(w.canonical, w.layout);
    s.string_to_sign.algorithm = kSigV4aAlgorithm;
    s.string_to_sign.request_time = std::string(w.amz_date, 16);
    s.string_to_sign.scope = w.scope;
    s.string_to_sign.canonical_request_hash = w.string_to_sign.substr(w.string_to_sign.size() - 64);
    s.scope = CredentialScope{w.date_stamp, std::string(), std::string(p.service)};
    return s;
}


}  // namespace

Result<std::vector<std::string>> parse_region_set(std::string_view list) {
    std::vector<std::string> out;
    while (true) {
        auto comma = list.find(',');
        std::string_view item = trim_ws(list.substr(0, comma));
        if (item.empty())
            return fail(error_type::invalid_argument, "the region set has an empty item", "region_set");
        if (auto r = check_token(item, "region_set", true); !r) return r.failure();
        out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return out;
}

Result<SigningSteps> sigv4a_signing_steps(const RequestView& req, const Credentials& creds,
                                          const SigningParamsV4a& p) {
    Work w;
    if (auto r = prepare(req, creds, p, w); !r) return r.failure();
    return steps_from(w, p);
}

Result<SignedRequest> sign_sigv4a(const RequestView& req, const Credentials& creds, const SigningParamsV4a& p) {
    const SigningOptions& o = p.options;
    if (o.location == SignatureLocation::query && creds.expiration && *creds.expiration <= p.time)
        return fail(error_type::invalid_credentials,
                    "the credentials expired at " + format_iso8601(*creds.expiration) + ", before the signing time " +
                        format_iso8601(p.time),
                    "expiration");
    Work w;
    if (auto r = prepare(req, creds, p, w); !r) return r.failure();
    SigV4aKeyCache& cache = p.key_cache ? *p.key_cache : SigV4aKeyCache::shared();
    auto key = cache.get(creds.access_key_id, creds.secret_access_key.reveal());
    if (!key) return key.failure();
    auto sig = key->sign(w.string_to_sign);
    if (!sig) return sig.failure();
    w.signature = std::move(*sig);

    SignedRequest out;
    out.method = std::string(req.method);
    out.body = std::string(req.body);
    const bool has_token = creds.session_token.has_value();
    std::string_view amz_date(w.amz_date, 16);
    if (o.location == SignatureLocation::header) {
        out.url = std::string(req.url);
        if (req.headers)
            for (const auto& h : *req.headers)
                if (!replaced_header(h.name, o.location, has_token)) out.headers.add(h.name, h.value);
        if (has_token) out.headers.add("X-Amz-Security-Token", std::string(creds.session_token->reveal()));
        out.headers.add("X-Amz-Date", std::string(amz_date));
        out.headers.add("X-Amz-Region-Set", w.region_set);
        if (o.content_sha256 == ContentSha256Header::add && !out.headers.contains("x-amz-content-sha256"))
            out.headers.add("x-amz-content-sha256", w.payload_hash);
        std::string auth;
        auth.reserve(kSigV4aAlgorithm.size() + w.credential.size() + w.signed_headers.size() + w.signature.size() + 40);
        auth.append(kSigV4aAlgorithm)
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
        std::string_view base = req.url, fragment;
        if (auto hash = base.find('#'); hash != std::string_view::npos) {
            fragment = base.substr(hash);
            base = base.substr(0, hash);
        }
        std::string url;
        url.reserve(base.size() + 400 + w.credential.size());
        url.append(base);
        if (!w.url.has_query) url.push_back('?');
        else if (!w.url.query.empty()) url.push_back('&');
        url.append("X-Amz-Algorithm=").append(kSigV4aAlgorithm);
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
        url.append("&X-Amz-Region-Set=");
        uri_encode_append(url, w.region_set);
        url.append("&X-Amz-Signature=").append(w.signature);
        url.append(fragment);
        out.url = std::move(url);
    }
    // A trace when asked for, or to report a URL cut short by the credentials' expiration.
    detail::PresignExpiry expiry = detail::presign_expiry(o, p.time, creds);
    if (o.record_trace || expiry.limited) {
        SigningSteps s = steps_from(w, p);
        out.trace = detail::redacted_trace(std::move(s.canonical_request), std::move(s.string_to_sign),
                                           std::move(s.scope), w.signature, creds, expiry);
    }
    return out;
}

}  // namespace awsreq
