// `awsreq presign SERVICE OPERATION PARAMS_JSON [--expires-in N]` and `awsreq presign
// s3://bucket/key` (cli-contract.md, command 4), against botocore 1.29's generate_presigned_url.
#include "model_cli.hpp"

using namespace awsreq;
using Json = nlohmann::json;

namespace {

const std::vector<std::string> kDocEnv = {"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
                                          "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};

}  // namespace

TEST_CASE("awsreq presign s3://bucket/key reproduces the S3 documentation example", "[cli][presign]") {
    if (!test::have_botocore_models()) {
        SUCCEED();
        return;
    }
    auto doc = Json::parse(test::read_file(test::testdata() / "presign" / "s3-presigned-url.json"))["cases"][0];
    auto r = test::run_awsreq({"presign", "s3://examplebucket/test.txt", "--expires-in", "86400", "--time", "20130524T000000Z",
                               "--region", "us-east-1", "--data-path", test::kBotocoreData},
                              "", kDocEnv);
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::string expected = doc["expected"]["presigned_url"];
    // botocore 1.29 presigns us-east-1 on the global endpoint, the same host as the documentation:
    // host, path and every query parameter match. (The order of X-Amz-Expires and
    // X-Amz-SignedHeaders differs: the signer's choice, covered by the sorted canonical query.)
    REQUIRE(r.out.back() == '\n');
    CHECK(test::url_key(r.out.substr(0, r.out.size() - 1)) == test::url_key(expected));
    CHECK(r.out.find("X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404") != std::string::npos);
}

TEST_CASE("awsreq presign matches botocore's generate_presigned_url", "[cli][presign]") {
    if (!test::have_botocore_models()) {
        SUCCEED();
        return;
    }
    // Expected URLs: botocore 1.29.27, signature_version s3v4, the documentation credentials,
    // signing time 2013-05-24T00:00:00Z.
    SECTION("us-west-2: global host, us-west-2 scope") {
        auto r = test::run_awsreq({"presign", "s3://examplebucket/test.txt", "--expires-in", "86400", "--time", "2013-05-24T00:00:00Z",
                                   "--region", "us-west-2", "--data-path", test::kBotocoreData}, "", kDocEnv);
        REQUIRE(r.status == 0);
        CHECK(test::url_key(r.out.substr(0, r.out.size() - 1)) == test::url_key(
              "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
              "AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400"
              "&X-Amz-SignedHeaders=host&X-Amz-Signature=c0ec8af19cddcdcc71744bdd2cf30eb7eda585bdec4ca2e954b52d69a5355c53"));
    }
    SECTION("long form: a dotted bucket stays in the path") {
        auto r = test::run_awsreq({"presign", "s3", "get_object", R"({"Bucket": "my.dotted.bucket", "Key": "test.txt"})",
                                   "--expires-in", "86400", "--time", "20130524T000000Z", "--region", "eu-west-1",
                                   "--data-path", test::kBotocoreData}, "", kDocEnv);
        REQUIRE(r.status == 0);
        CHECK(test::url_key(r.out.substr(0, r.out.size() - 1)) == test::url_key(
              "https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
              "AKIAIOSFODNN7EXAMPLE%2F20130524%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400"
              "&X-Amz-SignedHeaders=host&X-Amz-Signature=4beb1fb4a8e52b4efd3fe794494de6c204f6ee3dad0a967fb8cb5a2b0125dd97"));
    }
    SECTION("another protocol: STS query operation, form in the URL") {
        auto r = test::run_model_command({"presign", "sts", "GetCallerIdentity", "{}", "--expires-in", "900", "--region", "us-east-1"});
        REQUIRE(r.status == 0);
        CHECK(test::url_key(r.out.substr(0, r.out.size() - 1), true) ==
              test::url_key("https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                            "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20150830T123600Z"
                            "&X-Amz-Expires=900&X-Amz-SignedHeaders=host"));
    }
    SECTION("default expiry is 3600, --format json") {
        auto r = test::run_model_command({"presign", "s3://b/k", "--region", "us-east-1", "--format", "json"});
        REQUIRE(r.status == 0);
        auto j = Json::parse(r.out);
        CHECK(j["method"] == "GET");
        CHECK(j["url"].get<std::string>().find("X-Amz-Expires=3600&") != std::string::npos);
        CHECK(j["headers"] == Json::object());
        CHECK(j["expires_at"] == "2015-08-30T13:36:00Z");
    }
    SECTION("--endpoint-url") {
        auto r = test::run_model_command({"presign", "s3://b/dir/k", "--region", "us-east-1", "--endpoint-url", "http://localhost:9000"});
        REQUIRE(r.status == 0);
        CHECK(r.out.rfind("http://localhost:9000/b/dir/k?X-Amz-Algorithm=", 0) == 0);
    }
}

TEST_CASE("awsreq presign errors", "[cli][presign]") {
    if (!test::have_botocore_models()) {
        SUCCEED();
        return;
    }
    struct Bad {
        const char* name;
        std::vector<std::string> args;
        int status;
        const char* type;
    };
    const Bad cases[] = {
        {"expiry 0", {"presign", "s3://b/k", "--expires-in", "0", "--region", "us-east-1"}, 1, "InvalidExpiryError"},
        {"expiry over 7 days", {"presign", "s3://b/k", "--expires-in", "604801", "--region", "us-east-1"}, 1, "InvalidExpiryError"},
        {"expiry not a number", {"presign", "s3://b/k", "--expires-in", "soon", "--region", "us-east-1"}, 2, "UsageError"},
        {"s3 URL without a key", {"presign", "s3://b", "--region", "us-east-1"}, 2, "UsageError"},
        {"s3 URL with an empty key", {"presign", "s3://b/", "--region", "us-east-1"}, 2, "UsageError"},
        {"no arguments", {"presign"}, 2, "UsageError"},
        {"unknown option", {"presign", "s3://b/k", "--nope"}, 2, "UsageError"},
        {"unknown service", {"presign", "nosuchservice", "Op", "{}", "--region", "us-east-1"}, 1, "UnknownServiceError"},
        {"unknown operation", {"presign", "s3", "NoSuchOperation", "{}", "--region", "us-east-1"}, 1, "OperationNotFoundError"},
        {"missing members", {"presign", "s3", "GetObject", R"({"Bucket": "b"})", "--region", "us-east-1"}, 1, "ParamValidationError"},
        {"params not JSON", {"presign", "s3", "GetObject", "{", "--region", "us-east-1"}, 1, "JsonParseError"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.name) {
            auto r = test::run_model_command(c.args);
            INFO(r.err);
            CHECK(r.status == c.status);
            CHECK(r.out.empty());
            CHECK(test::one_line_error(r.err, c.type));
        }
    }
    SECTION("no credentials") {
        auto r = test::run_model_command({"presign", "s3://b/k", "--region", "us-east-1"}, "", {});
        CHECK(r.status == 1);
        CHECK(test::one_line_error(r.err, "NoCredentialsError"));
    }
}
