// Internal helpers of the protocols layer: botocore's (Python's) text forms of values,
// timestamps, a Python-compatible JSON writer and percent-encoding.
#pragma once

#include <awsreq/model/json.hpp>
#include <awsreq/model/shape.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace awsreq::protocols::detail {

/// Python's repr() of a float: shortest round-trip digits, fixed notation for exponents in
/// [-4, 16), else "1e+16"; integral values keep ".0".
void append_python_float(std::string& out, double v);

/// Python's str() of a JSON scalar as botocore would see it: strings as is, True/False, None,
/// integers in decimal, floats as repr(). Arrays and objects fall back to compact JSON.
void append_python_str(std::string& out, const Json& v);
[[nodiscard]] std::string python_str(const Json& v);

/// An instant with microseconds, as Python's datetime keeps it.
struct Instant {
    std::int64_t seconds = 0;  ///< since 1970-01-01T00:00:00Z
    std::int32_t micros = 0;
};

/// botocore's parse_to_aware_datetime for JSON input: an epoch number, a numeric string, or an
/// ISO 8601 date-time ("2015-08-30T12:36:00Z", fractions, offsets converted to UTC, a date
/// alone meaning midnight). nullopt when unreadable.
[[nodiscard]] std::optional<Instant> parse_instant(const Json& v);

/// `2015-08-30T12:36:00Z`, or with `.ffffffZ` microseconds when they are not zero.
[[nodiscard]] std::string format_iso8601(const Instant& t);
/// `Sun, 30 Aug 2015 12:36:00 GMT` (seconds only).
[[nodiscard]] std::string format_rfc822(const Instant& t);

/// Python json.dumps(v) with its defaults: ", " and ": " separators, non-ASCII escaped as
/// \uXXXX (surrogate pairs above the BMP). With `compact`, "," and ":" separators.
void append_python_json(std::string& out, const Json& v, bool compact = false);

/// botocore's percent_encode: every byte but A-Z a-z 0-9 - . _ ~ (and '/' with keep_slash).
void append_percent_encoded(std::string& out, std::string_view s, bool keep_slash = false);

}  // namespace awsreq::protocols::detail
