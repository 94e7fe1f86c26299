// testdata/config/file-location-tests.json: where the shared files and the profile come from.
#include <awsreq/config/file_locations.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <test_support.hpp>

using namespace awsreq;
using nlohmann::json;

TEST_CASE("file location vectors") {
    auto doc = json::parse(test::read_file(test::testdata() / "config" / "file-location-tests.json"));
    REQUIRE_FALSE(doc["tests"].empty());
    for (const auto& t : doc["tests"]) {
        DYNAMIC_SECTION(t["name"].get<std::string>() << " [" << t["platform"].get<std::string>() << "]") {
            std::map<std::string, std::string, std::less<>> vars;
            for (const auto& [k, v] : t["environment"].items()) vars[k] = v.get<std::string>();
            auto env = config::map_env(vars);
            auto platform = t["platform"] == "windows" ? config::Platform::windows : config::Platform::posix;
            auto loc = config::file_locations(env, platform);
            CHECK(loc.config == t["configLocation"].get<std::string>());
            CHECK(loc.credentials == t["credentialsLocation"].get<std::string>());
            if (t.contains("profile")) CHECK(config::selected_profile(std::nullopt, env) == t["profile"].get<std::string>());
        }
    }
}

TEST_CASE("explicit profile beats the environment; AWS_PROFILE beats AWS_DEFAULT_PROFILE") {
    auto env = config::map_env({{"AWS_PROFILE", "a"}, {"AWS_DEFAULT_PROFILE", "b"}});
    CHECK(config::selected_profile(std::string("x"), env) == "x");
    CHECK(config::selected_profile(std::nullopt, env) == "a");
    CHECK(config::selected_profile(std::nullopt, config::map_env({{"AWS_DEFAULT_PROFILE", "b"}})) == "b");
    CHECK(config::selected_profile(std::nullopt, config::map_env({})) == "default");
}

TEST_CASE("tilde in AWS_CONFIG_FILE expands to the home directory") {
    auto env = config::map_env({{"HOME", "/h"}, {"AWS_CONFIG_FILE", "~/cfg"}});
    CHECK(config::file_locations(env).config == "/h/cfg");
}
