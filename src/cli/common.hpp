// Values several commands resolve the same way: signing time, credentials, output format.
#pragma once

#include "cli.hpp"

#include <awsreq/core/time.hpp>
#include <awsreq/http/request.hpp>
#include <awsreq/signing/credentials.hpp>

namespace awsreq::cli {

/// `--time T` (basic or ISO 8601 form), or the current time.
[[nodiscard]] Result<Timestamp> signing_time(const ParsedArgs& args);

/// Credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
/// or the legacy AWS_SECURITY_TOKEN).
[[nodiscard]] Result<Credentials> environment_credentials();

enum class OutputFormat { http, json, curl };
/// `--format http|json|curl`, defaulting to `fallback`.
[[nodiscard]] Result<OutputFormat> output_format(const ParsedArgs& args, OutputFormat fallback);

/// Renders a request in the chosen format, newline-terminated for json and curl.
[[nodiscard]] std::string render(const SignedRequest& r, OutputFormat f);

}  // namespace awsreq::cli
