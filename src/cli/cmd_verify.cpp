// awsreq verify: checks the SigV4 signature of a raw signed request.
#include "cli.hpp"
#include "common.hpp"

#include <awsreq/http/raw_request.hpp>
#include <awsreq/signing/verify.hpp>

#include <iostream>

namespace awsreq::cli {
namespace {

constexpr const char* kHelp = R"(usage: awsreq verify [options] [FILE|-]

Reads a signed raw HTTP/1.1 request (Authorization header or presigned X-Amz-* query) from FILE
or stdin and checks its signature, as a server would. Prints "valid", or "invalid: <reason>".
Exit status 0 when valid, 1 when not.

  --time T          the verifier's current time (default: now)
  --max-skew S      allowed clock skew in seconds (default 900)
  --s3              apply S3's rules (no path normalization, single URI encoding)
  --no-normalize-path
  --debug           print the recomputed canonical request and string to sign on stderr

The secret comes from AWS_SECRET_ACCESS_KEY, for the access key id in AWS_ACCESS_KEY_ID.
)";

}  // namespace

int cmd_verify(const Args& argv, Io& io) {
    auto parsed = parse_args(argv, CommandSpec{{"--max-skew"}, {"--s3", "--no-normalize-path"}});
    if (!parsed) return usage_error(io, parsed.error().message);
    const ParsedArgs& a = *parsed;
    if (a.has("--help")) {
        io.out << kHelp;
        return 0;
    }
    if (a.positionals.size() > 1) return usage_error(io, "expected at most one FILE");
    VerifyParams p;
    if (a.has("--s3")) p.options = s3_signing_options();
    if (a.has("--no-normalize-path")) p.options.path = PathNormalization::keep;
    if (auto s = a.get("--max-skew")) {
        try {
            p.max_skew = std::chrono::seconds(std::stoll(*s));
        } catch (...) {
            return usage_error(io, "--max-skew needs a number of seconds");
        }
    }
    auto now = signing_time(a);
    if (!now) return report(io, now.error());
    p.now = *now;
    auto creds = cli_credentials(a);
    if (!creds) return report(io, creds.error());
    std::string akid = creds->access_key_id;
    SecretString secret = creds->secret_access_key;
    p.secret_for = [&](std::string_view id) -> std::optional<SecretString> {
        if (id == akid) return secret;
        return std::nullopt;
    };
    std::optional<std::string> file;
    if (!a.positionals.empty()) file = a.positionals[0];
    auto text = read_input(io, file);
    if (!text) return report(io, text.error());
    auto request = parse_raw_request(*text);
    if (!request) return report(io, request.error());
    VerifyResult v = verify(view(*request), p);
    if (a.has("--debug") && !v.canonical_request.empty())
        io.err << "---- canonical request ----\n" << v.canonical_request << "\n---- string to sign ----\n"
               << v.string_to_sign << "\n";
    if (v.ok()) {
        io.out << "valid\n";
        return 0;
    }
    io.out << "invalid: " << to_string(v.status) << ": " << v.reason;
    if (!v.hint.empty()) io.out << " (hint: " << v.hint << ")";
    io.out << "\n";
    return 1;
}

}  // namespace awsreq::cli
