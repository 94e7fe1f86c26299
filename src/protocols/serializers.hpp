// Internal: the per-protocol serializers behind protocols::serialize().
#pragma once

#include <awsreq/protocols/serialize.hpp>

namespace awsreq::protocols::detail {

struct ProtocolInput {
    const model::ServiceModel& model;
    const model::Operation& op;
    const Json& params;
    bool strip_s3_bucket = false;  ///< drop a leading "/{Bucket}" from the URI (S3 rules endpoints)
};

[[nodiscard]] Result<void> serialize_query(const ProtocolInput& in, bool ec2, SerializedRequest& out);
[[nodiscard]] Result<void> serialize_json(const ProtocolInput& in, SerializedRequest& out);
[[nodiscard]] Result<void> serialize_rest(const ProtocolInput& in, bool xml, SerializedRequest& out);

/// The JSON body of a structure with only `members` (pairs of member and value).
void append_json_value(std::string& out, const Json& v, const model::ShapeRef& ref);
void append_xml_value(std::string& out, const Json& v, const model::ShapeRef& ref, std::string_view name);

}  // namespace awsreq::protocols::detail
