// Internal: the rules' standard library, with botocore 1.29's exact semantics.
#pragma once

#include "compiled.hpp"
#include "partitions_data.hpp"
#include "value.hpp"

#include <string_view>

namespace awsreq::endpoints::detail {

/// isValidHostLabel: RFC 1123 label (1-63 of [A-Za-z0-9-], no leading/trailing '-'); with
/// `allow_subdomains`, every dot-separated label must be one.
bool is_valid_host_label(std::string_view value, const Value& allow_subdomains);
/// aws.isVirtualHostableS3Bucket: a host label of 3+ characters, no upper case, not an IPv4
/// address; with `allow_subdomains` each label is checked the same way.
bool is_virtual_hostable_s3_bucket(std::string_view value, const Value& allow_subdomains);
/// parseURL: {scheme, authority, path, normalizedPath, isIp}, or null for anything but an
/// http(s) URL without a query and with a valid port (Python's urlparse rules).
Value parse_url(std::string_view value);
/// aws.parseArn: {partition, service, region, accountId, resourceId[]}, or null.
Value parse_arn(std::string_view value);
/// getAttr over compiled steps.
Value get_attr(const Value& value, const std::vector<AttrStep>& steps);
/// substring(value, start, stop, reverse) on an ASCII string, or null.
Value substring(std::string_view value, std::int64_t start, std::int64_t stop, bool reverse);

}  // namespace awsreq::endpoints::detail
