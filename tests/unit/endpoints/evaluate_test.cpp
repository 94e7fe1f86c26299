// Rule evaluation semantics as botocore 1.29 has them: parameters, conditions and assignment
// scope, tree fall-through, templates, properties, headers, auth schemes and error texts.
#include "endpoints_fixture.hpp"

#include <catch2/catch.hpp>

using awsreq::test::eval;
namespace ep = awsreq::endpoints;
using nlohmann::json;

namespace {
const std::string kParams = R"({"Region": {"type": "String"},
                                "UseFIPS": {"type": "Boolean", "required": true, "default": false},
                                "Bucket": {"type": "String"}})";
}

TEST_CASE("parameters: defaults, required ones and declared types", "[endpoints]") {
    const std::string rules = R"([{"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, false]}],
                                   "endpoint": {"url": "https://plain"}},
                                  {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://fips"}}])";
    SECTION("a default fills an unset parameter") {
        auto r = eval(kParams, rules, {});
        REQUIRE(r);
        CHECK(r->url == "https://plain");
    }
    SECTION("a given value wins over the default") {
        auto r = eval(kParams, rules, {{"UseFIPS", true}});
        REQUIRE(r);
        CHECK(r->url == "https://fips");
    }
    SECTION("a wrong type is a typed error naming the parameter") {
        auto r = eval(kParams, rules, {{"UseFIPS", std::string("true")}});
        REQUIRE_FALSE(r);
        CHECK(r.error().type == awsreq::error_type::endpoint_resolution);
        CHECK(r.error().message == "Value (UseFIPS) is the wrong type. Must be <class 'bool'>.");
        CHECK(r.error().field == "UseFIPS");
        auto s = eval(kParams, rules, {{"Region", true}});
        REQUIRE_FALSE(s);
        CHECK(s.error().message == "Value (Region) is the wrong type. Must be <class 'str'>.");
        auto l = eval(kParams, rules, {{"Region", std::vector<std::string>{"a"}}});
        REQUIRE_FALSE(l);
        CHECK(l.error().field == "Region");
    }
    SECTION("a required parameter without default must be given") {
        auto r = eval(R"({"Region": {"type": "String", "required": true}})", rules, {});
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "Cannot find value for required parameter Region");
        CHECK(r.error().field == "Region");
    }
    SECTION("undeclared names are ignored") {
        auto r = eval(kParams, rules, {{"Key", std::string("a/b")}, {"Whatever", true}});
        REQUIRE(r);
        CHECK(r->url == "https://plain");
    }
}

TEST_CASE("error rules give exactly their text, templates filled in", "[endpoints]") {
    auto r = eval(kParams, R"([{"type": "error", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
                               "error": "Invalid region {Region}: {{not a template}}"}])",
                  {{"Region", std::string("us-x")}});
    REQUIRE_FALSE(r);
    CHECK(r.error().type == awsreq::error_type::endpoint_resolution);
    CHECK(r.error().message == "Invalid region us-x: {not a template}");
    // A string without any {name} reference is not a template: kept verbatim.
    auto v = eval(kParams, R"([{"type": "error", "conditions": [], "error": "braces {{ stay }} {1}"}])", {});
    REQUIRE_FALSE(v);
    CHECK(v.error().message == "braces {{ stay }} {1}");
}

TEST_CASE("no matching rule lists the given parameters", "[endpoints]") {
    auto r = eval(kParams, R"([{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]}],
                               "endpoint": {"url": "https://b"}}])",
                  {{"Region", std::string("us-east-1")}, {"UseFIPS", true}});
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "No endpoint found for parameters:\nRegion: us-east-1\nUseFIPS: True");
}

TEST_CASE("a tree whose sub-rules all miss falls through to the next rule", "[endpoints]") {
    auto r = eval(kParams, R"([{"type": "tree", "conditions": [],
                                "rules": [{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]}],
                                           "endpoint": {"url": "https://inner"}}]},
                               {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://outer"}}])",
                  {});
    REQUIRE(r);
    CHECK(r->url == "https://outer");
}

TEST_CASE("assigned names are scoped to their rule and its sub-rules", "[endpoints]") {
    // The first tree assigns PartitionResult, then misses; the next rule must not see it.
    const std::string rules = R"([
      {"type": "tree", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "PartitionResult"}],
       "rules": [{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]}],
                  "endpoint": {"url": "https://{Bucket}.{PartitionResult#dnsSuffix}"}}]},
      {"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "PartitionResult"}]}],
       "endpoint": {"url": "https://leaked"}},
      {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://clean"}}])";
    auto miss = eval(kParams, rules, {{"Region", std::string("cn-north-1")}});
    REQUIRE(miss);
    CHECK(miss->url == "https://clean");
    auto hit = eval(kParams, rules, {{"Region", std::string("cn-north-1")}, {"Bucket", std::string("b")}});
    REQUIRE(hit);
    CHECK(hit->url == "https://b.amazonaws.com.cn");
}

TEST_CASE("assigning over a set name is an error", "[endpoints]") {
    auto r = eval(kParams, R"([{"type": "endpoint", "conditions": [{"fn": "aws.partition", "argv": ["us-east-1"], "assign": "Region"}],
                               "endpoint": {"url": "https://x"}}])",
                  {{"Region", std::string("us-east-1")}});
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "Assignment Region already exists in scoped variables and cannot be overwritten");
}

TEST_CASE("conditions fail on false and on null only", "[endpoints]") {
    // An empty string is truthy for a condition (botocore tests `is False or is None`).
    const std::string rules = R"([{"type": "endpoint", "conditions": [{"fn": "uriEncode", "argv": [{"ref": "Bucket"}]}],
                                   "endpoint": {"url": "https://set"}},
                                  {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://unset"}}])";
    CHECK(eval(kParams, rules, {{"Bucket", std::string("")}})->url == "https://set");
    CHECK(eval(kParams, rules, {})->url == "https://unset");
    // `not` uses Python truthiness: not("") is true.
    auto n = eval(kParams, R"([{"type": "endpoint", "conditions": [{"fn": "not", "argv": [{"ref": "Bucket"}]}],
                               "endpoint": {"url": "https://empty"}}, {"type": "error", "conditions": [], "error": "full"}])",
                  {{"Bucket", std::string("")}});
    REQUIRE(n);
    CHECK(n->url == "https://empty");
}

TEST_CASE("function type errors carry botocore's texts", "[endpoints][bad-input]") {
    auto s = eval(kParams, R"([{"type": "endpoint", "conditions": [{"fn": "stringEquals", "argv": [{"ref": "Bucket"}, "x"]}],
                               "endpoint": {"url": "https://x"}}])",
                  {});
    REQUIRE_FALSE(s);
    CHECK(s.error().message == "Both values must be strings, not <class 'NoneType'> and <class 'str'>.");
    auto b = eval(kParams, R"([{"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "Region"}, true]}],
                               "endpoint": {"url": "https://x"}}])",
                  {{"Region", std::string("us-east-1")}});
    REQUIRE_FALSE(b);
    CHECK(b.error().message == "Both arguments must be bools, not <class 'str'> and <class 'bool'>.");
    auto sub = eval(kParams, R"([{"type": "endpoint", "conditions": [{"fn": "substring", "argv": [{"ref": "Bucket"}, 0, 2, false]}],
                                 "endpoint": {"url": "https://x"}}])",
                    {});
    REQUIRE_FALSE(sub);
    CHECK(sub.error().message == "Input must be a string, not <class 'NoneType'>.");
    auto t = eval(kParams, R"([{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Bucket}"}}])", {});
    REQUIRE_FALSE(t);
    CHECK(t.error().type == awsreq::error_type::endpoint_resolution);
    CHECK(t.error().message.find("Bucket") != std::string::npos);
}

TEST_CASE("endpoints carry resolved properties, headers and auth schemes", "[endpoints]") {
    auto r = eval(kParams, R"([{"type": "endpoint", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
       "endpoint": {"url": {"ref": "Bucket"},
                    "properties": {"authSchemes": [{"name": "sigv4a", "signingName": "s3", "signingRegionSet": ["*"],
                                                    "disableDoubleEncoding": true},
                                                   {"name": "sigv4", "signingName": "{P#name}-svc", "signingRegion": "{Region}"}],
                                   "flag": false, "n": 3},
                    "headers": {"x-amz-a": ["{Region}", "literal"], "x-amz-b": [{"ref": "Bucket"}]}}}])",
                  {{"Region", std::string("eu-west-1")}, {"Bucket", std::string("https://custom.example")}});
    REQUIRE(r);
    CHECK(r->url == "https://custom.example");
    CHECK(r->properties == json::parse(R"({"authSchemes": [{"name": "sigv4a", "signingName": "s3", "signingRegionSet": ["*"],
                                                            "disableDoubleEncoding": true},
                                                           {"name": "sigv4", "signingName": "aws-svc", "signingRegion": "eu-west-1"}],
                                           "flag": false, "n": 3})"));
    CHECK(r->headers.at("x-amz-a") == std::vector<std::string>{"eu-west-1", "literal"});
    CHECK(r->headers.at("x-amz-b") == std::vector<std::string>{"https://custom.example"});
    REQUIRE(r->auth_schemes.size() == 2);
    CHECK(r->auth_schemes[0].name == "sigv4a");
    CHECK(r->auth_schemes[0].signing_region_set == std::vector<std::string>{"*"});
    CHECK(r->auth_schemes[0].disable_double_encoding);
    CHECK(r->auth_schemes[1].name == "sigv4");
    CHECK(r->auth_schemes[1].signing_name == "aws-svc");
    CHECK(r->auth_schemes[1].signing_region == "eu-west-1");
    CHECK_FALSE(r->auth_schemes[1].disable_double_encoding);
    CHECK(r->to_json()["headers"]["x-amz-a"] == json::array({"eu-west-1", "literal"}));
}

TEST_CASE("a url that is not a string is an error, not a crash", "[endpoints][bad-input]") {
    auto r = eval(kParams, R"([{"type": "endpoint", "conditions": [], "endpoint": {"url": {"ref": "UseFIPS"}}}])", {});
    REQUIRE_FALSE(r);
    CHECK(r.error().type == awsreq::error_type::endpoint_resolution);
}

TEST_CASE("params_from_json reads strings, booleans and string lists", "[endpoints][bad-input]") {
    auto p = ep::params_from_json(json::parse(R"({"Region": "us-east-1", "UseFIPS": true, "Names": ["a", "b"], "Gone": null})"));
    REQUIRE(p);
    CHECK(p->size() == 3);
    CHECK(std::get<std::string>(*p->find("Region")) == "us-east-1");
    CHECK(std::get<bool>(*p->find("UseFIPS")));
    CHECK(std::get<std::vector<std::string>>(*p->find("Names")).size() == 2);
    CHECK(p->find("Gone") == nullptr);
    for (const char* bad : {R"({"Region": 1})", R"({"Region": {"a": 1}})", R"({"Names": [1]})", "[]", "3"}) {
        INFO(bad);
        auto r = ep::params_from_json(json::parse(bad));
        REQUIRE_FALSE(r);
        CHECK(r.error().type == awsreq::error_type::param_validation);
    }
}

TEST_CASE("select_auth_scheme takes the first scheme it can sign with", "[endpoints]") {
    std::vector<ep::AuthScheme> schemes = {{.name = "sigv4-s3express"}, {.name = "sigv4a", .signing_region_set = {"*"}},
                                           {.name = "sigv4", .signing_region = "us-east-1"}};
    auto a = ep::select_auth_scheme(schemes);
    REQUIRE(a);
    REQUIRE(*a);
    CHECK((*a)->name == "sigv4a");
    auto v4 = ep::select_auth_scheme(schemes, false);
    REQUIRE(v4);
    CHECK((*v4)->signing_region == "us-east-1");
    auto none = ep::select_auth_scheme({});
    REQUIRE(none);
    CHECK(*none == nullptr);
    auto bad = ep::select_auth_scheme({{.name = "sigv5"}, {.name = "sigv4a"}}, false);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().type == "UnknownSignatureVersionError");
    CHECK(bad.error().message == "Unknown Signature Version: v5, v4a.");
}
