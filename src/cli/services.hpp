// Commands that build requests from service models share this: the data path, the service
// catalog, the region and the credentials, resolved from flags and the environment.
#pragma once

#include "cli.hpp"

#include <awsreq/client/service_catalog.hpp>

#include <memory>

namespace awsreq::cli {

/// The botocore data path: --data-path (repeatable), then AWSREQ_DATA_PATH, then the usual
/// install locations.
[[nodiscard]] model::DataPath data_path(const ParsedArgs& args);

/// --region, then AWS_REGION, then AWS_DEFAULT_REGION; empty when none is set.
[[nodiscard]] std::string region_of(const ParsedArgs& args);

/// Parses a params document: inline JSON, @file, or "-" for stdin. An absent argument is {}.
[[nodiscard]] Result<Json> params_document(Io& io, const std::optional<std::string>& arg);

}  // namespace awsreq::cli
