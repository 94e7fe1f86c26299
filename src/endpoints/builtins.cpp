#include <awsreq/endpoints/builtins.hpp>

#include <awsreq/core/encoding.hpp>

#include <array>
#include <vector>

namespace awsreq::endpoints {

std::optional<ParamValue> builtin_value(const EndpointBuiltins& b, std::string_view name) {
    if (name == "AWS::Region") return b.region ? std::optional<ParamValue>(*b.region) : std::nullopt;
    if (name == "AWS::UseFIPS") return b.use_fips;
    if (name == "AWS::UseDualStack") return b.use_dualstack;
    if (name == "SDK::Endpoint") return b.endpoint_url ? std::optional<ParamValue>(*b.endpoint_url) : std::nullopt;
    if (name == "AWS::S3::ForcePathStyle") return b.s3_force_path_style;
    if (name == "AWS::S3::Accelerate") return b.s3_accelerate;
    if (name == "AWS::S3::UseArnRegion") return b.s3_use_arn_region;
    if (name == "AWS::S3::UseGlobalEndpoint") return b.s3_use_global_endpoint;
    if (name == "AWS::S3::DisableMultiRegionAccessPoints") return b.s3_disable_multiregion_access_points;
    if (name == "AWS::STS::UseGlobalEndpoint") return b.sts_use_global_endpoint;
    if (name == "AWS::S3Control::UseArnRegion") return b.s3control_use_arn_region;
    return std::nullopt;
}

EndpointParams make_endpoint_params(const RuleSet& rules, const EndpointBuiltins& builtins, const ContextParams& context) {
    EndpointParams out;
    for (const auto& spec : rules.parameters()) {
        const ParamValue* v = context.static_params.find(spec.name);
        if (!v) v = context.operation_params.find(spec.name);
        if (!v) v = context.client_params.find(spec.name);
        if (v) {
            out.set(spec.name, *v);
            continue;
        }
        if (!spec.built_in.empty())
            if (auto b = builtin_value(builtins, spec.built_in)) out.set(spec.name, std::move(*b));
    }
    return out;
}

namespace {

// Regions where botocore's "legacy" STS setting keeps the global endpoint.
constexpr std::array<std::string_view, 16> kLegacyGlobalStsRegions = {
    "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1",
    "eu-central-1",   "eu-north-1", "eu-west-1",      "eu-west-2",      "eu-west-3",  "sa-east-1",
    "us-east-1",      "us-east-2",  "us-west-1",      "us-west-2",
};

// botocore's is_s3_accelerate_url: an http(s) URL whose netloc ends in amazonaws.com, starts
// with the label s3-accelerate, and has only distinct "dualstack" feature labels in between.
bool is_s3_accelerate_url(std::string_view url) {
    auto sep = url.find("://");
    if (sep == std::string_view::npos) return false;
    std::string scheme = ascii_lower(url.substr(0, sep));
    if (scheme != "https" && scheme != "http") return false;
    std::string_view netloc = url.substr(sep + 3);
    netloc = netloc.substr(0, netloc.find_first_of("/?#"));
    if (!netloc.ends_with("amazonaws.com")) return false;
    std::vector<std::string_view> labels;
    std::size_t start = 0;
    while (true) {
        auto dot = netloc.find('.', start);
        labels.push_back(netloc.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (labels[0] != "s3-accelerate") return false;
    std::vector<std::string_view> seen;
    for (std::size_t i = 1; i + 2 < labels.size(); ++i) {
        if (labels[i] != "dualstack") return false;
        for (auto s : seen)
            if (s == labels[i]) return false;
        seen.push_back(labels[i]);
    }
    return true;
}

}  // namespace

EndpointBuiltins decide_builtins(const ClientEndpointConfig& c) {
    EndpointBuiltins b;
    b.region = c.region;
    b.endpoint_url = c.endpoint_url;
    bool custom = c.endpoint_url.has_value() && !c.endpoint_url->empty();
    if (!custom) b.endpoint_url.reset();
    b.use_fips = !custom && c.use_fips_endpoint;
    b.use_dualstack = !custom && c.use_dualstack_endpoint;
    if (c.s3_use_accelerate_endpoint) b.s3_force_path_style = false;
    else if (custom && !is_s3_accelerate_url(*c.endpoint_url))
        b.s3_force_path_style = c.s3_addressing_style != S3AddressingStyle::virtual_hosted;
    else
        b.s3_force_path_style = c.s3_addressing_style == S3AddressingStyle::path;
    b.s3_accelerate = c.s3_use_accelerate_endpoint;
    b.s3_use_arn_region = c.s3_use_arn_region.value_or(true);
    b.s3control_use_arn_region = c.s3_use_arn_region.value_or(false);
    b.s3_disable_multiregion_access_points = c.s3_disable_multiregion_access_points;
    bool global_region = !c.region || *c.region == "us-east-1";
    b.s3_use_global_endpoint = c.s3_us_east_1_regional_endpoint == RegionalEndpoints::legacy && global_region;
    bool legacy_sts_region = false;
    if (c.region)
        for (auto r : kLegacyGlobalStsRegions)
            if (r == *c.region) legacy_sts_region = true;
    b.sts_use_global_endpoint = c.sts_regional_endpoints == RegionalEndpoints::legacy && legacy_sts_region;
    return b;
}

}  // namespace awsreq::endpoints
