// `awsreq configure export` against profile-parser-tests.json cases, through the built binary.
#include "config_cli_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <test_support.hpp>

using namespace awsreq::test;
using nlohmann::json;

TEST_CASE("configure export matches the profile parser vectors") {
    auto doc = json::parse(read_file(testdata() / "config" / "profile-parser-tests.json"));
    // A handful that cover the rules: merging across files, sub-properties, sso-sessions, errors.
    const std::vector<std::string> wanted = {
        "Profiles duplicated in multiple files are merged.",
        "Properties can have sub-properties.",
        "Default profiles with mixed prefixes merge with credentials",
        "sso-session with properties",
        "Continuation values include semicolon comments.",
        "Property definitions must contain an equals sign.",
        "Properties must be defined in a profile.",
        "Empty files have no profiles.",
    };
    int ran = 0;
    for (const auto& t : doc["tests"]) {
        std::string name = t["name"];
        if (std::find(wanted.begin(), wanted.end(), name) == wanted.end()) continue;
        ++ran;
        DYNAMIC_SECTION(name) {
            TempDir dir;
            std::map<std::string, std::string> env = {{"HOME", dir.path().string()},
                                                      {"AWS_CONFIG_FILE", (dir.path() / "none-config").string()},
                                                      {"AWS_SHARED_CREDENTIALS_FILE", (dir.path() / "none-creds").string()}};
            if (t["input"].contains("configFile")) env["AWS_CONFIG_FILE"] = dir.write("config", t["input"]["configFile"]);
            if (t["input"].contains("credentialsFile"))
                env["AWS_SHARED_CREDENTIALS_FILE"] = dir.write("credentials", t["input"]["credentialsFile"]);
            auto r = run_awsreq(env, "configure export", dir);
            if (t["output"].contains("errorContaining")) {
                CHECK(r.status == 1);
                CHECK_THAT(r.err, Catch::StartsWith("ConfigParseError: "));
                CHECK_THAT(r.err, Catch::Contains("config"));
            } else {
                REQUIRE(r.status == 0);
                auto got = json::parse(r.out);
                CHECK(got["profiles"] == t["output"]["config"]["profiles"]);
                json sso = t["output"]["config"].value("sso_sessions", json::object());
                CHECK(got["sso_sessions"] == sso);
            }
        }
    }
    CHECK(ran == static_cast<int>(wanted.size()));
}

TEST_CASE("configure with no subcommand is a usage error") {
    TempDir dir;
    auto r = run_awsreq({{"HOME", dir.path().string()}}, "configure bogus", dir);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::StartsWith("UsageError"));
}
