// awsreq protocols: turning an operation's parameters into the HTTP request parts, for the five
// AWS protocols (query, ec2, json, rest-json, rest-xml), the way botocore's serializers and
// request handlers do.
#pragma once

#include <awsreq/core/result.hpp>
#include <awsreq/http/header_list.hpp>
#include <awsreq/model/json.hpp>
#include <awsreq/model/service_model.hpp>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace awsreq::protocols {

/// The parts of an unsigned request, before the endpoint is known.
struct SerializedRequest {
    std::string method;
    /// Wire-form path, already percent-encoded as botocore does ('/' kept in greedy labels);
    /// join it to the endpoint URL's path with join_endpoint_path(). Starts with '/', except for
    /// S3 when the bucket was removed and nothing is left ("/{Bucket}"): then it is empty.
    std::string path;
    /// Wire-form query string without '?': the static part of the URI template first ("tagging",
    /// "x-id=GetObject"), then the serialized members, each name and value percent-encoded
    /// (RFC 3986 unreserved characters kept). Empty when there is none.
    std::string query;
    HeaderList headers;
    std::string body;
    /// Expanded `endpoint.hostPrefix` ("foo-myname."): prepend it to the endpoint's host.
    std::string host_prefix;
    /// S3 only: the path with the bucket, as the model wrote it (botocore's authPath), when the
    /// bucket was removed from `path` because the endpoint rules place it.
    std::string auth_path;
    /// The operation's payload is a blob (S3 PutObject, UploadPart...): botocore's
    /// `has_streaming_input`, which lets S3 over https send UNSIGNED-PAYLOAD when a checksum
    /// header is present.
    bool has_streaming_input = false;
    /// The name of the checksum header applied ("Content-MD5", "x-amz-checksum-crc32"), or empty.
    std::string checksum_header;
    /// A flexible checksum the operation asked for that belongs in an aws-chunked trailer
    /// (streaming input over https), lower-case algorithm name ("crc32"); not applied here.
    std::string trailer_checksum_algorithm;
    /// `authtype` of the operation ("none", "v4-unsigned-body", ...), copied for the signer.
    std::string authtype;
};

/// Where the request is going, as far as serialization cares.
enum class RequestKind {
    send,     ///< a request to send: botocore's before-call handlers apply (Content-MD5, Expect...)
    presign,  ///< a presigned URL: those handlers are skipped, as in generate_presigned_url, and a
              ///< query/ec2 form body moves into `query` (no body, no form Content-Type)
};

/// Options of serialize(); defaults behave like botocore with no configuration.
struct SerializeOptions {
    /// Source of idempotency tokens for members marked `idempotencyToken` the caller left out.
    /// Empty: a random UUID v4. Tests pin it to a fixed value.
    std::function<std::string()> idempotency_token = {};
    RequestKind kind = RequestKind::send;
    /// Validate parameters first (botocore's ParamValidator); turn off only for trusted input.
    bool validate = true;
    /// Apply botocore's service customizations (S3 bucket handling, copy source, SSE-C keys,
    /// Route 53 ids, Glacier account id and version, API Gateway Accept, EC2 UserData...).
    bool customizations = true;
    /// Whether the endpoint URL is https: decides header versus trailer flexible checksums for
    /// streaming uploads.
    bool https = true;
};

/// Serializes `params` (the operation's input as JSON: blobs as strings, taken as their UTF-8
/// bytes; timestamps as ISO 8601 strings or epoch numbers) for `op` of `model`.
/// Errors: ParamValidationError listing every problem with its path (botocore's message format),
/// or InvalidArgumentError for values no protocol can carry.
[[nodiscard]] Result<SerializedRequest> serialize(const model::ServiceModel& model,
                                                  const model::Operation& op, const Json& params,
                                                  const SerializeOptions& options = {});

/// Validates `params` against the operation's input like botocore's ParamValidator: required
/// members, types, minimum lengths and values, unknown members, tagged unions. Every problem
/// is reported in one ParamValidationError whose message is botocore's
/// ("Parameter validation failed:\nMissing required parameter in input: \"Key\"\n...") and
/// whose `field` is the path of the first problem.
[[nodiscard]] Result<void> validate(const model::Operation& op, const Json& params);

/// Joins an endpoint URL's path and a serialized request path the way botocore's _urljoin
/// does: an empty or "/" request path keeps the endpoint path (or "/"); a request path starting
/// with '/' after an endpoint path ending in '/' does not double the slash. Use it for S3,
/// where the endpoint rules may put the bucket in the endpoint path ("/bucket").
[[nodiscard]] std::string join_endpoint_path(std::string_view endpoint_path, std::string_view request_path);

/// A random RFC 4122 version 4 UUID ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx").
[[nodiscard]] std::string random_uuid4();

/// The endpoint-rule parameters an operation call supplies: `staticContextParams` of the
/// operation, then members marked `contextParam` that are present in `params` (botocore's
/// order of precedence: the member value wins).
[[nodiscard]] std::vector<std::pair<std::string, Json>> endpoint_context_params(
    const model::Operation& op, const Json& params);

}  // namespace awsreq::protocols
