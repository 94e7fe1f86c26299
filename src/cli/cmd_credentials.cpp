// `awsreq credentials`: the resolved credentials as credential_process JSON, so awsreq can be
// another tool's credential_process.
#include "cli.hpp"

#include <awsreq/config/resolved_config.hpp>
#include <awsreq/credentials/chain.hpp>
#include <awsreq/credentials/curl_transport.hpp>
#include <awsreq/credentials/imds.hpp>
#include <awsreq/credentials/process.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <ostream>

namespace awsreq::cli {
namespace {

// Asks for an MFA code on the terminal (never on stdin/stdout, which may be a pipe).
Result<std::string> prompt_mfa(std::string_view serial) {
    std::ofstream tty_out("/dev/tty");
    std::ifstream tty_in("/dev/tty");
    if (!tty_out || !tty_in)
        return fail(error_type::credentials_error, "an MFA code is needed but there is no terminal to ask on", "mfa_serial");
    tty_out << "Enter MFA code for " << serial << ": " << std::flush;
    std::string code;
    std::getline(tty_in, code);
    if (code.empty()) return fail(error_type::credentials_error, "no MFA code entered", "mfa_serial");
    return code;
}

}  // namespace

Result<Credentials> resolve_cli_credentials(const ParsedArgs& args, std::string& source) {
    auto env = config::process_env();
    auto fs = config::real_file_system();
    auto cfg = config::resolve_config({args.get("--profile"), args.get("--region"), args.get("--endpoint-url")}, env, fs);
    if (!cfg) return cfg.failure();
    credentials::ProviderContext ctx{.config = &*cfg,
                                     .fs = fs,
                                     .now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()),
                                     .options = credentials::ChainOptions{}};
    const bool network = args.has("--allow-network");
    auto imds = credentials::imds_options_from_config(*cfg);
    if (!imds) return imds.failure();
    ctx.options.imds = *imds;
    ctx.options.imds.enabled = network;
    if (network) ctx.options.mfa = prompt_mfa;
    auto runner = credentials::system_process_runner();
    credentials::Transport transport;
    if (network) transport = credentials::curl_transport(runner);
    auto chain = credentials::make_default_chain(ctx);
    auto result = credentials::drive(*chain, network ? &transport : nullptr, &runner);
    source = std::string(credentials::chain_source(*chain));
    if (!result && result.error().type == credentials::error_kind::io_not_allowed)
        return fail(error_type::no_credentials, result.error().message + "; pass --allow-network to allow it");
    return result;
}

int cmd_credentials(const Args& args, Io& io) {
    auto parsed = parse_args(args, CommandSpec{{}, {"--allow-network"}});
    if (!parsed) return usage_error(io, parsed.error().message);
    if (parsed->has("--help")) {
        io.out << "usage: awsreq credentials [--profile P] [--region R] [--allow-network]\n"
                  "Resolves the AWS credential chain and prints credential_process JSON.\n"
                  "Without --allow-network no HTTP request is made (IMDS, container, STS and SSO need it);\n"
                  "with it, HTTP goes through the curl program (arguments on its stdin, never in argv).\n";
        return 0;
    }
    if (!parsed->positionals.empty()) return usage_error(io, "unexpected argument " + parsed->positionals.front());
    std::string source;
    auto creds = resolve_cli_credentials(*parsed, source);
    if (!creds) return report(io, creds.error());
    nlohmann::ordered_json out;
    out["Version"] = 1;
    out["AccessKeyId"] = creds->access_key_id;
    out["SecretAccessKey"] = std::string(creds->secret_access_key.reveal());
    if (creds->session_token) out["SessionToken"] = std::string(creds->session_token->reveal());
    if (creds->expiration) out["Expiration"] = format_iso8601(*creds->expiration);
    io.out << out.dump() << '\n';
    return 0;
}

}  // namespace awsreq::cli
