// awsreq client: any operation of any service, from a params document to a signed request.
#pragma once

#include <awsreq/client/client_config.hpp>
#include <awsreq/core/result.hpp>
#include <awsreq/core/time.hpp>
#include <awsreq/endpoints/builtins.hpp>
#include <awsreq/endpoints/resolver.hpp>
#include <awsreq/http/request.hpp>
#include <awsreq/model/json.hpp>
#include <awsreq/model/service_model.hpp>
#include <awsreq/signing/credentials.hpp>
#include <awsreq/signing/post_policy.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string_view>

namespace awsreq {

/// A presigned URL (botocore's generate_presigned_url) with the headers that must accompany
/// it (those it was signed with, other than Host), and when it stops working.
struct PresignedRequest {
    std::string method;
    std::string url;
    HeaderList headers;
    Timestamp expires_at;
    bool expiry_limited_by_credentials = false;
};

/// Per-call choices that override the client's configuration.
struct CallOptions {
    std::optional<std::string> endpoint_url = {};  ///< overrides the resolved endpoint
};

/// Builds signed requests for one service: validate, serialize (by the model's protocol),
/// resolve the endpoint (rules engine), pick the auth scheme the endpoint names, sign. Cheap
/// to create from a loaded model and resolver; immutable and safe to share across threads.
class Client {
public:
    /// A client over an already loaded model and endpoint resolver (shared, not copied).
    [[nodiscard]] static Result<Client> create(std::shared_ptr<const model::ServiceModel> model,
                                               std::shared_ptr<const endpoints::EndpointResolver> resolver,
                                               ClientConfig config);

    /// The signed request for `operation` (API name or snake_case) with `params`, signed with
    /// `credentials` at `time`. Errors: OperationNotFoundError, ParamValidationError (every
    /// problem at once), EndpointResolutionError, signing errors.
    [[nodiscard]] Result<SignedRequest> build(std::string_view operation, const Json& params,
                                              const Credentials& credentials, Timestamp time,
                                              const CallOptions& call = {}) const;

    /// A presigned URL for `operation`, valid `expires_in` (1 s to 7 days) from `time`.
    [[nodiscard]] Result<PresignedRequest> presign(std::string_view operation, const Json& params,
                                                   const Credentials& credentials, Timestamp time,
                                                   std::chrono::seconds expires_in,
                                                   const CallOptions& call = {}) const;

    /// An S3 browser POST upload (botocore's generate_presigned_post): the form's URL (the
    /// bucket's endpoint, as for CreateBucket) and its fields, with the signed policy.
    [[nodiscard]] Result<PresignedPost> presign_post(std::string_view bucket, std::string_view key,
                                                     std::vector<PostField> fields,
                                                     std::vector<PostPolicyCondition> conditions,
                                                     const Credentials& credentials, Timestamp time,
                                                     std::chrono::seconds expires_in,
                                                     const CallOptions& call = {}) const;

    [[nodiscard]] const model::ServiceModel& model() const noexcept { return *model_; }
    [[nodiscard]] const ClientConfig& config() const noexcept { return config_; }

private:
    struct Prepared;
    [[nodiscard]] Result<Prepared> prepare(std::string_view operation, const Json& params, bool presigning,
                                           const CallOptions& call) const;

    /// botocore's S3 endpoint handler: path style for GetBucketLocation, never for ARNs, and
    /// the global endpoint for presigned URLs in the aws partition.
    void customize_s3_builtins(const model::Operation& op, const Json& params, bool presigning,
                               endpoints::EndpointBuiltins& builtins) const;

    std::shared_ptr<const model::ServiceModel> model_;
    std::shared_ptr<const endpoints::EndpointResolver> resolver_;
    ClientConfig config_;
    endpoints::EndpointBuiltins builtins_;
    /// Endpoint parameters from the built-ins alone, made once: calls copy them and add their
    /// context parameters instead of rebuilding every built-in. `presign_global_params_` is the
    /// same for S3's presigned-URL global endpoint (region aws-global, UseGlobalEndpoint).
    endpoints::EndpointParams base_params_;
    endpoints::EndpointParams presign_global_params_;
    bool s3_signing_ = false;  ///< the model signs with S3's SigV4 rules (signatureVersion s3v4)
    std::string client_signing_region_;
    bool s3_endpoint_customizations_ = false;  ///< the model is S3 (serviceId "S3")
};

}  // namespace awsreq
