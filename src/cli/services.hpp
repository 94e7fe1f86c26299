// Commands that build requests from service models share this: the data path, the service
// catalog, the region and the credentials, resolved from flags and the environment.
#pragma once

#include "cli.hpp"

#include <awsreq/client/service_catalog.hpp>
#include <awsreq/config/resolved_config.hpp>

#include <memory>

namespace awsreq::cli {

/// The botocore data path: --data-path (repeatable), then AWSREQ_DATA_PATH, then the usual
/// install locations.
[[nodiscard]] model::DataPath data_path(const ParsedArgs& args);

/// The configuration like the AWS CLI resolves it: --profile/--region/--endpoint-url, then
/// AWS_* variables, then the shared config and credentials files.
[[nodiscard]] Result<config::ResolvedConfig> cli_config(const ParsedArgs& args);

/// The client settings for one service (its serviceId picks AWS_ENDPOINT_URL_<SERVICE> and
/// `services` blocks).
[[nodiscard]] ClientConfig client_config(const config::ResolvedConfig& cfg, std::string_view service_id);

/// A client for `service` under the resolved configuration.
[[nodiscard]] Result<Client> make_client(ServiceCatalog& catalog, const config::ResolvedConfig& cfg,
                                         std::string_view service);

/// Parses a params document: inline JSON, @file, or "-" for stdin. An absent argument is {}.
[[nodiscard]] Result<Json> params_document(Io& io, const std::optional<std::string>& arg);

}  // namespace awsreq::cli
