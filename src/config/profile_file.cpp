// The shared-file parser: a line tokenizer with the AWS CLI's rules, then the normalization step
// that turns raw section names into profiles, sso-sessions and services blocks.
//
// Why not inih: the system inih is compiled with ':' as a second delimiter, ';'-only inline
// comments, a 200-byte line limit and multiline values joined without their raw text, so none of
// "key : value" errors, "value # comment" stripping or sub-property blocks could come out right.
// The AWS grammar is line-based and small enough to tokenize directly.
#include <awsreq/config/profile_file.hpp>

#include <awsreq/core/encoding.hpp>

#include <vector>

namespace awsreq::config {
namespace {

constexpr std::string_view kWhitespace = " \t";

std::string_view trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r\n\f\v");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n\f\v");
    return s.substr(b, e - b + 1);
}

// Cuts a trailing comment. In section headers any '#' or ';' starts one; after a property value
// only one preceded by whitespace does ("a#b" is a value, "a #b" is "a").
std::string_view strip_comment(std::string_view s, bool needs_whitespace) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '#' && s[i] != ';') continue;
        if (!needs_whitespace || (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))) return s.substr(0, i);
    }
    return s;
}

struct RawSection {
    std::string name;  // trimmed text between the brackets
    int line = 0;
    std::vector<std::pair<std::string, Property>> properties;  // in file order
};

Error parse_error(std::string message, std::string_view file, int line) {
    Error e = make_error(error_type::config_parse, std::move(message));
    e.file = std::string(file);
    e.line = line;
    return e;
}

Result<std::vector<RawSection>> tokenize(std::string_view text, FileKind kind, std::string_view file) {
    std::vector<RawSection> sections;
    std::string* current_value = nullptr;  // the property a continuation line extends
    int line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

        if (trim(line).empty()) continue;
        if (line.front() == '#' || line.front() == ';') continue;
        if (line.front() == '[') {
            auto body = trim(strip_comment(trim(line), false));
            if (body.empty() || body.back() != ']')
                return fail(parse_error("Profile definition must end with ']'", file, line_no));
            body = trim(body.substr(1, body.size() - 2));
            sections.push_back(RawSection{std::string(body), line_no, {}});
            current_value = nullptr;
            continue;
        }
        if (kWhitespace.find(line.front()) != std::string_view::npos) {
            if (current_value == nullptr)
                return fail(parse_error("Expected a property definition, found a continuation line",
                                        file, line_no));
            *current_value += '\n';
            *current_value += trim(line);
            continue;
        }
        if (sections.empty())
            return fail(parse_error("Expected a profile definition before the first property", file, line_no));
        auto content = trim(strip_comment(line, true));
        auto eq = content.find('=');
        if (eq == std::string_view::npos)
            return fail(parse_error("Expected an '=' sign defining a property", file, line_no));
        auto key = trim(content.substr(0, eq));
        if (key.empty()) return fail(parse_error("Property did not have a name", file, line_no));
        auto value = trim(content.substr(eq + 1));
        auto& props = sections.back().properties;
        props.emplace_back(ascii_lower(key), Property{std::string(value), kind, std::string(file), line_no});
        current_value = &props.back().second.value;
    }
    return sections;
}

void merge_into(Section& target, std::string_view name, std::vector<std::pair<std::string, Property>>& props) {
    if (target.name.empty()) target.name = std::string(name);
    for (auto& [k, v] : props) target.properties.insert_or_assign(k, std::move(v));
}

// Splits "prefix rest" where at least one whitespace follows the prefix; returns the trimmed rest.
std::optional<std::string_view> after_prefix(std::string_view name, std::string_view prefix) {
    if (name.size() <= prefix.size() || name.substr(0, prefix.size()) != prefix) return std::nullopt;
    if (kWhitespace.find(name[prefix.size()]) == std::string_view::npos) return std::nullopt;
    return trim(name.substr(prefix.size()));
}

}  // namespace

bool is_valid_profile_name(std::string_view name) noexcept {
    if (name.empty()) return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  std::string_view("-/.%@_:+").find(c) != std::string_view::npos;
        if (!ok) return false;
    }
    return true;
}

const Property* Section::find(std::string_view key) const {
    auto it = properties.find(ascii_lower(key));
    return it == properties.end() ? nullptr : &it->second;
}

std::optional<std::string_view> Section::get(std::string_view key) const {
    const Property* p = find(key);
    if (p == nullptr) return std::nullopt;
    return std::string_view(p->value);
}

std::optional<std::string> Section::sub(std::string_view key, std::string_view sub_key) const {
    auto block = get(key);
    if (!block) return std::nullopt;
    auto subs = parse_sub_properties(*block);
    auto it = subs.find(ascii_lower(sub_key));
    if (it == subs.end()) return std::nullopt;
    return it->second;
}

const Section* ProfileSet::profile(std::string_view name) const {
    auto it = profiles.find(name);
    return it == profiles.end() ? nullptr : &it->second;
}
const Section* ProfileSet::sso_session(std::string_view name) const {
    auto it = sso_sessions.find(name);
    return it == sso_sessions.end() ? nullptr : &it->second;
}
const Section* ProfileSet::service_block(std::string_view name) const {
    auto it = services.find(name);
    return it == services.end() ? nullptr : &it->second;
}

std::map<std::string, std::string, std::less<>> parse_sub_properties(std::string_view text) {
    std::map<std::string, std::string, std::less<>> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto nl = text.find('\n', pos);
        auto line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        auto eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        auto key = trim(line.substr(0, eq));
        if (key.empty()) continue;
        out.insert_or_assign(ascii_lower(key), std::string(trim(line.substr(eq + 1))));
    }
    return out;
}

Result<void> parse_profile_file(std::string_view text, FileKind kind, std::string_view file_name,
                                ProfileSet& into) {
    auto raw = tokenize(text, kind, file_name);
    if (!raw) return raw.failure();

    bool has_prefixed_default = false;
    if (kind == FileKind::config)
        for (const auto& s : *raw)
            if (auto n = after_prefix(s.name, "profile"); n && *n == "default") has_prefixed_default = true;

    for (auto& s : *raw) {
        if (kind == FileKind::credentials) {
            if (is_valid_profile_name(s.name)) merge_into(into.profiles[s.name], s.name, s.properties);
            continue;
        }
        if (s.name == "default") {
            // `[profile default]` wins over the bare form wherever it appears in the file.
            if (!has_prefixed_default) merge_into(into.profiles["default"], "default", s.properties);
        } else if (auto p = after_prefix(s.name, "profile")) {
            if (is_valid_profile_name(*p)) merge_into(into.profiles[std::string(*p)], *p, s.properties);
        } else if (auto ss = after_prefix(s.name, "sso-session")) {
            if (is_valid_profile_name(*ss)) merge_into(into.sso_sessions[std::string(*ss)], *ss, s.properties);
        } else if (auto sv = after_prefix(s.name, "services")) {
            if (is_valid_profile_name(*sv)) merge_into(into.services[std::string(*sv)], *sv, s.properties);
        }
        // Anything else (`[foo]` without a prefix, typos) is not a config-file section: skipped.
    }
    return {};
}

Result<ProfileSet> parse_profiles(std::optional<std::string_view> config_text,
                                  std::optional<std::string_view> credentials_text,
                                  std::string_view config_name, std::string_view credentials_name) {
    ProfileSet set;
    if (config_text) {
        auto r = parse_profile_file(*config_text, FileKind::config, config_name, set);
        if (!r) return r.failure();
    }
    if (credentials_text) {
        auto r = parse_profile_file(*credentials_text, FileKind::credentials, credentials_name, set);
        if (!r) return r.failure();
    }
    return set;
}

}  // namespace awsreq::config

namespace awsreq::config {

Result<ProfileSet> load_profiles(const FileLocations& locations, const FileSystem& fs) {
    auto config = fs(locations.config);
    if (!config) return config.failure();
    auto credentials = fs(locations.credentials);
    if (!credentials) return credentials.failure();
    std::optional<std::string_view> c, k;
    if (*config) c = **config;
    if (*credentials) k = **credentials;
    return parse_profiles(c, k, locations.config, locations.credentials);
}

}  // namespace awsreq::config
