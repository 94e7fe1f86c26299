// awsreq credentials: container credentials (ECS task roles, EKS Pod Identity).
#pragma once

#include <awsreq/credentials/options.hpp>
#include <awsreq/credentials/provider.hpp>

#include <string>

namespace awsreq::credentials {

/// The credentials URI: http://169.254.170.2 + AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, else
/// AWS_CONTAINER_CREDENTIALS_FULL_URI, which must be https, or http to a loopback address, the
/// ECS (169.254.170.2) or EKS (169.254.170.23, fd00:ec2::23) agent. Not loaded when neither is set.
[[nodiscard]] Result<std::string> container_credentials_uri(const config::Env& env);

/// GET the URI with Authorization from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read through the
/// FileSystem seam) or AWS_CONTAINER_AUTHORIZATION_TOKEN; three attempts on server errors.
[[nodiscard]] ProviderPtr make_container_provider(const ProviderContext& ctx);

}  // namespace awsreq::credentials
