// Client errors: typed, naming the field, all validation problems at once, never a half-built
// request, never an exception.
#include "client_support.hpp"

using namespace awsreq;
using awsreq::test::botocore_catalog;
using awsreq::test::make_client;
using awsreq::test::test_credentials;
using awsreq::test::test_time;

TEST_CASE("ServiceCatalog: unknown services", "[client][errors]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    for (const char* name : {"nosuchservice", "", "../s3", "s3/2006-03-01"}) {
        DYNAMIC_SECTION("service \"" << name << "\"") {
            auto c = catalog->client(name, ClientConfig{.region = "us-east-1"});
            REQUIRE_FALSE(c);
            CHECK(c.error().type == error_type::unknown_service);
        }
    }
}

TEST_CASE("Client::create needs a model and a resolver", "[client][errors]") {
    auto c = Client::create(nullptr, nullptr, ClientConfig{.region = "us-east-1"});
    REQUIRE_FALSE(c);
    CHECK(c.error().type == error_type::invalid_argument);
    CHECK(c.error().field == "model");
}

TEST_CASE("Client: unknown operations", "[client][errors]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    Client client = make_client(*catalog, "s3", ClientConfig{.region = "us-east-1"});
    for (const char* name : {"NoSuchOperation", "", "putobject", "Put_Object", "PUT_OBJECT"}) {
        DYNAMIC_SECTION("operation \"" << name << "\"") {
            auto r = client.build(name, Json::object(), test_credentials(), test_time());
            REQUIRE_FALSE(r);
            CHECK(r.error().type == error_type::unknown_operation);
            auto p = client.presign(name, Json::object(), test_credentials(), test_time(), std::chrono::seconds(60));
            REQUIRE_FALSE(p);
            CHECK(p.error().type == error_type::unknown_operation);
        }
    }
}

TEST_CASE("Client: every validation problem in one ParamValidationError", "[client][errors]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    Client client = make_client(*catalog, "s3", ClientConfig{.region = "us-east-1"});
    // botocore 1.29's message for the same input.
    auto r = client.build("PutObject", Json{{"Key", "k"}, {"Body", 5}, {"Nope", 1}}, test_credentials(), test_time());
    REQUIRE_FALSE(r);
    CHECK(r.error().type == error_type::param_validation);
    const std::string& m = r.error().message;
    CHECK(m.starts_with("Parameter validation failed:\n"));
    CHECK(m.find("Missing required parameter in input: \"Bucket\"") != std::string::npos);
    CHECK(m.find("Unknown parameter in input: \"Nope\", must be one of: ACL, Body, Bucket,") != std::string::npos);
    CHECK(m.find("Invalid type for parameter Body, value: 5, type: <class 'int'>, valid types: <class 'bytes'>, "
                 "<class 'bytearray'>, file-like object") != std::string::npos);
    CHECK_FALSE(r.error().field.empty());

    Client sts = make_client(*catalog, "sts", ClientConfig{.region = "us-east-1"});
    auto s = sts.build("AssumeRoleWithWebIdentity",
                       Json{{"RoleArn", "arn:aws:iam::123456789012:role/r"}, {"RoleSessionName", "s"}, {"WebIdentityToken", "t"}},
                       test_credentials(), test_time());
    REQUIRE_FALSE(s);
    CHECK(s.error().message ==
          "Parameter validation failed:\nInvalid length for parameter RoleSessionName, value: 1, valid min length: 2\n"
          "Invalid length for parameter WebIdentityToken, value: 1, valid min length: 4");
}

TEST_CASE("Client: wrong types, bad params documents and invalid UTF-8 are typed errors", "[client][errors]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    Client ddb = make_client(*catalog, "dynamodb", ClientConfig{.region = "us-east-1"});
    Client s3 = make_client(*catalog, "s3", ClientConfig{.region = "us-east-1"});
    struct Bad {
        const char* name;
        const Client* client;
        const char* operation;
        Json params;
    };
    const Bad cases[] = {
        {"params is an array", &ddb, "ListTables", Json::array()},
        {"params is a string", &ddb, "ListTables", Json("TableName")},
        {"params is null", &ddb, "ListTables", Json()},
        {"string member given a number", &ddb, "DescribeTable", Json{{"TableName", 42}}},
        {"integer member given a string", &ddb, "ListTables", Json{{"Limit", "ten"}}},
        {"list member given an object", &ddb, "BatchGetItem", Json{{"RequestItems", Json::array()}}},
        {"structure given a list", &ddb, "PutItem", Json{{"TableName", "t"}, {"Item", Json::array()}}},
        {"boolean given a string", &s3, "GetObject", Json{{"Bucket", "b"}, {"Key", "k"}, {"PartNumber", true}, {"ResponseExpires", "not a time"}}},
        {"invalid UTF-8 in a JSON-protocol string", &ddb, "DescribeTable", Json{{"TableName", "ab\xff"}}},
        {"invalid UTF-8 in a map key", &ddb, "PutItem", Json{{"TableName", "t"}, {"Item", {{"k\xc3", {{"S", "v"}}}}}}},
        {"invalid UTF-8 in an S3 key", &s3, "GetObject", Json{{"Bucket", "b"}, {"Key", "\xed\xa0\x80"}}},
        {"timestamp that is no time", &s3, "GetObject", Json{{"Bucket", "b"}, {"Key", "k"}, {"IfModifiedSince", "yesterday"}}},
        {"bucket too short for a host label or path", &s3, "GetObject", Json{{"Bucket", ""}, {"Key", "k"}}},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.name) {
            Result<SignedRequest> r = fail("unset", "unset");
            REQUIRE_NOTHROW(r = c.client->build(c.operation, c.params, test_credentials(), test_time()));
            REQUIRE_FALSE(r);
            INFO(r.error().to_string());
            CHECK((r.error().type == error_type::param_validation || r.error().type == error_type::invalid_argument));
            Result<PresignedRequest> p = fail("unset", "unset");
            REQUIRE_NOTHROW(p = c.client->presign(c.operation, c.params, test_credentials(), test_time(), std::chrono::seconds(60)));
            REQUIRE_FALSE(p);
            CHECK(p.error().type == r.error().type);
        }
    }
}

TEST_CASE("Client: bad credentials, regions and expiries", "[client][errors]") {
    auto* catalog = botocore_catalog();
    if (!catalog) {
        SUCCEED();
        return;
    }
    Client s3 = make_client(*catalog, "s3", ClientConfig{.region = "us-east-1"});
    const Json params{{"Bucket", "b"}, {"Key", "k"}};
    SECTION("empty credentials") {
        Credentials none{"", SecretString("")};
        auto r = s3.build("GetObject", params, none, test_time());
        REQUIRE_FALSE(r);
        CHECK(r.error().type == error_type::invalid_credentials);
    }
    SECTION("expiry out of range") {
        for (long long seconds : {0LL, -1LL, 604801LL}) {
            auto p = s3.presign("GetObject", params, test_credentials(), test_time(), std::chrono::seconds(seconds));
            REQUIRE_FALSE(p);
            CHECK(p.error().type == error_type::invalid_expiry);
        }
        CHECK(s3.presign("GetObject", params, test_credentials(), test_time(), std::chrono::seconds(604800)));
    }
    SECTION("no region for a regional service") {
        auto c = catalog->client("dynamodb", ClientConfig{});
        if (c) {
            auto r = c->build("ListTables", Json::object(), test_credentials(), test_time());
            REQUIRE_FALSE(r);
            CHECK_FALSE(r.error().type.empty());
        } else {
            CHECK_FALSE(c.error().type.empty());
        }
    }
    SECTION("a region that makes no usable host") {
        auto c = catalog->client("dynamodb", ClientConfig{.region = "not a region!"});
        if (c) {
            auto r = c->build("ListTables", Json::object(), test_credentials(), test_time());
            REQUIRE_FALSE(r);
            CHECK((r.error().type == error_type::endpoint_resolution || r.error().type == error_type::invalid_url));
        } else {
            CHECK((c.error().type == error_type::endpoint_resolution || c.error().type == error_type::invalid_url));
        }
    }
}
