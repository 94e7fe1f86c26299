// awsreq config: the shared config and credentials files (~/.aws/config, ~/.aws/credentials).
#pragma once

#include <awsreq/config/env.hpp>
#include <awsreq/config/file_locations.hpp>
#include <awsreq/core/result.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace awsreq::config {

/// Which of the two shared files a section or property came from. They differ in how section
/// names read: the config file says `[profile x]` (and `[default]`), the credentials file `[x]`.
enum class FileKind { config, credentials };

/// One `key = value` as written; `value` keeps the raw text of a continued or sub-property
/// value (`s3 =` followed by indented lines gives "\nkey = value...").
struct Property {
    std::string value;
    FileKind origin = FileKind::config;
    std::string file;  ///< path of the file it came from, for "where did this come from"
    int line = 0;
};

/// Properties are case-insensitive like the AWS CLI's (keys are stored lower-cased).
using PropertyMap = std::map<std::string, Property, std::less<>>;

/// A named section after the AWS rules were applied: a profile, an sso-session or a services
/// block.
struct Section {
    std::string name;
    PropertyMap properties;

    /// The raw value of `key` (case-insensitive), if present.
    [[nodiscard]] std::optional<std::string_view> get(std::string_view key) const;
    [[nodiscard]] const Property* find(std::string_view key) const;
    /// A value inside a sub-property block, e.g. sub("s3", "addressing_style").
    [[nodiscard]] std::optional<std::string> sub(std::string_view key, std::string_view sub_key) const;
};

/// Everything the two files define, merged like the AWS CLI merges them: duplicate sections in
/// one file merge (the last value of a key wins), credentials-file values override config-file
/// values of the same profile, and `[default]` in the config file is ignored when the same
/// file also has `[profile default]`.
struct ProfileSet {
    std::map<std::string, Section, std::less<>> profiles;
    std::map<std::string, Section, std::less<>> sso_sessions;
    std::map<std::string, Section, std::less<>> services;

    [[nodiscard]] const Section* profile(std::string_view name) const;
    [[nodiscard]] const Section* sso_session(std::string_view name) const;
    [[nodiscard]] const Section* service_block(std::string_view name) const;
};

/// True for a valid profile name: letters, digits and `- / . % @ _ : +`.
[[nodiscard]] bool is_valid_profile_name(std::string_view name) noexcept;

/// Parses one file's text into `into`, applying the AWS rules: comments start a line with `#`
/// or `;` (after a value only when preceded by whitespace), indented lines continue the value
/// above (or form a sub-property block after an empty `key =`), and invalid section names are
/// skipped. A ConfigParseError names `file_name` and the line.
[[nodiscard]] Result<void> parse_profile_file(std::string_view text, FileKind kind,
                                              std::string_view file_name, ProfileSet& into);

/// Parses both files (either may be absent) into one ProfileSet.
[[nodiscard]] Result<ProfileSet> parse_profiles(std::optional<std::string_view> config_text,
                                                std::optional<std::string_view> credentials_text,
                                                std::string_view config_name = "config",
                                                std::string_view credentials_name = "credentials");

/// Reads both files at `locations` through `fs` (a missing file counts as empty) and parses them.
[[nodiscard]] Result<ProfileSet> load_profiles(const FileLocations& locations, const FileSystem& fs);

/// Reads `text` of a sub-property block ("\nkey = value\n...") into key/value pairs.
[[nodiscard]] std::map<std::string, std::string, std::less<>> parse_sub_properties(std::string_view text);

}  // namespace awsreq::config
