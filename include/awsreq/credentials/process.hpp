// awsreq credentials: credential_process (an external program prints credentials as JSON).
#pragma once

#include <awsreq/credentials/options.hpp>
#include <awsreq/credentials/profile_chain.hpp>
#include <awsreq/credentials/provider.hpp>

#include <string>
#include <vector>

namespace awsreq::credentials {

/// Splits a credential_process command line into argv the way the AWS CLI does on POSIX
/// (shell-like words: single and double quotes, backslash escapes; no expansion, no pipes).
[[nodiscard]] Result<std::vector<std::string>> split_command_line(std::string_view command);

/// Parses the program's output: {"Version": 1, "AccessKeyId", "SecretAccessKey",
/// "SessionToken"?, "Expiration"? (ISO 8601)}.
[[nodiscard]] Result<Credentials> parse_process_output(std::string_view stdout_text);

/// Runs link.command (no shell) and parses its standard output. A non-zero exit is an error;
/// standard error is kept apart and never copied into messages (it may echo secrets).
[[nodiscard]] ProviderPtr make_process_provider(const ProviderContext& ctx, ProcessLink link);

/// The real ProcessRunner: posix_spawnp with stdin from /dev/null, stdout and stderr on two
/// pipes read together, then waitpid.
[[nodiscard]] ProcessRunner system_process_runner();

}  // namespace awsreq::credentials
