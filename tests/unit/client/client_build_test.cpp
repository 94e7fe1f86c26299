// Client::build and Client::presign with the installed botocore models, one operation per
// protocol, against the requests botocore 1.29 builds for the same input (URLs, targets,
// bodies below were produced by botocore), with every signature checked by the verifier.
#include "client_support.hpp"

#include <awsreq/core/crypto.hpp>
#include <awsreq/core/encoding.hpp>

using namespace awsreq;
using awsreq::test::botocore_catalog;
using awsreq::test::make_client;
using awsreq::test::test_credentials;
using awsreq::test::test_time;
using awsreq::test::url_key;
using awsreq::test::verify_signed;

namespace {

std::string scope_of(const SignedRequest& r) {
    auto auth = r.headers.get("Authorization");
    if (!auth) return {};
    auto start = auth->find("Credential=");
    auto end = auth->find(',', start);
    if (start == std::string_view::npos || end == std::string_view::npos) return {};
    return std::string(auth->substr(start + 11, end - start - 11));
}

struct Case {
    const char* name;
    const char* service;
    const char* region;
    const char* operation;
    const char* params;
    const char* method;
    const char* url;
    const char* scope;
    const char* content_type;  // "" when none is sent
    const char* body;          // JSON bodies are compared parsed
};

}  // namespace

TEST_CASE("Client::build, one operation per protocol, as botocore builds it", "[client]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    const Case cases[] = {
        {"query (sts)", "sts", "us-east-1", "GetCallerIdentity", "{}", "POST", "https://sts.amazonaws.com/",
         "AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request", "application/x-www-form-urlencoded; charset=utf-8",
         "Action=GetCallerIdentity&Version=2011-06-15"},
        {"ec2", "ec2", "us-west-2", "DescribeInstances", "{}", "POST", "https://ec2.us-west-2.amazonaws.com/",
         "AKIDEXAMPLE/20150830/us-west-2/ec2/aws4_request", "application/x-www-form-urlencoded; charset=utf-8",
         "Action=DescribeInstances&Version=2016-11-15"},
        {"json (dynamodb)", "dynamodb", "us-east-1", "put_item",
         R"({"TableName": "bench", "Item": {"pk": {"S": "user#1"}}})", "POST", "https://dynamodb.us-east-1.amazonaws.com/",
         "AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request", "application/x-amz-json-1.0",
         R"({"TableName": "bench", "Item": {"pk": {"S": "user#1"}}})"},
        {"rest-json (lambda)", "lambda", "us-east-1", "ListFunctions", "{}", "GET",
         "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/", "AKIDEXAMPLE/20150830/us-east-1/lambda/aws4_request",
         "", ""},
        {"rest-xml (s3, us-east-1)", "s3", "us-east-1", "PutObject", R"({"Bucket": "bench-bucket", "Key": "a b/c.txt", "Body": "hi"})",
         "PUT", "https://bench-bucket.s3.amazonaws.com/a%20b/c.txt", "AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request", "", "hi"},
        {"rest-xml (s3, us-west-2)", "s3", "us-west-2", "put_object", R"({"Bucket": "bench-bucket", "Key": "k", "Body": "hi"})",
         "PUT", "https://bench-bucket.s3.us-west-2.amazonaws.com/k", "AKIDEXAMPLE/20150830/us-west-2/s3/aws4_request", "", "hi"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.name) {
            Client client = make_client(*catalog, c.service, ClientConfig{.region = c.region});
            auto r = client.build(c.operation, Json::parse(c.params), test_credentials(), test_time());
            INFO((r ? std::string() : r.error().to_string()));
            REQUIRE(r);
            CHECK(r->method == c.method);
            CHECK(r->url == c.url);
            CHECK(scope_of(*r) == c.scope);
            CHECK(r->headers.get("X-Amz-Date") == std::optional<std::string_view>("20150830T123600Z"));
            if (*c.content_type) CHECK(r->headers.get("Content-Type") == std::optional<std::string_view>(c.content_type));
            if (std::string_view(c.content_type).find("json") != std::string_view::npos)
                CHECK(Json::parse(r->body) == Json::parse(c.body));
            else
                CHECK(r->body == c.body);
            bool s3 = std::string_view(c.service) == "s3";
            if (s3) {
                // botocore: PutObject over https carries Content-MD5, so the payload goes unsigned.
                CHECK(r->headers.get("Content-MD5") == std::optional<std::string_view>(md5_base64(r->body)));
                CHECK(r->headers.get("x-amz-content-sha256") == std::optional<std::string_view>("UNSIGNED-PAYLOAD"));
            }
            auto v = verify_signed(*r, s3);
            INFO(v.reason);
            CHECK(v.ok());
        }
    }
}

TEST_CASE("Client::build sets the JSON protocol's target and the session token", "[client]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    Client client = make_client(*catalog, "dynamodb", ClientConfig{.region = "eu-west-1"});
    Credentials creds = test_credentials();
    creds.session_token = SecretString("session-token-value");
    auto r = client.build("ListTables", Json::object(), creds, test_time());
    REQUIRE(r);
    CHECK(r->url == "https://dynamodb.eu-west-1.amazonaws.com/");
    CHECK(r->headers.get("X-Amz-Target") == std::optional<std::string_view>("DynamoDB_20120810.ListTables"));
    CHECK(r->headers.get("X-Amz-Security-Token") == std::optional<std::string_view>("session-token-value"));
    CHECK(Json::parse(r->body) == Json::object());
}

TEST_CASE("Client: endpoint_url overrides the resolved endpoint", "[client]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    SECTION("client configuration, JSON protocol") {
        Client client = make_client(*catalog, "dynamodb", ClientConfig{.region = "us-east-1", .endpoint_url = "http://localhost:8000"});
        auto r = client.build("ListTables", Json::object(), test_credentials(), test_time());
        REQUIRE(r);
        CHECK(r->url == "http://localhost:8000/");
        CHECK(scope_of(*r) == "AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request");
        CHECK(verify_signed(*r, false).ok());
    }
    SECTION("client configuration, S3 uses path style on a custom endpoint") {
        Client client = make_client(*catalog, "s3", ClientConfig{.region = "us-east-1", .endpoint_url = "http://localhost:9000"});
        auto r = client.build("GetObject", Json{{"Bucket", "bench-bucket"}, {"Key", "k"}}, test_credentials(), test_time());
        REQUIRE(r);
        CHECK(r->url == "http://localhost:9000/bench-bucket/k");
        CHECK(verify_signed(*r, true).ok());
    }
    SECTION("per call, and the client's own endpoint is back on the next call") {
        Client client = make_client(*catalog, "s3", ClientConfig{.region = "us-east-1"});
        Json params{{"Bucket", "bench-bucket"}, {"Key", "k"}};
        auto custom = client.build("GetObject", params, test_credentials(), test_time(),
                                   CallOptions{.endpoint_url = "http://localhost:9000"});
        REQUIRE(custom);
        CHECK(custom->url == "http://localhost:9000/bench-bucket/k");
        auto normal = client.build("GetObject", params, test_credentials(), test_time());
        REQUIRE(normal);
        CHECK(normal->url == "https://bench-bucket.s3.amazonaws.com/k");
    }
}

TEST_CASE("Client: FIPS, dual-stack and S3 path-style switches", "[client]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    const Json object{{"Bucket", "bench-bucket"}, {"Key", "k"}};
    SECTION("FIPS") {
        Client client = make_client(*catalog, "dynamodb", ClientConfig{.region = "us-east-1", .use_fips_endpoint = true});
        auto r = client.build("ListTables", Json::object(), test_credentials(), test_time());
        REQUIRE(r);
        CHECK(r->url == "https://dynamodb-fips.us-east-1.amazonaws.com/");
        CHECK(scope_of(*r) == "AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request");
    }
    SECTION("dual-stack") {
        Client client = make_client(*catalog, "s3", ClientConfig{.region = "us-west-2", .use_dualstack_endpoint = true});
        auto r = client.build("GetObject", object, test_credentials(), test_time());
        REQUIRE(r);
        CHECK(r->url == "https://bench-bucket.s3.dualstack.us-west-2.amazonaws.com/k");
    }
    SECTION("path style, regional and legacy us-east-1") {
        Client west = make_client(*catalog, "s3", ClientConfig{.region = "us-west-2",
                                                               .s3_addressing_style = endpoints::S3AddressingStyle::path});
        auto r = west.build("GetObject", object, test_credentials(), test_time());
        REQUIRE(r);
        CHECK(r->url == "https://s3.us-west-2.amazonaws.com/bench-bucket/k");
        CHECK(verify_signed(*r, true).ok());
        Client east = make_client(*catalog, "s3", ClientConfig{.region = "us-east-1",
                                                               .s3_addressing_style = endpoints::S3AddressingStyle::path});
        auto e = east.build("GetObject", object, test_credentials(), test_time());
        REQUIRE(e);
        CHECK(e->url == "https://s3.amazonaws.com/bench-bucket/k");
    }
}

TEST_CASE("Client::presign: S3 uses the global endpoint for presigned URLs (botocore 1.29)", "[client][presign]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    // The S3 documentation's worked example; the expected URLs are botocore 1.29's
    // generate_presigned_url (signature_version s3v4) for the same input.
    const Credentials doc_creds{"AKIAIOSFODNN7EXAMPLE", SecretString("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")};
    const Timestamp doc_time = unwrap(parse_timestamp("20130524T000000Z"));
    struct PresignCase {
        const char* name;
        ClientConfig config;
        const char* bucket;
        const char* url;
    };
    const std::string q = "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2F";
    const std::string q2 = "%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=";
    const PresignCase cases[] = {
        {"us-east-1 (the documentation example)", ClientConfig{.region = "us-east-1"}, "examplebucket",
         "https://examplebucket.s3.amazonaws.com/test.txt"},
        {"us-west-2 keeps the global host, signs for us-west-2", ClientConfig{.region = "us-west-2"}, "examplebucket",
         "https://examplebucket.s3.amazonaws.com/test.txt"},
        {"a bucket that is no host label stays in the path, regional", ClientConfig{.region = "eu-west-1"}, "my.dotted.bucket",
         "https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/test.txt"},
        {"path style asked for", ClientConfig{.region = "us-west-2", .s3_addressing_style = endpoints::S3AddressingStyle::path},
         "examplebucket", "https://s3.us-west-2.amazonaws.com/examplebucket/test.txt"},
        {"us_east_1_regional_endpoint = regional",
         ClientConfig{.region = "us-east-1", .s3_us_east_1_regional_endpoint = endpoints::RegionalEndpoints::regional},
         "examplebucket", "https://examplebucket.s3.us-east-1.amazonaws.com/test.txt"},
        {"another partition", ClientConfig{.region = "cn-north-1"}, "examplebucket",
         "https://examplebucket.s3.cn-north-1.amazonaws.com.cn/test.txt"},
    };
    const std::map<std::string, std::string> signatures = {
        {"us-east-1", "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"},
        {"us-west-2", "c0ec8af19cddcdcc71744bdd2cf30eb7eda585bdec4ca2e954b52d69a5355c53"},
        {"eu-west-1", "4beb1fb4a8e52b4efd3fe794494de6c204f6ee3dad0a967fb8cb5a2b0125dd97"},
        {"us-west-2 path", "337695996f9376af5070af885989dd570f150e89a0d040d2b57df54cb665ae3b"},
        {"us-east-1 regional", "762f4fcbacec730d460b0e337f554e569e4fe98643baefad7af1276fe3084e7f"},
        {"cn-north-1", "eb5ac1ed700d5c857efe2eef12fe7c48918e8050eceacab1f791003bbcb017e7"},
    };
    const char* keys[] = {"us-east-1", "us-west-2", "eu-west-1", "us-west-2 path", "us-east-1 regional", "cn-north-1"};
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        const auto& c = cases[i];
        DYNAMIC_SECTION(c.name) {
            Client client = make_client(*catalog, "s3", c.config);
            auto r = client.presign("GetObject", Json{{"Bucket", c.bucket}, {"Key", "test.txt"}}, doc_creds, doc_time,
                                    std::chrono::seconds(86400));
            INFO((r ? std::string() : r.error().to_string()));
            REQUIRE(r);
            CHECK(r->method == "GET");
            // Host and path exactly; the query pairs as a set (botocore orders X-Amz-Expires before
            // X-Amz-SignedHeaders, the signer the other way round; the signature covers the
            // sorted canonical query either way).
            CHECK(url_key(r->url) == url_key(std::string(c.url) + q + c.config.region + q2 + signatures.at(keys[i])));
            CHECK(r->headers.empty());
            CHECK(r->expires_at == doc_time + std::chrono::seconds(86400));
        }
    }
}

TEST_CASE("Client::presign for the query protocol moves the form into the URL", "[client][presign]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    Client client = make_client(*catalog, "sts", ClientConfig{.region = "us-east-1"});
    auto r = client.presign("get_caller_identity", Json::object(), test_credentials(), test_time(), std::chrono::seconds(900));
    REQUIRE(r);
    // botocore's URL for the same call, its signature left out (checked by the verifier below).
    CHECK(url_key(r->url, true) ==
          url_key("https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                  "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20150830T123600Z"
                  "&X-Amz-Expires=900&X-Amz-SignedHeaders=host"));
    SignedRequest as_sent{r->method, r->url, r->headers, ""};
    auto v = verify_signed(as_sent, false);
    INFO(v.reason);
    CHECK(v.ok());
}

TEST_CASE("Client: operations with authtype none are not signed", "[client]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    SECTION("json protocol (Cognito Identity GetId)") {
        Client client = make_client(*catalog, "cognito-identity", ClientConfig{.region = "us-east-1"});
        REQUIRE(client.model().operation("GetId").value()->authtype == "none");
        Json params{{"IdentityPoolId", "us-east-1:12345678-1234-1234-1234-123456789012"}};
        auto r = client.build("get_id", params, test_credentials(), test_time());
        REQUIRE(r);
        // botocore: POST https://cognito-identity.us-east-1.amazonaws.com/, no Authorization, no X-Amz-Date.
        CHECK(r->url == "https://cognito-identity.us-east-1.amazonaws.com/");
        CHECK(r->headers.get("X-Amz-Target") == std::optional<std::string_view>("AWSCognitoIdentityService.GetId"));
        CHECK_FALSE(r->headers.contains("Authorization"));
        CHECK_FALSE(r->headers.contains("X-Amz-Date"));
        CHECK(Json::parse(r->body) == params);
        auto p = client.presign("GetId", params, test_credentials(), test_time(), std::chrono::seconds(60));
        REQUIRE(p);
        CHECK(p->url.find("X-Amz-Signature") == std::string::npos);
    }
    SECTION("rest-json (SSO GetRoleCredentials), bearer token header") {
        Client client = make_client(*catalog, "sso", ClientConfig{.region = "us-east-1"});
        auto r = client.build("GetRoleCredentials", Json{{"roleName", "r"}, {"accountId", "123456789012"}, {"accessToken", "tok"}},
                              test_credentials(), test_time());
        REQUIRE(r);
        CHECK(r->method == "GET");
        CHECK(r->url == "https://portal.sso.us-east-1.amazonaws.com/federation/credentials?role_name=r&account_id=123456789012");
        CHECK(r->headers.get("x-amz-sso_bearer_token") == std::optional<std::string_view>("tok"));
        CHECK_FALSE(r->headers.contains("Authorization"));
    }
}

TEST_CASE("Client: a client is cheap to copy and shares its model", "[client]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    Client a = make_client(*catalog, "s3", ClientConfig{.region = "us-east-1"});
    Client b = make_client(*catalog, "s3", ClientConfig{.region = "eu-west-1"});
    CHECK(&a.model() == &b.model());
    Client c = a;
    CHECK(c.config().region == "us-east-1");
}
