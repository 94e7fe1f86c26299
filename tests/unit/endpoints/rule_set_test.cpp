// Parsing rule sets and partitions: what compiles, and malformed input as typed errors.
#include "endpoints_fixture.hpp"

#include <catch2/catch.hpp>

using awsreq::test::rule_set;
namespace ep = awsreq::endpoints;

TEST_CASE("rule set parameters are read with their types, built-ins and defaults", "[endpoints]") {
    auto rs = rule_set(R"({"Region": {"type": "String", "builtIn": "AWS::Region", "documentation": "the region"},
                           "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
                           "Names": {"type": "stringArray"}})",
                       "[]");
    REQUIRE(rs);
    REQUIRE(rs->parameters().size() == 3);
    const auto* region = rs->parameter("Region");
    REQUIRE(region);
    CHECK(region->type == ep::ParamType::string);
    CHECK(region->built_in == "AWS::Region");
    CHECK(region->documentation == "the region");
    CHECK_FALSE(region->required);
    const auto* fips = rs->parameter("UseFIPS");
    REQUIRE(fips);
    CHECK(fips->type == ep::ParamType::boolean);
    CHECK(fips->required);
    REQUIRE(fips->default_value);
    CHECK(std::get<bool>(*fips->default_value) == false);
    CHECK(rs->parameter("Names")->type == ep::ParamType::string_array);
    CHECK(rs->parameter("Bucket") == nullptr);
}

TEST_CASE("malformed rule sets are ParseErrors naming the place", "[endpoints][bad-input]") {
    struct Bad {
        const char* what;
        std::string text;
        const char* message_part;
    };
    const std::string ok_params = R"({"Region": {"type": "String"}})";
    auto doc = [](const std::string& params, const std::string& rules) {
        return R"({"version": "1.0", "parameters": )" + params + R"(, "rules": )" + rules + "}";
    };
    const Bad cases[] = {
        {"not JSON", "{\"version\": ", "not valid JSON"},
        {"not an object", "[1, 2]", "not a JSON object"},
        {"no parameters", R"({"rules": []})", "\"parameters\""},
        {"no rules", R"({"parameters": {}})", "\"rules\""},
        {"unknown parameter type", doc(R"({"Region": {"type": "Integer"}})", "[]"), "Unknown parameter type: Integer"},
        {"default of the wrong type", doc(R"({"Region": {"type": "String", "default": true}})", "[]"), "default"},
        {"unknown rule type", doc(ok_params, R"([{"type": "maybe", "conditions": []}])"), "Unknown rule type: maybe"},
        {"rule not an object", doc(ok_params, "[3]"), "rule must be an object"},
        {"endpoint without url", doc(ok_params, R"([{"type": "endpoint", "conditions": [], "endpoint": {}}])"), "url"},
        {"error without text", doc(ok_params, R"([{"type": "error", "conditions": []}])"), "error"},
        {"tree without rules", doc(ok_params, R"([{"type": "tree", "conditions": []}])"), "rules"},
        {"unknown function", doc(ok_params, R"([{"type": "error", "error": "x", "conditions": [{"fn": "aws.nope", "argv": []}]}])"),
         "unknown function \"aws.nope\""},
        {"wrong arity", doc(ok_params, R"([{"type": "error", "error": "x", "conditions": [{"fn": "isSet", "argv": [1, 2]}]}])"),
         "isSet takes 1 argument(s), not 2"},
        {"argv not an array", doc(ok_params, R"([{"type": "error", "error": "x", "conditions": [{"fn": "isSet", "argv": 1}]}])"),
         "argv"},
        {"condition not a call", doc(ok_params, R"([{"type": "error", "error": "x", "conditions": [{"ref": "Region"}]}])"),
         "function call"},
        {"single } in a template", doc(ok_params, R"([{"type": "error", "conditions": [], "error": "a {Region} }"}])"),
         "Single '}'"},
        {"unclosed { in a template", doc(ok_params, R"([{"type": "error", "conditions": [], "error": "{Region} {abc"}])"),
         "unclosed"},
        {"non-string ref", doc(ok_params, R"([{"type": "error", "conditions": [], "error": {"ref": 3}}])"), "ref"},
        {"template in properties", doc(ok_params,
             R"([{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://x", "properties": {"a": "{Region} }"}}}])"),
         "Single '}'"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.what) {
            auto r = ep::RuleSet::parse(c.text, "bad.json");
            REQUIRE_FALSE(r);
            CHECK(r.error().type == awsreq::error_type::parse_error);
            CHECK(r.error().file == "bad.json");
            INFO(r.error().message);
            CHECK(r.error().message.find(c.message_part) != std::string::npos);
        }
    }
}

TEST_CASE("error messages locate the bad rule", "[endpoints][bad-input]") {
    auto r = rule_set(R"({})", R"([{"type": "tree", "conditions": [], "rules": [{"type": "endpoint", "conditions": [],
                                    "endpoint": {"url": "https://a"}}, {"type": "nope", "conditions": []}]}])");
    REQUIRE_FALSE(r);
    CHECK(r.error().field == "rules[0].rules[1].type");
}

TEST_CASE("partitions parse, and malformed ones are ParseErrors", "[endpoints][bad-input]") {
    const auto& p = awsreq::test::tiny_partitions();
    CHECK(p.size() == 2);
    CHECK(p.partition_id("us-west-2") == "aws");       // by pattern
    CHECK(p.partition_id("aws-global") == "aws");      // by region list
    CHECK(p.partition_id("cn-north-1") == "aws-cn");   // listed
    CHECK(p.partition_id("cn-west-9") == "aws-cn");    // by pattern
    CHECK(p.partition_id("mars-north-1") == "aws");    // nothing matches: the first partition
    CHECK(p.partition_id("xus-west-2") == "aws");

    for (const char* bad : {"", "{}", R"({"partitions": []})", R"({"partitions": [1]})",
                            R"({"partitions": [{"id": "aws", "outputs": {}}]})",
                            R"({"partitions": [{"id": "aws", "regionRegex": "(", "outputs": {}}]})",
                            R"({"partitions": [{"regionRegex": "^a$", "outputs": {}}]})"}) {
        INFO(bad);
        auto r = ep::Partitions::parse(bad, "p.json");
        REQUIRE_FALSE(r);
        CHECK(r.error().type == awsreq::error_type::parse_error);
    }
}
