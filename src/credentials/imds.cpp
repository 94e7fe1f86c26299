#include <awsreq/credentials/imds.hpp>

#include "common.hpp"

#include <awsreq/core/encoding.hpp>
#include <awsreq/http/url_parts.hpp>

#include <cstdlib>

namespace awsreq::credentials {
namespace {

using detail::make_call;

Result<std::string> checked_endpoint(std::string url, std::string_view what) {
    auto parts = split_url(url);
    if (!parts || parts->host.empty())
        return fail(error_type::invalid_url, std::string(what) + " is not a valid URI (invalid uri character or no host)",
                    std::string(what));
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

bool is_true(const std::optional<config::Setting<std::string>>& s) { return s && iequals(s->value, "true"); }

constexpr std::string_view kTokenPath = "/latest/api/token";
constexpr std::string_view kRolesPath = "/latest/meta-data/iam/security-credentials/";

class ImdsProvider final : public Provider {
public:
    explicit ImdsProvider(const ProviderContext& ctx) : ctx_(ctx) {}
    std::string_view name() const override { return "imds"; }

    Step next(Input in) override {
        switch (state_) {
            case State::start: return start();
            case State::token: return on_token(in);
            case State::roles: return on_roles(in);
            case State::creds: return on_creds(in);
            case State::done: break;
        }
        return Result<Credentials>(fail(error_type::credentials_error, "IMDS provider already finished"));
    }

private:
    enum class State { start, token, roles, creds, done };

    Step start() {
        const auto& cfg = *ctx_.config;
        if (!ctx_.options.imds.enabled || is_true(cfg.lookup("AWS_EC2_METADATA_DISABLED", {})))
            return finish(not_loaded("IMDS is disabled"));
        auto ep = imds_endpoint(cfg, ctx_.options.imds);
        if (!ep) return finish(ep.failure());
        endpoint_ = *ep;
        v1_allowed_ = ctx_.options.imds.allow_v1_fallback &&
                      !is_true(cfg.lookup("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled"));
        return request_token(State::roles);
    }

    Step request_token(State resume) {
        resume_ = resume;
        state_ = State::token;
        attempt_ = 1;
        return token_call();
    }

    HttpCall token_call() const {
        return make_call("PUT", endpoint_ + std::string(kTokenPath),
                         HeaderList{{"x-aws-ec2-metadata-token-ttl-seconds", "21600"}}, ctx_.options.imds.timeout);
    }

    HttpCall get_call(const std::string& path) const {
        HeaderList h;
        if (token_) h.add("x-aws-ec2-metadata-token", *token_);
        return make_call("GET", endpoint_ + path, std::move(h), ctx_.options.imds.timeout);
    }

    Step resume() {
        attempt_ = 1;
        state_ = resume_;
        return state_ == State::roles ? Step{get_call(std::string(kRolesPath))}
                                      : Step{get_call(std::string(kRolesPath) + role_)};
    }

    Step on_token(Input& in) {
        auto r = detail::take_response(in);
        if (!r) {
            if (detail::retryable_failure(r.error()) && attempt_ < ctx_.options.imds.attempts) {
                ++attempt_;
                return token_call();
            }
            if (r.error().type == error_kind::io_not_allowed || detail::retryable_failure(r.error()))
                return finish(not_loaded("IMDS could not be reached: " + r.error().message));
            return finish(r.failure());
        }
        if (r->status == 200) {
            token_ = r->body;
            return resume();
        }
        if (retryable_status(r->status) && attempt_ < ctx_.options.imds.attempts) {
            ++attempt_;
            return token_call();
        }
        // 403 / 404 / 405: no token service (IMDSv1 only, or a proxy that refuses PUT).
        if ((r->status == 403 || r->status == 404 || r->status == 405) && v1_allowed_) {
            token_.reset();
            return resume();
        }
        if (r->status == 403) return finish(not_loaded("IMDS refused a session token (HTTP 403)"));
        return finish(detail::http_status_error("IMDS token request", r->status));
    }

    static bool retryable_status(int s) { return detail::retryable_status(s); }

    // Shared handling of a metadata GET; returns a Step when the response is not a 200.
    std::optional<Step> check_get(Result<HttpResponse>& r, std::string_view what) {
        if (!r) {
            if (detail::retryable_failure(r.error()) && attempt_ < ctx_.options.imds.attempts) {
                ++attempt_;
                return Step{resume_same()};
            }
            if (r.error().type == error_kind::io_not_allowed || detail::retryable_failure(r.error()))
                return finish(not_loaded("IMDS could not be reached: " + r.error().message));
            return finish(r.failure());
        }
        if (r->status == 200) return std::nullopt;
        if (r->status == 404) return finish(not_loaded("no IAM role is attached to this instance (" + std::string(what) + " returned 404)"));
        if (r->status == 401 && token_ && !token_refreshed_) {
            token_refreshed_ = true;  // the session token expired: fetch a new one, once
            return request_token(state_);
        }
        if (retryable_status(r->status) && attempt_ < ctx_.options.imds.attempts) {
            ++attempt_;
            return Step{resume_same()};
        }
        return finish(detail::http_status_error(what, r->status));
    }

    HttpCall resume_same() const {
        return state_ == State::roles ? get_call(std::string(kRolesPath)) : get_call(std::string(kRolesPath) + role_);
    }

    Step on_roles(Input& in) {
        auto r = detail::take_response(in);
        if (auto s = check_get(r, "IMDS role listing")) return std::move(*s);
        std::string_view body = r->body;
        auto nl = body.find_first_of("\r\n");
        std::string role(body.substr(0, nl));
        while (!role.empty() && (role.back() == ' ' || role.back() == '\t')) role.pop_back();
        if (role.empty()) return finish(not_loaded("no IAM role is attached to this instance"));
        if (role.find('/') != std::string::npos || role == "." || role == "..")
            return finish(fail(error_type::credentials_error, "IMDS returned an invalid role name"));
        role_ = role;
        state_ = State::creds;
        attempt_ = 1;
        return get_call(std::string(kRolesPath) + role_);
    }

    Step on_creds(Input& in) {
        auto r = detail::take_response(in);
        if (auto s = check_get(r, "IMDS credentials")) return std::move(*s);
        auto doc = detail::parse_json(r->body, "the IMDS credentials document");
        if (!doc) return finish(doc.failure());
        if (auto code = doc->string_member("Code"); code && *code != "Success")
            return finish(fail(error_type::credentials_error, "IMDS credentials document has Code " + *code));
        return finish(detail::credentials_from_json(*doc, "the IMDS credentials document", "AccessKeyId",
                                                    "SecretAccessKey", "Token", "Expiration"));
    }

    Step finish(Result<Credentials> r) {
        state_ = State::done;
        return r;
    }

    ProviderContext ctx_;
    State state_ = State::start;
    State resume_ = State::roles;
    std::string endpoint_;
    std::optional<std::string> token_;
    std::string role_;
    bool v1_allowed_ = true;
    bool token_refreshed_ = false;
    int attempt_ = 1;
};

}  // namespace

Result<std::string> imds_endpoint(const config::ResolvedConfig& config, const ImdsOptions& options) {
    if (!options.endpoint_override.empty())
        return checked_endpoint(options.endpoint_override, "the IMDS endpoint override");
    if (auto ep = config.lookup("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint"))
        return checked_endpoint(ep->value, ep->source.name);
    std::string mode = "IPv4";
    if (!options.mode_override.empty()) mode = options.mode_override;
    else if (auto m = config.lookup("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode"))
        mode = m->value;
    if (iequals(mode, "IPv4")) return std::string("http://169.254.169.254");
    if (iequals(mode, "IPv6")) return std::string("http://[fd00:ec2::254]");
    return fail(error_type::invalid_argument, "`" + mode + "` is not a valid endpoint mode (IPv4 or IPv6)",
                "ec2_metadata_service_endpoint_mode");
}

ProviderPtr make_imds_provider(const ProviderContext& ctx) { return std::make_unique<ImdsProvider>(ctx); }

Result<ImdsOptions> imds_options_from_config(const config::ResolvedConfig& config, ImdsOptions base) {
    if (auto t = config.lookup("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout")) {
        char* end = nullptr;
        double secs = std::strtod(t->value.c_str(), &end);
        if (end != t->value.c_str() + t->value.size() || !(secs > 0) || secs > 3600)
            return fail(error_type::invalid_argument, "metadata_service_timeout must be a number of seconds", t->source.name);
        base.timeout = std::chrono::milliseconds(static_cast<long long>(secs * 1000));
    }
    if (auto n = config.lookup("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts")) {
        char* end = nullptr;
        long attempts = std::strtol(n->value.c_str(), &end, 10);
        if (end != n->value.c_str() + n->value.size() || attempts < 1 || attempts > 100)
            return fail(error_type::invalid_argument, "metadata_service_num_attempts must be a positive integer",
                        n->source.name);
        base.attempts = static_cast<int>(attempts);
    }
    return base;
}

ImdsRegionLookup::ImdsRegionLookup(const config::ResolvedConfig& config, ImdsOptions options)
    : options_(std::move(options)) {
    auto ep = imds_endpoint(config, options_);
    if (ep) endpoint_ = *ep;
    else setup_error_ = ep.error();
}

ImdsRegionLookup::Step ImdsRegionLookup::next(Input input) {
    if (setup_error_) return Result<std::string>(fail(*setup_error_));
    if (state_ == 0) {
        state_ = 1;
        return make_call("PUT", endpoint_ + std::string(kTokenPath),
                         HeaderList{{"x-aws-ec2-metadata-token-ttl-seconds", "21600"}}, options_.timeout);
    }
    auto r = detail::take_response(input);
    if (state_ == 1) {
        state_ = 2;
        if (r && r->status == 200) token_ = r->body;
        else if (!options_.allow_v1_fallback)
            return Result<std::string>(fail(error_type::credentials_error, "IMDS gave no session token"));
        HeaderList h;
        if (token_) h.add("x-aws-ec2-metadata-token", *token_);
        return make_call("GET", endpoint_ + "/latest/meta-data/placement/region", std::move(h), options_.timeout);
    }
    if (!r) return Result<std::string>(fail(error_type::credentials_error, "IMDS could not be reached: " + r.error().message));
    if (r->status != 200) return Result<std::string>(detail::http_status_error("IMDS region lookup", r->status));
    std::string region = r->body;
    while (!region.empty() && (region.back() == '\n' || region.back() == '\r' || region.back() == ' ')) region.pop_back();
    if (region.empty()) return Result<std::string>(fail(error_type::credentials_error, "IMDS returned an empty region"));
    return Result<std::string>(std::move(region));
}

Result<std::string> imds_region(ImdsRegionLookup& lookup, const Transport* transport) {
    Input input = std::monostate{};
    for (int i = 0; i < 8; ++i) {
        auto step = lookup.next(std::move(input));
        if (auto* done = std::get_if<Result<std::string>>(&step)) return std::move(*done);
        const auto& call = std::get<HttpCall>(step);
        if (transport != nullptr && *transport) input = (*transport)(call);
        else input = Result<HttpResponse>(fail(error_kind::io_not_allowed, "network access is not allowed (no transport given)"));
    }
    return fail(error_type::credentials_error, "IMDS region lookup did not finish");
}

}  // namespace awsreq::credentials
