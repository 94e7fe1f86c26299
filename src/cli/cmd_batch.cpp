// awsreq batch: JSON Lines in, one JSON line out per input line (cli-contract.md, command 3).
// One bad line never stops the batch: it becomes {"error": {...}} and the next line follows.
#include "cli.hpp"
#include "common.hpp"
#include "services.hpp"

#include <awsreq/core/encoding.hpp>
#include <awsreq/http/raw_request.hpp>

#include <iostream>
#include <unordered_map>

namespace awsreq::cli {
namespace {

constexpr const char* kHelp = R"(usage: awsreq batch [--data-path DIR] < lines.jsonl

Reads one JSON object per line:
  {"service": "s3", "operation": "PutObject", "params": {...}, "region": "us-east-1",
   "time": "20150830T123600Z", "endpoint_url": "...", "presign": SECONDS,
   "config": {"s3": {"addressing_style": "path"}, "use_fips_endpoint": true, ...}}
and writes, in order, one line each: the signed request as JSON, for "presign" the URL with
the headers to send, or {"error": {"type": ..., "message": ...}}.
Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.
)";

constexpr const char* kLineError = "InvalidBatchLineError";

void append_error(std::string& out, const Error& e) {
    out += "{\"error\":{\"type\":";
    out += json_quote(e.type);
    out += ",\"message\":";
    out += json_quote(e.message);
    out += "}}";
}

Result<endpoints::RegionalEndpoints> regional_setting(const Json& v, const char* field) {
    if (v == "regional") return endpoints::RegionalEndpoints::regional;
    if (v == "legacy") return endpoints::RegionalEndpoints::legacy;
    return fail(kLineError, std::string("config ") + field + " must be \"regional\" or \"legacy\"", field);
}

Result<bool> bool_setting(const Json& v, const char* field) {
    if (v.is_boolean()) return v.get<bool>();
    if (v == "true") return true;
    if (v == "false") return false;
    return fail(kLineError, std::string("config ") + field + " must be a boolean", field);
}

// The per-line "config" object, named like the AWS config file's settings.
Result<void> apply_config(const Json& cfg, ClientConfig& c) {
    if (!cfg.is_object()) return fail(kLineError, "\"config\" must be an object", "config");
    for (const auto& [key, v] : cfg.items()) {
        if (key == "use_fips_endpoint") {
            auto b = bool_setting(v, "use_fips_endpoint");
            if (!b) return b.failure();
            c.use_fips_endpoint = *b;
        } else if (key == "use_dualstack_endpoint") {
            auto b = bool_setting(v, "use_dualstack_endpoint");
            if (!b) return b.failure();
            c.use_dualstack_endpoint = *b;
        } else if (key == "sts_regional_endpoints") {
            auto r = regional_setting(v, "sts_regional_endpoints");
            if (!r) return r.failure();
            c.sts_regional_endpoints = *r;
        } else if (key == "s3") {
            if (!v.is_object()) return fail(kLineError, "config \"s3\" must be an object", "s3");
            for (const auto& [k, sv] : v.items()) {
                if (k == "addressing_style") {
                    if (sv == "path") c.s3_addressing_style = endpoints::S3AddressingStyle::path;
                    else if (sv == "virtual") c.s3_addressing_style = endpoints::S3AddressingStyle::virtual_hosted;
                    else if (sv == "auto") c.s3_addressing_style = endpoints::S3AddressingStyle::automatic;
                    else return fail(kLineError, "s3.addressing_style must be auto, virtual or path", "s3.addressing_style");
                } else if (k == "use_accelerate_endpoint") {
                    auto b = bool_setting(sv, "s3.use_accelerate_endpoint");
                    if (!b) return b.failure();
                    c.s3_use_accelerate_endpoint = *b;
                } else if (k == "use_dualstack_endpoint") {
                    auto b = bool_setting(sv, "s3.use_dualstack_endpoint");
                    if (!b) return b.failure();
                    c.use_dualstack_endpoint = c.use_dualstack_endpoint || *b;
                } else if (k == "use_arn_region") {
                    auto b = bool_setting(sv, "s3.use_arn_region");
                    if (!b) return b.failure();
                    c.s3_use_arn_region = *b;
                } else if (k == "us_east_1_regional_endpoint") {
                    auto r = regional_setting(sv, "s3.us_east_1_regional_endpoint");
                    if (!r) return r.failure();
                    c.s3_us_east_1_regional_endpoint = *r;
                } else {
                    return fail(kLineError, "unknown s3 config setting \"" + k + "\"", "s3." + k);
                }
            }
        } else {
            return fail(kLineError, "unknown config setting \"" + key + "\"", key);
        }
    }
    return {};
}

class Batch {
public:
    Batch(model::DataPath path, Result<config::ResolvedConfig> cfg, Result<Credentials> creds, Timestamp now)
        : catalog_(std::move(path)), cfg_(std::move(cfg)), creds_(std::move(creds)), now_(now) {}

    void line(std::string_view text, std::string& out) {
        auto r = process(text, out);
        if (!r) append_error(out, r.error());
        out += '\n';
    }

private:
    Result<void> process(std::string_view text, std::string& out) {
        Json in = Json::parse(text, nullptr, false);
        if (in.is_discarded()) return fail(error_type::json_error, "the line is not valid JSON", "line");
        if (!in.is_object()) return fail(kLineError, "the line must be a JSON object", "line");
        auto service = in.find("service");
        auto operation = in.find("operation");
        if (service == in.end() || !service->is_string())
            return fail(kLineError, "\"service\" is missing or not a string", "service");
        if (operation == in.end() || !operation->is_string())
            return fail(kLineError, "\"operation\" is missing or not a string", "operation");
        static const Json kEmpty = Json::object();
        const Json* params = &kEmpty;
        if (auto p = in.find("params"); p != in.end()) params = &*p;

        // Clients are cached per (service, region, config) of the line.
        std::string key = service->get_ref<const std::string&>();
        key += '\n';
        const Json* region = nullptr;
        if (auto r = in.find("region"); r != in.end()) {
            if (!r->is_string()) return fail(kLineError, "\"region\" must be a string", "region");
            region = &*r;
            key += r->get_ref<const std::string&>();
        }
        const Json* line_config = nullptr;
        if (auto c = in.find("config"); c != in.end()) {
            line_config = &*c;
            key += '\n';
            key += c->dump();
        }
        Timestamp time = now_;
        if (auto t = in.find("time"); t != in.end()) {
            if (!t->is_string()) return fail(kLineError, "\"time\" must be a string", "time");
            auto parsed = parse_timestamp(t->get_ref<const std::string&>());
            if (!parsed) return parsed.failure();
            time = *parsed;
        }
        CallOptions call;
        if (auto e = in.find("endpoint_url"); e != in.end()) {
            if (!e->is_string()) return fail(kLineError, "\"endpoint_url\" must be a string", "endpoint_url");
            call.endpoint_url = e->get<std::string>();
        }
        std::optional<long long> presign;
        if (auto p = in.find("presign"); p != in.end() && !p->is_null()) {
            if (!p->is_number_integer()) return fail(kLineError, "\"presign\" must be a number of seconds", "presign");
            presign = p->get<long long>();
        }

        auto it = clients_.find(key);
        if (it == clients_.end()) {
            if (!cfg_) return cfg_.failure();
            auto model = catalog_.registry().service(service->get_ref<const std::string&>());
            if (!model) return model.failure();
            ClientConfig config = client_config(*cfg_, (*model)->metadata().service_id);
            if (region) config.region = region->get<std::string>();
            if (line_config)
                if (auto ok = apply_config(*line_config, config); !ok) return ok;
            auto client = catalog_.client(service->get_ref<const std::string&>(), config);
            if (!client) return client.failure();
            it = clients_.emplace(key, std::move(*client)).first;
        }
        if (!creds_) return creds_.failure();
        const Client& client = it->second;
        if (presign) {
            auto r = client.presign(operation->get_ref<const std::string&>(), *params, *creds_, time,
                                    std::chrono::seconds(*presign), call);
            if (!r) return r.failure();
            out += "{\"method\":";
            out += json_quote(r->method);
            out += ",\"url\":";
            out += json_quote(r->url);
            out += ",\"headers\":{";
            bool first = true;
            for (const auto& h : r->headers) {
                if (!first) out += ',';
                first = false;
                out += json_quote(h.name);
                out += ':';
                out += json_quote(h.value);
            }
            out += "}}";
            return {};
        }
        auto r = client.build(operation->get_ref<const std::string&>(), *params, *creds_, time, call);
        if (!r) return r.failure();
        out += to_json(*r);
        return {};
    }

    ServiceCatalog catalog_;
    Result<config::ResolvedConfig> cfg_;
    Result<Credentials> creds_;
    Timestamp now_;
    std::unordered_map<std::string, Client> clients_;
};

}  // namespace

int cmd_batch(const Args& argv, Io& io) {
    auto parsed = parse_args(argv, CommandSpec{});
    if (!parsed) return usage_error(io, parsed.error().message);
    const ParsedArgs& a = *parsed;
    if (a.has("--help")) {
        io.out << kHelp;
        return 0;
    }
    if (!a.positionals.empty()) return usage_error(io, "batch reads its lines from stdin and takes no arguments");
    auto now = signing_time(a);
    if (!now) return report(io, now.error());
    Batch batch(data_path(a), cli_config(a), cli_credentials(a), *now);
    std::string line, out;
    out.reserve(1 << 16);
    while (std::getline(io.in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        batch.line(line, out);
        if (out.size() > (1 << 15)) {
            io.out.write(out.data(), static_cast<std::streamsize>(out.size()));
            out.clear();
        }
    }
    io.out.write(out.data(), static_cast<std::streamsize>(out.size()));
    io.out.flush();
    return 0;
}

}  // namespace awsreq::cli
