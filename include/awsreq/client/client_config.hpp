// awsreq client: the settings a client is created with (the resolved AWS configuration).
#pragma once

#include <awsreq/endpoints/builtins.hpp>

#include <functional>
#include <optional>
#include <string>

namespace awsreq {

/// What a Client needs from the AWS configuration: region, endpoint overrides and the switches
/// the endpoint rules read. The defaults are botocore 1.29's with no configuration.
struct ClientConfig {
    std::string region;
    std::optional<std::string> endpoint_url = {};  ///< endpoint_url / AWS_ENDPOINT_URL
    bool use_fips_endpoint = false;
    bool use_dualstack_endpoint = false;
    endpoints::S3AddressingStyle s3_addressing_style = endpoints::S3AddressingStyle::automatic;
    bool s3_use_accelerate_endpoint = false;
    std::optional<bool> s3_use_arn_region = {};
    endpoints::RegionalEndpoints s3_us_east_1_regional_endpoint = endpoints::RegionalEndpoints::legacy;
    endpoints::RegionalEndpoints sts_regional_endpoints = endpoints::RegionalEndpoints::legacy;
    /// Source of idempotency tokens the caller leaves out; empty means random UUID v4.
    std::function<std::string()> idempotency_token = {};
};

}  // namespace awsreq
