// awsreq signing: SigV4A (AWS4-ECDSA-P256-SHA256), the asymmetric, multi-region variant of SigV4.
//
// The request is canonicalized exactly as for SigV4; the credential scope drops the region
// (`date/service/aws4_request`), the regions the signature is valid in travel in
// X-Amz-Region-Set, and the string to sign is signed with ECDSA P-256 under a key derived from
// the secret access key.
#pragma once

#include <awsreq/core/result.hpp>
#include <awsreq/core/time.hpp>
#include <awsreq/http/request.hpp>
#include <awsreq/signing/credentials.hpp>
#include <awsreq/signing/options.hpp>
#include <awsreq/signing/sigv4.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace awsreq {

/// The SigV4A algorithm name, used in Authorization, X-Amz-Algorithm and the string to sign.
inline constexpr std::string_view kSigV4aAlgorithm = "AWS4-ECDSA-P256-SHA256";

/// A P-256 public key as its affine coordinates, each 64 lower-case hex digits (big-endian).
struct EcPublicKey {
    std::string x;
    std::string y;
    friend bool operator==(const EcPublicKey&, const EcPublicKey&) = default;
};

/// The ECDSA P-256 private key SigV4A derives from a credential pair. Opaque and immutable;
/// copies share the key, and it is safe to sign with from several threads.
class SigV4aSigningKey {
public:
    SigV4aSigningKey();
    ~SigV4aSigningKey();
    SigV4aSigningKey(const SigV4aSigningKey&);
    SigV4aSigningKey& operator=(const SigV4aSigningKey&);

    /// The matching public key.
    [[nodiscard]] EcPublicKey public_key() const;
    /// ECDSA over SHA-256 of `message`, DER-encoded, lower-case hex. Randomized: two calls give
    /// different (equally valid) signatures.
    [[nodiscard]] Result<std::string> sign(std::string_view message) const;

    struct Impl;

private:
    explicit SigV4aSigningKey(std::shared_ptr<const Impl> impl);
    friend Result<SigV4aSigningKey> derive_sigv4a_key(std::string_view, std::string_view);
    std::shared_ptr<const Impl> impl_;
};

/// The SigV4A key derivation (NIST SP 800-108 HMAC-SHA256 KDF in counter mode, as AWS
/// specifies it): k0 = HMAC("AWS4A" + secret, 0x00000001 || "AWS4-ECDSA-P256-SHA256" || 0x00 ||
/// access key id || counter || 0x00000100); the first k0 <= n-2 (counter 1, 2, ...) gives the
/// private key k0 + 1. Fails only on empty inputs or a crypto-library failure.
[[nodiscard]] Result<SigV4aSigningKey> derive_sigv4a_key(std::string_view access_key_id,
                                                         std::string_view secret_access_key);

/// The public key SigV4A derives from these credentials (X/Y hex), e.g. to register with a
/// verifier or to compare with a test vector.
[[nodiscard]] Result<EcPublicKey> derive_sigv4a_public_key(const Credentials& credentials);

/// Checks a hex DER ECDSA P-256 signature over SHA-256(message) against a public key. Returns
/// false for a wrong or malformed signature; fails when the public key is not a point of P-256.
[[nodiscard]] Result<bool> verify_sigv4a_signature(std::string_view message,
                                                   std::string_view signature_hex,
                                                   const EcPublicKey& public_key);

/// Derived SigV4A keys per (access key id, secret). Derivation costs an HMAC and a scalar
/// multiplication, so signers keep the keys. Thread-safe, bounded (least recently used dropped).
class SigV4aKeyCache {
public:
    explicit SigV4aKeyCache(std::size_t capacity = 16);
    ~SigV4aKeyCache();
    SigV4aKeyCache(const SigV4aKeyCache&) = delete;
    SigV4aKeyCache& operator=(const SigV4aKeyCache&) = delete;

    /// The key for these credentials, derived on a miss.
    [[nodiscard]] Result<SigV4aSigningKey> get(std::string_view access_key_id,
                                               std::string_view secret_access_key);
    [[nodiscard]] std::size_t size() const;
    void clear();

    /// A process-wide cache, used when SigningParamsV4a names none.
    [[nodiscard]] static SigV4aKeyCache& shared();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Splits a comma-separated region set ("us-east-1, us-west-2", "*") as a command line or a
/// config file gives it: items trimmed, none empty, at least one.
[[nodiscard]] Result<std::vector<std::string>> parse_region_set(std::string_view comma_separated);

/// Everything SigV4A signing depends on besides the request and the credentials.
struct SigningParamsV4a {
    std::string_view service;             ///< the signing name, e.g. "s3"
    std::vector<std::string> region_set;  ///< e.g. {"us-east-1", "us-west-2"} or {"*"}; joined with ','
    Timestamp time;                       ///< the signing time (X-Amz-Date)
    SigningOptions options = {};          ///< the same switches as SigV4 (location, S3 rules, ...)
    SigV4aKeyCache* key_cache = nullptr;  ///< nullptr: SigV4aKeyCache::shared()
};

/// Signs with SigV4A in the Authorization header, or (SignatureLocation::query) as a presigned
/// URL. Adds X-Amz-Date and X-Amz-Region-Set (header or query), the session token and, when
/// asked, x-amz-content-sha256. The input is not modified. Errors: as sign() for SigV4, and an
/// empty region set or a region with whitespace, ',' or control characters.
[[nodiscard]] Result<SignedRequest> sign_sigv4a(const RequestView& request,
                                                const Credentials& credentials,
                                                const SigningParamsV4a& params);

/// The canonical request and string to sign sign_sigv4a() would produce (session token
/// unredacted), for diagnosis and tests. `scope.region` is empty: SigV4A scopes have none.
[[nodiscard]] Result<SigningSteps> sigv4a_signing_steps(const RequestView& request,
                                                        const Credentials& credentials,
                                                        const SigningParamsV4a& params);

}  // namespace awsreq
