// `awsreq batch` (cli-contract.md, command 3): one output line per input line, in order; every
// bad line becomes {"error": {"type", "message"}} and the batch goes on.
#include "model_cli.hpp"

using namespace awsreq;
using Json = nlohmann::json;

namespace {

// A good line whose output names `tag` (in the S3 key), so order can be checked.
std::string good_line(const std::string& tag) {
    return R"({"service":"s3","operation":"GetObject","params":{"Bucket":"examplebucket","Key":")" + tag +
           R"("},"region":"us-east-1","time":"20150830T123600Z"})";
}

struct BadLine {
    const char* name;
    std::string line;
    const char* type;  // nullptr: any type
};

std::vector<BadLine> bad_lines() {
    return {
        {"malformed JSON", R"({"service": "s3", "operation": )", "JsonParseError"},
        {"truncated object", R"({"service": "s3")", "JsonParseError"},
        {"empty line", "", "JsonParseError"},
        {"not an object (array)", "[1, 2]", nullptr},
        {"not an object (string)", R"("s3 GetObject")", nullptr},
        {"not an object (number)", "42", nullptr},
        {"missing service", R"({"operation": "ListBuckets"})", nullptr},
        {"missing operation", R"({"service": "s3"})", nullptr},
        {"service not a string", R"({"service": 3, "operation": "ListBuckets"})", nullptr},
        {"unknown service", R"({"service": "nosuchservice", "operation": "DoThing", "region": "us-east-1"})", "UnknownServiceError"},
        {"unknown operation", R"({"service": "s3", "operation": "NoSuchOperation", "region": "us-east-1"})", "OperationNotFoundError"},
        {"wrong types", R"({"service": "dynamodb", "operation": "ListTables", "params": {"Limit": "ten"}, "region": "us-east-1"})",
         "ParamValidationError"},
        {"missing members", R"({"service": "s3", "operation": "PutObject", "params": {}, "region": "us-east-1"})", "ParamValidationError"},
        {"params not an object", R"({"service": "s3", "operation": "ListBuckets", "params": [], "region": "us-east-1"})",
         "ParamValidationError"},
        {"invalid UTF-8", "{\"service\": \"s3\", \"operation\": \"GetObject\", \"params\": {\"Bucket\": \"b\", \"Key\": \"\xff\xfe\"}}",
         nullptr},
        {"invalid UTF-8 escape (lone surrogate)",
         R"({"service": "s3", "operation": "GetObject", "params": {"Bucket": "b", "Key": "\ud800"}, "region": "us-east-1"})", nullptr},
        {"bad time", R"({"service": "s3", "operation": "ListBuckets", "region": "us-east-1", "time": "yesterday"})", "InvalidTimeError"},
        {"time not a string", R"({"service": "s3", "operation": "ListBuckets", "region": "us-east-1", "time": 5})", nullptr},
        {"presign expiry 0", R"({"service": "s3", "operation": "GetObject", "params": {"Bucket": "b", "Key": "k"}, "region": "us-east-1", "presign": 0})",
         "InvalidExpiryError"},
        {"presign expiry over 7 days",
         R"({"service": "s3", "operation": "GetObject", "params": {"Bucket": "b", "Key": "k"}, "region": "us-east-1", "presign": 604801})",
         "InvalidExpiryError"},
        {"presign not a number",
         R"({"service": "s3", "operation": "GetObject", "params": {"Bucket": "b", "Key": "k"}, "region": "us-east-1", "presign": "60"})", nullptr},
        {"config not an object", R"({"service": "s3", "operation": "ListBuckets", "region": "us-east-1", "config": []})", nullptr},
        {"unknown config setting", R"({"service": "s3", "operation": "ListBuckets", "region": "us-east-1", "config": {"nope": 1}})", nullptr},
        {"bad addressing style",
         R"({"service": "s3", "operation": "ListBuckets", "region": "us-east-1", "config": {"s3": {"addressing_style": "sideways"}}})", nullptr},
        {"config switch not a boolean",
         R"({"service": "s3", "operation": "ListBuckets", "region": "us-east-1", "config": {"use_fips_endpoint": "maybe"}})", nullptr},
        {"region not a string", R"({"service": "s3", "operation": "ListBuckets", "region": 1})", nullptr},
        {"endpoint_url not a string", R"({"service": "s3", "operation": "ListBuckets", "region": "us-east-1", "endpoint_url": 1})", nullptr},
    };
}

}  // namespace

TEST_CASE("awsreq batch: good lines, in order", "[cli][batch]") {
    if (!test::have_botocore_models()) {
        SUCCEED();
        return;
    }
    std::string input;
    for (int i = 0; i < 50; ++i) input += good_line("line-" + std::to_string(i)) + "\n";
    // Presign, JSON protocol, snake_case, config and endpoint_url lines.
    input += R"({"service":"s3","operation":"get_object","params":{"Bucket":"examplebucket","Key":"test.txt"},"region":"us-east-1","time":"20130524T000000Z","presign":86400})" "\n";
    input += R"({"service":"dynamodb","operation":"ListTables","params":{},"region":"us-east-1","config":{"use_fips_endpoint":true}})" "\n";
    input += R"({"service":"s3","operation":"GetObject","params":{"Bucket":"b","Key":"k"},"region":"us-west-2","config":{"s3":{"addressing_style":"path"}}})" "\n";
    input += R"({"service":"s3","operation":"GetObject","params":{"Bucket":"b","Key":"k"},"region":"us-west-2","endpoint_url":"http://localhost:9000"})";
    // (no newline after the last line: it still counts)
    auto r = test::run_awsreq({"batch", "--data-path", test::kBotocoreData}, input, test::example_env());
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto lines = test::lines_of(r.out);
    REQUIRE(lines.size() == 54);
    for (int i = 0; i < 50; ++i) {
        auto j = Json::parse(lines[i]);
        CHECK(j["url"] == "https://examplebucket.s3.amazonaws.com/line-" + std::to_string(i));
        CHECK(j["headers"]["X-Amz-Date"] == "20150830T123600Z");
    }
    auto presigned = Json::parse(lines[50]);
    CHECK(presigned["method"] == "GET");
    CHECK(presigned["headers"] == Json::object());
    CHECK(presigned["url"].get<std::string>().rfind("https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256", 0) == 0);
    CHECK(Json::parse(lines[51])["url"] == "https://dynamodb-fips.us-east-1.amazonaws.com/");
    CHECK(Json::parse(lines[52])["url"] == "https://s3.us-west-2.amazonaws.com/b/k");
    CHECK(Json::parse(lines[53])["url"] == "http://localhost:9000/b/k");
}

TEST_CASE("awsreq batch: each config setting reaches the endpoint", "[cli][batch]") {
    if (!test::have_botocore_models()) {
        SUCCEED();
        return;
    }
    auto get_object = [](const std::string& region, const std::string& config) {
        return R"({"service":"s3","operation":"GetObject","params":{"Bucket":"examplebucket","Key":"k"},"region":")" + region +
               R"(","config":)" + config + "}\n";
    };
    // Expected URLs: botocore's, with the same settings in its Config.
    const std::pair<std::string, std::string> cases[] = {
        {get_object("us-west-2", R"({"use_dualstack_endpoint":true})"), "https://examplebucket.s3.dualstack.us-west-2.amazonaws.com/k"},
        {get_object("us-west-2", R"({"s3":{"use_dualstack_endpoint":"true"}})"), "https://examplebucket.s3.dualstack.us-west-2.amazonaws.com/k"},
        {get_object("us-west-2", R"({"s3":{"use_accelerate_endpoint":true}})"), "https://examplebucket.s3-accelerate.amazonaws.com/k"},
        {get_object("us-east-1", R"({"s3":{"us_east_1_regional_endpoint":"regional"}})"), "https://examplebucket.s3.us-east-1.amazonaws.com/k"},
        {get_object("us-east-1", R"({"s3":{"us_east_1_regional_endpoint":"legacy"}})"), "https://examplebucket.s3.amazonaws.com/k"},
        {get_object("us-west-2", R"({"s3":{"use_arn_region":false,"addressing_style":"virtual"}})"), "https://examplebucket.s3.us-west-2.amazonaws.com/k"},
        {get_object("us-west-2", R"({"use_fips_endpoint":"false","sts_regional_endpoints":"regional"})"), "https://examplebucket.s3.us-west-2.amazonaws.com/k"},
    };
    std::string input;
    for (const auto& c : cases) input += c.first;
    input += get_object("us-west-2", R"({"s3":{"use_arn_region":"sometimes"}})");
    input += get_object("us-west-2", R"({"s3":{"us_east_1_regional_endpoint":"global"}})");
    input += get_object("us-west-2", R"({"s3":{"nope":true}})");
    auto r = test::run_awsreq({"batch", "--data-path", test::kBotocoreData}, input, test::example_env());
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto lines = test::lines_of(r.out);
    REQUIRE(lines.size() == std::size(cases) + 3);
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        INFO(cases[i].first);
        CHECK(Json::parse(lines[i])["url"] == cases[i].second);
    }
    auto message = [&](std::size_t i) { return Json::parse(lines[i])["error"]["message"].get<std::string>(); };
    CHECK(message(std::size(cases)).find("s3.use_arn_region must be a boolean") != std::string::npos);
    CHECK(message(std::size(cases) + 1).find("s3.us_east_1_regional_endpoint must be") != std::string::npos);
    CHECK(message(std::size(cases) + 2).find("unknown s3 config setting \"nope\"") != std::string::npos);
}

TEST_CASE("awsreq batch: every kind of bad line gives one error line and the batch goes on", "[cli][batch]") {
    if (!test::have_botocore_models()) {
        SUCCEED();
        return;
    }
    auto bad = bad_lines();
    std::string input;
    for (std::size_t i = 0; i < bad.size(); ++i) input += bad[i].line + "\n" + good_line("after-" + std::to_string(i)) + "\n";
    auto r = test::run_awsreq({"batch", "--data-path", test::kBotocoreData}, input, test::example_env());
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto lines = test::lines_of(r.out);
    REQUIRE(lines.size() == 2 * bad.size());
    for (std::size_t i = 0; i < bad.size(); ++i) {
        DYNAMIC_SECTION(bad[i].name) {
            INFO(lines[2 * i]);
            Json e = Json::parse(lines[2 * i], nullptr, false);
            REQUIRE(e.is_object());
            REQUIRE(e.size() == 1);
            REQUIRE(e.contains("error"));
            REQUIRE(e["error"].size() == 2);
            REQUIRE(e["error"]["type"].is_string());
            REQUIRE(e["error"]["message"].is_string());
            CHECK_FALSE(e["error"]["type"].get<std::string>().empty());
            CHECK_FALSE(e["error"]["message"].get<std::string>().empty());
            if (bad[i].type) CHECK(e["error"]["type"] == bad[i].type);
            // The secret never leaks into an error.
            CHECK(lines[2 * i].find("wJalrXUtnFEMI") == std::string::npos);
            Json next = Json::parse(lines[2 * i + 1]);
            CHECK(next["url"] == "https://examplebucket.s3.amazonaws.com/after-" + std::to_string(i));
        }
    }
}

TEST_CASE("awsreq batch: Windows line ends, no credentials, usage errors", "[cli][batch]") {
    if (!test::have_botocore_models()) {
        SUCCEED();
        return;
    }
    SECTION("CRLF") {
        auto r = test::run_awsreq({"batch", "--data-path", test::kBotocoreData}, good_line("a") + "\r\n" + good_line("b") + "\r\n",
                                  test::example_env());
        REQUIRE(r.status == 0);
        auto lines = test::lines_of(r.out);
        REQUIRE(lines.size() == 2);
        CHECK(Json::parse(lines[1])["url"] == "https://examplebucket.s3.amazonaws.com/b");
    }
    SECTION("no credentials: every line is an error line, exit 0") {
        auto r = test::run_awsreq({"batch", "--data-path", test::kBotocoreData}, good_line("a") + "\n" + good_line("b") + "\n", {});
        REQUIRE(r.status == 0);
        auto lines = test::lines_of(r.out);
        REQUIRE(lines.size() == 2);
        for (const auto& l : lines) CHECK(Json::parse(l)["error"]["type"] == "NoCredentialsError");
    }
    SECTION("empty input, empty output") {
        auto r = test::run_awsreq({"batch", "--data-path", test::kBotocoreData}, "", test::example_env());
        CHECK(r.status == 0);
        CHECK(r.out.empty());
    }
    SECTION("a long line (over the read chunk)") {
        std::string key(200000, 'k');
        auto r = test::run_awsreq({"batch", "--data-path", test::kBotocoreData}, good_line(key) + "\n" + good_line("z") + "\n",
                                  test::example_env());
        REQUIRE(r.status == 0);
        auto lines = test::lines_of(r.out);
        REQUIRE(lines.size() == 2);
        CHECK(Json::parse(lines[0])["url"] == "https://examplebucket.s3.amazonaws.com/" + key);
        CHECK(Json::parse(lines[1])["url"] == "https://examplebucket.s3.amazonaws.com/z");
    }
    SECTION("arguments are a usage error") {
        auto r = test::run_awsreq({"batch", "extra"}, "", test::example_env());
        CHECK(r.status == 2);
        CHECK(test::one_line_error(r.err, "UsageError"));
        r = test::run_awsreq({"batch", "--time", "yesterday"}, "", test::example_env());
        CHECK(r.status == 1);
        CHECK(test::one_line_error(r.err, "InvalidTimeError"));
    }
}
