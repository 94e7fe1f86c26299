// awsreq credentials: what a profile says about where its credentials come from.
//
// A profile either holds a base source (static keys, web identity, SSO, credential_process, or
// a named credential_source) or chains to another profile through role_arn + source_profile.
// Resolving the chain is pure: it reads a ProfileSet and performs no IO.
#pragma once

#include <awsreq/config/profile_file.hpp>
#include <awsreq/core/result.hpp>
#include <awsreq/core/secret.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace awsreq::credentials {

/// aws_access_key_id / aws_secret_access_key (/ aws_session_token) in a profile.
struct StaticKeysLink {
    std::string profile;
    std::string access_key_id;
    SecretString secret_access_key;
    std::optional<SecretString> session_token;
    std::optional<std::string> account_id;
};

/// One sts:AssumeRole hop.
struct AssumeRoleLink {
    std::string profile;
    std::string role_arn;
    std::optional<std::string> external_id;
    std::optional<std::string> role_session_name;
    std::optional<std::string> mfa_serial;
    std::optional<int> duration_seconds;
};

/// credential_source = Environment | Ec2InstanceMetadata | EcsContainer.
struct NamedSourceLink {
    std::string source;
};

/// role_arn + web_identity_token_file (sts:AssumeRoleWithWebIdentity).
struct WebIdentityLink {
    std::string role_arn;
    std::string token_file;
    std::optional<std::string> role_session_name;
};

/// IAM Identity Center: legacy (sso_start_url in the profile) or through an [sso-session].
struct SsoLink {
    std::string profile;
    std::optional<std::string> session_name;
    std::string region;
    std::string start_url;
    std::optional<std::string> account_id;
    std::optional<std::string> role_name;
};

/// credential_process = command line.
struct ProcessLink {
    std::string profile;
    std::string command;
};

using BaseLink = std::variant<StaticKeysLink, NamedSourceLink, WebIdentityLink, SsoLink, ProcessLink>;

/// The base source, then the roles to assume in order (innermost source first).
struct ProfileChain {
    BaseLink base;
    std::vector<AssumeRoleLink> roles;
};

/// Resolves the chain for `selected`, like the AWS SDKs: role_arn leads to source_profile or
/// credential_source (not both); after the first profile static keys win over a role_arn; a
/// profile that names itself as source uses its own static keys; revisiting a profile is a
/// loop. A missing or credential-less selected profile is CredentialsNotLoaded; every other
/// problem is a CredentialRetrievalError naming the profile.
[[nodiscard]] Result<ProfileChain> resolve_profile_chain(const config::ProfileSet& profiles, std::string_view selected);

/// True when the profile uses role_arn without web_identity_token_file (an assume-role hop).
[[nodiscard]] bool has_assume_role(const config::Section& profile);

}  // namespace awsreq::credentials
