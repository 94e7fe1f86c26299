#include <awsreq/config/resolved_config.hpp>

#include <catch2/catch.hpp>

using namespace awsreq;
using namespace awsreq::config;

namespace {

ResolvedConfig resolve(std::map<std::string, std::string, std::less<>> env, std::string config,
                       ConfigOverrides o = {}) {
    env.emplace("HOME", "/h");
    auto fs = map_file_system({{"/h/.aws/config", std::move(config)}});
    auto r = resolve_config(o, map_env(std::move(env)), fs);
    REQUIRE(r.has_value());
    return std::move(*r);
}

}  // namespace

TEST_CASE("region: explicit, AWS_REGION, AWS_DEFAULT_REGION, profile") {
    std::string cfg = "[default]\nregion = from-file\n[profile p]\nregion = from-p\n";
    CHECK(resolve({}, cfg).region->value == "from-file");
    CHECK(resolve({}, cfg).region->source.kind == SourceKind::config_file);
    CHECK(resolve({}, cfg).region->source.line == 2);
    CHECK(resolve({{"AWS_PROFILE", "p"}}, cfg).region->value == "from-p");
    CHECK(resolve({{"AWS_DEFAULT_REGION", "d"}}, cfg).region->value == "d");
    auto both = resolve({{"AWS_DEFAULT_REGION", "d"}, {"AWS_REGION", "r"}}, cfg);
    CHECK(both.region->value == "r");
    CHECK(both.region->source.name == "AWS_REGION");
    CHECK(resolve({{"AWS_REGION", "r"}}, cfg, {.region = "x"}).region->value == "x");
    CHECK_FALSE(resolve({}, "").region.has_value());
}

TEST_CASE("profile selection records its source") {
    auto c = resolve({{"AWS_DEFAULT_PROFILE", "d"}}, "");
    CHECK(c.profile.value == "d");
    CHECK(c.profile.source.describe() == "env AWS_DEFAULT_PROFILE");
    CHECK(resolve({}, "").profile.source.kind == SourceKind::default_value);
    CHECK(resolve({{"AWS_PROFILE", "a"}}, "", {.profile = "e"}).profile.value == "e");
}

TEST_CASE("endpoint_url precedence per service") {
    std::string cfg =
        "[default]\nendpoint_url = http://profile\nservices = svc\n"
        "[services svc]\nsts =\n  endpoint_url = http://services-sts\n"
        "elastic_beanstalk =\n  endpoint_url = http://eb\n";
    auto c = resolve({}, cfg);
    CHECK(c.endpoint_url_for("STS")->value == "http://services-sts");
    CHECK(c.endpoint_url_for("Elastic Beanstalk")->value == "http://eb");
    CHECK(c.endpoint_url_for("S3")->value == "http://profile");
    auto g = resolve({{"AWS_ENDPOINT_URL", "http://global"}}, cfg);
    CHECK(g.endpoint_url_for("STS")->value == "http://global");
    auto s = resolve({{"AWS_ENDPOINT_URL", "http://global"}, {"AWS_ENDPOINT_URL_STS", "http://env-sts"}}, cfg);
    CHECK(s.endpoint_url_for("STS")->value == "http://env-sts");
    CHECK(s.endpoint_url_for("STS")->source.name == "AWS_ENDPOINT_URL_STS");
    auto i = resolve({{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}, {"AWS_ENDPOINT_URL", "http://global"}}, cfg);
    CHECK_FALSE(i.endpoint_url_for("STS").has_value());
    auto e = resolve({{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}}, cfg, {.endpoint_url = "http://flag"});
    CHECK(e.endpoint_url_for("STS")->value == "http://flag");
    CHECK(service_endpoint_env_var("Elastic Beanstalk") == "AWS_ENDPOINT_URL_ELASTIC_BEANSTALK");
}

TEST_CASE("fips, dualstack, addressing style, sts endpoints, retry") {
    std::string cfg =
        "[default]\nuse_fips_endpoint = true\ns3 =\n  addressing_style = path\n"
        "sts_regional_endpoints = legacy\nretry_mode = legacy\n";
    auto c = resolve({{"AWS_USE_DUALSTACK_ENDPOINT", "TRUE"}}, cfg);
    CHECK(c.use_fips_endpoint.value);
    CHECK(c.use_dualstack_endpoint.value);
    CHECK(c.use_dualstack_endpoint.source.kind == SourceKind::environment);
    CHECK(c.s3_addressing_style.value == AddressingStyle::path);
    CHECK(c.sts_regional_endpoints.value == StsRegionalEndpoints::legacy);
    CHECK(c.retry_mode.value == RetryMode::legacy);
    CHECK(c.max_attempts.value == 5);
    auto d = resolve({}, "");
    CHECK_FALSE(d.use_fips_endpoint.value);
    CHECK(d.s3_addressing_style.value == AddressingStyle::automatic);
    CHECK(d.sts_regional_endpoints.value == StsRegionalEndpoints::regional);
    CHECK(d.retry_mode.value == RetryMode::standard);
    CHECK(d.max_attempts.value == 3);
    CHECK(resolve({{"AWS_MAX_ATTEMPTS", "7"}}, "").max_attempts.value == 7);
}

TEST_CASE("invalid enumerated values are typed errors naming their source") {
    auto fs = map_file_system({{"/h/.aws/config", "[default]\nretry_mode = sometimes\n"}});
    auto r = resolve_config({}, map_env({{"HOME", "/h"}}), fs);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().file == "/h/.aws/config");
    CHECK(r.error().line == 2);
    auto m = resolve_config({}, map_env({{"HOME", "/h"}, {"AWS_MAX_ATTEMPTS", "x"}}), map_file_system({}));
    REQUIRE_FALSE(m.has_value());
    CHECK(m.error().field == "AWS_MAX_ATTEMPTS");
    auto s = resolve_config({}, map_env({{"HOME", "/h"}}),
                            map_file_system({{"/h/.aws/config", "[default]\ns3 =\n  addressing_style = sideways\n"}}));
    REQUIRE_FALSE(s.has_value());
}
