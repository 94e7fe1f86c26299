#include "services.hpp"

#include <awsreq/config/env.hpp>

#include <fstream>
#include <sstream>

namespace awsreq::cli {

model::DataPath data_path(const ParsedArgs& args) {
    auto env = getenv_str("AWSREQ_DATA_PATH");
    auto home = getenv_str("HOME");
    return model::DataPath::resolve(args.get_all("--data-path"), env ? *env : std::string(),
                                    home ? *home : std::string(), *model::real_file_system());
}

Result<config::ResolvedConfig> cli_config(const ParsedArgs& args) {
    return config::resolve_config({args.get("--profile"), args.get("--region"), args.get("--endpoint-url")},
                                  config::process_env(), config::real_file_system());
}

ClientConfig client_config(const config::ResolvedConfig& cfg, std::string_view service_id) {
    ClientConfig c;
    if (cfg.region) c.region = cfg.region->value;
    if (auto url = cfg.endpoint_url_for(service_id)) c.endpoint_url = url->value;
    c.use_fips_endpoint = cfg.use_fips_endpoint.value;
    c.use_dualstack_endpoint = cfg.use_dualstack_endpoint.value;
    switch (cfg.s3_addressing_style.value) {
        case config::AddressingStyle::automatic: c.s3_addressing_style = endpoints::S3AddressingStyle::automatic; break;
        case config::AddressingStyle::virtual_hosted: c.s3_addressing_style = endpoints::S3AddressingStyle::virtual_hosted; break;
        case config::AddressingStyle::path: c.s3_addressing_style = endpoints::S3AddressingStyle::path; break;
    }
    // Requests are built the way botocore 1.29 builds them: its default is the legacy global STS
    // endpoint, so only an explicit setting changes it (the credential chain's own STS calls
    // keep the config layer's regional default, as the AWS CLI v2 does).
    if (cfg.sts_regional_endpoints.source.kind != config::SourceKind::default_value)
        c.sts_regional_endpoints = cfg.sts_regional_endpoints.value == config::StsRegionalEndpoints::regional
                                       ? endpoints::RegionalEndpoints::regional
                                       : endpoints::RegionalEndpoints::legacy;
    return c;
}

Result<Client> make_client(ServiceCatalog& catalog, const config::ResolvedConfig& cfg, std::string_view service) {
    auto model = catalog.registry().service(service);
    if (!model) return model.failure();
    return catalog.client(service, client_config(cfg, (*model)->metadata().service_id));
}

int report_line(Io& io, const Error& e) {
    Error one = e;
    constexpr std::string_view kValidationPrefix = "Parameter validation failed:\n";
    std::string_view m = one.message;
    if (m.starts_with(kValidationPrefix)) m.remove_prefix(kValidationPrefix.size());
    std::string flat;
    flat.reserve(m.size());
    for (char c : m) {
        if (c == '\n') flat += "; ";
        else if (c != '\r') flat += c;
    }
    one.message = std::move(flat);
    return report(io, one);
}

Result<Json> params_document(Io& io, const std::optional<std::string>& arg) {
    if (!arg) return Json::object();
    std::string text;
    std::string source = "PARAMS_JSON";
    if (*arg == "-" || (!arg->empty() && (*arg)[0] == '@')) {
        auto in = read_input(io, *arg == "-" ? std::optional<std::string>("-") : std::optional<std::string>(arg->substr(1)));
        if (!in) return in.failure();
        text = std::move(*in);
        if (*arg != "-") source = arg->substr(1);
    } else {
        text = *arg;
    }
    Json doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        Error e = make_error(error_type::json_error, "the params document is not valid JSON", "params");
        e.file = source;
        return Failure{std::move(e)};
    }
    if (!doc.is_object()) return fail(error_type::json_error, "the params document must be a JSON object", "params");
    return doc;
}

}  // namespace awsreq::cli
