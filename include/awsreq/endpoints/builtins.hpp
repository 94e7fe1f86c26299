// awsreq endpoints: filling rule-set parameters from client configuration and operation context.
#pragma once

#include <awsreq/endpoints/params.hpp>
#include <awsreq/endpoints/rule_set.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace awsreq::endpoints {

/// The values of the built-in parameters (`builtIn` in a rule set) for one client, already
/// decided from its configuration (see `decide_builtins` for botocore's policy).
struct EndpointBuiltins {
    std::optional<std::string> region{};        ///< AWS::Region
    bool use_fips = false;                    ///< AWS::UseFIPS
    bool use_dualstack = false;               ///< AWS::UseDualStack
    std::optional<std::string> endpoint_url{};  ///< SDK::Endpoint
    bool s3_force_path_style = false;         ///< AWS::S3::ForcePathStyle
    bool s3_accelerate = false;               ///< AWS::S3::Accelerate
    bool s3_use_arn_region = true;            ///< AWS::S3::UseArnRegion
    bool s3_use_global_endpoint = false;      ///< AWS::S3::UseGlobalEndpoint
    bool s3_disable_multiregion_access_points = false;  ///< AWS::S3::DisableMultiRegionAccessPoints
    bool sts_use_global_endpoint = false;     ///< AWS::STS::UseGlobalEndpoint
    bool s3control_use_arn_region = false;    ///< AWS::S3Control::UseArnRegion
};

/// The value of built-in `name` ("AWS::Region", ...), or nullopt when unknown or unset.
[[nodiscard]] std::optional<ParamValue> builtin_value(const EndpointBuiltins& builtins, std::string_view name);

/// Context parameters of one call, by precedence as botocore applies them: static context
/// parameters of the operation (model `staticContextParams`), then the operation's input members
/// marked `contextParam` (Bucket, Key, AccountId, ...), then client context parameters.
struct ContextParams {
    EndpointParams static_params;
    EndpointParams operation_params;
    EndpointParams client_params;
};

/// The parameters of one resolution: for each parameter the rule set declares, the first of
/// static, operation and client context values, else its built-in's value. Defaults are left
/// to resolution. Undeclared names are dropped.
[[nodiscard]] EndpointParams make_endpoint_params(const RuleSet& rules, const EndpointBuiltins& builtins,
                                                  const ContextParams& context = {});

/// S3 addressing style from configuration (`s3.addressing_style`).
enum class S3AddressingStyle { automatic, virtual_hosted, path };
/// `us_east_1_regional_endpoint` (S3) and `sts_regional_endpoints` settings.
enum class RegionalEndpoints { legacy, regional };

/// The raw client configuration the built-ins derive from.
struct ClientEndpointConfig {
    std::optional<std::string> region{};
    std::optional<std::string> endpoint_url{};  ///< the client's endpoint_url, if any
    bool use_fips_endpoint = false;
    bool use_dualstack_endpoint = false;
    S3AddressingStyle s3_addressing_style = S3AddressingStyle::automatic;
    bool s3_use_accelerate_endpoint = false;
    std::optional<bool> s3_use_arn_region{};    ///< unset: true for S3, false for S3 Control
    bool s3_disable_multiregion_access_points = false;
    RegionalEndpoints s3_us_east_1_regional_endpoint = RegionalEndpoints::legacy;
    RegionalEndpoints sts_regional_endpoints = RegionalEndpoints::legacy;
};

/// Decides the built-ins from configuration the way botocore 1.29 does: an endpoint_url turns
/// off FIPS and dual-stack; accelerate turns off path style; with a custom non-accelerate
/// endpoint_url path style is used unless addressing is "virtual"; S3 uses its global endpoint
/// for us-east-1 (or no region) under "legacy"; STS its global one for the legacy global regions.
[[nodiscard]] EndpointBuiltins decide_builtins(const ClientEndpointConfig& config);

}  // namespace awsreq::endpoints
