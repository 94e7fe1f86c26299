// awsreq core: time as a plain input value, and the formats AWS uses for it.
#pragma once

#include <awsreq/core/result.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace awsreq {

/// A UTC instant with second precision. The core never reads the clock: callers pass one in.
using Timestamp = std::chrono::sys_seconds;

/// Parses `20150830T123600Z` (SigV4 basic form) or ISO 8601 / RFC 3339
/// (`2015-08-30T12:36:00Z`, fractional seconds, `+hh:mm` offsets converted to UTC).
[[nodiscard]] Result<Timestamp> parse_timestamp(std::string_view text);

/// `20150830T123600Z`: the X-Amz-Date form.
[[nodiscard]] std::string format_amz_date(Timestamp t);
/// `20150830`: the credential-scope date.
[[nodiscard]] std::string format_date_stamp(Timestamp t);
/// `2015-08-30T12:36:00Z`.
[[nodiscard]] std::string format_iso8601(Timestamp t);
/// `Sun, 30 Aug 2015 12:36:00 GMT` (RFC 7231 IMF-fixdate).
[[nodiscard]] std::string format_http_date(Timestamp t);

/// Writes `20150830T123600Z` into a 16-byte buffer; no allocation (signing hot path).
void format_amz_date_to(Timestamp t, char out[16]) noexcept;

}  // namespace awsreq
