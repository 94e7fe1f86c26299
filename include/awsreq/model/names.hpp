// awsreq model: the snake_case names botocore gives operations (its xform_name).
#pragma once

#include <string>
#include <string_view>

namespace awsreq::model {

/// Converts an API name to botocore's snake_case method name, the way botocore's `xform_name`
/// does: ListObjectsV2 -> list_objects_v2, DescribeDBInstances -> describe_db_instances,
/// ListACLs -> list_acls. A name already containing '_' is returned unchanged.
[[nodiscard]] std::string snake_case(std::string_view api_name);

}  // namespace awsreq::model
