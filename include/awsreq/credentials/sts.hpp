// awsreq credentials: STS AssumeRole and AssumeRoleWithWebIdentity as sans-IO steps.
#pragma once

#include <awsreq/credentials/options.hpp>
#include <awsreq/credentials/profile_chain.hpp>
#include <awsreq/credentials/provider.hpp>

#include <string>

namespace awsreq::credentials {

/// Where STS calls go: the configured endpoint URL for "STS" (AWS_ENDPOINT_URL_STS,
/// AWS_ENDPOINT_URL, services block, endpoint_url), else https://sts[-fips].<region>.<suffix>
/// (regional, dualstack api.aws), or https://sts.amazonaws.com for sts_regional_endpoints =
/// legacy in a legacy global region or when no region is known.
[[nodiscard]] std::string sts_endpoint(const config::ResolvedConfig& config);

/// The region STS requests are signed for (the configured region, else us-east-1).
[[nodiscard]] std::string sts_signing_region(const config::ResolvedConfig& config);

/// Parses an STS query-protocol response: the <Credentials> of a 200, or the <Code>/<Message>
/// of an error document as a CredentialRetrievalError.
[[nodiscard]] Result<Credentials> parse_sts_response(const HttpResponse& response, std::string_view action);

/// sts:AssumeRole with `source` credentials, SigV4-signed. mfa_serial asks ChainOptions::mfa
/// for the code; server errors and throttling are retried up to max_attempts.
[[nodiscard]] ProviderPtr make_assume_role_provider(const ProviderContext& ctx, Credentials source,
                                                    AssumeRoleLink link);

/// sts:AssumeRoleWithWebIdentity (unsigned) with the token read from link.token_file.
[[nodiscard]] ProviderPtr make_web_identity_provider(const ProviderContext& ctx, WebIdentityLink link);

/// Web identity from AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (+ AWS_ROLE_SESSION_NAME); not
/// loaded when the token file variable is unset.
[[nodiscard]] ProviderPtr make_env_web_identity_provider(const ProviderContext& ctx);

}  // namespace awsreq::credentials
