// awsreq model: shapes compiled from a botocore service model, ready for validation and
// serialization without looking at JSON again.
//
// botocore resolves every reference to a shape by overlaying the reference's own traits
// (locationName, location, flattened, xmlNamespace, timestampFormat, ...) on the target shape's
// traits. A `ShapeRef` holds that overlay already merged, so serializers read one struct.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awsreq::model {

/// The botocore shape types.
enum class ShapeType : std::uint8_t {
    structure, list, map, string, integer, long_, float_, double_, boolean, blob, timestamp,
};

/// Where a member of an operation's input goes (botocore `location`; body when absent).
enum class Location : std::uint8_t { body, uri, querystring, header, headers, status_code };

/// Wire format of a timestamp (`timestampFormat`); `protocol_default` defers to the protocol.
enum class TimestampFormat : std::uint8_t { protocol_default, iso8601, unix_timestamp, rfc822 };

struct Shape;

/// A reference to a shape with the reference's traits merged over the shape's own ones.
struct ShapeRef {
    const Shape* shape = nullptr;
    std::string location_name;   ///< `locationName`: the wire name; empty when not set
    std::string query_name;      ///< `queryName` (ec2)
    std::string xml_namespace_uri;     ///< `xmlNamespace.uri`
    std::string xml_namespace_prefix;  ///< `xmlNamespace.prefix`
    Location location = Location::body;
    TimestampFormat timestamp_format = TimestampFormat::protocol_default;
    bool has_xml_namespace = false;
    bool flattened = false;
    bool xml_attribute = false;
    bool jsonvalue = false;
    bool host_label = false;
    bool idempotency_token = false;
    bool streaming = false;
    bool requires_length = false;
    bool event_stream = false;
    bool deprecated = false;
    std::optional<double> min;   ///< `min`: length for strings/lists/maps/blobs, value for numbers
    std::optional<double> max;
    std::string context_param;   ///< `contextParam.name`: endpoint parameter fed by this member
    std::string payload;         ///< `payload` of a structure (the operation's input reference may set it)
};

/// One member of a structure: its API name and the reference to its shape.
struct Member {
    std::string name;
    ShapeRef ref;
};

/// A shape with its structure compiled: members in model order, required names, list/map parts.
struct Shape {
    std::string name;
    ShapeType type = ShapeType::string;
    std::vector<Member> members;          ///< structure members, in the model's order
    std::vector<std::string> required;    ///< structure `required`
    std::string payload;                  ///< structure `payload` member name, empty when none
    bool document = false;                ///< `document: true` (free-form JSON)
    bool union_ = false;                  ///< `union: true` (exactly one member set)
    ShapeRef member;                      ///< list element
    ShapeRef key;                         ///< map key
    ShapeRef value;                       ///< map value
    std::vector<std::string> enum_values; ///< `enum` (informational: botocore does not enforce it)

    /// The member with this API name, or nullptr.
    [[nodiscard]] const Member* find_member(std::string_view member_name) const noexcept;
};

/// The lower-case botocore name of a shape type ("structure", "long", ...).
[[nodiscard]] const char* to_string(ShapeType t) noexcept;

}  // namespace awsreq::model
