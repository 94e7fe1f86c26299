#include <awsreq/credentials/container.hpp>

#include "common.hpp"

#include <awsreq/core/encoding.hpp>
#include <awsreq/http/url_parts.hpp>

namespace awsreq::credentials {
namespace {

constexpr int kAttempts = 3;

bool is_loopback_v4(std::string_view host) {
    // 127.0.0.0/8 written as a dotted quad.
    if (host.substr(0, 4) != "127.") return false;
    int dots = 0;
    for (char c : host) {
        if (c == '.') ++dots;
        else if (c < '0' || c > '9') return false;
    }
    return dots == 3;
}

bool allowed_http_host(std::string_view host) {
    std::string h = ascii_lower(host);
    return h == "localhost" || is_loopback_v4(h) || h == "[::1]" || h == "169.254.170.2" || h == "169.254.170.23" ||
           h == "[fd00:ec2::23]";
}

class ContainerProvider final : public Provider {
public:
    explicit ContainerProvider(const ProviderContext& ctx) : ctx_(ctx) {}
    std::string_view name() const override { return "container-role"; }

    Step next(Input in) override {
        if (!started_) {
            started_ = true;
            auto uri = container_credentials_uri(ctx_.config->env);
            if (!uri) return uri.failure();
            HeaderList h{{"Accept", "application/json"}};
            auto token = auth_token();
            if (!token) return token.failure();
            if (*token) h.add("Authorization", **token);
            call_ = detail::make_call("GET", *uri, std::move(h), ctx_.options.http_timeout);
            return call_;
        }
        auto r = detail::take_response(in);
        if (!r) {
            if (detail::retryable_failure(r.error()) && attempt_ < kAttempts) {
                ++attempt_;
                return call_;
            }
            return Result<Credentials>(detail::unreachable("the container credentials endpoint", r.error()));
        }
        if (r->status != 200) {
            if (detail::retryable_status(r->status) && attempt_ < kAttempts) {
                ++attempt_;
                return call_;
            }
            return Result<Credentials>(detail::http_status_error("the container credentials endpoint", r->status));
        }
        auto doc = detail::parse_json(r->body, "the container credentials response");
        if (!doc) return doc.failure();
        return detail::credentials_from_json(*doc, "the container credentials response", "AccessKeyId",
                                             "SecretAccessKey", "Token", "Expiration");
    }

private:
    Result<std::optional<std::string>> auth_token() const {
        const auto& env = ctx_.config->env;
        std::optional<std::string> token;
        if (auto file = env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); file && !file->empty()) {
            auto text = ctx_.fs(*file);
            if (!text) return text.failure();
            if (!*text)
                return fail(error_type::credentials_error, "the container authorization token file does not exist",
                            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
            token = **text;
            while (!token->empty() && (token->back() == '\n' || token->back() == '\r')) token->pop_back();
        } else if (auto t = env("AWS_CONTAINER_AUTHORIZATION_TOKEN"); t && !t->empty()) {
            token = *t;
        }
        if (token && token->find_first_of("\r\n") != std::string::npos)
            return fail(error_type::credentials_error, "the container authorization token contains a line break",
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN");
        return token;
    }

    ProviderContext ctx_;
    HttpCall call_;
    bool started_ = false;
    int attempt_ = 1;
};

}  // namespace

Result<std::string> container_credentials_uri(const config::Env& env) {
    if (auto rel = env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"); rel && !rel->empty()) {
        if (rel->front() != '/')
            return fail(error_type::invalid_url, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must start with '/'",
                        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        std::string uri = "http://169.254.170.2" + *rel;
        if (auto p = split_url(uri); !p)
            return fail(error_type::invalid_url, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a valid path",
                        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        return uri;
    }
    auto full = env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    if (!full || full->empty())
        return not_loaded("No environment variables were set to configure ECS provider "
                          "(AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI)");
    auto parts = split_url(*full);
    if (!parts)
        return fail(error_type::invalid_url, "AWS_CONTAINER_CREDENTIALS_FULL_URI is not a valid URI",
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI");
    if (parts->host.empty())
        return fail(error_type::invalid_url, "AWS_CONTAINER_CREDENTIALS_FULL_URI: URI did not specify a host",
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI");
    if (parts->scheme == "http" && !allowed_http_host(parts->host))
        return fail(error_type::invalid_url,
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI must use https, or http to a loopback address or the "
                    "ECS/EKS container agent",
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI");
    return *full;
}

ProviderPtr make_container_provider(const ProviderContext& ctx) { return std::make_unique<ContainerProvider>(ctx); }

}  // namespace awsreq::credentials
