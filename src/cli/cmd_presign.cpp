// awsreq presign: a presigned URL for any operation, or `aws s3 presign`'s short form
// (cli-contract.md, command 4).
#include "cli.hpp"
#include "common.hpp"
#include "services.hpp"

#include <awsreq/core/encoding.hpp>

#include <iostream>

namespace awsreq::cli {
namespace {

constexpr const char* kHelp = R"(usage: awsreq presign SERVICE OPERATION PARAMS_JSON [--expires-in SECONDS] [options]
       awsreq presign s3://BUCKET/KEY [--expires-in SECONDS] [options]

Prints a presigned URL (query-string SigV4). The short form presigns an S3 GetObject, like
`aws s3 presign`. --expires-in defaults to 3600 and may be at most 604800 (7 days).

  --region R, --endpoint-url URL, --time T, --data-path DIR   as for every command
  --format json       print {"method", "url", "headers", "expires_at"} instead of the URL
)";

}  // namespace

int cmd_presign(const Args& argv, Io& io) {
    auto parsed = parse_args(argv, CommandSpec{{"--expires-in"}, {}});
    if (!parsed) return usage_error(io, parsed.error().message);
    const ParsedArgs& a = *parsed;
    if (a.has("--help")) {
        io.out << kHelp;
        return 0;
    }
    long long expires = 3600;
    if (auto e = a.get("--expires-in")) {
        try {
            std::size_t used = 0;
            expires = std::stoll(*e, &used);
            if (used != e->size()) throw std::invalid_argument("trailing");
        } catch (...) {
            return usage_error(io, "--expires-in needs a number of seconds, not \"" + *e + "\"");
        }
    }
    std::string service, operation;
    Json params = Json::object();
    if (a.positionals.size() == 1 && a.positionals[0].rfind("s3://", 0) == 0) {
        std::string_view rest = std::string_view(a.positionals[0]).substr(5);
        auto slash = rest.find('/');
        if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size())
            return usage_error(io, "expected s3://BUCKET/KEY");
        service = "s3";
        operation = "GetObject";
        params["Bucket"] = std::string(rest.substr(0, slash));
        params["Key"] = std::string(rest.substr(slash + 1));
    } else if (a.positionals.size() == 2 || a.positionals.size() == 3) {
        service = a.positionals[0];
        operation = a.positionals[1];
        auto doc = params_document(io, a.positionals.size() == 3 ? std::optional(a.positionals[2]) : std::nullopt);
        if (!doc) return report_line(io, doc.error());
        params = std::move(*doc);
    } else {
        return usage_error(io, "expected SERVICE OPERATION PARAMS_JSON, or s3://BUCKET/KEY");
    }
    auto time = signing_time(a);
    if (!time) return report_line(io, time.error());
    auto creds = cli_credentials(a);
    if (!creds) return report_line(io, creds.error());
    auto cfg = cli_config(a);
    if (!cfg) return report_line(io, cfg.error());
    ServiceCatalog catalog(data_path(a));
    auto client = make_client(catalog, *cfg, service);
    if (!client) return report_line(io, client.error());
    CallOptions call;
    call.endpoint_url = a.get("--endpoint-url");
    auto r = client->presign(operation, params, *creds, *time, std::chrono::seconds(expires), call);
    if (!r) return report_line(io, r.error());
    if (a.get("--format") == std::optional<std::string>("json")) {
        std::string out = "{\"method\":" + json_quote(r->method) + ",\"url\":" + json_quote(r->url) + ",\"headers\":{";
        bool first = true;
        for (const auto& h : r->headers) {
            if (!first) out += ',';
            first = false;
            out += json_quote(h.name) + ":" + json_quote(h.value);
        }
        out += "},\"expires_at\":" + json_quote(format_iso8601(r->expires_at)) + "}\n";
        io.out << out;
    } else {
        io.out << r->url << '\n';
    }
    if (r->expiry_limited_by_credentials)
        io.err << "note: the URL stops working at " << format_iso8601(r->expires_at)
               << ", when the credentials expire\n";
    return 0;
}

}  // namespace awsreq::cli
