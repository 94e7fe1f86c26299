// awsreq config: the settings the AWS CLI resolves from flags, the environment and the profile,
// each remembering where it came from (what `aws configure list` shows).
#pragma once

#include <awsreq/config/env.hpp>
#include <awsreq/config/file_locations.hpp>
#include <awsreq/config/profile_file.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace awsreq::config {

/// Where a resolved value came from.
enum class SourceKind { explicit_value, environment, config_file, credentials_file, default_value };

/// The origin of a value: `name` is the environment variable, or the profile / services block
/// and key; `file` and `line` locate a file value.
struct ValueSource {
    SourceKind kind = SourceKind::default_value;
    std::string name;
    std::string file;
    int line = 0;

    /// "env AWS_REGION", "config-file /h/.aws/config (profile dev)", "default", ...
    [[nodiscard]] std::string describe() const;
};

/// A resolved value and its origin.
template <class T>
struct Setting {
    T value;
    ValueSource source;
};

/// S3 bucket addressing (`s3 =` sub-property `addressing_style`).
enum class AddressingStyle { automatic, virtual_hosted, path };
/// `sts_regional_endpoints`: regional (the AWS CLI v2 default) or the legacy global endpoint.
enum class StsRegionalEndpoints { regional, legacy };
/// `retry_mode`.
enum class RetryMode { standard, legacy, adaptive };

/// Values given on the command line or by the program; they beat everything else.
struct ConfigOverrides {
    std::optional<std::string> profile = {};
    std::optional<std::string> region = {};
    std::optional<std::string> endpoint_url = {};
};

/// Every setting awsreq needs from configuration, resolved in the AWS CLI's order: explicit
/// value, environment variable, the selected profile, the default.
struct ResolvedConfig {
    Env env;                  ///< kept for per-service lookups (AWS_ENDPOINT_URL_<SERVICE>)
    FileLocations files;
    ProfileSet profiles;
    Setting<std::string> profile;  ///< the selected profile's name
    std::optional<Setting<std::string>> region;
    std::optional<Setting<std::string>> endpoint_url;  ///< explicit or global only
    Setting<bool> ignore_configured_endpoint_urls;
    Setting<bool> use_fips_endpoint;
    Setting<bool> use_dualstack_endpoint;
    Setting<AddressingStyle> s3_addressing_style;
    Setting<StsRegionalEndpoints> sts_regional_endpoints;
    Setting<RetryMode> retry_mode;
    Setting<int> max_attempts;

    /// The selected profile's section, or nullptr when the files do not define it.
    [[nodiscard]] const Section* selected() const { return profiles.profile(profile.value); }

    /// A string setting: environment variable `env_var` (skipped when empty), then the selected
    /// profile's `profile_key`.
    [[nodiscard]] std::optional<Setting<std::string>> lookup(std::string_view env_var,
                                                             std::string_view profile_key) const;

    /// The endpoint URL for one service (its SDK service id, e.g. "STS", "S3", "SSO"): the
    /// explicit URL; unless ignore_configured_endpoint_urls, AWS_ENDPOINT_URL_<SERVICE>,
    /// AWS_ENDPOINT_URL, the profile's `services` block, then the profile's `endpoint_url`.
    [[nodiscard]] std::optional<Setting<std::string>> endpoint_url_for(std::string_view service_id) const;
};

/// Resolves every setting. Fails on unreadable or malformed files and on invalid enumerated
/// values (naming the variable or file and line).
[[nodiscard]] Result<ResolvedConfig> resolve_config(const ConfigOverrides& overrides, const Env& env,
                                                    const FileSystem& fs);

/// Resolves from an already parsed ProfileSet (no file IO).
[[nodiscard]] Result<ResolvedConfig> resolve_config(const ConfigOverrides& overrides, const Env& env,
                                                    ProfileSet profiles, FileLocations files = {});

/// "AWS_ENDPOINT_URL_" + the service id upper-cased with spaces and dashes as underscores.
[[nodiscard]] std::string service_endpoint_env_var(std::string_view service_id);
/// The key of a service inside a `[services x]` block: lower-cased, spaces and dashes as '_'.
[[nodiscard]] std::string service_config_key(std::string_view service_id);

[[nodiscard]] std::string_view to_string(AddressingStyle s) noexcept;
[[nodiscard]] std::string_view to_string(StsRegionalEndpoints s) noexcept;
[[nodiscard]] std::string_view to_string(RetryMode m) noexcept;

}  // namespace awsreq::config
