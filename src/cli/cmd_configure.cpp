// `awsreq configure list|export`: what the shared files and the environment resolve to.
#include "cli.hpp"

#include <awsreq/config/file_locations.hpp>
#include <awsreq/config/profile_file.hpp>

#include <nlohmann/json.hpp>

#include <ostream>

namespace awsreq::cli {
namespace {

nlohmann::json sections_json(const std::map<std::string, config::Section, std::less<>>& sections) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, section] : sections) {
        nlohmann::json props = nlohmann::json::object();
        for (const auto& [key, prop] : section.properties) props[key] = prop.value;
        out[name] = std::move(props);
    }
    return out;
}

int run_export(const ParsedArgs&, Io& io) {
    auto env = config::process_env();
    auto profiles = config::load_profiles(config::file_locations(env), config::real_file_system());
    if (!profiles) return report(io, profiles.error());
    nlohmann::json out = {{"profiles", sections_json(profiles->profiles)},
                          {"sso_sessions", sections_json(profiles->sso_sessions)}};
    io.out << out.dump(2) << '\n';
    return 0;
}

int cmd_configure_list(const ParsedArgs&, Io& io) {
    return report(io, make_error("NotImplementedError", "configure list is not implemented yet"));
}

}  // namespace

int cmd_configure(const Args& args, Io& io) {
    auto parsed = parse_args(args, CommandSpec{{}, {"--allow-network"}});
    if (!parsed) return usage_error(io, parsed.error().message);
    if (parsed->has("--help") || parsed->positionals.empty()) {
        io.out << "usage: awsreq configure list [--profile P] [--allow-network]\n"
                  "       awsreq configure export\n";
        return parsed->has("--help") ? 0 : 2;
    }
    const std::string& sub = parsed->positionals.front();
    if (parsed->positionals.size() > 1) return usage_error(io, "unexpected argument " + parsed->positionals[1]);
    if (sub == "export") return run_export(*parsed, io);
    if (sub == "list") return cmd_configure_list(*parsed, io);
    return usage_error(io, "unknown configure subcommand \"" + sub + "\" (expected list or export)");
}

}  // namespace awsreq::cli
