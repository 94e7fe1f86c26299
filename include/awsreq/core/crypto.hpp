// awsreq core: SHA-256 and HMAC-SHA256 without exposing OpenSSL types.
//
// Signing is dominated by hashing, so these keep their state inline (no heap), and an HMAC key
// keeps its inner and outer pad states already absorbed: one HMAC then costs two compression
// runs over the message plus one, not four.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace awsreq {

using Sha256Digest = std::array<std::uint8_t, 32>;

/// Incremental SHA-256 (FIPS 180-4).
class Sha256 {
public:
    Sha256() noexcept;
    void update(std::string_view data) noexcept;
    void update(std::span<const std::uint8_t> data) noexcept;
    /// Finishes and returns the digest; the object must be reset() before reuse.
    [[nodiscard]] Sha256Digest finish() noexcept;
    void reset() noexcept;

private:
    friend class HmacSha256Key;
    alignas(8) unsigned char state_[112];
};

[[nodiscard]] Sha256Digest sha256(std::string_view data) noexcept;
/// Lower-case hex SHA-256, the form SigV4 uses for payload and canonical-request hashes.
[[nodiscard]] std::string sha256_hex(std::string_view data);

/// An HMAC-SHA256 key with its pad states precomputed (RFC 2104).
class HmacSha256Key {
public:
    HmacSha256Key() noexcept;
    explicit HmacSha256Key(std::string_view key) noexcept;
    explicit HmacSha256Key(const Sha256Digest& key) noexcept;
    [[nodiscard]] Sha256Digest mac(std::string_view message) const noexcept;
    /// MAC over the concatenation of several parts, without joining them first.
    [[nodiscard]] Sha256Digest mac(std::initializer_list<std::string_view> parts) const noexcept;

private:
    void init(std::span<const std::uint8_t> key) noexcept;
    Sha256 inner_;
    Sha256 outer_;
};

[[nodiscard]] Sha256Digest hmac_sha256(std::string_view key, std::string_view message) noexcept;
[[nodiscard]] Sha256Digest hmac_sha256(const Sha256Digest& key, std::string_view message) noexcept;

/// Compares in time independent of where the inputs first differ (signature checks).
[[nodiscard]] bool constant_time_equals(std::string_view a, std::string_view b) noexcept;

/// MD5, base64-encoded: the Content-MD5 header value some operations require.
[[nodiscard]] std::string md5_base64(std::string_view data);

/// Fills `out` with cryptographically secure random bytes (used for UUIDs and ECDSA nonces).
void random_bytes(std::span<std::uint8_t> out);

/// Wipes memory in a way the compiler may not elide (secrets going out of scope).
void secure_wipe(void* p, std::size_t n) noexcept;

}  // namespace awsreq
