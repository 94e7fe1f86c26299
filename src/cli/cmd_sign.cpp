// awsreq sign: signs one raw HTTP/1.1 request (cli-contract.md, command 1).
#include "cli.hpp"
#include "common.hpp"

#include <awsreq/http/raw_request.hpp>
#include <awsreq/signing/sigv4.hpp>
#include <awsreq/signing/sigv4a.hpp>

#include <iostream>

namespace awsreq::cli {
namespace {

constexpr const char* kHelp = R"(usage: awsreq sign --service S --region R [options] [FILE|-]

Signs the raw HTTP/1.1 request in FILE (or stdin) with AWS Signature Version 4 and prints it.

  --service S             signing name (e.g. s3, iam, execute-api)
  --region R              signing region
  --time T                signing time, 20150830T123600Z or 2015-08-30T12:36:00Z (default: now)
  --presign SECONDS       sign in the query string (a presigned URL), valid 1..604800 s
  --unsigned-payload      sign UNSIGNED-PAYLOAD instead of the body's hash
  --sign-body             send and sign x-amz-content-sha256 (header signing)
  --normalize-path        remove dot segments and duplicate slashes (the default)
  --no-normalize-path     sign the path as sent
  --omit-session-token    add X-Amz-Security-Token after signing, unsigned
  --s3                    S3 rules: no normalization, single URI encoding, x-amz-content-sha256
  --algorithm A           sigv4 (default) or sigv4a (AWS4-ECDSA-P256-SHA256)
  --region-set LIST       sigv4a: comma-separated regions or "*" (default: --region)
  --format F              http (default), json or curl
  --debug                 print the canonical request and string to sign on stderr (redacted)

Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.
)";

}  // namespace

int cmd_sign(const Args& argv, Io& io) {
    auto parsed = parse_args(argv, CommandSpec{{"--service", "--presign", "--algorithm", "--region-set"},
                                               {"--unsigned-payload", "--normalize-path", "--no-normalize-path",
                                                "--sign-body", "--omit-session-token", "--s3"}});
    if (!parsed) return usage_error(io, parsed.error().message);
    const ParsedArgs& a = *parsed;
    if (a.has("--help")) {
        io.out << kHelp;
        return 0;
    }
    auto service = a.get("--service");
    auto region = a.get("--region");
    if (!service) return usage_error(io, "--service is required");
    if (!region) return usage_error(io, "--region is required");
    if (a.positionals.size() > 1) return usage_error(io, "expected at most one FILE");
    if (a.has("--normalize-path") && a.has("--no-normalize-path"))
        return usage_error(io, "--normalize-path and --no-normalize-path exclude each other");
    const std::string algorithm = a.get("--algorithm").value_or("sigv4");
    if (algorithm != "sigv4" && algorithm != "sigv4a")
        return usage_error(io, "--algorithm must be sigv4 or sigv4a, not \"" + algorithm + "\"");
    if (a.get("--region-set") && algorithm != "sigv4a") return usage_error(io, "--region-set needs --algorithm sigv4a");
    auto format = output_format(a, OutputFormat::http);
    if (!format) return usage_error(io, format.error().message);

    SigningOptions o;
    if (a.has("--s3")) o = s3_signing_options();
    if (auto p = a.get("--presign")) {
        long long secs = 0;
        try {
            std::size_t used = 0;
            secs = std::stoll(*p, &used);
            if (used != p->size()) throw std::invalid_argument("trailing");
        } catch (...) {
            return usage_error(io, "--presign needs a number of seconds, not \"" + *p + "\"");
        }
        if (a.has("--s3")) o = s3_presign_options(std::chrono::seconds(secs));
        o.location = SignatureLocation::query;
        o.expires_in = std::chrono::seconds(secs);
    }
    if (a.has("--unsigned-payload")) o.payload = PayloadSigning::unsigned_payload;
    if (a.has("--sign-body") && o.location == SignatureLocation::header) o.content_sha256 = ContentSha256Header::add;
    if (a.has("--normalize-path")) o.path = PathNormalization::normalize;
    if (a.has("--no-normalize-path")) o.path = PathNormalization::keep;
    if (a.has("--omit-session-token")) o.session_token = SessionTokenPlacement::append_after_signing;
    o.record_trace = a.has("--debug");

    auto time = signing_time(a);
    if (!time) return report(io, time.error());
    auto creds = cli_credentials(a);
    if (!creds) return report(io, creds.error());
    std::optional<std::string> file;
    if (!a.positionals.empty()) file = a.positionals[0];
    auto text = read_input(io, file);
    if (!text) return report(io, text.error());
    auto request = parse_raw_request(*text);
    if (!request) {
        Error e = request.error();
        if (file && *file != "-") e.file = *file;
        return report(io, e);
    }
    Result<SignedRequest> signed_req = Failure{};
    if (algorithm == "sigv4a") {
        auto set = parse_region_set(a.get("--region-set").value_or(*region));
        if (!set) return report(io, set.error());
        signed_req = sign_sigv4a(view(*request), *creds, SigningParamsV4a{*service, std::move(*set), *time, o});
    } else {
        signed_req = sign(view(*request), *creds, SigningParams{*service, *region, *time, o});
    }
    if (!signed_req) return report(io, signed_req.error());
    if (a.has("--debug") && signed_req->trace) io.err << signed_req->trace->to_string();
    io.out << render(*signed_req, *format);
    io.out.flush();
    return 0;
}

}  // namespace awsreq::cli
