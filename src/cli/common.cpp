#include "common.hpp"

#include <awsreq/http/raw_request.hpp>

#include <chrono>

namespace awsreq::cli {

Result<Timestamp> signing_time(const ParsedArgs& args) {
    if (auto t = args.get("--time")) {
        auto parsed = parse_timestamp(*t);
        if (!parsed) {
            Error e = parsed.error();
            e.field = "--time";
            return Failure{std::move(e)};
        }
        return *parsed;
    }
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

Result<Credentials> environment_credentials() {
    auto akid = getenv_str("AWS_ACCESS_KEY_ID");
    auto secret = getenv_str("AWS_SECRET_ACCESS_KEY");
    if (!akid || akid->empty() || !secret || secret->empty())
        return fail(error_type::no_credentials,
                    "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID");
    Credentials c{*akid, SecretString(*secret)};
    auto token = getenv_str("AWS_SESSION_TOKEN");
    if (!token || token->empty()) token = getenv_str("AWS_SECURITY_TOKEN");
    if (token && !token->empty()) c.session_token = SecretString(*token);
    return c;
}

Result<OutputFormat> output_format(const ParsedArgs& args, OutputFormat fallback) {
    auto f = args.get("--format");
    if (!f) return fallback;
    if (*f == "http") return OutputFormat::http;
    if (*f == "json") return OutputFormat::json;
    if (*f == "curl") return OutputFormat::curl;
    return fail("UsageError", "--format must be http, json or curl, not \"" + *f + "\"", "--format");
}

std::string render(const SignedRequest& r, OutputFormat f) {
    switch (f) {
        case OutputFormat::http: return to_http(r);
        case OutputFormat::json: return to_json(r) + "\n";
        case OutputFormat::curl: return to_curl(r) + "\n";
    }
    return {};
}

}  // namespace awsreq::cli
