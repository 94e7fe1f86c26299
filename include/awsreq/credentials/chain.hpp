// awsreq credentials: the default credential chain, in the AWS CLI's order.
#pragma once

#include <awsreq/credentials/options.hpp>
#include <awsreq/credentials/provider.hpp>

#include <functional>
#include <memory>

namespace awsreq::credentials {

/// AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, with AWS_SESSION_TOKEN (or the legacy
/// AWS_SECURITY_TOKEN) and AWS_CREDENTIAL_EXPIRATION. Not loaded when the key id is unset; a key
/// id without a secret is an error.
[[nodiscard]] Result<Credentials> environment_credentials(const config::Env& env);
[[nodiscard]] ProviderPtr make_environment_provider(const ProviderContext& ctx);

/// The selected profile's credentials: its base source (static keys, web identity, SSO,
/// credential_process, credential_source) followed by every assume-role hop, each signed with
/// the credentials of the one before.
[[nodiscard]] ProviderPtr make_profile_provider(const ProviderContext& ctx);

/// The whole chain: explicit credentials; environment; the profile when it assumes a role;
/// web identity from the environment; the profile's own credentials (SSO, shared credentials
/// file, credential_process, config file); container credentials; IMDS. A provider that is
/// not configured passes to the next; any other error stops the chain. Fails with
/// NoCredentialsError when none is configured.
[[nodiscard]] ProviderPtr make_default_chain(const ProviderContext& ctx);

/// Builds the default chain for ctx and drives it: one call for the common case.
[[nodiscard]] Result<Credentials> resolve_default_credentials(const ProviderContext& ctx, const Transport* transport,
                                                              const ProcessRunner* runner);

/// A resolver for RefreshingCredentials: each refresh runs a fresh default chain at the time it
/// is given, sharing `config` (kept alive by the resolver) and the seams.
[[nodiscard]] std::function<Result<Credentials>(Timestamp)> default_chain_resolver(
    std::shared_ptr<const config::ResolvedConfig> config, config::FileSystem fs, ChainOptions options,
    Transport transport = {}, ProcessRunner runner = {});

/// The name of the provider that produced the last result of a chain made by
/// make_default_chain (for `configure list`); empty before it finished.
[[nodiscard]] std::string_view chain_source(const Provider& chain);

}  // namespace awsreq::credentials
