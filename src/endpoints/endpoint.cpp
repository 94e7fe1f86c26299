#include <awsreq/endpoints/endpoint.hpp>

namespace awsreq::endpoints {

std::vector<AuthScheme> auth_schemes_from_properties(const nlohmann::json& properties) {
    std::vector<AuthScheme> out;
    if (!properties.is_object()) return out;
    auto schemes = properties.find("authSchemes");
    if (schemes == properties.end() || !schemes->is_array()) return out;
    for (const auto& s : *schemes) {
        if (!s.is_object()) continue;
        auto name = s.find("name");
        if (name == s.end() || !name->is_string()) continue;
        AuthScheme a;
        a.name = name->get<std::string>();
        if (auto v = s.find("signingName"); v != s.end() && v->is_string()) a.signing_name = v->get<std::string>();
        if (auto v = s.find("signingRegion"); v != s.end() && v->is_string()) a.signing_region = v->get<std::string>();
        if (auto v = s.find("signingRegionSet"); v != s.end() && v->is_array())
            for (const auto& r : *v)
                if (r.is_string()) a.signing_region_set.push_back(r.get<std::string>());
        if (auto v = s.find("disableDoubleEncoding"); v != s.end() && v->is_boolean())
            a.disable_double_encoding = v->get<bool>();
        out.push_back(std::move(a));
    }
    return out;
}

Result<const AuthScheme*> select_auth_scheme(const std::vector<AuthScheme>& schemes, bool sigv4a_supported) {
    if (schemes.empty()) return static_cast<const AuthScheme*>(nullptr);
    std::string names;
    for (const auto& s : schemes) {
        std::string_view name = s.name;
        if (name.starts_with("sig")) name.remove_prefix(3);
        if (name == "v4" || (sigv4a_supported && name == "v4a")) return &s;
        if (!names.empty()) names += ", ";
        names += name;
    }
    return fail(unknown_signature_version_error, "Unknown Signature Version: " + names + ".", "authSchemes");
}

nlohmann::json ResolvedEndpoint::to_json() const {
    nlohmann::json j = nlohmann::json::object();
    j["url"] = url;
    j["properties"] = properties;
    j["headers"] = nlohmann::json::object();
    for (const auto& [name, values] : headers) j["headers"][name] = values;
    return j;
}

}  // namespace awsreq::endpoints
