// awsreq credentials: the default credential chain, in the AWS CLI's order.
#pragma once

#include <awsreq/credentials/options.hpp>
#include <awsreq/credentials/provider.hpp>

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

/// The name of the provider that produced the last result of a chain made by
/// make_default_chain (for `configure list`); empty before it finished.
[[nodiscard]] std::string_view chain_source(const Provider& chain);

}  // namespace awsreq::credentials
