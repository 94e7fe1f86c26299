// `awsreq request SERVICE OPERATION PARAMS_JSON|@file [--format json|curl|http]`
// (cli-contract.md, command 2), driven as a shell user would.
#include "model_cli.hpp"

#include <fstream>

using namespace awsreq;
using Json = nlohmann::json;

TEST_CASE("awsreq request builds and signs one operation", "[cli][request]") {
    if (!test::have_botocore_models()) {
        SUCCEED();
        return;
    }
    SECTION("API name, JSON output (the default)") {
        auto r = test::run_model_command({"request", "dynamodb", "PutItem",
                                          R"({"TableName": "bench", "Item": {"pk": {"S": "user#1"}}})", "--region", "us-east-1"});
        INFO(r.err);
        REQUIRE(r.status == 0);
        auto j = Json::parse(r.out);
        CHECK(j["method"] == "POST");
        CHECK(j["url"] == "https://dynamodb.us-east-1.amazonaws.com/");
        CHECK(j["headers"]["X-Amz-Target"] == "DynamoDB_20120810.PutItem");
        CHECK(j["headers"]["Content-Type"] == "application/x-amz-json-1.0");
        CHECK(j["headers"]["X-Amz-Date"] == "20150830T123600Z");
        CHECK(j["headers"]["Authorization"].get<std::string>().find(
                  "Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request") != std::string::npos);
        CHECK(Json::parse(j["body"].get<std::string>()) == Json::parse(R"({"TableName": "bench", "Item": {"pk": {"S": "user#1"}}})"));
        CHECK(r.out.back() == '\n');
    }
    SECTION("snake_case operation name gives the same request") {
        auto a = test::run_model_command({"request", "s3", "PutObject", R"({"Bucket":"examplebucket","Key":"k","Body":"hi"})", "--region", "us-west-2"});
        auto b = test::run_model_command({"request", "s3", "put_object", R"({"Bucket":"examplebucket","Key":"k","Body":"hi"})", "--region", "us-west-2"});
        REQUIRE(a.status == 0);
        REQUIRE(b.status == 0);
        CHECK(a.out == b.out);
        CHECK(Json::parse(a.out)["url"] == "https://examplebucket.s3.us-west-2.amazonaws.com/k");
        CHECK(Json::parse(a.out)["body"] == "hi");
    }
    SECTION("params from @file, region from the environment") {
        auto dir = std::filesystem::temp_directory_path() / ("awsreq-request-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        { std::ofstream(dir / "params.json") << R"({"Bucket": "examplebucket", "Key": "dir/file name.txt"})"; }
        auto env = test::example_env();
        env.push_back("AWS_REGION=eu-west-1");
        auto r = test::run_model_command({"request", "s3", "get_object", "@" + (dir / "params.json").string()}, "", env);
        std::filesystem::remove_all(dir);
        INFO(r.err);
        REQUIRE(r.status == 0);
        CHECK(Json::parse(r.out)["url"] == "https://examplebucket.s3.eu-west-1.amazonaws.com/dir/file%20name.txt");
    }
    SECTION("no params document means {}") {
        auto r = test::run_model_command({"request", "sts", "GetCallerIdentity", "--region", "us-east-1"});
        REQUIRE(r.status == 0);
        auto j = Json::parse(r.out);
        CHECK(j["url"] == "https://sts.amazonaws.com/");
        CHECK(j["body"] == "Action=GetCallerIdentity&Version=2011-06-15");
    }
    SECTION("--endpoint-url") {
        auto r = test::run_model_command({"request", "s3", "GetObject", R"({"Bucket":"examplebucket","Key":"k"})", "--region", "us-east-1",
                                          "--endpoint-url", "http://localhost:9000"});
        REQUIRE(r.status == 0);
        CHECK(Json::parse(r.out)["url"] == "http://localhost:9000/examplebucket/k");
    }
}

TEST_CASE("awsreq request --format curl and http", "[cli][request]") {
    if (!test::have_botocore_models()) {
        SUCCEED();
        return;
    }
    const std::vector<std::string> base = {"request", "s3", "PutObject", R"({"Bucket":"examplebucket","Key":"k","Body":"hi"})", "--region", "us-west-2"};
    auto json = test::run_model_command(base);
    REQUIRE(json.status == 0);
    std::string auth = Json::parse(json.out)["headers"]["Authorization"];
    auto with = [&](const char* format) {
        auto args = base;
        args.insert(args.end(), {"--format", format});
        return test::run_model_command(args);
    };
    auto curl = with("curl");
    REQUIRE(curl.status == 0);
    CHECK(curl.out.rfind("curl ", 0) == 0);
    CHECK(curl.out.find("https://examplebucket.s3.us-west-2.amazonaws.com/k") != std::string::npos);
    CHECK(curl.out.find(auth) != std::string::npos);
    auto http = with("http");
    REQUIRE(http.status == 0);
    CHECK(http.out.rfind("PUT ", 0) == 0);
    CHECK(http.out.find(auth) != std::string::npos);
    CHECK(http.out.size() >= 2);
    CHECK(http.out.substr(http.out.size() - 2) == "hi");
    auto bad = with("yaml");
    CHECK(bad.status == 2);
    CHECK(test::one_line_error(bad.err, "UsageError"));
}

TEST_CASE("awsreq request errors: exit 1 and one \"Type: message\" line", "[cli][request]") {
    if (!test::have_botocore_models()) {
        SUCCEED();
        return;
    }
    struct Bad {
        const char* name;
        std::vector<std::string> args;
        const char* type;
    };
    const Bad cases[] = {
        {"unknown service", {"request", "nosuchservice", "DoThing", "{}", "--region", "us-east-1"}, "UnknownServiceError"},
        {"unknown operation", {"request", "s3", "NoSuchOperation", "{}", "--region", "us-east-1"}, "OperationNotFoundError"},
        {"missing members", {"request", "s3", "PutObject", "{}", "--region", "us-east-1"}, "ParamValidationError"},
        {"wrong types", {"request", "dynamodb", "ListTables", R"({"Limit": "ten"})", "--region", "us-east-1"}, "ParamValidationError"},
        {"params not JSON", {"request", "s3", "ListBuckets", "{nope", "--region", "us-east-1"}, "JsonParseError"},
        {"params not an object", {"request", "s3", "ListBuckets", "[1]", "--region", "us-east-1"}, "JsonParseError"},
        {"params file missing", {"request", "s3", "ListBuckets", "@/nonexistent/params.json", "--region", "us-east-1"}, "IOError"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.name) {
            auto r = test::run_model_command(c.args);
            INFO(r.err);
            CHECK(r.status == 1);
            CHECK(r.out.empty());
            CHECK(test::one_line_error(r.err, c.type));
        }
    }
    SECTION("every validation problem, on one line") {
        auto r = test::run_model_command({"request", "s3", "PutObject", R"({"Body": 5})", "--region", "us-east-1"});
        CHECK(r.status == 1);
        REQUIRE(test::one_line_error(r.err, "ParamValidationError"));
        CHECK(r.err.find("Missing required parameter in input: \"Bucket\"") != std::string::npos);
        CHECK(r.err.find("Missing required parameter in input: \"Key\"") != std::string::npos);
        CHECK(r.err.find("Invalid type for parameter Body") != std::string::npos);
    }
    SECTION("the contract's example") {
        auto r = test::run_model_command({"request", "s3", "GetObject", R"({"Bucket": "examplebucket"})", "--region", "us-east-1"});
        CHECK(r.status == 1);
        CHECK(r.err == "ParamValidationError: Missing required parameter in input: \"Key\"\n");
    }
    SECTION("bad --time") {
        auto r = test::run_awsreq({"request", "s3", "ListBuckets", "{}", "--region", "us-east-1", "--time", "yesterday",
                                   "--data-path", test::kBotocoreData}, "", test::example_env());
        CHECK(r.status == 1);
        CHECK(test::one_line_error(r.err, "InvalidTimeError"));
    }
    SECTION("no credentials") {
        auto r = test::run_model_command({"request", "s3", "ListBuckets", "{}", "--region", "us-east-1"}, "", {});
        CHECK(r.status == 1);
        CHECK(test::one_line_error(r.err, "NoCredentialsError"));
    }
    SECTION("usage errors exit 2") {
        for (std::vector<std::string> args : {std::vector<std::string>{"request"}, {"request", "s3"},
                                              {"request", "s3", "ListBuckets", "{}", "extra"}, {"request", "s3", "ListBuckets", "--bogus"}}) {
            auto r = test::run_model_command(args);
            CHECK(r.status == 2);
            CHECK(test::one_line_error(r.err, "UsageError"));
        }
    }
}
