#include "cli.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace awsreq::cli {
namespace {

const std::vector<std::string_view> kCommonValueOptions = {"--region", "--profile", "--endpoint-url",
                                                           "--time", "--data-path", "--format"};
const std::vector<std::string_view> kCommonFlags = {"--debug", "--help", "--allow-network"};

bool contains(const std::vector<std::string_view>& v, std::string_view s) {
    for (auto x : v)
        if (x == s) return true;
    return false;
}

}  // namespace

std::optional<std::string> ParsedArgs::get(std::string_view name) const {
    auto it = options.find(name);
    if (it == options.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> ParsedArgs::get_all(std::string_view name) const {
    auto it = options.find(name);
    return it == options.end() ? std::vector<std::string>{} : it->second;
}

Result<ParsedArgs> parse_args(const Args& args, const CommandSpec& spec) {
    ParsedArgs p;
    bool only_positionals = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (only_positionals || a.size() < 2 || a[0] != '-' || a[1] != '-' ) {
            if (!only_positionals && a.size() >= 2 && a[0] == '-' && a != "-")
                return fail("UsageError", "unknown option " + a, a);
            p.positionals.push_back(a);
            continue;
        }
        if (a == "--") {
            only_positionals = true;
            continue;
        }
        std::string name = a, value;
        bool inline_value = false;
        if (auto eq = a.find('='); eq != std::string::npos) {
            name = a.substr(0, eq);
            value = a.substr(eq + 1);
            inline_value = true;
        }
        if (contains(spec.value_options, name) || contains(kCommonValueOptions, name)) {
            if (!inline_value) {
                if (i + 1 >= args.size()) return fail("UsageError", name + " needs a value", name);
                value = args[++i];
            }
            p.options[name].push_back(value);
        } else if (contains(spec.flag_options, name) || contains(kCommonFlags, name)) {
            if (inline_value) return fail("UsageError", name + " takes no value", name);
            p.flags.insert(name);
        } else {
            return fail("UsageError", "unknown option " + name, name);
        }
    }
    return p;
}

int report(Io& io, const Error& e) {
    io.err << e.to_string() << '\n';
    return 1;
}

int usage_error(Io& io, std::string_view message) {
    io.err << "UsageError: " << message << '\n';
    return 2;
}

std::optional<std::string> getenv_str(const char* name) {
    const char* v = std::getenv(name);
    if (!v) return std::nullopt;
    return std::string(v);
}

Result<std::string> read_input(Io& io, const std::optional<std::string>& path) {
    std::ostringstream ss;
    if (!path || *path == "-") {
        ss << io.in.rdbuf();
        return ss.str();
    }
    std::ifstream f(*path, std::ios::binary);
    if (!f) {
        Error e = make_error(error_type::io_error, "cannot open " + *path, "FILE");
        e.file = *path;
        return Failure{std::move(e)};
    }
    ss << f.rdbuf();
    return ss.str();
}

}  // namespace awsreq::cli
