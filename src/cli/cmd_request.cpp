// awsreq request: builds and signs one operation from the service model (cli-contract.md, 2).
#include "cli.hpp"
#include "common.hpp"
#include "services.hpp"

#include <iostream>

namespace awsreq::cli {
namespace {

constexpr const char* kHelp = R"(usage: awsreq request SERVICE OPERATION [PARAMS_JSON|@file|-] [options]

Builds the signed HTTP request for one operation of one service from its botocore model.
OPERATION is the API name (PutObject) or snake_case (put_object).

  --region R          region (default: AWS_REGION, AWS_DEFAULT_REGION)
  --endpoint-url URL  send to this endpoint instead of the resolved one
  --time T            signing time (default: now)
  --data-path DIR     botocore data directory (repeatable; also AWSREQ_DATA_PATH)
  --format F          json (default), curl or http
)";

}  // namespace

int cmd_request(const Args& argv, Io& io) {
    auto parsed = parse_args(argv, CommandSpec{});
    if (!parsed) return usage_error(io, parsed.error().message);
    const ParsedArgs& a = *parsed;
    if (a.has("--help")) {
        io.out << kHelp;
        return 0;
    }
    if (a.positionals.size() < 2 || a.positionals.size() > 3)
        return usage_error(io, "expected SERVICE OPERATION [PARAMS_JSON]");
    auto format = output_format(a, OutputFormat::json);
    if (!format) return usage_error(io, format.error().message);
    auto params = params_document(io, a.positionals.size() == 3 ? std::optional(a.positionals[2]) : std::nullopt);
    if (!params) return report_line(io, params.error());
    auto time = signing_time(a);
    if (!time) return report_line(io, time.error());
    auto creds = cli_credentials(a);
    if (!creds) return report_line(io, creds.error());
    auto cfg = cli_config(a);
    if (!cfg) return report_line(io, cfg.error());
    ServiceCatalog catalog(data_path(a));
    auto client = make_client(catalog, *cfg, a.positionals[0]);
    if (!client) return report_line(io, client.error());
    CallOptions call;
    call.endpoint_url = a.get("--endpoint-url");
    auto req = client->build(a.positionals[1], *params, *creds, *time, call);
    if (!req) return report_line(io, req.error());
    io.out << render(*req, *format);
    return 0;
}

}  // namespace awsreq::cli
