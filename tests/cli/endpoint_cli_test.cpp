// `awsreq endpoint` as cli-contract.md (command 6) describes it, driven through the binary.
#include "run_cli.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using awsreq::test::run_awsreq;
using nlohmann::json;

namespace {

std::string rules_file(const std::string& service) {
    return (awsreq::test::testdata() / "endpoints" / service / "endpoint-rule-set-1.json").string();
}
std::string partitions_file() { return (awsreq::test::testdata() / "endpoints" / "partitions.json").string(); }

json test_cases(const std::string& service) {
    return json::parse(awsreq::test::read_file(awsreq::test::testdata() / "endpoints" / service / "endpoint-tests-1.json"))
        .at("testCases");
}

// The output line must say what the test case expects.
void check_line(const json& expect, const std::string& line) {
    json got = json::parse(line);
    if (expect.contains("error")) {
        CHECK(got == json{{"error", expect["error"]}});
        return;
    }
    const json& e = expect.at("endpoint");
    CHECK(got.at("url") == e.at("url"));
    CHECK(got.at("properties") == e.value("properties", json::object()));
    CHECK(got.at("headers") == e.value("headers", json::object()));
}

}  // namespace

TEST_CASE("awsreq endpoint --rules resolves one params object", "[cli][endpoint]") {
    json cases = test_cases("s3");
    for (std::size_t i = 0; i < 6; ++i) {
        const json& c = cases[i];
        DYNAMIC_SECTION("s3 #" << i << ": " << c.value("documentation", "")) {
            auto r = run_awsreq({"endpoint", "--rules", rules_file("s3"), "--partitions", partitions_file(), c["params"].dump()});
            INFO(r.err);
            bool is_error = c["expect"].contains("error");
            CHECK(r.status == (is_error ? 1 : 0));
            check_line(c["expect"], r.out);
            if (is_error) CHECK(r.err == "EndpointResolutionError: " + c["expect"]["error"].get<std::string>() + "\n");
        }
    }
}

TEST_CASE("awsreq endpoint --batch answers every line in order", "[cli][endpoint]") {
    for (const std::string service : {"sts", "s3control"}) {
        json cases = test_cases(service);
        std::string input;
        for (const auto& c : cases) input += c["params"].dump() + "\n";
        // Partitions found by default: partitions.json sits in the rule set's grandparent folder.
        auto r = run_awsreq({"endpoint", "--rules", rules_file(service), "--batch"}, input);
        INFO(r.err);
        REQUIRE(r.status == 0);
        std::istringstream lines(r.out);
        std::string line;
        std::size_t n = 0;
        while (std::getline(lines, line)) {
            REQUIRE(n < cases.size());
            INFO(service << " #" << n << ": " << cases[n].value("documentation", ""));
            check_line(cases[n]["expect"], line);
            ++n;
        }
        CHECK(n == cases.size());
    }
}

TEST_CASE("awsreq endpoint --batch turns bad lines into error lines and goes on", "[cli][endpoint]") {
    auto r = run_awsreq({"endpoint", "--rules", rules_file("sts"), "--partitions", partitions_file(), "--batch"},
                        "not json\n{\"Region\": 5}\n{\"Region\": \"us-west-2\", \"UseFIPS\": \"yes\"}\n{\"Region\": \"eu-west-1\"}\n");
    REQUIRE(r.status == 0);
    std::istringstream lines(r.out);
    std::string l1, l2, l3, l4;
    std::getline(lines, l1);
    std::getline(lines, l2);
    std::getline(lines, l3);
    std::getline(lines, l4);
    CHECK(json::parse(l1)["error"]["type"] == "JsonParseError");
    CHECK(json::parse(l2)["error"]["type"] == "ParamValidationError");
    CHECK(json::parse(l3)["error"].get<std::string>().find("UseFIPS") != std::string::npos);
    CHECK(json::parse(l4)["url"] == "https://sts.eu-west-1.amazonaws.com");
}

TEST_CASE("awsreq endpoint reads params from stdin and applies --region", "[cli][endpoint]") {
    auto r = run_awsreq({"endpoint", "--rules", rules_file("kms"), "-"}, R"({"Region": "eu-central-1"})");
    CHECK(r.status == 0);
    CHECK(json::parse(r.out)["url"] == "https://kms.eu-central-1.amazonaws.com");

    auto flag = run_awsreq({"endpoint", "--rules", rules_file("kms"), "--region", "ap-south-1"});
    CHECK(flag.status == 0);
    CHECK(json::parse(flag.out)["url"] == "https://kms.ap-south-1.amazonaws.com");
}

TEST_CASE("awsreq endpoint reports bad input with a typed error", "[cli][endpoint]") {
    SECTION("wrong parameter type") {
        auto r = run_awsreq({"endpoint", "--rules", rules_file("s3"), R"({"Region": "us-east-1", "Accelerate": "no"})"});
        CHECK(r.status == 1);
        CHECK(r.err.rfind("EndpointResolutionError: ", 0) == 0);
        CHECK(r.err.find("Accelerate") != std::string::npos);
    }
    SECTION("malformed rule set") {
        auto dir = std::filesystem::temp_directory_path() / "awsreq-endpoint-cli-bad";
        std::filesystem::create_directories(dir);
        std::ofstream(dir / "rules.json") << R"({"version": "1.0", "parameters": {}, "rules": [{"type": "bogus", "conditions": []}]})";
        auto r = run_awsreq({"endpoint", "--rules", (dir / "rules.json").string(), "--partitions", partitions_file()});
        CHECK(r.status == 1);
        CHECK(r.err.rfind("ParseError: ", 0) == 0);
        CHECK(r.err.find("Unknown rule type: bogus") != std::string::npos);
        std::filesystem::remove_all(dir);
    }
    SECTION("missing file") {
        auto r = run_awsreq({"endpoint", "--rules", "/nonexistent/rules.json"});
        CHECK(r.status == 1);
        CHECK(r.err.rfind("IOError: ", 0) == 0);
    }
    SECTION("bad params JSON") {
        auto r = run_awsreq({"endpoint", "--rules", rules_file("sts"), "{"});
        CHECK(r.status == 1);
        CHECK(r.err.rfind("JsonParseError: ", 0) == 0);
    }
    SECTION("usage errors") {
        CHECK(run_awsreq({"endpoint"}).status == 2);
        CHECK(run_awsreq({"endpoint", "--rules", rules_file("sts"), "--bogus"}).status == 2);
        CHECK(run_awsreq({"endpoint", "--rules", rules_file("sts"), "{}", "{}"}).status == 2);
    }
    SECTION("help") {
        auto r = run_awsreq({"endpoint", "--help"});
        CHECK(r.status == 0);
        CHECK(r.out.find("--partitions") != std::string::npos);
    }
}

TEST_CASE("awsreq endpoint SERVICE uses the installed rule set", "[cli][endpoint]") {
    if (!std::filesystem::exists("/usr/lib/python3/dist-packages/botocore/data/sts")) {
        WARN("botocore data not installed; skipped");
        SUCCEED();
        return;
    }
    auto r = run_awsreq({"endpoint", "sts", R"({"Region": "eu-west-3", "UseGlobalEndpoint": false})"});
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(json::parse(r.out)["url"] == "https://sts.eu-west-3.amazonaws.com");
    auto unknown = run_awsreq({"endpoint", "no-such-service"});
    CHECK(unknown.status == 1);
    CHECK(unknown.err.rfind("UnknownServiceError: ", 0) == 0);
}
