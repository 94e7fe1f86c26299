// awsreq signing: SigV4 signing keys, derived once per (secret, date, region, service).
#pragma once

#include <awsreq/core/crypto.hpp>

#include <cstddef>
#include <memory>
#include <string_view>

namespace awsreq {

/// The four HMAC steps of SigV4 key derivation (kDate, kRegion, kService, kSigning).
struct SigningKeyDerivation {
    Sha256Digest k_date, k_region, k_service, k_signing;
};

/// Derives the SigV4 signing key from the secret: HMAC chains over "AWS4"+secret, the date,
/// region, service and "aws4_request".
[[nodiscard]] SigningKeyDerivation derive_signing_key(std::string_view secret,
                                                      std::string_view date,
                                                      std::string_view region,
                                                      std::string_view service);

/// A thread-safe cache of signing keys with their HMAC pad states precomputed, so signing with
/// a warm key costs one HMAC over the string to sign instead of five. Bounded (least recently
/// used entries are dropped); keys change daily, so a small capacity is plenty.
class SigningKeyCache {
public:
    explicit SigningKeyCache(std::size_t capacity = 64);
    ~SigningKeyCache();
    SigningKeyCache(const SigningKeyCache&) = delete;
    SigningKeyCache& operator=(const SigningKeyCache&) = delete;

    /// The key for this scope, derived on a miss.
    [[nodiscard]] HmacSha256Key get(std::string_view secret, std::string_view date,
                                    std::string_view region, std::string_view service);
    [[nodiscard]] std::size_t size() const;
    void clear();

    /// A process-wide cache, used when SigningParams names none.
    [[nodiscard]] static SigningKeyCache& shared();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace awsreq
