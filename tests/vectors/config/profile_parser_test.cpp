// testdata/config/profile-parser-tests.json: every case through the shared-file parser.
#include <awsreq/config/profile_file.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <test_support.hpp>

using namespace awsreq;
using nlohmann::json;

namespace {

json sections_json(const std::map<std::string, config::Section, std::less<>>& sections) {
    json out = json::object();
    for (const auto& [name, section] : sections) {
        json props = json::object();
        for (const auto& [key, prop] : section.properties) props[key] = prop.value;
        out[name] = props;
    }
    return out;
}

}  // namespace

TEST_CASE("profile parser vectors") {
    auto doc = json::parse(test::read_file(test::testdata() / "config" / "profile-parser-tests.json"));
    REQUIRE(doc["tests"].size() >= 30);
    for (const auto& t : doc["tests"]) {
        DYNAMIC_SECTION(t["name"].get<std::string>()) {
            std::optional<std::string> cfg, creds;
            if (t["input"].contains("configFile")) cfg = t["input"]["configFile"].get<std::string>();
            if (t["input"].contains("credentialsFile")) creds = t["input"]["credentialsFile"].get<std::string>();
            std::optional<std::string_view> cv, kv;
            if (cfg) cv = *cfg;
            if (creds) kv = *creds;
            auto r = config::parse_profiles(cv, kv);
            const auto& out = t["output"];
            if (out.contains("errorContaining")) {
                REQUIRE_FALSE(r.has_value());
                CHECK(r.error().type == error_type::config_parse);
                CHECK(r.error().line > 0);
                CHECK_FALSE(r.error().file.empty());
                CHECK_THAT(r.error().message, Catch::Contains(out["errorContaining"].get<std::string>()));
            } else {
                REQUIRE(r.has_value());
                CHECK(sections_json(r->profiles) == out["config"]["profiles"]);
                if (out["config"].contains("sso_sessions"))
                    CHECK(sections_json(r->sso_sessions) == out["config"]["sso_sessions"]);
                else
                    CHECK(r->sso_sessions.empty());
            }
        }
    }
}
