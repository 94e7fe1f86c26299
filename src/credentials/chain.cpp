#include <awsreq/credentials/chain.hpp>

#include <awsreq/credentials/container.hpp>
#include <awsreq/credentials/imds.hpp>
#include <awsreq/credentials/process.hpp>
#include <awsreq/credentials/profile_chain.hpp>
#include <awsreq/credentials/sso.hpp>
#include <awsreq/credentials/sts.hpp>

#include <functional>

namespace awsreq::credentials {
namespace {

std::optional<std::string> env_value(const config::Env& env, std::string_view name) {
    auto v = env(name);
    if (v && !v->empty()) return v;
    return std::nullopt;
}

ProviderPtr base_provider(const ProviderContext& ctx, const BaseLink& base) {
    return std::visit(
        [&](const auto& link) -> ProviderPtr {
            using T = std::decay_t<decltype(link)>;
            if constexpr (std::is_same_v<T, StaticKeysLink>) {
                Credentials c{link.access_key_id, link.secret_access_key, link.session_token};
                return make_fixed_provider(std::move(c), "shared-credentials-file");
            } else if constexpr (std::is_same_v<T, NamedSourceLink>) {
                if (link.source == "Environment") return make_environment_provider(ctx);
                if (link.source == "Ec2InstanceMetadata") return make_imds_provider(ctx);
                if (link.source == "EcsContainer") return make_container_provider(ctx);
                return make_fixed_provider(fail(error_type::credentials_error,
                                                "credential_source `" + link.source +
                                                    "` is not one of Environment, Ec2InstanceMetadata, EcsContainer",
                                                "credential_source"),
                                           "profile");
            } else if constexpr (std::is_same_v<T, WebIdentityLink>) {
                return make_web_identity_provider(ctx, link);
            } else if constexpr (std::is_same_v<T, SsoLink>) {
                return make_sso_provider(ctx, link);
            } else {
                return make_process_provider(ctx, link);
            }
        },
        base);
}

class ProfileProvider final : public Provider {
public:
    explicit ProfileProvider(const ProviderContext& ctx) : ctx_(ctx) {}
    std::string_view name() const override { return current_ ? current_->name() : std::string_view("profile"); }

    Step next(Input in) override {
        if (!current_) {
            const auto& cfg = *ctx_.config;
            auto chain = resolve_profile_chain(cfg.profiles, cfg.profile.value);
            if (!chain) {
                // A profile named by --profile or AWS_PROFILE must exist.
                if (is_not_loaded(chain.error()) && cfg.selected() == nullptr &&
                    cfg.profile.source.kind != config::SourceKind::default_value)
                    return Result<Credentials>(fail(error_type::credentials_error,
                                                    "the config profile (" + cfg.profile.value + ") could not be found",
                                                    "profile"));
                return chain.failure();
            }
            chain_ = std::move(*chain);
            current_ = base_provider(ctx_, chain_.base);
            in = std::monostate{};
        }
        Step step = current_->next(std::move(in));
        auto* done = std::get_if<Result<Credentials>>(&step);
        if (done == nullptr) return step;
        if (!*done) {
            // Inside a role chain, a base source that is not there is a broken configuration.
            if (!chain_.roles.empty() && is_not_loaded(done->error()))
                return Result<Credentials>(fail(error_type::credentials_error,
                                                "the source credentials of profile " + chain_.roles.front().profile +
                                                    " were not found: " + done->error().message));
            return step;
        }
        if (next_role_ >= chain_.roles.size()) return step;
        current_ = make_assume_role_provider(ctx_, std::move(**done), chain_.roles[next_role_++]);
        return current_->next(std::monostate{});
    }

private:
    ProviderContext ctx_;
    ProfileChain chain_{StaticKeysLink{}, {}};
    ProviderPtr current_;
    std::size_t next_role_ = 0;
};

class ChainProvider final : public Provider {
public:
    using Factory = std::function<ProviderPtr()>;
    explicit ChainProvider(std::vector<Factory> factories) : factories_(std::move(factories)) {}
    std::string_view name() const override { return source_; }

    Step next(Input in) override {
        while (true) {
            if (!current_) {
                if (index_ >= factories_.size())
                    return Result<Credentials>(fail(error_type::no_credentials,
                                                    "Unable to locate credentials (" + tried_ +
                                                        "); the credential provider was not enabled"));
                current_ = factories_[index_++]();
                in = std::monostate{};
            }
            Step step = current_->next(std::move(in));
            auto* done = std::get_if<Result<Credentials>>(&step);
            if (done == nullptr) return step;
            if (!*done && is_not_loaded(done->error())) {
                if (!tried_.empty()) tried_ += "; ";
                tried_ += std::string(current_->name()) + ": " + done->error().message;
                current_.reset();
                in = std::monostate{};
                continue;
            }
            source_ = std::string(current_->name());
            return step;
        }
    }

private:
    std::vector<Factory> factories_;
    std::size_t index_ = 0;
    ProviderPtr current_;
    std::string tried_;
    std::string source_;
};

}  // namespace

Result<Credentials> environment_credentials(const config::Env& env) {
    auto id = env_value(env, "AWS_ACCESS_KEY_ID");
    auto secret = env_value(env, "AWS_SECRET_ACCESS_KEY");
    if (!id && !secret) return not_loaded("AWS_ACCESS_KEY_ID is not set");
    if (!id) return fail(error_type::credentials_error, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not", "AWS_ACCESS_KEY_ID");
    if (!secret) return fail(error_type::credentials_error, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not", "AWS_SECRET_ACCESS_KEY");
    Credentials c{*id, SecretString(*secret)};
    if (auto t = env_value(env, "AWS_SESSION_TOKEN")) c.session_token = SecretString(*t);
    else if (auto legacy = env_value(env, "AWS_SECURITY_TOKEN")) c.session_token = SecretString(*legacy);
    if (auto e = env_value(env, "AWS_CREDENTIAL_EXPIRATION")) {
        auto ts = parse_timestamp(*e);
        if (!ts) return fail(error_type::credentials_error, "AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time", "AWS_CREDENTIAL_EXPIRATION");
        c.expiration = *ts;
    }
    if (auto v = c.validate(); !v) return v.failure();
    return c;
}

ProviderPtr make_environment_provider(const ProviderContext& ctx) {
    return make_fixed_provider(environment_credentials(ctx.config->env), "env");
}

ProviderPtr make_profile_provider(const ProviderContext& ctx) { return std::make_unique<ProfileProvider>(ctx); }

ProviderPtr make_default_chain(const ProviderContext& ctx) {
    const config::Section* selected = ctx.config->selected();
    bool profile_assumes_role = selected != nullptr && has_assume_role(*selected);
    std::vector<ChainProvider::Factory> f;
    if (ctx.options.explicit_credentials)
        f.emplace_back([c = *ctx.options.explicit_credentials] { return make_fixed_provider(c, "explicit"); });
    f.emplace_back([ctx] { return make_environment_provider(ctx); });
    if (profile_assumes_role) f.emplace_back([ctx] { return make_profile_provider(ctx); });
    f.emplace_back([ctx] { return make_env_web_identity_provider(ctx); });
    if (!profile_assumes_role) f.emplace_back([ctx] { return make_profile_provider(ctx); });
    f.emplace_back([ctx] { return make_container_provider(ctx); });
    f.emplace_back([ctx] { return make_imds_provider(ctx); });
    return std::make_unique<ChainProvider>(std::move(f));
}

std::string_view chain_source(const Provider& chain) { return chain.name(); }

Result<Credentials> resolve_default_credentials(const ProviderContext& ctx, const Transport* transport,
                                               const ProcessRunner* runner) {
    auto chain = make_default_chain(ctx);
    return drive(*chain, transport, runner);
}

std::function<Result<Credentials>(Timestamp)> default_chain_resolver(std::shared_ptr<const config::ResolvedConfig> config,
                                                                     config::FileSystem fs, ChainOptions options,
                                                                     Transport transport, ProcessRunner runner) {
    return [config = std::move(config), fs = std::move(fs), options = std::move(options),
            transport = std::move(transport), runner = std::move(runner)](Timestamp now) {
        ProviderContext ctx{.config = config.get(), .fs = fs, .now = now, .options = options};
        return resolve_default_credentials(ctx, transport ? &transport : nullptr, runner ? &runner : nullptr);
    };
}

}  // namespace awsreq::credentials
