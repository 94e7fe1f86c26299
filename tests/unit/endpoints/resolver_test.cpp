// EndpointResolver's cache and thread safety; built-ins and context parameters.
#include "endpoints_fixture.hpp"

#include <awsreq/endpoints/builtins.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

namespace ep = awsreq::endpoints;

namespace {

ep::RuleSet s3_rules() {
    static const ep::RuleSet rules = [] {
        auto path = awsreq::test::testdata() / "endpoints" / "s3" / "endpoint-rule-set-1.json";
        return ep::RuleSet::parse(awsreq::test::read_file(path), path.string()).value();
    }();
    return rules;
}

ep::Partitions real_partitions() {
    auto path = awsreq::test::testdata() / "endpoints" / "partitions.json";
    return ep::Partitions::parse(awsreq::test::read_file(path), path.string()).value();
}

ep::EndpointParams get_object(std::string region, std::string key) {
    return {{"Region", std::move(region)}, {"Bucket", std::string("mybucket")}, {"Key", std::move(key)},
            {"UseFIPS", false}, {"UseDualStack", false}, {"ForcePathStyle", false}, {"Accelerate", false}};
}

}  // namespace

TEST_CASE("the cache is keyed only on declared parameters", "[endpoints][resolver]") {
    ep::EndpointResolver resolver(s3_rules(), real_partitions());
    auto a = resolver.resolve(get_object("us-west-2", "a.txt"));
    auto b = resolver.resolve(get_object("us-west-2", "b/c.txt"));  // Key is not declared by S3's rules
    REQUIRE(a);
    REQUIRE(b);
    CHECK((*a)->url == "https://mybucket.s3.us-west-2.amazonaws.com");
    CHECK(a->get() == b->get());  // the same cached endpoint
    CHECK(resolver.cache_size() == 1);

    auto c = resolver.resolve(get_object("eu-west-1", "a.txt"));
    REQUIRE(c);
    CHECK((*c)->url == "https://mybucket.s3.eu-west-1.amazonaws.com");
    CHECK(resolver.cache_size() == 2);

    // An unset parameter and one set to its default are different inputs but resolve alike.
    auto params = get_object("us-west-2", "x");
    params.erase("Accelerate");
    auto d = resolver.resolve(params);
    REQUIRE(d);
    CHECK((*d)->url == (*a)->url);
}

TEST_CASE("errors come back typed and are not cached", "[endpoints][resolver]") {
    ep::EndpointResolver resolver(s3_rules(), real_partitions());
    auto params = get_object("us-west-2", "k");
    params.set("Endpoint", std::string("https://example.com"));
    params.set("UseDualStack", true);
    auto r = resolver.resolve(params);
    REQUIRE_FALSE(r);
    CHECK(r.error().type == awsreq::error_type::endpoint_resolution);
    CHECK(r.error().message == "Host override cannot be combined with Dualstack, FIPS, or S3 Accelerate");
    CHECK(resolver.cache_size() == 0);
    params.set("UseDualStack", std::string("yes"));
    auto t = resolver.resolve(params);
    REQUIRE_FALSE(t);
    CHECK(t.error().field == "UseDualStack");
}

TEST_CASE("cache capacity bounds memory; 0 disables the cache", "[endpoints][resolver]") {
    ep::EndpointResolver off(s3_rules(), real_partitions(), ep::ResolverOptions{.cache_capacity = 0});
    REQUIRE(off.resolve(get_object("us-west-2", "k")));
    CHECK(off.cache_size() == 0);

    ep::EndpointResolver small(s3_rules(), real_partitions(), ep::ResolverOptions{.cache_capacity = 2});
    for (const char* region : {"us-east-2", "us-west-1", "us-west-2", "eu-west-1"}) {
        auto r = small.resolve(get_object(region, "k"));
        REQUIRE(r);
        CHECK((*r)->url == std::string("https://mybucket.s3.") + region + ".amazonaws.com");
        CHECK(small.cache_size() <= 2);
    }
}

TEST_CASE("resolving from many threads gives the same answers", "[endpoints][resolver]") {
    ep::EndpointResolver resolver(s3_rules(), real_partitions(), ep::ResolverOptions{.cache_capacity = 3});
    const char* regions[] = {"us-east-2", "us-west-1", "us-west-2", "eu-west-1", "ap-south-1"};
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const char* region = regions[(i + t) % 5];
                auto r = resolver.resolve(get_object(region, "k" + std::to_string(i)));
                if (!r || (*r)->url != std::string("https://mybucket.s3.") + region + ".amazonaws.com") ++wrong;
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(wrong == 0);
}

TEST_CASE("make_endpoint_params: context params first, then built-ins, declared names only", "[endpoints][builtins]") {
    auto rules = s3_rules();
    ep::EndpointBuiltins b{.region = "eu-central-1", .use_fips = true, .endpoint_url = std::nullopt, .s3_force_path_style = true};
    ep::ContextParams ctx;
    ctx.operation_params.set("Bucket", std::string("photos"));
    ctx.operation_params.set("Key", std::string("not-declared"));
    ctx.static_params.set("UseObjectLambdaEndpoint", true);
    ctx.client_params.set("Accelerate", true);
    ctx.operation_params.set("Accelerate", false);  // operation context wins over client context
    auto p = ep::make_endpoint_params(rules, b, ctx);
    CHECK(std::get<std::string>(*p.find("Region")) == "eu-central-1");
    CHECK(std::get<bool>(*p.find("UseFIPS")) == true);
    CHECK(std::get<bool>(*p.find("ForcePathStyle")) == true);
    CHECK(std::get<std::string>(*p.find("Bucket")) == "photos");
    CHECK(std::get<bool>(*p.find("UseObjectLambdaEndpoint")) == true);
    CHECK(std::get<bool>(*p.find("Accelerate")) == false);
    CHECK(std::get<bool>(*p.find("UseArnRegion")) == true);
    CHECK(p.find("Key") == nullptr);
    CHECK(p.find("Endpoint") == nullptr);  // SDK::Endpoint unset

    CHECK(std::get<std::string>(*ep::builtin_value(b, "AWS::Region")) == "eu-central-1");
    CHECK_FALSE(ep::builtin_value(b, "SDK::Endpoint"));
    CHECK_FALSE(ep::builtin_value(b, "AWS::Unknown"));
}

TEST_CASE("decide_builtins follows botocore's configuration policy", "[endpoints][builtins]") {
    SECTION("an endpoint_url turns FIPS and dual-stack off and path style on") {
        auto b = ep::decide_builtins({.region = "us-west-2", .endpoint_url = "http://localhost:9000", .use_fips_endpoint = true,
                                      .use_dualstack_endpoint = true});
        CHECK(b.endpoint_url == "http://localhost:9000");
        CHECK_FALSE(b.use_fips);
        CHECK_FALSE(b.use_dualstack);
        CHECK(b.s3_force_path_style);
        auto v = ep::decide_builtins({.endpoint_url = "http://localhost:9000", .s3_addressing_style = ep::S3AddressingStyle::virtual_hosted});
        CHECK_FALSE(v.s3_force_path_style);
        auto acc = ep::decide_builtins({.endpoint_url = "https://s3-accelerate.dualstack.amazonaws.com"});
        CHECK_FALSE(acc.s3_force_path_style);
    }
    SECTION("accelerate wins over path style") {
        auto b = ep::decide_builtins({.s3_addressing_style = ep::S3AddressingStyle::path, .s3_use_accelerate_endpoint = true});
        CHECK(b.s3_accelerate);
        CHECK_FALSE(b.s3_force_path_style);
        CHECK(ep::decide_builtins({.s3_addressing_style = ep::S3AddressingStyle::path}).s3_force_path_style);
    }
    SECTION("global endpoints under the legacy settings") {
        CHECK(ep::decide_builtins({.region = "us-east-1"}).s3_use_global_endpoint);
        CHECK(ep::decide_builtins({}).s3_use_global_endpoint);
        CHECK_FALSE(ep::decide_builtins({.region = "us-west-2"}).s3_use_global_endpoint);
        CHECK_FALSE(ep::decide_builtins({.region = "us-east-1", .s3_us_east_1_regional_endpoint = ep::RegionalEndpoints::regional})
                        .s3_use_global_endpoint);
        CHECK(ep::decide_builtins({.region = "eu-west-1"}).sts_use_global_endpoint);
        CHECK_FALSE(ep::decide_builtins({.region = "ap-east-1"}).sts_use_global_endpoint);
        CHECK_FALSE(ep::decide_builtins({.region = "eu-west-1", .sts_regional_endpoints = ep::RegionalEndpoints::regional})
                        .sts_use_global_endpoint);
    }
    SECTION("use_arn_region defaults differ for S3 and S3 Control") {
        auto b = ep::decide_builtins({});
        CHECK(b.s3_use_arn_region);
        CHECK_FALSE(b.s3control_use_arn_region);
        auto set = ep::decide_builtins({.s3_use_arn_region = false});
        CHECK_FALSE(set.s3_use_arn_region);
    }
}
