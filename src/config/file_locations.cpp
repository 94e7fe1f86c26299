#include <awsreq/config/file_locations.hpp>

namespace awsreq::config {
namespace {

std::optional<std::string> non_empty(const Env& env, std::string_view name) {
    auto v = env(name);
    if (v && !v->empty()) return v;
    return std::nullopt;
}

}  // namespace

std::optional<std::string> home_directory(const Env& env, Platform platform) {
    if (auto h = non_empty(env, "HOME")) return h;
    if (platform == Platform::windows) {
        if (auto u = non_empty(env, "USERPROFILE")) return u;
        auto drive = non_empty(env, "HOMEDRIVE");
        auto path = non_empty(env, "HOMEPATH");
        if (drive && path) return *drive + *path;
    }
    return std::nullopt;
}

std::string expand_home(std::string_view path, const Env& env, Platform platform) {
    if (path.empty() || path.front() != '~') return std::string(path);
    if (path.size() > 1 && path[1] != '/' && path[1] != '\\') return std::string(path);  // ~user: left as is
    auto home = home_directory(env, platform);
    if (!home) return std::string(path);
    return *home + std::string(path.substr(1));
}

FileLocations file_locations(const Env& env, Platform platform) {
    const char sep = platform == Platform::windows ? '\\' : '/';
    auto in_home = [&](std::string_view leaf) {
        std::string rel = std::string("~") + sep + ".aws" + sep + std::string(leaf);
        return expand_home(rel, env, platform);
    };
    FileLocations loc;
    if (auto c = non_empty(env, "AWS_CONFIG_FILE")) loc.config = expand_home(*c, env, platform);
    else loc.config = in_home("config");
    if (auto c = non_empty(env, "AWS_SHARED_CREDENTIALS_FILE")) loc.credentials = expand_home(*c, env, platform);
    else loc.credentials = in_home("credentials");
    return loc;
}

std::string selected_profile(const std::optional<std::string>& explicit_profile, const Env& env) {
    if (explicit_profile && !explicit_profile->empty()) return *explicit_profile;
    if (auto p = non_empty(env, "AWS_PROFILE")) return *p;
    if (auto p = non_empty(env, "AWS_DEFAULT_PROFILE")) return *p;
    return "default";
}

}  // namespace awsreq::config
