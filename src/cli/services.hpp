// Commands that build requests from service models share this: the data path, the service
// catalog, the region and the credentials, resolved from flags and the environment.
#pragma once

#include "cli.hpp"

#include <awsreq/client/service_catalog.hpp>

#include <awsreq/core/time.hpp>

#include <memory>
#include <string_view>

namespace awsreq::cli {

/// The botocore data path: --data-path (repeatable), then AWSREQ_DATA_PATH, then the usual
/// install locations.
[[nodiscard]] model::DataPath data_path(const ParsedArgs& args);

/// --region, then AWS_REGION, then AWS_DEFAULT_REGION; empty when none is set.
[[nodiscard]] std::string region_of(const ParsedArgs& args);

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
    BatchProcessor(model::DataPath path, std::string default_region, Result<Credentials> credentials,
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
