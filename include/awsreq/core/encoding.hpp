// awsreq core: hex, base64 and the percent-encodings SigV4 and AWS protocols use.
#pragma once

#include <awsreq/core/result.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace awsreq {

/// Lower-case hex of bytes (SigV4 signatures and payload hashes are lower-case hex).
[[nodiscard]] std::string hex_encode(std::span<const std::uint8_t> bytes);
[[nodiscard]] std::string hex_encode(std::string_view bytes);
/// Appends lower-case hex to `out` without allocating a temporary.
void hex_append(std::string& out, std::span<const std::uint8_t> bytes);
/// Decodes hex (either case); fails on odd length or a non-hex digit.
[[nodiscard]] Result<std::string> hex_decode(std::string_view hex);

/// Standard base64 with padding (RFC 4648 section 4).
[[nodiscard]] std::string base64_encode(std::string_view bytes);
[[nodiscard]] std::string base64_encode(std::span<const std::uint8_t> bytes);
/// Decodes standard base64; padding optional, whitespace refused.
[[nodiscard]] Result<std::string> base64_decode(std::string_view text);

/// SigV4 URI encoding (RFC 3986): every byte except A-Z a-z 0-9 - . _ ~ becomes %XX (upper hex).
/// With `keep_slash`, '/' is left as is (used for paths).
[[nodiscard]] std::string uri_encode(std::string_view s, bool keep_slash = false);
void uri_encode_append(std::string& out, std::string_view s, bool keep_slash = false);

/// Decodes %XX escapes; '+' stays '+'. A '%' not followed by two hex digits is kept literally,
/// as servers do, so decoding never fails.
[[nodiscard]] std::string percent_decode(std::string_view s);

/// Appends one Unicode code point (at most U+10FFFF) as UTF-8.
void utf8_append(std::string& out, std::uint32_t code_point);

/// XML character data with its entities resolved: the five named ones and numeric references
/// (&#65; &#x41;). A malformed or out-of-range reference is kept as written.
[[nodiscard]] std::string xml_unescape(std::string_view text);

/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::string_view s) noexcept;

/// Escapes `s` as the inside of a JSON string (quotes, backslash, control characters).
void json_escape_append(std::string& out, std::string_view s);
[[nodiscard]] std::string json_quote(std::string_view s);

/// A JSON string literal, quotes included, as Python's json.dumps writes it (ensure_ascii):
/// everything outside ' '..'~' as \uXXXX, surrogate pairs above the BMP, U+FFFD for bytes that
/// are not UTF-8. botocore writes JSON bodies and POST policies this way.
void python_json_string_append(std::string& out, std::string_view utf8);

/// ASCII-only case helpers: HTTP header names and AWS identifiers are ASCII.
[[nodiscard]] std::string ascii_lower(std::string_view s);
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace awsreq
