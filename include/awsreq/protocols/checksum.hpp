// awsreq protocols: request body checksums (Content-MD5 and the flexible x-amz-checksum-*).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace awsreq::protocols {

/// The flexible checksum algorithms AWS accepts in `x-amz-checksum-<name>`.
enum class ChecksumAlgorithm { crc32, crc32c, sha1, sha256 };

/// Reads an algorithm name case-insensitively ("CRC32", "crc32c", "SHA256"); nullopt otherwise.
[[nodiscard]] std::optional<ChecksumAlgorithm> parse_checksum_algorithm(std::string_view name) noexcept;
/// Lower-case name: "crc32", "crc32c", "sha1", "sha256".
[[nodiscard]] const char* to_string(ChecksumAlgorithm a) noexcept;

/// The base64 of the big-endian digest, the header value of `x-amz-checksum-<name>`.
[[nodiscard]] std::string checksum_base64(ChecksumAlgorithm a, std::string_view body);

[[nodiscard]] std::uint32_t crc32(std::string_view data) noexcept;
/// CRC-32C (Castagnoli).
[[nodiscard]] std::uint32_t crc32c(std::string_view data) noexcept;

}  // namespace awsreq::protocols
