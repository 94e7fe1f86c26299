// Internal: a small JSON reader for the credential documents providers receive (IMDS, container,
// SSO, credential_process, token caches). The credentials layer sits below `model`, where the
// project's JSON library may first appear, so it reads these flat documents itself.
#pragma once

#include <awsreq/core/result.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awsreq::credentials::detail {

struct JsonValue {
    enum class Kind { null, boolean, number, string, array, object } kind = Kind::null;
    bool boolean = false;
    double number = 0;
    std::string text;  ///< string value, or the number's literal text
    std::vector<JsonValue> items;
    std::map<std::string, JsonValue, std::less<>> members;

    [[nodiscard]] const JsonValue* get(std::string_view key) const;
    /// A string member's value, if the member exists and is a string.
    [[nodiscard]] std::optional<std::string> string_member(std::string_view key) const;
};

/// Parses a JSON document; errors name `what` (never echo the document: it may hold secrets).
[[nodiscard]] Result<JsonValue> parse_json(std::string_view text, std::string_view what);

/// The text of the first <tag>...</tag> inside `xml` (entities decoded), if any.
[[nodiscard]] std::optional<std::string> xml_tag(std::string_view xml, std::string_view tag);

}  // namespace awsreq::credentials::detail
