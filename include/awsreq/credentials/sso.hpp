// awsreq credentials: IAM Identity Center (SSO) role credentials from a cached access token.
#pragma once

#include <awsreq/credentials/options.hpp>
#include <awsreq/credentials/profile_chain.hpp>
#include <awsreq/credentials/provider.hpp>

#include <string>

namespace awsreq::credentials {

/// The token cache file `aws sso login` writes: <home>/.aws/sso/cache/<sha1 hex>.json, keyed by
/// the sso-session name, or by the start URL for legacy profiles.
[[nodiscard]] Result<std::string> sso_token_cache_path(const config::Env& env, const SsoLink& link);

/// The SSO portal: the configured endpoint URL for "SSO", else
/// https://portal.sso[-fips].<sso_region>.(amazonaws.com | api.aws with dualstack).
[[nodiscard]] std::string sso_portal_endpoint(const config::ResolvedConfig& config, std::string_view sso_region);

/// Reads the cached token (it must not have expired at ctx.now) and GETs
/// /federation/credentials?role_name=..&account_id=.. with it. Refreshing an expired token
/// (SSO-OIDC CreateToken) is left to `aws sso login`.
[[nodiscard]] ProviderPtr make_sso_provider(const ProviderContext& ctx, SsoLink link);

}  // namespace awsreq::credentials
