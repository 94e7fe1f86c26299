// awsreq config: where the shared config and credentials files live, and which profile is used.
#pragma once

#include <awsreq/config/env.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace awsreq::config {

/// Path conventions differ by platform (home variables and separators).
enum class Platform { posix, windows };

/// The two shared files' paths.
struct FileLocations {
    std::string config;       ///< AWS_CONFIG_FILE, else <home>/.aws/config
    std::string credentials;  ///< AWS_SHARED_CREDENTIALS_FILE, else <home>/.aws/credentials
};

/// The user's home directory as the AWS CLI finds it: $HOME; on Windows then $USERPROFILE,
/// then $HOMEDRIVE$HOMEPATH. nullopt when none is set.
[[nodiscard]] std::optional<std::string> home_directory(const Env& env, Platform platform = Platform::posix);

/// Expands a leading `~` to the home directory (as the AWS CLI does for file settings).
[[nodiscard]] std::string expand_home(std::string_view path, const Env& env, Platform platform = Platform::posix);

/// Resolves both locations from the environment.
[[nodiscard]] FileLocations file_locations(const Env& env, Platform platform = Platform::posix);

/// The profile to use: `explicit_profile`, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else
/// "default".
[[nodiscard]] std::string selected_profile(const std::optional<std::string>& explicit_profile, const Env& env);

}  // namespace awsreq::config
