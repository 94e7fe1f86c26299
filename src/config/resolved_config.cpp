#include <awsreq/config/resolved_config.hpp>

#include <awsreq/core/encoding.hpp>

#include <charconv>

namespace awsreq::config {
namespace {

ValueSource from_property(const Section& s, std::string_view key, const Property& p, bool services) {
    ValueSource src;
    src.kind = p.origin == FileKind::credentials ? SourceKind::credentials_file : SourceKind::config_file;
    src.name = std::string(services ? "services " : "profile ") + s.name + " " + std::string(key);
    src.file = p.file;
    src.line = p.line;
    return src;
}

Error bad_value(const Setting<std::string>& s, std::string message) {
    Error e = make_error(error_type::invalid_argument, std::move(message), s.source.name);
    e.file = s.source.file;
    e.line = s.source.line;
    return e;
}

Setting<bool> bool_setting(const ResolvedConfig& c, std::string_view env_var, std::string_view key) {
    auto s = c.lookup(env_var, key);
    if (!s) return Setting<bool>{false, ValueSource{}};
    return Setting<bool>{iequals(s->value, "true"), s->source};
}

std::string normalized_service(std::string_view id, bool upper) {
    std::string out;
    for (char c : id) {
        if (c == ' ' || c == '-') out += '_';
        else out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                          : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

}  // namespace

std::string ValueSource::describe() const {
    switch (kind) {
        case SourceKind::explicit_value: return name.empty() ? "explicit" : "explicit " + name;
        case SourceKind::environment: return "env " + name;
        case SourceKind::config_file: return "config-file " + file + " (" + name + ")";
        case SourceKind::credentials_file: return "shared-credentials-file " + file + " (" + name + ")";
        case SourceKind::default_value: return "default";
    }
    return "default";
}

std::string service_endpoint_env_var(std::string_view service_id) {
    return "AWS_ENDPOINT_URL_" + normalized_service(service_id, true);
}
std::string service_config_key(std::string_view service_id) { return normalized_service(service_id, false); }

std::string_view to_string(AddressingStyle s) noexcept {
    switch (s) {
        case AddressingStyle::virtual_hosted: return "virtual";
        case AddressingStyle::path: return "path";
        default: return "auto";
    }
}
std::string_view to_string(StsRegionalEndpoints s) noexcept {
    return s == StsRegionalEndpoints::legacy ? "legacy" : "regional";
}
std::string_view to_string(RetryMode m) noexcept {
    switch (m) {
        case RetryMode::legacy: return "legacy";
        case RetryMode::adaptive: return "adaptive";
        default: return "standard";
    }
}

std::optional<Setting<std::string>> ResolvedConfig::lookup(std::string_view env_var,
                                                           std::string_view profile_key) const {
    if (!env_var.empty() && env) {
        if (auto v = env(env_var); v && !v->empty())
            return Setting<std::string>{*v, ValueSource{SourceKind::environment, std::string(env_var), {}, 0}};
    }
    if (!profile_key.empty()) {
        if (const Section* s = selected()) {
            if (const Property* p = s->find(profile_key))
                return Setting<std::string>{p->value, from_property(*s, profile_key, *p, false)};
        }
    }
    return std::nullopt;
}

std::optional<Setting<std::string>> ResolvedConfig::endpoint_url_for(std::string_view service_id) const {
    if (endpoint_url && endpoint_url->source.kind == SourceKind::explicit_value) return endpoint_url;
    if (ignore_configured_endpoint_urls.value) return std::nullopt;
    if (auto s = lookup(service_endpoint_env_var(service_id), {})) return s;
    if (auto s = lookup("AWS_ENDPOINT_URL", {})) return s;
    if (const Section* prof = selected()) {
        if (auto block_name = prof->get("services")) {
            if (const Section* block = profiles.service_block(*block_name)) {
                std::string key = service_config_key(service_id);
                if (auto url = block->sub(key, "endpoint_url")) {
                    const Property* p = block->find(key);
                    return Setting<std::string>{*url, from_property(*block, key + ".endpoint_url", *p, true)};
                }
            }
        }
    }
    return lookup({}, "endpoint_url");
}

Result<ResolvedConfig> resolve_config(const ConfigOverrides& overrides, const Env& env, ProfileSet profiles,
                                      FileLocations files) {
    ResolvedConfig c;
    c.env = env;
    c.files = std::move(files);
    c.profiles = std::move(profiles);

    if (overrides.profile && !overrides.profile->empty()) {
        c.profile = {*overrides.profile, ValueSource{SourceKind::explicit_value, "--profile", {}, 0}};
    } else if (auto p = env("AWS_PROFILE"); p && !p->empty()) {
        c.profile = {*p, ValueSource{SourceKind::environment, "AWS_PROFILE", {}, 0}};
    } else if (auto d = env("AWS_DEFAULT_PROFILE"); d && !d->empty()) {
        c.profile = {*d, ValueSource{SourceKind::environment, "AWS_DEFAULT_PROFILE", {}, 0}};
    } else {
        c.profile = {"default", ValueSource{}};
    }

    if (overrides.region && !overrides.region->empty())
        c.region = Setting<std::string>{*overrides.region, ValueSource{SourceKind::explicit_value, "--region", {}, 0}};
    else if (auto r = c.lookup("AWS_REGION", {}))
        c.region = r;
    else
        c.region = c.lookup("AWS_DEFAULT_REGION", "region");

    if (overrides.endpoint_url && !overrides.endpoint_url->empty())
        c.endpoint_url = Setting<std::string>{*overrides.endpoint_url,
                                              ValueSource{SourceKind::explicit_value, "--endpoint-url", {}, 0}};
    else
        c.endpoint_url = c.lookup("AWS_ENDPOINT_URL", "endpoint_url");

    c.ignore_configured_endpoint_urls =
        bool_setting(c, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls");
    c.use_fips_endpoint = bool_setting(c, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint");
    c.use_dualstack_endpoint = bool_setting(c, "AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint");

    c.s3_addressing_style = {AddressingStyle::automatic, ValueSource{}};
    if (const Section* s = c.selected()) {
        if (auto style = s->sub("s3", "addressing_style")) {
            const Property* p = s->find("s3");
            Setting<std::string> raw{*style, from_property(*s, "s3.addressing_style", *p, false)};
            if (*style == "auto") c.s3_addressing_style = {AddressingStyle::automatic, raw.source};
            else if (*style == "virtual") c.s3_addressing_style = {AddressingStyle::virtual_hosted, raw.source};
            else if (*style == "path") c.s3_addressing_style = {AddressingStyle::path, raw.source};
            else return fail(bad_value(raw, "s3 addressing_style must be auto, virtual or path"));
        }
    }

    c.sts_regional_endpoints = {StsRegionalEndpoints::regional, ValueSource{}};
    if (auto s = c.lookup("AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints")) {
        if (iequals(s->value, "regional")) c.sts_regional_endpoints = {StsRegionalEndpoints::regional, s->source};
        else if (iequals(s->value, "legacy")) c.sts_regional_endpoints = {StsRegionalEndpoints::legacy, s->source};
        else return fail(bad_value(*s, "sts_regional_endpoints must be regional or legacy"));
    }

    c.retry_mode = {RetryMode::standard, ValueSource{}};
    if (auto s = c.lookup("AWS_RETRY_MODE", "retry_mode")) {
        if (iequals(s->value, "standard")) c.retry_mode = {RetryMode::standard, s->source};
        else if (iequals(s->value, "legacy")) c.retry_mode = {RetryMode::legacy, s->source};
        else if (iequals(s->value, "adaptive")) c.retry_mode = {RetryMode::adaptive, s->source};
        else return fail(bad_value(*s, "retry_mode must be standard, legacy or adaptive"));
    }

    // The default attempt count follows the mode: legacy retries 4 times, standard twice.
    c.max_attempts = {c.retry_mode.value == RetryMode::legacy ? 5 : 3, ValueSource{}};
    if (auto s = c.lookup("AWS_MAX_ATTEMPTS", "max_attempts")) {
        int n = 0;
        auto [ptr, ec] = std::from_chars(s->value.data(), s->value.data() + s->value.size(), n);
        if (ec != std::errc{} || ptr != s->value.data() + s->value.size() || n < 1)
            return fail(bad_value(*s, "max_attempts must be a positive integer"));
        c.max_attempts = {n, s->source};
    }
    return c;
}

Result<ResolvedConfig> resolve_config(const ConfigOverrides& overrides, const Env& env, const FileSystem& fs) {
    auto files = file_locations(env);
    auto profiles = load_profiles(files, fs);
    if (!profiles) return profiles.failure();
    return resolve_config(overrides, env, std::move(*profiles), std::move(files));
}

}  // namespace awsreq::config
