#include <awsreq/credentials/sts.hpp>

#include "common.hpp"
#include "sts_signing.hpp"

#include <awsreq/core/encoding.hpp>
#include <awsreq/http/url_parts.hpp>

#include <array>

namespace awsreq::credentials {
namespace {

// Regions where sts_regional_endpoints = legacy still means the global endpoint.
constexpr std::array<std::string_view, 16> kLegacyGlobalRegions = {
    "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1",
    "eu-central-1",   "eu-north-1", "eu-west-1",      "eu-west-2",      "eu-west-3",  "sa-east-1",
    "us-east-1",      "us-east-2",  "us-west-1",      "us-west-2"};

void add_param(std::string& body, std::string_view name, std::string_view value) {
    body += '&';
    body += name;
    body += '=';
    uri_encode_append(body, value);
}

std::string session_name(const ProviderContext& ctx, const std::optional<std::string>& configured) {
    if (configured && !configured->empty()) return *configured;
    return ctx.options.session_name_prefix + "-" + std::to_string(ctx.now.time_since_epoch().count());
}

HttpCall sts_call(const ProviderContext& ctx, std::string body) {
    std::string url = sts_endpoint(*ctx.config);
    // Send "/" as the path when the endpoint has none.
    if (auto authority = url.find("://"); authority != std::string::npos &&
                                           url.find_first_of("/?", authority + 3) == std::string::npos)
        url += '/';
    HeaderList h{{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    return detail::make_call("POST", std::move(url), std::move(h), ctx.options.http_timeout, std::move(body));
}

// Shared request/response loop of both STS actions.
class StsProvider : public Provider {
public:
    StsProvider(const ProviderContext& ctx, std::string action) : ctx_(ctx), action_(std::move(action)) {}

    Step next(Input in) override {
        if (!started_) {
            started_ = true;
            auto call = build();
            if (!call) return call.failure();
            call_ = std::move(*call);
            return call_;
        }
        auto r = detail::take_response(in);
        int max_attempts = ctx_.config->max_attempts.value;
        if (!r) {
            if (detail::retryable_failure(r.error()) && attempt_ < max_attempts) {
                ++attempt_;
                return call_;
            }
            return Result<Credentials>(detail::unreachable("STS " + action_, r.error()));
        }
        if (r->status != 200) {
            auto code = detail::xml_tag(r->body, "Code");
            bool throttled = code && (*code == "Throttling" || *code == "ThrottlingException" ||
                                      *code == "RequestLimitExceeded" || *code == "IDPCommunicationError");
            if ((detail::retryable_status(r->status) || throttled) && attempt_ < max_attempts) {
                ++attempt_;
                return call_;
            }
        }
        return parse_sts_response(*r, action_);
    }

protected:
    virtual Result<HttpCall> build() = 0;
    ProviderContext ctx_;
    std::string action_;

private:
    HttpCall call_;
    bool started_ = false;
    int attempt_ = 1;
};

class AssumeRoleProvider final : public StsProvider {
public:
    AssumeRoleProvider(const ProviderContext& ctx, Credentials source, AssumeRoleLink link)
        : StsProvider(ctx, "AssumeRole"), source_(std::move(source)), link_(std::move(link)) {}
    std::string_view name() const override { return "assume-role"; }

private:
    Result<HttpCall> build() override {
        std::string body = "Action=AssumeRole&Version=2011-06-15";
        add_param(body, "RoleArn", link_.role_arn);
        add_param(body, "RoleSessionName", session_name(ctx_, link_.role_session_name));
        if (link_.duration_seconds) add_param(body, "DurationSeconds", std::to_string(*link_.duration_seconds));
        if (link_.external_id) add_param(body, "ExternalId", *link_.external_id);
        if (link_.mfa_serial) {
            if (!ctx_.options.mfa)
                return fail(error_type::credentials_error,
                            "profile " + link_.profile + " needs an MFA code (mfa_serial) but no MFA prompt was given",
                            "mfa_serial");
            auto code = ctx_.options.mfa(*link_.mfa_serial);
            if (!code) return code.failure();
            add_param(body, "SerialNumber", *link_.mfa_serial);
            add_param(body, "TokenCode", *code);
        }
        HttpCall call = sts_call(ctx_, std::move(body));
        auto signed_ok = detail::sign_sts_request(call.request, source_, sts_signing_region(*ctx_.config), ctx_.now);
        if (!signed_ok) return signed_ok.failure();
        return call;
    }

    Credentials source_;
    AssumeRoleLink link_;
};

class WebIdentityProvider final : public StsProvider {
public:
    WebIdentityProvider(const ProviderContext& ctx, WebIdentityLink link)
        : StsProvider(ctx, "AssumeRoleWithWebIdentity"), link_(std::move(link)) {}
    std::string_view name() const override { return "assume-role-with-web-identity"; }

private:
    Result<HttpCall> build() override {
        auto token = ctx_.fs(link_.token_file);
        if (!token) return token.failure();
        if (!*token)
            return fail(error_type::credentials_error, "the web identity token file does not exist: " + link_.token_file,
                        "web_identity_token_file");
        std::string body = "Action=AssumeRoleWithWebIdentity&Version=2011-06-15";
        add_param(body, "RoleArn", link_.role_arn);
        add_param(body, "RoleSessionName", session_name(ctx_, link_.role_session_name));
        add_param(body, "WebIdentityToken", **token);
        return sts_call(ctx_, std::move(body));
    }

    WebIdentityLink link_;
};

}  // namespace

std::string sts_endpoint(const config::ResolvedConfig& config) {
    if (auto url = config.endpoint_url_for("STS")) return url->value;
    std::string region = config.region ? config.region->value : std::string();
    bool fips = config.use_fips_endpoint.value;
    bool dualstack = config.use_dualstack_endpoint.value;
    if (region.empty() || region == "aws-global") return "https://sts.amazonaws.com";
    if (config.sts_regional_endpoints.value == config::StsRegionalEndpoints::legacy && !fips && !dualstack) {
        for (auto r : kLegacyGlobalRegions)
            if (r == region) return "https://sts.amazonaws.com";
    }
    bool china = region.rfind("cn-", 0) == 0;
    std::string suffix = dualstack ? (china ? "api.amazonwebservices.com.cn" : "api.aws")
                                   : (china ? "amazonaws.com.cn" : "amazonaws.com");
    return std::string("https://sts") + (fips ? "-fips." : ".") + region + "." + suffix;
}

std::string sts_signing_region(const config::ResolvedConfig& config) {
    if (config.region && !config.region->value.empty() && config.region->value != "aws-global")
        return config.region->value;
    return "us-east-1";
}

Result<Credentials> parse_sts_response(const HttpResponse& response, std::string_view action) {
    if (response.status != 200) {
        auto code = detail::xml_tag(response.body, "Code");
        auto message = detail::xml_tag(response.body, "Message");
        std::string text = "STS " + std::string(action) + " failed with HTTP " + std::to_string(response.status);
        if (code) text += ": " + *code + (code->find("Exception") == std::string::npos ? "Exception" : "");
        if (message) text += ": " + *message;
        return fail(error_type::credentials_error, std::move(text));
    }
    auto block = detail::xml_tag(response.body, "Credentials");
    if (!block)
        return fail(error_type::credentials_error, "STS " + std::string(action) + " response has no <Credentials>");
    auto id = detail::xml_tag(*block, "AccessKeyId");
    auto secret = detail::xml_tag(*block, "SecretAccessKey");
    auto token = detail::xml_tag(*block, "SessionToken");
    auto expiration = detail::xml_tag(*block, "Expiration");
    if (!id || !secret || !token || !expiration)
        return fail(error_type::credentials_error,
                    "STS " + std::string(action) + " response lacks AccessKeyId, SecretAccessKey, SessionToken or Expiration");
    auto ts = parse_timestamp(*expiration);
    if (!ts) return fail(error_type::credentials_error, "STS " + std::string(action) + " returned an invalid Expiration");
    Credentials c{*id, SecretString(*secret), SecretString(*token), *ts};
    if (auto v = c.validate(); !v) return v.failure();
    return c;
}

ProviderPtr make_assume_role_provider(const ProviderContext& ctx, Credentials source, AssumeRoleLink link) {
    return std::make_unique<AssumeRoleProvider>(ctx, std::move(source), std::move(link));
}

ProviderPtr make_web_identity_provider(const ProviderContext& ctx, WebIdentityLink link) {
    return std::make_unique<WebIdentityProvider>(ctx, std::move(link));
}

ProviderPtr make_env_web_identity_provider(const ProviderContext& ctx) {
    const auto& env = ctx.config->env;
    auto file = env("AWS_WEB_IDENTITY_TOKEN_FILE");
    if (!file || file->empty())
        return make_fixed_provider(not_loaded("AWS_WEB_IDENTITY_TOKEN_FILE is not set"), "assume-role-with-web-identity");
    auto role = env("AWS_ROLE_ARN");
    if (!role || role->empty())
        return make_fixed_provider(fail(error_type::credentials_error,
                                        "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not", "AWS_ROLE_ARN"),
                                   "assume-role-with-web-identity");
    std::optional<std::string> session;
    if (auto s = env("AWS_ROLE_SESSION_NAME"); s && !s->empty()) session = *s;
    return make_web_identity_provider(ctx, WebIdentityLink{*role, *file, session});
}

}  // namespace awsreq::credentials
