// awsreq credentials: EC2 instance metadata (IMDSv2 with a session token, optional v1 fallback).
#pragma once

#include <awsreq/credentials/options.hpp>
#include <awsreq/credentials/provider.hpp>

#include <string>

namespace awsreq::credentials {

/// The IMDS base URL (no trailing slash): ImdsOptions::endpoint_override, then
/// AWS_EC2_METADATA_SERVICE_ENDPOINT / ec2_metadata_service_endpoint, else by endpoint mode
/// (mode_override, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE / ec2_metadata_service_endpoint_mode):
/// IPv4 http://169.254.169.254, IPv6 http://[fd00:ec2::254].
[[nodiscard]] Result<std::string> imds_endpoint(const config::ResolvedConfig& config, const ImdsOptions& options);

/// IMDS credentials: PUT /latest/api/token, GET the role name, GET its credentials. Not loaded
/// when AWS_EC2_METADATA_DISABLED=true, when no role is attached, or when IMDS cannot be
/// reached. A 401 (expired token) fetches a new token once.
[[nodiscard]] ProviderPtr make_imds_provider(const ProviderContext& ctx);


/// ImdsOptions with the timeout and attempt count the configuration asks for
/// (AWS_METADATA_SERVICE_TIMEOUT / metadata_service_timeout in seconds,
/// AWS_METADATA_SERVICE_NUM_ATTEMPTS / metadata_service_num_attempts), on top of `base`.
[[nodiscard]] Result<ImdsOptions> imds_options_from_config(const config::ResolvedConfig& config, ImdsOptions base = {});

/// The instance's region from IMDS, only for callers that ask for it: PUT a token, then
/// GET /latest/meta-data/placement/region. Same calling convention as a Provider, but the
/// final step carries the region.
class ImdsRegionLookup {
public:
    using Step = std::variant<HttpCall, Result<std::string>>;
    ImdsRegionLookup(const config::ResolvedConfig& config, ImdsOptions options);
    [[nodiscard]] Step next(Input input);

private:
    std::string endpoint_;
    std::optional<Error> setup_error_;
    ImdsOptions options_;
    int state_ = 0;
    std::optional<std::string> token_;
};

/// Drives an ImdsRegionLookup with `transport` (none: declined).
[[nodiscard]] Result<std::string> imds_region(ImdsRegionLookup& lookup, const Transport* transport);

}  // namespace awsreq::credentials
