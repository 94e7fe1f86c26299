// awsreq endpoint: evaluates an endpoint rule set (cli-contract.md, command 6).
#include "cli.hpp"
#include "services.hpp"

#include <awsreq/endpoints/builtins.hpp>
#include <awsreq/endpoints/resolver.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace awsreq::cli {
namespace {

namespace fs = std::filesystem;
namespace ep = awsreq::endpoints;

constexpr const char* kHelp = R"(usage: awsreq endpoint --rules FILE [--partitions FILE] [PARAMS_JSON|@FILE|-] [--batch]
       awsreq endpoint SERVICE [PARAMS_JSON|@FILE|-] [--batch]

Evaluates an endpoint rule set (endpoint-rule-set-1.json) for the endpoint parameters in
PARAMS_JSON (e.g. '{"Region": "us-west-2", "Bucket": "b"}'; none means '{}', '-' reads stdin) and
prints {"url": ..., "properties": {...}, "headers": {...}}, or {"error": "<the rule's error text>"}
with exit status 1 (the error line also goes to stderr).

  --rules FILE        the rule set to evaluate
  --partitions FILE   partitions.json; by default the first partitions.json found next to the
                      rule set, in its parent or grandparent folder (botocore's data/ layout),
                      then in the data path
  SERVICE             use the service's installed rule set: DIR/SERVICE/<newest api version>/
                      endpoint-rule-set-1.json and DIR/partitions.json, for each DIR of
                      --data-path, AWSREQ_DATA_PATH and botocore's usual install locations
  --batch             read one params object per line (stdin, or FILE given as argument) and
                      write one result line each; errors become {"error": "..."} lines
  --region R          sets the parameter whose builtIn is AWS::Region, unless params set it
  --endpoint-url URL  sets the parameter whose builtIn is SDK::Endpoint, unless params set it
  --data-path DIR     where botocore-format data lives (repeatable)
)";

std::optional<std::string> read_text(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    if (!f) return std::nullopt;
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

Failure file_error(const std::string& path, std::string message) {
    Error e = make_error(error_type::io_error, std::move(message), "FILE");
    e.file = path;
    return Failure{std::move(e)};
}

Result<fs::path> find_partitions(const fs::path& rules_path, const std::vector<fs::path>& dirs) {
    std::error_code ec;
    fs::path dir = rules_path.parent_path();
    for (int up = 0; up < 3 && !dir.empty(); ++up) {
        if (fs::exists(dir / "partitions.json", ec)) return dir / "partitions.json";
        if (dir == dir.parent_path()) break;
        dir = dir.parent_path();
    }
    for (const auto& d : dirs)
        if (fs::exists(d / "partitions.json", ec)) return d / "partitions.json";
    return fail(error_type::data_not_found, "no partitions.json found near " + rules_path.string() + "; give --partitions FILE",
                "--partitions");
}

Result<ep::EndpointParams> params_from_text(std::string_view text, const ep::RuleSet& rules, const ParsedArgs& a) {
    auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) return fail(error_type::json_error, "PARAMS_JSON is not valid JSON", "PARAMS_JSON");
    auto params = ep::params_from_json(j);
    if (!params) return params;
    // Built-ins from the common flags fill only what the params leave unset.
    for (const auto& spec : rules.parameters()) {
        if (params->find(spec.name)) continue;
        if (spec.built_in == "AWS::Region" && a.get("--region")) params->set(spec.name, *a.get("--region"));
        if (spec.built_in == "SDK::Endpoint" && a.get("--endpoint-url")) params->set(spec.name, *a.get("--endpoint-url"));
    }
    return params;
}

std::string endpoint_line(const ep::ResolvedEndpoint& e) {
    nlohmann::json headers = nlohmann::json::object();
    for (const auto& [name, values] : e.headers) headers[name] = values;
    return "{\"url\":" + nlohmann::json(e.url).dump() + ",\"properties\":" + e.properties.dump() +
           ",\"headers\":" + headers.dump() + "}";
}

std::string error_line(const Error& e) {
    if (e.type == error_type::endpoint_resolution) return "{\"error\":" + nlohmann::json(e.message).dump() + "}";
    nlohmann::json j = {{"error", {{"type", e.type}, {"message", e.message}}}};
    return j.dump();
}

}  // namespace

int cmd_endpoint(const Args& argv, Io& io) {
    auto parsed = parse_args(argv, CommandSpec{{"--rules", "--partitions"}, {"--batch"}});
    if (!parsed) return usage_error(io, parsed.error().message);
    const ParsedArgs& a = *parsed;
    if (a.has("--help")) {
        io.out << kHelp;
        return 0;
    }
    std::vector<std::string> positionals = a.positionals;
    std::vector<fs::path> dirs;
    for (const auto& d : data_path(a).dirs) dirs.emplace_back(d);
    std::shared_ptr<const ep::EndpointResolver> shared_resolver;
    if (auto r = a.get("--rules")) {
        fs::path rules_path = *r;
        if (positionals.size() > 1) return usage_error(io, "expected at most one PARAMS_JSON argument");
        auto rules_text = read_text(rules_path);
        if (!rules_text) return report(io, file_error(rules_path.string(), "cannot open " + rules_path.string()).error);
        auto rules = ep::RuleSet::parse(*rules_text, rules_path.string());
        if (!rules) return report(io, rules.error());
        fs::path partitions_path;
        if (auto p = a.get("--partitions")) {
            partitions_path = *p;
        } else {
            auto found = find_partitions(rules_path, dirs);
            if (!found) return report(io, found.error());
            partitions_path = *found;
        }
        auto partitions_text = read_text(partitions_path);
        if (!partitions_text)
            return report(io, file_error(partitions_path.string(), "cannot open " + partitions_path.string()).error);
        auto partitions = ep::Partitions::parse(*partitions_text, partitions_path.string());
        if (!partitions) return report(io, partitions.error());
        shared_resolver = std::make_shared<const ep::EndpointResolver>(std::move(*rules), std::move(*partitions));
    } else {
        // SERVICE form: the installed rule set, found and compiled by the model layer's registry.
        if (positionals.empty()) return usage_error(io, "give --rules FILE or a SERVICE name");
        if (positionals.size() > 2) return usage_error(io, "expected at most one PARAMS_JSON argument");
        ServiceCatalog catalog(data_path(a));
        auto found = catalog.resolver(positionals.front());
        if (!found) return report(io, found.error());
        shared_resolver = *found;
        positionals.erase(positionals.begin());
    }
    const ep::EndpointResolver& resolver = *shared_resolver;

    std::optional<std::string> arg;
    if (!positionals.empty()) arg = positionals.front();

    if (a.has("--batch")) {
        std::unique_ptr<std::ifstream> file;
        std::istream* in = &io.in;
        if (arg && *arg != "-") {
            std::string path = arg->starts_with("@") ? arg->substr(1) : *arg;
            file = std::make_unique<std::ifstream>(path, std::ios::binary);
            if (!*file) return report(io, file_error(path, "cannot open " + path).error);
            in = file.get();
        }
        std::string line;
        std::string out;
        while (std::getline(*in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.find_first_not_of(" \t") == std::string::npos) continue;
            auto params = params_from_text(line, resolver.rules(), a);
            if (!params) {
                out = error_line(params.error());
            } else if (auto r = resolver.resolve(*params)) {
                out = endpoint_line(**r);
            } else {
                out = error_line(r.error());
            }
            out += '\n';
            io.out << out;
        }
        io.out.flush();
        return 0;
    }

    std::string text = "{}";
    if (arg) {
        if (*arg == "-" || arg->starts_with("@")) {
            auto input = read_input(io, *arg == "-" ? std::optional<std::string>("-") : std::optional<std::string>(arg->substr(1)));
            if (!input) return report(io, input.error());
            text = *input;
        } else {
            text = *arg;
        }
    }
    auto params = params_from_text(text, resolver.rules(), a);
    if (!params) return report(io, params.error());
    auto r = resolver.resolve(*params);
    if (!r) {
        if (r.error().type == error_type::endpoint_resolution) io.out << error_line(r.error()) << '\n';
        return report(io, r.error());
    }
    io.out << endpoint_line(**r) << '\n';
    return 0;
}

}  // namespace awsreq::cli
