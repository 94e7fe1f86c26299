// Commands that build requests from service models share this: the data path, the service
// catalog, the region and the credentials, resolved from flags and the environment.
#pragma once

#include "cli.hpp"

#include <awsreq/client/service_catalog.hpp>
#include <awsreq/config/resolved_config.hpp>

#include <awsreq/core/time.hpp>

#include <memory>
#include <string_view>

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

/// Like report(), but always one line, as the contract asks: botocore's multi-line
/// "Parameter validation failed:\n<problem>\n<problem>" becomes "<problem>; <problem>".
int report_line(Io& io, const Error& e);

/// The line processor of `awsreq batch` (cli-contract.md, command 3): one JSON input line in,
/// one JSON output line (newline included) appended to `out`, an {"error": ...} object when the
/// line is bad. Clients are made once per (service, region, config) and reused. Separate from
/// the command so benchmarks can drive the per-line path in-process.
class BatchProcessor {
public:
    /// `config` is the resolved configuration lines start from (region, endpoint settings);
    /// its error, if any, becomes every line's error.
    BatchProcessor(model::DataPath path, Result<config::ResolvedConfig> config, Result<Credentials> credentials,
                   Timestamp default_time);
    ~BatchProcessor();
    BatchProcessor(const BatchProcessor&) = delete;
    BatchProcessor& operator=(const BatchProcessor&) = delete;

    void line(std::string_view text, std::string& out);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace awsreq::cli
