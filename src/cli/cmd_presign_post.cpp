// awsreq presign-post: an S3 browser POST upload form, like botocore's generate_presigned_post
// (cli-contract.md, command 5).
#include "cli.hpp"
#include "common.hpp"
#include "services.hpp"

#include <awsreq/core/encoding.hpp>

#include <iostream>

namespace awsreq::cli {
namespace {

constexpr const char* kHelp = R"(usage: awsreq presign-post BUCKET KEY [--fields JSON] [--conditions JSON] [--expires-in SECONDS]
                           [--endpoint-url URL] [--region R] [--time T]

Prints {"url": ..., "fields": {...}}: the form action and the fields of an S3 POST upload, with
the signed policy. KEY may end in ${filename}. --fields is a JSON object of extra form fields
(acl, Content-Type, success_action_redirect, x-amz-meta-*, ...); --conditions a JSON list of
policy conditions ({"acl": "public-read"}, ["starts-with", "$key", "user/"],
["content-length-range", 1, 1048576]). --expires-in defaults to 3600, at most 604800.
)";

}  // namespace

int cmd_presign_post(const Args& argv, Io& io) {
    auto parsed = parse_args(argv, CommandSpec{{"--fields", "--conditions", "--expires-in"}, {}});
    if (!parsed) return usage_error(io, parsed.error().message);
    const ParsedArgs& a = *parsed;
    if (a.has("--help")) {
        io.out << kHelp;
        return 0;
    }
    if (a.positionals.size() != 2) return usage_error(io, "expected BUCKET KEY");
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
    std::vector<PostField> fields;
    if (auto f = a.get("--fields")) {
        auto r = parse_post_policy_fields(*f);
        if (!r) return report(io, r.error());
        fields = std::move(*r);
    }
    std::vector<PostPolicyCondition> conditions;
    if (auto c = a.get("--conditions")) {
        auto r = parse_post_policy_conditions(*c);
        if (!r) return report(io, r.error());
        conditions = std::move(*r);
    }
    auto time = signing_time(a);
    if (!time) return report(io, time.error());
    auto creds = cli_credentials(a);
    if (!creds) return report(io, creds.error());
    auto cfg = cli_config(a);
    if (!cfg) return report(io, cfg.error());
    ServiceCatalog catalog(data_path(a));
    auto client = make_client(catalog, *cfg, "s3");
    if (!client) return report(io, client.error());
    CallOptions call;
    call.endpoint_url = a.get("--endpoint-url");
    auto post = client->presign_post(a.positionals[0], a.positionals[1], std::move(fields), std::move(conditions),
                                     *creds, *time, std::chrono::seconds(expires), call);
    if (!post) return report(io, post.error());
    std::string out = "{\"url\":" + json_quote(post->url) + ",\"fields\":{";
    bool first = true;
    for (const auto& f : post->fields) {
        if (!first) out += ',';
        first = false;
        out += json_quote(f.name) + ":" + json_quote(f.value);
    }
    out += "}}\n";
    io.out << out;
    return 0;
}

}  // namespace awsreq::cli
