#include <awsreq/client/client.hpp>

#include <awsreq/core/encoding.hpp>
#include <awsreq/http/url_parts.hpp>
#include <awsreq/protocols/serialize.hpp>
#include <awsreq/signing/sigv4.hpp>
#include <awsreq/signing/sigv4a.hpp>

namespace awsreq {
namespace {

endpoints::ClientEndpointConfig endpoint_config(const ClientConfig& c, const std::optional<std::string>& endpoint_url) {
    endpoints::ClientEndpointConfig e;
    if (!c.region.empty()) e.region = c.region;
    e.endpoint_url = endpoint_url;
    e.use_fips_endpoint = c.use_fips_endpoint;
    e.use_dualstack_endpoint = c.use_dualstack_endpoint;
    e.s3_addressing_style = c.s3_addressing_style;
    e.s3_use_accelerate_endpoint = c.s3_use_accelerate_endpoint;
    e.s3_use_arn_region = c.s3_use_arn_region;
    e.s3_us_east_1_regional_endpoint = c.s3_us_east_1_regional_endpoint;
    e.sts_regional_endpoints = c.sts_regional_endpoints;
    return e;
}

// Endpoint parameters are strings, booleans or string lists; other JSON values do not bind.
std::optional<endpoints::ParamValue> param_value(const Json& v) {
    if (v.is_string()) return endpoints::ParamValue(v.get<std::string>());
    if (v.is_boolean()) return endpoints::ParamValue(v.get<bool>());
    if (v.is_array()) {
        std::vector<std::string> items;
        for (const auto& x : v) {
            if (!x.is_string()) return std::nullopt;
            items.push_back(x.get<std::string>());
        }
        return endpoints::ParamValue(std::move(items));
    }
    return std::nullopt;
}

bool is_arn(std::string_view v) {
    if (!v.starts_with("arn:")) return false;
    int colons = 0;
    for (char c : v) colons += c == ':';
    return colons >= 5;
}

// botocore's VALID_HOST_LABEL_RE: 1-63 letters, digits and '-', not starting or ending in '-'.
bool is_host_label(std::string_view v) {
    if (v.empty() || v.size() > 63 || v.front() == '-' || v.back() == '-') return false;
    for (char c : v)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

bool bucket_is_arn(const Json& params) {
    auto it = params.find("Bucket");
    return it != params.end() && it->is_string() && is_arn(it->get_ref<const std::string&>());
}

}  // namespace

void Client::customize_s3_builtins(const model::Operation& op, const Json& params, bool presigning,
                                   endpoints::EndpointBuiltins& b) const {
    std::string_view bucket;
    if (auto it = params.find("Bucket"); it != params.end() && it->is_string()) bucket = it->get_ref<const std::string&>();
    bool bucket_is_arn = !bucket.empty() && is_arn(bucket);
    // GetBucketLocation must not depend on the bucket's region: always path style.
    if (op.name == "GetBucketLocation") b.s3_force_path_style = true;
    else if (bucket_is_arn) b.s3_force_path_style = false;
    // Presigned URLs use the global endpoint in the aws partition (botocore 1.29), unless the
    // bucket forces path style or dual-stack / a regional us-east-1 endpoint was asked for.
    if (!presigning || !b.region || b.endpoint_url) return;
    if (resolver_->partitions().partition_id(*b.region) != "aws" || config_.use_dualstack_endpoint) return;
    if (config_.s3_us_east_1_regional_endpoint == endpoints::RegionalEndpoints::regional && *b.region == "us-east-1")
        return;
    bool path_style_required = !bucket.empty() && !is_host_label(bucket);
    if (path_style_required || b.s3_force_path_style || bucket_is_arn) return;
    b.region = "aws-global";
    b.s3_use_global_endpoint = true;
}

struct Client::Prepared {
    const model::Operation* op = nullptr;
    SignedRequest request;  // unsigned yet
    SigningOptions options;
    std::string signing_name;
    std::string signing_region;
    bool sign = true;
    bool sigv4a = false;
    std::vector<std::string> region_set;

    // Consumes the prepared request: its body moves into the signed one rather than being copied.
    Result<SignedRequest> sign_with(const Credentials& credentials, Timestamp time, const SigningOptions& o) && {
        if (sigv4a) return sign_sigv4a(view(request), credentials, SigningParamsV4a{signing_name, region_set, time, o});
        return awsreq::sign(std::move(request), credentials, SigningParams{signing_name, signing_region, time, o});
    }
};

Result<Client> Client::create(std::shared_ptr<const model::ServiceModel> model,
                              std::shared_ptr<const endpoints::EndpointResolver> resolver, ClientConfig config) {
    if (!model) return fail(error_type::invalid_argument, "the client needs a service model", "model");
    if (!resolver) return fail(error_type::invalid_argument, "the client needs an endpoint resolver", "resolver");
    Client c;
    c.model_ = std::move(model);
    c.resolver_ = std::move(resolver);
    c.builtins_ = endpoints::decide_builtins(endpoint_config(config, config.endpoint_url));
    c.base_params_ = endpoints::make_endpoint_params(c.resolver_->rules(), c.builtins_);
    endpoints::EndpointBuiltins global = c.builtins_;
    global.region = "aws-global";
    global.s3_use_global_endpoint = true;
    c.presign_global_params_ = endpoints::make_endpoint_params(c.resolver_->rules(), global);
    c.config_ = std::move(config);
    const auto& sv = c.model_->metadata().signature_version;
    c.s3_signing_ = sv == "s3v4" || sv == "s3";
    c.s3_endpoint_customizations_ = c.model_->metadata().service_id == "S3";
    // The client's own signing region, as botocore's signer holds it: where the client-level
    // endpoint (no operation parameters) says to sign, e.g. us-east-1 for the global STS and IAM
    // endpoints. Presigned URLs use it.
    c.client_signing_region_ = c.config_.region;
    if (auto ep = c.resolver_->resolve(c.base_params_); ep)
        for (const auto& scheme : (*ep)->auth_schemes)
            if (scheme.name == "sigv4" && !scheme.signing_region.empty()) {
                c.client_signing_region_ = scheme.signing_region;
                break;
            }
    return c;
}

Result<Client::Prepared> Client::prepare(std::string_view operation, const Json& params, bool presigning,
                                         const CallOptions& call) const {
    Prepared p;
    auto op = model_->operation(operation);
    if (!op) return op.failure();
    p.op = *op;
    if (!params.is_object())
        return fail(error_type::param_validation,
                    "Parameter validation failed:\nInvalid type for parameter input, expected an object", "params");

    // Endpoint first: the rules decide the host, and whether S3's bucket stays in the path.
    // Parameters: the built-ins' (made once per client for the usual cases), overridden by
    // the operation's static context parameters, then by its members marked contextParam
    // (make_endpoint_params' precedence; names the rule set does not declare are dropped).
    endpoints::EndpointBuiltins builtins =
        call.endpoint_url ? endpoints::decide_builtins(endpoint_config(config_, call.endpoint_url)) : builtins_;
    if (s3_endpoint_customizations_) customize_s3_builtins(*p.op, params, presigning, builtins);
    thread_local endpoints::EndpointParams ep_params;  // reused: no allocation per call once warm
    const auto& rules = resolver_->rules();
    bool same_customizable = builtins.s3_force_path_style == builtins_.s3_force_path_style &&
                             builtins.s3_use_global_endpoint == builtins_.s3_use_global_endpoint;
    if (!call.endpoint_url && same_customizable && builtins.region == builtins_.region) {
        ep_params = base_params_;
    } else if (!call.endpoint_url && builtins.s3_force_path_style == builtins_.s3_force_path_style &&
               builtins.s3_use_global_endpoint && builtins.region == "aws-global") {
        ep_params = presign_global_params_;
    } else {
        ep_params = endpoints::make_endpoint_params(rules, builtins);
    }
    auto bind = [&](const std::string& name, const Json& value) {
        if (!rules.parameter(name)) return;
        if (auto pv = param_value(value)) ep_params.set(name, std::move(*pv));
    };
    for (const auto& [name, value] : p.op->static_context_params) {
        bool overridden = false;  // a member value given for the same parameter wins, bindable or not
        if (p.op->input && params.is_object())
            for (const auto& m : p.op->input->shape->members)
                if (m.ref.context_param == name)
                    if (auto it = params.find(m.name); it != params.end() && !it->is_null()) overridden = true;
        if (!overridden) bind(name, value);
    }
    if (p.op->input && params.is_object())
        for (const auto& m : p.op->input->shape->members) {
            if (m.ref.context_param.empty()) continue;
            auto it = params.find(m.name);
            if (it != params.end() && !it->is_null()) bind(m.ref.context_param, *it);
        }
    auto ep = resolver_->resolve(ep_params);
    if (!ep) return ep.failure();
    const endpoints::ResolvedEndpoint& endpoint = **ep;

    auto ep_url = split_url(endpoint.url);
    if (!ep_url) {
        Error e = ep_url.error();
        e.message = "the resolved endpoint is not a usable URL: " + e.message;
        return Failure{std::move(e)};
    }
    protocols::SerializeOptions so;
    so.idempotency_token = config_.idempotency_token;
    so.kind = presigning ? protocols::RequestKind::presign : protocols::RequestKind::send;
    so.https = ep_url->scheme == "https";
    auto ser = protocols::serialize(*model_, *p.op, params, so);
    if (!ser) return ser.failure();

    // URL: endpoint scheme and host (with the operation's host prefix), endpoint path + request path.
    std::string url;
    url.reserve(endpoint.url.size() + ser->path.size() + ser->query.size() + 16);
    url.append(ep_url->scheme).append("://").append(ser->host_prefix).append(ep_url->authority);
    std::string_view ep_path = ep_url->path == "/" && endpoint.url.find('/', ep_url->scheme.size() + 3) == std::string::npos
                                   ? std::string_view{}
                                   : ep_url->path;
    url.append(protocols::join_endpoint_path(ep_path, ser->path));
    std::string query = std::move(ser->query);
    p.request.method = std::move(ser->method);
    p.request.headers = std::move(ser->headers);
    p.request.body = std::move(ser->body);
    for (const auto& [name, values] : endpoint.headers) {
        std::string joined;
        for (const auto& v : values) {
            if (!joined.empty()) joined += ',';
            joined += v;
        }
        p.request.headers.set(name, std::move(joined));
    }

    if (!query.empty()) url.append("?").append(query);
    p.request.url = std::move(url);

    // Auth: the endpoint's first scheme we support, else SigV4 with the model's signing name.
    p.signing_name = p.op->authtype == "none" ? "" : model_->metadata().signing_name;
    p.signing_region = presigning ? client_signing_region_ : config_.region;
    bool single_encoding = false;
    for (const auto& scheme : endpoint.auth_schemes) {
        if (scheme.name == "sigv4") {
            if (!scheme.signing_name.empty()) p.signing_name = scheme.signing_name;
            // Presigned URLs keep the client's region (botocore ignores the rules' signing region
            // there, except for ARN buckets, whose region is the ARN's).
            if (!scheme.signing_region.empty() && (!presigning || bucket_is_arn(params)))
                p.signing_region = scheme.signing_region;
            single_encoding = scheme.disable_double_encoding;
            break;
        }
        if (scheme.name == "sigv4a") {
            // Multi-Region access points: ECDSA over a region set instead of one region.
            p.sigv4a = true;
            if (!scheme.signing_name.empty()) p.signing_name = scheme.signing_name;
            p.region_set = scheme.signing_region_set;
            if (p.region_set.empty()) p.region_set.push_back(config_.region);
            single_encoding = scheme.disable_double_encoding;
            break;
        }
    }
    if (p.op->authtype == "none") p.sign = false;
    if (p.signing_region.empty() && !p.sigv4a)
        return fail(error_type::invalid_argument, "no region: set one to sign requests", "region");

    if (s3_signing_) {
        p.options = s3_signing_options();
    } else if (single_encoding) {
        p.options.uri_encoding = UriEncoding::single_encode;
        p.options.path = PathNormalization::keep;
    }
    if (p.op->authtype == "v4-unsigned-body") p.options.payload = PayloadSigning::unsigned_payload;
    if (s3_signing_ && so.https && ser->has_streaming_input && !ser->checksum_header.empty() &&
        p.request.headers.contains(ser->checksum_header))
        p.options.payload = PayloadSigning::unsigned_payload;  // TLS + a checksum: S3 skips body signing
    return p;
}

Result<SignedRequest> Client::build(std::string_view operation, const Json& params, const Credentials& credentials,
                                    Timestamp time, const CallOptions& call) const {
    auto p = prepare(operation, params, false, call);
    if (!p) return p.failure();
    if (!p->sign) return std::move(p->request);
    SigningOptions o = p->options;
    return std::move(*p).sign_with(credentials, time, o);
}

Result<PresignedRequest> Client::presign(std::string_view operation, const Json& params, const Credentials& credentials,
                                         Timestamp time, std::chrono::seconds expires_in, const CallOptions& call) const {
    // Checked here too, not only by the signer: unsigned operations must refuse it as well.
    if (expires_in < std::chrono::seconds(1) || expires_in > std::chrono::seconds(604800))
        return fail(error_type::invalid_expiry,
                    "presigned URL expiry must be between 1 and 604800 seconds (7 days), got " +
                        std::to_string(expires_in.count()),
                    "expires_in");
    auto p = prepare(operation, params, true, call);
    if (!p) return p.failure();
    SigningOptions o = s3_signing_ ? s3_presign_options(expires_in) : p->options;
    o.location = SignatureLocation::query;
    o.expires_in = expires_in;
    if (!s3_signing_) o.content_sha256 = ContentSha256Header::omit;
    PresignedRequest out;
    if (!p->sign) {
        out.method = p->request.method;
        out.url = p->request.url;
        out.headers = p->request.headers;
        out.expires_at = time + expires_in;
        return out;
    }
    auto s = std::move(*p).sign_with(credentials, time, o);
    if (!s) return s.failure();
    out.method = std::move(s->method);
    out.url = std::move(s->url);
    // Headers the URL was signed with must be sent with it; the HTTP stack supplies Host.
    for (const auto& h : s->headers)
        if (!iequals(h.name, "host")) out.headers.add(h.name, h.value);
    out.expires_at = s->trace && s->trace->expires_at ? *s->trace->expires_at : time + expires_in;
    out.expiry_limited_by_credentials = s->trace && s->trace->expiry_limited_by_credentials;
    return out;
}

}  // namespace awsreq

namespace awsreq {

Result<PresignedPost> Client::presign_post(std::string_view bucket, std::string_view key, std::vector<PostField> fields,
                                           std::vector<PostPolicyCondition> conditions, const Credentials& credentials,
                                           Timestamp time, std::chrono::seconds expires_in, const CallOptions& call) const {
    if (bucket.empty()) return fail(error_type::param_validation, "the bucket is empty", "Bucket");
    if (key.empty()) return fail(error_type::param_validation, "the key is empty", "Key");
    // The form posts to the bucket's endpoint: botocore takes CreateBucket's presigned URL.
    Json params = Json::object();
    params["Bucket"] = std::string(bucket);
    auto p = prepare("CreateBucket", params, true, call);
    if (!p) return p.failure();
    PostPolicyRequest request{p->request.url, std::string(bucket), std::string(key), std::move(fields),
                              std::move(conditions), expires_in};
    return awsreq::presign_post(request, credentials, PostPolicyParams{p->signing_region, time});
}

}  // namespace awsreq
