// Every case of ../shared/testdata/endpoints/<service>/endpoint-tests-1.json, resolved against
// that service's rule set and partitions.json: url, properties, headers, or the exact error.
#include <awsreq/endpoints/resolver.hpp>

#include <catch2/catch.hpp>
#include <test_support.hpp>

#include <filesystem>
#include <iostream>
#include <map>

namespace ep = awsreq::endpoints;
using nlohmann::json;

namespace {

const std::vector<std::string> kServices = {"s3",       "s3control", "sts", "iam",    "dynamodb",
                                            "sqs",      "sns",       "ec2", "lambda", "kms"};

struct Suite {
    ep::RuleSet rules;
    json cases;
};

const ep::Partitions& partitions() {
    static const ep::Partitions p = [] {
        auto path = awsreq::test::testdata() / "endpoints" / "partitions.json";
        return ep::Partitions::parse(awsreq::test::read_file(path), path.string()).value();
    }();
    return p;
}

const Suite& suite(const std::string& service) {
    static std::map<std::string, Suite> cache;
    auto it = cache.find(service);
    if (it != cache.end()) return it->second;
    auto dir = awsreq::test::testdata() / "endpoints" / service;
    auto rules_path = dir / "endpoint-rule-set-1.json";
    auto rules = ep::RuleSet::parse(awsreq::test::read_file(rules_path), rules_path.string()).value();
    json tests = json::parse(awsreq::test::read_file(dir / "endpoint-tests-1.json"));
    return cache.emplace(service, Suite{std::move(rules), tests.at("testCases")}).first->second;
}

// Returns an empty string when the case passes, else what differed.
std::string run_case(const ep::RuleSet& rules, const json& c) {
    auto params = ep::params_from_json(c.at("params"));
    if (!params) return "params: " + params.error().to_string();
    auto result = ep::evaluate(rules, partitions(), *params);
    const json& expect = c.at("expect");
    if (expect.contains("error")) {
        if (result) return "expected error \"" + expect["error"].get<std::string>() + "\", got url " + result->url;
        if (result.error().type != awsreq::error_type::endpoint_resolution)
            return "error type " + result.error().type;
        if (result.error().message != expect["error"].get<std::string>())
            return "error text \"" + result.error().message + "\" != \"" + expect["error"].get<std::string>() + "\"";
        return {};
    }
    if (!result) return "unexpected error: " + result.error().message;
    const json& e = expect.at("endpoint");
    std::string diff;
    if (result->url != e.at("url").get<std::string>()) diff += "url " + result->url + " != " + e["url"].get<std::string>() + "; ";
    json props = e.value("properties", json::object());
    if (result->properties != props) diff += "properties " + result->properties.dump() + " != " + props.dump() + "; ";
    json headers = e.value("headers", json::object());
    if (result->to_json()["headers"] != headers) diff += "headers " + result->to_json()["headers"].dump() + " != " + headers.dump();
    return diff;
}

}  // namespace

struct CaseRef {
    std::string service;
    std::size_t index;
};

const std::vector<CaseRef>& all_cases() {
    static const std::vector<CaseRef> cases = [] {
        std::vector<CaseRef> out;
        for (const auto& service : kServices)
            for (std::size_t i = 0; i < suite(service).cases.size(); ++i) out.push_back({service, i});
        return out;
    }();
    return cases;
}

TEST_CASE("endpoint rule-set test cases, one section per case", "[endpoints][vectors]") {
    // One generated run per case, each inside a section named service #index: documentation.
    auto n = GENERATE(range(std::size_t{0}, all_cases().size()));
    const CaseRef& ref = all_cases()[n];
    const Suite& s = suite(ref.service);
    const json& c = s.cases[ref.index];
    DYNAMIC_SECTION(ref.service << " #" << ref.index << ": " << c.value("documentation", "")) {
        INFO("params: " << c.at("params").dump());
        std::string diff = run_case(s.rules, c);
        INFO(diff);
        CHECK(diff.empty());
    }
}

TEST_CASE("endpoint rule-set test cases: pass counts per service", "[endpoints][vectors]") {
    std::size_t total = 0, passed_total = 0;
    for (const auto& service : kServices) {
        const Suite& s = suite(service);
        std::size_t passed = 0;
        for (const auto& c : s.cases) passed += run_case(s.rules, c).empty() ? 1 : 0;
        std::cout << "endpoints/" << service << ": " << passed << "/" << s.cases.size() << " cases pass\n";
        total += s.cases.size();
        passed_total += passed;
        CHECK(passed == s.cases.size());
    }
    std::cout << "endpoints: " << passed_total << "/" << total << " cases pass\n";
    CHECK(total > 1000);
}

TEST_CASE("botocore's installed rule sets parse", "[endpoints][vectors]") {
    std::filesystem::path data = "/usr/lib/python3/dist-packages/botocore/data";
    if (!std::filesystem::exists(data)) {
        WARN("botocore data not installed; skipped");
        SUCCEED();
        return;
    }
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(data)) {
        if (entry.path().filename() != "endpoint-rule-set-1.json") continue;
        auto r = ep::RuleSet::parse(awsreq::test::read_file(entry.path()), entry.path().string());
        INFO(entry.path().string());
        CHECK(r.has_value());
        ++count;
    }
    std::cout << "parsed " << count << " installed endpoint rule sets\n";
    CHECK(count > 0);
}
