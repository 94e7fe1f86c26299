// The awsreq command line: shared plumbing for the commands (one file per command).
#pragma once

#include <awsreq/core/result.hpp>
#include <awsreq/signing/credentials.hpp>

#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace awsreq::cli {

/// Standard streams of one command run; tests substitute string streams.
struct Io {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
};

using Args = std::vector<std::string>;

/// Options after parsing: `--name value` / `--name=value` options (repeatable), boolean flags
/// and positional arguments, in order.
struct ParsedArgs {
    std::map<std::string, std::vector<std::string>, std::less<>> options;
    std::set<std::string, std::less<>> flags;
    std::vector<std::string> positionals;

    [[nodiscard]] std::optional<std::string> get(std::string_view name) const;
    [[nodiscard]] std::vector<std::string> get_all(std::string_view name) const;
    [[nodiscard]] bool has(std::string_view flag) const { return flags.count(flag) > 0; }
};

/// What a command accepts. Options common to every command (--region, --profile,
/// --endpoint-url, --time, --data-path, --format, --debug, --help) are always accepted.
struct CommandSpec {
    std::vector<std::string_view> value_options;
    std::vector<std::string_view> flag_options;
};

/// Parses `args` against `spec`; an unknown option or a missing value is a usage error.
[[nodiscard]] Result<ParsedArgs> parse_args(const Args& args, const CommandSpec& spec);

/// Prints "Type: message" on stderr and returns exit status 1.
int report(Io& io, const Error& e);
/// Prints "UsageError: message" on stderr and returns exit status 2.
int usage_error(Io& io, std::string_view message);

/// Reads an environment variable (the CLI is the only layer that does).
[[nodiscard]] std::optional<std::string> getenv_str(const char* name);

/// Reads FILE, or stdin for "-" or no argument.
[[nodiscard]] Result<std::string> read_input(Io& io, const std::optional<std::string>& path);

// The commands. Each returns the process exit status.
int cmd_sign(const Args& args, Io& io);
int cmd_verify(const Args& args, Io& io);
int cmd_request(const Args& args, Io& io);
int cmd_batch(const Args& args, Io& io);
int cmd_presign(const Args& args, Io& io);
int cmd_presign_post(const Args& args, Io& io);
int cmd_endpoint(const Args& args, Io& io);
int cmd_configure(const Args& args, Io& io);
int cmd_credentials(const Args& args, Io& io);

/// Runs the default credential chain for `--profile` / `--region` / `--endpoint-url` from the
/// process environment and the shared files; HTTP only with `--allow-network` (through curl).
/// `source` receives the provider that answered. Defined in cmd_credentials.cpp.
[[nodiscard]] Result<Credentials> resolve_cli_credentials(const ParsedArgs& args, std::string& source);

}  // namespace awsreq::cli
