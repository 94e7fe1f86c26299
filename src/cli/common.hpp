// Values several commands resolve the same way: signing time, credentials, output format.
#pragma once

#include "cli.hpp"

#include <awsreq/core/time.hpp>
#include <awsreq/http/request.hpp>
#include <awsreq/signing/credentials.hpp>

namespace awsreq::cli {

/// `--time T` (basic or ISO 8601 form), or the current time.
[[nodiscard]] Result<Timestamp> signing_time(const ParsedArgs& args);

/// Credentials resolved like the AWS CLI: environment, shared files, credential_process, ...;
/// providers that need HTTP (IMDS, containers, STS, SSO) only with --allow-network.
[[nodiscard]] Result<Credentials> cli_credentials(const ParsedArgs& args);

enum class OutputFormat { http, json, curl };
/// `--format http|json|curl`, defaulting to `fallback`.
[[nodiscard]] Result<OutputFormat> output_format(const ParsedArgs& args, OutputFormat fallback);

/// Renders a request in the chosen format, newline-terminated for json and curl.
[[nodiscard]] std::string render(const SignedRequest& r, OutputFormat f);

}  // namespace awsreq::cli
