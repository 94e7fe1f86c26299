#include <awsreq/protocols/checksum.hpp>

#include <awsreq/core/crypto.hpp>
#include <awsreq/core/encoding.hpp>

#include <openssl/sha.h>
#include <zlib.h>

#include <array>

namespace awsreq::protocols {

std::optional<ChecksumAlgorithm> parse_checksum_algorithm(std::string_view name) noexcept {
    if (iequals(name, "crc32")) return ChecksumAlgorithm::crc32;
    if (iequals(name, "crc32c")) return ChecksumAlgorithm::crc32c;
    if (iequals(name, "sha1")) return ChecksumAlgorithm::sha1;
    if (iequals(name, "sha256")) return ChecksumAlgorithm::sha256;
    return std::nullopt;
}

const char* to_string(ChecksumAlgorithm a) noexcept {
    switch (a) {
        case ChecksumAlgorithm::crc32: return "crc32";
        case ChecksumAlgorithm::crc32c: return "crc32c";
        case ChecksumAlgorithm::sha1: return "sha1";
        case ChecksumAlgorithm::sha256: return "sha256";
    }
    return "?";
}

std::uint32_t crc32(std::string_view data) noexcept {
    uLong c = ::crc32(0L, Z_NULL, 0);
    // zlib takes uInt lengths: feed large bodies in pieces.
    while (!data.empty()) {
        auto n = static_cast<uInt>(std::min<std::size_t>(data.size(), 1u << 30));
        c = ::crc32(c, reinterpret_cast<const Bytef*>(data.data()), n);
        data.remove_prefix(n);
    }
    return static_cast<std::uint32_t>(c);
}

std::uint32_t crc32c(std::string_view data) noexcept {
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

std::string checksum_base64(ChecksumAlgorithm a, std::string_view body) {
    switch (a) {
        case ChecksumAlgorithm::crc32:
        case ChecksumAlgorithm::crc32c: {
            std::uint32_t c = a == ChecksumAlgorithm::crc32 ? crc32(body) : crc32c(body);
            const char be[4] = {static_cast<char>(c >> 24), static_cast<char>(c >> 16),
                                static_cast<char>(c >> 8), static_cast<char>(c)};
            return base64_encode(std::string_view(be, 4));
        }
        case ChecksumAlgorithm::sha1: {
            unsigned char d[SHA_DIGEST_LENGTH];
            SHA1(reinterpret_cast<const unsigned char*>(body.data()), body.size(), d);
            return base64_encode(std::string_view(reinterpret_cast<const char*>(d), sizeof d));
        }
        case ChecksumAlgorithm::sha256: {
            auto d = sha256(body);
            return base64_encode(std::span<const std::uint8_t>(d));
        }
    }
    return {};
}

}  // namespace awsreq::protocols
