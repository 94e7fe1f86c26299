#include <awsreq/credentials/sso.hpp>

#include "common.hpp"

#include <awsreq/config/file_locations.hpp>
#include <awsreq/core/encoding.hpp>

#include <openssl/evp.h>

namespace awsreq::credentials {
namespace {

std::string sha1_hex(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha1(), nullptr);
    return hex_encode(std::string_view(reinterpret_cast<const char*>(md), len));
}

class SsoProvider final : public Provider {
public:
    SsoProvider(const ProviderContext& ctx, SsoLink link) : ctx_(ctx), link_(std::move(link)) {}
    std::string_view name() const override { return "sso"; }

    Step next(Input in) override {
        if (!started_) {
            started_ = true;
            return start();
        }
        auto r = detail::take_response(in);
        if (!r)
            return Result<Credentials>(detail::unreachable("the SSO portal", r.error()));
        if (r->status != 200) return Result<Credentials>(detail::http_status_error("the SSO portal", r->status));
        auto doc = detail::parse_json(r->body, "the SSO GetRoleCredentials response");
        if (!doc) return doc.failure();
        const detail::JsonValue* rc = doc->get("roleCredentials");
        if (rc == nullptr)
            return Result<Credentials>(
                fail(error_type::credentials_error, "the SSO GetRoleCredentials response has no roleCredentials"));
        return detail::credentials_from_json(*rc, "the SSO role credentials", "accessKeyId", "secretAccessKey",
                                             "sessionToken", "expiration");
    }

private:
    Step start() {
        if (!link_.account_id || !link_.role_name)
            return Result<Credentials>(fail(
                error_type::credentials_error,
                "profile " + link_.profile +
                    ": selected profile will resolve an access token instead of credentials since it doesn't have "
                    "`sso_account_id` and `sso_role_name` set"));
        auto path = sso_token_cache_path(ctx_.config->env, link_);
        if (!path) return path.failure();
        auto text = ctx_.fs(*path);
        if (!text) return text.failure();
        if (!*text)
            return Result<Credentials>(fail(error_type::credentials_error,
                                            "failed to read `" + *path +
                                                "`: No such file or directory; run `aws sso login` first"));
        auto doc = detail::parse_json(**text, "the SSO token cache file " + *path);
        if (!doc) return doc.failure();
        auto token = doc->string_member("accessToken");
        auto expires = doc->string_member("expiresAt");
        if (!token || token->empty() || !expires)
            return Result<Credentials>(fail(error_type::credentials_error,
                                            "the SSO token cache file " + *path + " lacks accessToken or expiresAt"));
        auto ts = parse_timestamp(*expires);
        if (!ts)
            return Result<Credentials>(
                fail(error_type::credentials_error, "the SSO token cache file " + *path + " has an invalid expiresAt"));
        if (*ts <= ctx_.now)
            return Result<Credentials>(fail(error_type::credentials_error,
                                            "the SSO access token has expired; run `aws sso login` to refresh it"));
        std::string url = sso_portal_endpoint(*ctx_.config, link_.region);
        while (!url.empty() && url.back() == '/') url.pop_back();
        url += "/federation/credentials?role_name=";
        uri_encode_append(url, *link_.role_name);
        url += "&account_id=";
        uri_encode_append(url, *link_.account_id);
        return detail::make_call("GET", std::move(url), HeaderList{{"x-amz-sso_bearer_token", *token}},
                                 ctx_.options.http_timeout);
    }

    ProviderContext ctx_;
    SsoLink link_;
    bool started_ = false;
};

}  // namespace

Result<std::string> sso_token_cache_path(const config::Env& env, const SsoLink& link) {
    auto home = config::home_directory(env);
    if (!home) return fail(error_type::credentials_error, "no home directory (HOME) to find the SSO token cache in", "HOME");
    std::string key = link.session_name ? *link.session_name : link.start_url;
    return *home + "/.aws/sso/cache/" + sha1_hex(key) + ".json";
}

std::string sso_portal_endpoint(const config::ResolvedConfig& config, std::string_view sso_region) {
    if (auto url = config.endpoint_url_for("SSO")) return url->value;
    bool fips = config.use_fips_endpoint.value;
    bool dualstack = config.use_dualstack_endpoint.value;
    bool china = sso_region.rfind("cn-", 0) == 0;
    std::string suffix = dualstack ? (china ? "api.amazonwebservices.com.cn" : "api.aws")
                                   : (china ? "amazonaws.com.cn" : "amazonaws.com");
    return std::string("https://portal.sso") + (fips ? "-fips." : ".") + std::string(sso_region) + "." + suffix;
}

ProviderPtr make_sso_provider(const ProviderContext& ctx, SsoLink link) {
    return std::make_unique<SsoProvider>(ctx, std::move(link));
}

}  // namespace awsreq::credentials
