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

Result<Credentials> cli_credentials(const ParsedArgs& args) {
    std::string source;
    return resolve_cli_credentials(args, source);
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
