// testdata/config/imds-endpoint-tests.json and ecs-tests.json.
#include <awsreq/credentials/container.hpp>
#include <awsreq/credentials/imds.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <test_support.hpp>

using namespace awsreq;
using namespace awsreq::credentials;
using nlohmann::json;

namespace {

std::map<std::string, std::string, std::less<>> string_map(const json& j) {
    std::map<std::string, std::string, std::less<>> m;
    for (const auto& [k, v] : j.items()) m[k] = v.get<std::string>();
    return m;
}

}  // namespace

TEST_CASE("IMDS endpoint vectors") {
    auto doc = json::parse(test::read_file(test::testdata() / "config" / "imds-endpoint-tests.json"));
    for (const auto& t : doc["tests"]) {
        DYNAMIC_SECTION(t["docs"].get<std::string>()) {
            auto env = string_map(t["env"]);
            env.emplace("HOME", "/home");
            auto config = config::resolve_config({}, config::map_env(env), config::map_file_system(string_map(t["fs"])));
            REQUIRE(config.has_value());
            ImdsOptions opts;
            if (t.contains("endpoint_override")) opts.endpoint_override = t["endpoint_override"];
            if (t.contains("mode_override")) opts.mode_override = t["mode_override"];
            auto ep = imds_endpoint(*config, opts);
            if (t["result"].contains("Ok")) {
                REQUIRE(ep.has_value());
                CHECK(*ep + "/latest/api/token" == t["result"]["Ok"].get<std::string>());
            } else {
                REQUIRE_FALSE(ep.has_value());
                CHECK_FALSE(ep.error().message.empty());
            }
        }
    }
}

TEST_CASE("container credentials URI vectors") {
    auto doc = json::parse(test::read_file(test::testdata() / "config" / "ecs-tests.json"));
    for (const auto& t : doc["tests"]) {
        DYNAMIC_SECTION(t["docs"].get<std::string>()) {
            auto uri = container_credentials_uri(config::map_env(string_map(t["env"])));
            if (t["result"].contains("Ok")) {
                REQUIRE(uri.has_value());
                CHECK(*uri == t["result"]["Ok"].get<std::string>());
            } else {
                REQUIRE_FALSE(uri.has_value());
                CHECK_THAT(uri.error().message, Catch::Contains(t["result"]["ErrorContains"].get<std::string>()));
            }
        }
    }
}

TEST_CASE("container full URI over plain http must stay on the host") {
    auto bad = container_credentials_uri(config::map_env({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://evil.example/creds"}}));
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().field == "AWS_CONTAINER_CREDENTIALS_FULL_URI");
    CHECK(container_credentials_uri(config::map_env({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.5:80/x"}})).has_value());
    CHECK(container_credentials_uri(config::map_env({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://[::1]/x"}})).has_value());
}
