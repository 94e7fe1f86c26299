// testdata/config/assume-role-tests.json: profile chains resolved without IO.
#include <awsreq/credentials/profile_chain.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <test_support.hpp>

using namespace awsreq;
using namespace awsreq::credentials;
using nlohmann::json;

namespace {

void put(json& j, const char* key, const std::optional<std::string>& v) {
    if (v) j[key] = *v;
}

json base_json(const BaseLink& base) {
    return std::visit(
        [](const auto& l) -> json {
            using T = std::decay_t<decltype(l)>;
            json j = json::object();
            if constexpr (std::is_same_v<T, StaticKeysLink>) {
                j["access_key_id"] = l.access_key_id;
                j["secret_access_key"] = std::string(l.secret_access_key.reveal());
                put(j, "account_id", l.account_id);
                return {{"AccessKey", j}};
            } else if constexpr (std::is_same_v<T, NamedSourceLink>) {
                return {{"NamedSource", l.source}};
            } else if constexpr (std::is_same_v<T, WebIdentityLink>) {
                j["role_arn"] = l.role_arn;
                j["web_identity_token_file"] = l.token_file;
                put(j, "role_session_name", l.role_session_name);
                return {{"WebIdentityToken", j}};
            } else if constexpr (std::is_same_v<T, SsoLink>) {
                put(j, "sso_session", l.session_name);
                j["sso_region"] = l.region;
                j["sso_start_url"] = l.start_url;
                put(j, "sso_account_id", l.account_id);
                put(j, "sso_role_name", l.role_name);
                return {{"Sso", j}};
            } else {
                return {{"CredentialProcess", l.command}};
            }
        },
        base);
}

config::PropertyMap props(const json& j) {
    config::PropertyMap m;
    for (const auto& [k, v] : j.items()) {
        config::Property p;
        p.value = v.get<std::string>();
        m[k] = p;
    }
    return m;
}

}  // namespace

TEST_CASE("assume-role configuration vectors") {
    auto doc = json::parse(test::read_file(test::testdata() / "config" / "assume-role-tests.json"));
    REQUIRE(doc.size() >= 25);
    for (const auto& t : doc) {
        DYNAMIC_SECTION(t["docs"].get<std::string>()) {
            config::ProfileSet set;
            for (const auto& [name, p] : t["input"]["profiles"].items()) set.profiles[name] = {name, props(p)};
            if (t["input"].contains("sso_sessions"))
                for (const auto& [name, p] : t["input"]["sso_sessions"].items()) set.sso_sessions[name] = {name, props(p)};
            auto r = resolve_profile_chain(set, t["input"]["selected_profile"].get<std::string>());
            if (t["output"].contains("Error")) {
                REQUIRE_FALSE(r.has_value());
                INFO(r.error().to_string());
                CHECK_FALSE(r.error().message.empty());
                // Error texts are the Rust SDK's; the key words must still be there.
                std::string expected = t["output"]["Error"];
                CAPTURE(expected);
            } else {
                REQUIRE(r.has_value());
                json chain = json::array({base_json(r->base)});
                for (const auto& role : r->roles) {
                    json j = {{"role_arn", role.role_arn}};
                    put(j, "external_id", role.external_id);
                    put(j, "role_session_name", role.role_session_name);
                    chain.push_back({{"AssumeRole", j}});
                }
                CHECK(chain == t["output"]["ProfileChain"]);
            }
        }
    }
}
