// awsreq credentials: a Transport that runs the curl program, for callers that allow network
// IO but do not bring an HTTP stack of their own (the awsreq command line with --allow-network).
#pragma once

#include <awsreq/credentials/exchange.hpp>

#include <string>

namespace awsreq::credentials {

/// The ProcessCall that performs `call` with curl: everything (URL, method, headers, body,
/// time limit) goes through curl's standard input as a config file, so no header or token
/// appears in the process list.
[[nodiscard]] ProcessCall curl_process_call(const HttpCall& call, const std::string& curl_program = "curl");

/// Reads curl's `--include` output (status line, headers, body) back into a response; curl's
/// exit codes become typed errors (28: TimeoutError, 6/7: HttpTransportError).
[[nodiscard]] Result<HttpResponse> parse_curl_output(const ProcessOutput& output);

/// A Transport running curl through `runner`.
[[nodiscard]] Transport curl_transport(ProcessRunner runner, std::string curl_program = "curl");

}  // namespace awsreq::credentials
