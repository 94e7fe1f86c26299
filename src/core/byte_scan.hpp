// Internal: scanning text eight bytes at a time for bytes of interest. The signer checks every
// URL and header on every signature; word-at-a-time tests keep that cheap.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace awsreq::detail {

inline constexpr std::uint64_t kByteOnes = 0x0101010101010101ull;
inline constexpr std::uint64_t kByteLow7 = 0x7f7f7f7f7f7f7f7full;
inline constexpr std::uint64_t kByteHighs = 0x8080808080808080ull;

/// High bit set in each byte of `x` equal to `b` (exact per byte: no carries between bytes).
inline std::uint64_t bytes_equal(std::uint64_t x, unsigned char b) {
    std::uint64_t y = x ^ (kByteOnes * b);
    return ~(((y & kByteLow7) + kByteLow7) | y) & kByteHighs;
}

/// High bit set in each byte of `x` below `n` (n at most 0x80; exact per byte).
inline std::uint64_t bytes_below(std::uint64_t x, unsigned char n) {
    return ~(((x & kByteLow7) + kByteOnes * (0x80u - n)) | x) & kByteHighs;
}

/// True when some byte of `s` is one `word_test` flags (a mask from the functions above, for
/// eight bytes) or, for the tail, one `byte_test` accepts.
template <class WordTest, class ByteTest>
bool any_byte(std::string_view s, WordTest word_test, ByteTest byte_test) {
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t x;
        std::memcpy(&x, s.data() + i, 8);
        if (word_test(x)) return true;
    }
    for (; i < s.size(); ++i)
        if (byte_test(static_cast<unsigned char>(s[i]))) return true;
    return false;
}

}  // namespace awsreq::detail
