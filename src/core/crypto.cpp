// SHA-256 through OpenSSL's low-level interface: it runs the same assembly as EVP but without
// the per-call algorithm fetch, and its context is a plain struct we can copy to keep HMAC pad
// states precomputed.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <awsreq/core/crypto.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstring>
#include <stdexcept>

#include <awsreq/core/encoding.hpp>

namespace awsreq {
namespace {

static_assert(sizeof(SHA256_CTX) <= 112, "Sha256 state buffer too small for SHA256_CTX");

SHA256_CTX* ctx(unsigned char* state) noexcept { return reinterpret_cast<SHA256_CTX*>(state); }

}  // namespace

Sha256::Sha256() noexcept { reset(); }

void Sha256::reset() noexcept { SHA256_Init(ctx(state_)); }

void Sha256::update(std::string_view data) noexcept {
    SHA256_Update(ctx(state_), data.data(), data.size());
}

void Sha256::update(std::span<const std::uint8_t> data) noexcept {
    SHA256_Update(ctx(state_), data.data(), data.size());
}

Sha256Digest Sha256::finish() noexcept {
    Sha256Digest d;
    SHA256_Final(d.data(), ctx(state_));
    return d;
}

Sha256Digest sha256(std::string_view data) noexcept {
    Sha256 h;
    h.update(data);
    return h.finish();
}

std::string sha256_hex(std::string_view data) {
    Sha256Digest d = sha256(data);
    return hex_encode(d);
}

HmacSha256Key::HmacSha256Key() noexcept { init({}); }

HmacSha256Key::HmacSha256Key(std::string_view key) noexcept {
    init({reinterpret_cast<const std::uint8_t*>(key.data()), key.size()});
}

HmacSha256Key::HmacSha256Key(const Sha256Digest& key) noexcept { init(key); }

void HmacSha256Key::init(std::span<const std::uint8_t> key) noexcept {
    std::uint8_t block[64] = {};
    Sha256Digest hashed;
    if (key.size() > 64) {
        Sha256 h;
        h.update(key);
        hashed = h.finish();
        key = hashed;
    }
    if (!key.empty()) std::memcpy(block, key.data(), key.size());
    std::uint8_t pad[64];
    for (int i = 0; i < 64; ++i) pad[i] = block[i] ^ 0x36;
    inner_.reset();
    inner_.update(std::span<const std::uint8_t>(pad, 64));
    for (int i = 0; i < 64; ++i) pad[i] = block[i] ^ 0x5c;
    outer_.reset();
    outer_.update(std::span<const std::uint8_t>(pad, 64));
    secure_wipe(block, sizeof block);
    secure_wipe(pad, sizeof pad);
}

Sha256Digest HmacSha256Key::mac(std::string_view message) const noexcept {
    Sha256 in = inner_;
    in.update(message);
    Sha256Digest d = in.finish();
    Sha256 out = outer_;
    out.update(d);
    return out.finish();
}

Sha256Digest HmacSha256Key::mac(std::initializer_list<std::string_view> parts) const noexcept {
    Sha256 in = inner_;
    for (auto p : parts) in.update(p);
    Sha256Digest d = in.finish();
    Sha256 out = outer_;
    out.update(d);
    return out.finish();
}

Sha256Digest hmac_sha256(std::string_view key, std::string_view message) noexcept {
    return HmacSha256Key(key).mac(message);
}

Sha256Digest hmac_sha256(const Sha256Digest& key, std::string_view message) noexcept {
    return HmacSha256Key(key).mac(message);
}

bool constant_time_equals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string md5_base64(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_md5(), nullptr);
    return base64_encode(std::string_view(reinterpret_cast<const char*>(md), len));
}

void random_bytes(std::span<std::uint8_t> out) {
    if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1)
        throw std::runtime_error("the system random number generator failed");
}

void secure_wipe(void* p, std::size_t n) noexcept { OPENSSL_cleanse(p, n); }

}  // namespace awsreq
