// awsreq signing: S3 browser-based uploads (HTTP POST with a SigV4-signed policy), the library
// half of botocore's generate_presigned_post.
//
// The policy is a JSON document {"expiration": ..., "conditions": [...]}; the form carries its
// Base64 as `policy` and, as `x-amz-signature`, the hex HMAC-SHA256 of that Base64 text under
// the SigV4 signing key for date/region/s3.
#pragma once

#include <awsreq/core/result.hpp>
#include <awsreq/core/time.hpp>
#include <awsreq/signing/credentials.hpp>
#include <awsreq/signing/key_cache.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace awsreq {

/// One condition of a POST policy.
struct PostPolicyCondition {
    enum class Kind {
        exact,                 ///< {"name": "value"}
        starts_with,           ///< ["starts-with", "$name", "prefix"]
        equals,                ///< ["eq", "$name", "value"]
        content_length_range,  ///< ["content-length-range", min, max]
    };
    Kind kind = Kind::exact;
    std::string name;   ///< exact: the field name; starts_with/equals: "$field"
    std::string value;  ///< the value or prefix
    std::uint64_t min = 0, max = 0;

    [[nodiscard]] static PostPolicyCondition exact_match(std::string name, std::string value);
    [[nodiscard]] static PostPolicyCondition starts_with_prefix(std::string field, std::string prefix);
    [[nodiscard]] static PostPolicyCondition content_length(std::uint64_t min, std::uint64_t max);
    friend bool operator==(const PostPolicyCondition&, const PostPolicyCondition&) = default;
};

/// A form field, in form order.
struct PostField {
    std::string name;
    std::string value;
    friend bool operator==(const PostField&, const PostField&) = default;
};

/// Reads botocore-style conditions: a JSON list whose items are `{"field": "value"}` objects
/// (one member, a string value) or `["starts-with"|"eq", "$field", "text"]` /
/// `["content-length-range", min, max]` lists. Errors (ParamValidationError, naming the item,
/// e.g. "Conditions[2]"): not JSON, not a list, an unknown operator, wrong arity or types,
/// min > max.
[[nodiscard]] Result<std::vector<PostPolicyCondition>> parse_post_policy_conditions(std::string_view json);

/// Reads form fields given as a JSON object of strings (`{"acl": "public-read"}`), in order.
[[nodiscard]] Result<std::vector<PostField>> parse_post_policy_fields(std::string_view json);

/// How `expiration` is written: as botocore 1.29 does (`2015-12-30T12:00:00Z`), or with
/// milliseconds as the AWS documentation's examples (`2015-12-30T12:00:00.000Z`).
enum class PolicyExpirationFormat { seconds, milliseconds };

/// What to presign.
struct PostPolicyRequest {
    std::string url;     ///< the form action, e.g. "https://bucket.s3.amazonaws.com/"
    std::string bucket;
    std::string key;     ///< a trailing "${filename}" becomes a starts-with condition on the prefix
    std::vector<PostField> fields = {};                ///< the caller's own form fields
    std::vector<PostPolicyCondition> conditions = {};  ///< the caller's own conditions
    std::chrono::seconds expires_in{3600};             ///< 1 s .. 7 days
};

/// Signing inputs of a POST policy.
struct PostPolicyParams {
    std::string_view region;  ///< e.g. "us-east-1"
    Timestamp time;           ///< the signing time (x-amz-date); expiration = time + expires_in
    PolicyExpirationFormat expiration_format = PolicyExpirationFormat::seconds;
    SigningKeyCache* key_cache = nullptr;  ///< nullptr: SigningKeyCache::shared()
};

/// The form to post: the action URL, the fields in botocore's order (caller fields, key,
/// x-amz-algorithm, x-amz-credential, x-amz-date, x-amz-security-token when a token, policy,
/// x-amz-signature), and the policy JSON text that was signed.
struct PresignedPost {
    std::string url;
    std::vector<PostField> fields;
    std::string policy_document;
};

/// Builds, encodes and signs the policy as botocore's generate_presigned_post: conditions are the
/// caller's, then {"bucket"}, the key (exact, or starts-with for "${filename}"), the algorithm,
/// credential, date and token; the JSON is written like Python's json.dumps (", " and ": ",
/// non-ASCII as \uXXXX). Errors: bad credentials, region, bucket/key, conditions, expiry.
[[nodiscard]] Result<PresignedPost> presign_post(const PostPolicyRequest& request, const Credentials& credentials,
                                                 const PostPolicyParams& params);

/// The signature of an exact policy text.
struct PostPolicySignature {
    std::string policy_base64;  ///< the string to sign
    std::string signature;      ///< hex HMAC-SHA256 under the SigV4 key for date/region/s3
    std::string credential;     ///< AKID/date/region/s3/aws4_request
    std::string amz_date;       ///< YYYYMMDDTHHMMSSZ
};

/// Signs a policy document given verbatim (byte for byte, line endings included).
[[nodiscard]] Result<PostPolicySignature> sign_post_policy(std::string_view policy_document,
                                                           const Credentials& credentials,
                                                           const PostPolicyParams& params);

/// The form for a caller-written policy: `fields` followed by x-amz-algorithm, x-amz-credential,
/// x-amz-date, x-amz-security-token (when a token), policy and x-amz-signature. The policy text
/// must already name these values in its conditions.
[[nodiscard]] Result<PresignedPost> presign_post_with_policy(std::string url, std::string_view policy_document,
                                                             std::vector<PostField> fields,
                                                             const Credentials& credentials,
                                                             const PostPolicyParams& params);

}  // namespace awsreq
