// `awsreq configure list|export`: what the shared files and the environment resolve to.
#include "cli.hpp"

#include <awsreq/config/file_locations.hpp>
#include <awsreq/config/profile_file.hpp>
#include <awsreq/config/resolved_config.hpp>

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

std::string masked(std::string_view value) {
    if (value.size() <= 4) return std::string(16, '*');
    return std::string(16, '*') + std::string(value.substr(value.size() - 4));
}

void row(Io& io, std::string_view name, std::string_view value, std::string_view type, std::string_view location) {
    auto pad = [](std::string_view s, std::size_t w) {
        return s.size() >= w ? std::string(s) : std::string(w - s.size(), ' ') + std::string(s);
    };
    io.out << pad(name, 10) << " " << pad(value, 24) << " " << pad(type, 24) << "    " << location << '\n';
}

std::pair<std::string, std::string> type_and_location(const config::ValueSource& s) {
    switch (s.kind) {
        case config::SourceKind::explicit_value: return {"flag", s.name};
        case config::SourceKind::environment: return {"env", s.name};
        case config::SourceKind::config_file: return {"config-file", s.file + ":" + std::to_string(s.line) + " (" + s.name + ")"};
        case config::SourceKind::credentials_file:
            return {"shared-credentials-file", s.file + ":" + std::to_string(s.line) + " (" + s.name + ")"};
        case config::SourceKind::default_value: break;
    }
    return {"None", "None"};
}

int cmd_configure_list(const ParsedArgs& args, Io& io) {
    auto env = config::process_env();
    auto cfg = config::resolve_config({args.get("--profile"), args.get("--region"), args.get("--endpoint-url")}, env,
                                      config::real_file_system());
    if (!cfg) return report(io, cfg.error());
    row(io, "Name", "Value", "Type", "Location");
    row(io, "----", "-----", "----", "--------");
    auto [ptype, ploc] = type_and_location(cfg->profile.source);
    row(io, "profile", cfg->profile.source.kind == config::SourceKind::default_value ? "<not set>" : cfg->profile.value,
        ptype, ploc);

    std::string source;
    auto creds = resolve_cli_credentials(args, source);
    if (creds) {
        // Static keys from the files: name the file that holds them.
        std::string location;
        if (const config::Section* p = cfg->selected()) {
            if (const config::Property* k = p->find("aws_access_key_id"); k && k->value == creds->access_key_id)
                location = k->file + ":" + std::to_string(k->line);
        }
        if (source == "env") location = "AWS_ACCESS_KEY_ID";
        row(io, "access_key", masked(creds->access_key_id), source, location);
        row(io, "secret_key", masked(creds->secret_access_key.reveal()), source, location);
    } else {
        row(io, "access_key", "<not set>", "None", "None");
        row(io, "secret_key", "<not set>", "None", "None");
    }
    if (cfg->region) {
        auto [t, l] = type_and_location(cfg->region->source);
        row(io, "region", cfg->region->value, t, l);
    } else {
        row(io, "region", "<not set>", "None", "None");
    }
    if (cfg->endpoint_url) {
        auto [t, l] = type_and_location(cfg->endpoint_url->source);
        row(io, "endpoint", cfg->endpoint_url->value, t, l);
    }
    return 0;
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
