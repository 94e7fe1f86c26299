// Unit tests of the protocols layer: validation messages, bad input, checksums, service
// handlers, and the request parts of the golden sample built from the installed models.
#include <catch2/catch.hpp>
#include <test_support.hpp>

#include <awsreq/core/crypto.hpp>
#include <awsreq/core/encoding.hpp>
#include <awsreq/model/registry.hpp>
#include <awsreq/protocols/checksum.hpp>
#include <awsreq/protocols/serialize.hpp>

#include <fstream>
#include <map>
#include <set>

using namespace awsreq;
using namespace awsreq::protocols;

namespace {

const char* kBotocoreData = "/usr/lib/python3/dist-packages/botocore/data";

std::shared_ptr<const model::ServiceModel> tiny(const std::string& protocol) {
    std::string text = R"({"metadata": {"protocol": ")" + protocol + R"(", "apiVersion": "2020-01-01",
        "jsonVersion": "1.1", "targetPrefix": "Tiny"},
      "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/things/{Id}"},
                            "input": {"shape": "In", "locationName": "OpRequest"}, "httpChecksumRequired": true}},
      "shapes": {
        "In": {"type": "structure", "required": ["Id", "Name"],
               "members": {"Id": {"shape": "Str", "location": "uri", "locationName": "Id"},
                           "Name": {"shape": "Str"}, "Count": {"shape": "Int"}, "Ratio": {"shape": "Dbl"},
                           "Tags": {"shape": "Tags"}, "When": {"shape": "Ts"}, "Flag": {"shape": "Bool"},
                           "Data": {"shape": "Blob"}}},
        "Str": {"type": "string", "min": 2},
        "Int": {"type": "integer", "min": 1},
        "Dbl": {"type": "double"},
        "Bool": {"type": "boolean"},
        "Blob": {"type": "blob"},
        "Ts": {"type": "timestamp"},
        "Tags": {"type": "list", "member": {"shape": "Str"}, "min": 1}
      }})";
    auto m = model::ServiceModel::from_json_text(text, "tiny");
    REQUIRE(m);
    return *m;
}

bool have_botocore() { return model::real_file_system()->is_directory(kBotocoreData); }

}  // namespace

TEST_CASE("validation reports every problem at once, in botocore's words") {
    auto m = tiny("rest-json");
    const auto& op = *m->find_operation("Op");
    Json params = Json::parse(R"({"Name": "x", "Count": 0, "Tags": [], "Flag": "yes", "Bogus": 1,
                                  "When": "not a time", "Ratio": "1.5", "Data": 5})");
    auto r = validate(op, params);
    REQUIRE_FALSE(r);
    const Error& e = r.error();
    CHECK(e.type == error_type::param_validation);
    CHECK(e.field == "Id");
    const std::string& msg = e.message;
    CAPTURE(msg);
    CHECK(msg.rfind("Parameter validation failed:\n", 0) == 0);
    CHECK(msg.find("Missing required parameter in input: \"Id\"") != std::string::npos);
    CHECK(msg.find("Unknown parameter in input: \"Bogus\", must be one of: Id, Name, Count, Ratio, Tags, When, Flag, Data") != std::string::npos);
    CHECK(msg.find("Invalid length for parameter Name, value: 1, valid min length: 2") != std::string::npos);
    CHECK(msg.find("Invalid value for parameter Count, value: 0, valid min value: 1") != std::string::npos);
    CHECK(msg.find("Invalid length for parameter Tags, value: 0, valid min length: 1") != std::string::npos);
    CHECK(msg.find("Invalid type for parameter Flag, value: yes, type: <class 'str'>, valid types: <class 'bool'>") != std::string::npos);
    CHECK(msg.find("Invalid type for parameter When, value: not a time") != std::string::npos);
    CHECK(msg.find("Invalid type for parameter Ratio") != std::string::npos);
    CHECK(msg.find("Invalid type for parameter Data, value: 5, type: <class 'int'>") != std::string::npos);
}

TEST_CASE("inputs botocore accepts stay accepted") {
    auto m = tiny("rest-json");
    const auto& op = *m->find_operation("Op");
    // Booleans are ints in Python, ints are valid doubles, timestamps as epoch or ISO 8601.
    for (const char* ok : {R"({"Id": "ab", "Name": "cd", "Count": true, "Ratio": 2, "When": 1440938160})",
                           R"({"Id": "ab", "Name": "cd", "When": "2015-08-30T12:36:00+02:00", "Tags": ["xy"]})",
                           R"({"Id": "ab", "Name": "cd", "When": "2015-08-30", "Data": "\u00ff"})"}) {
        CAPTURE(ok);
        CHECK(validate(op, Json::parse(ok)));
    }
    CHECK_FALSE(validate(op, Json::parse("[1]")));  // not a structure
    CHECK_FALSE(validate(op, Json::parse(R"({"Id": "ab", "Name": null})")));
    Json bad_utf8 = Json::object();
    bad_utf8["Id"] = "ab";
    bad_utf8["Name"] = std::string("\xc3\x28");
    auto r = validate(op, bad_utf8);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("Invalid UTF-8 in parameter Name") != std::string::npos);
}

TEST_CASE("serialize: the same input through each protocol") {
    Json params = Json::parse(R"({"Id": "a b/c", "Name": "n\u00e9", "Ratio": 0.1, "When": "2015-08-30T12:36:00.5Z",
                                  "Flag": false, "Data": "hi", "Tags": ["t1", "t2"]})");
    SECTION("rest-json") {
        auto r = serialize(*tiny("rest-json"), *tiny("rest-json")->find_operation("Op"), params);
        REQUIRE(r);
        CHECK(r->method == "POST");
        CHECK(r->path == "/things/a%20b%2Fc");
        CHECK(r->body == R"({"Name": "n\u00e9", "Ratio": 0.1, "When": 1440938160, "Flag": false, "Data": "aGk=", "Tags": ["t1", "t2"]})");
        CHECK(r->headers.get("Content-Type") == "application/json");
        CHECK(r->headers.get("Content-MD5") == md5_base64(r->body));  // httpChecksumRequired
        CHECK(r->checksum_header == "Content-MD5");
    }
    SECTION("rest-xml") {
        auto m = tiny("rest-xml");
        auto r = serialize(*m, *m->find_operation("Op"), params);
        REQUIRE(r);
        CHECK(r->body == "<OpRequest><Name>n\xc3\xa9</Name><Ratio>0.1</Ratio><When>2015-08-30T12:36:00.500000Z</When>"
                         "<Flag>false</Flag><Data>aGk=</Data><Tags><member>t1</member><member>t2</member></Tags></OpRequest>");
    }
    SECTION("query") {
        auto m = tiny("query");
        auto r = serialize(*m, *m->find_operation("Op"), params);
        REQUIRE(r);
        CHECK(r->body == "Action=Op&Version=2020-01-01&Id=a%20b%2Fc&Name=n%C3%A9&Ratio=0.1&When=2015-08-30T12%3A36%3A00.500000Z"
                         "&Flag=false&Data=aGk%3D&Tags.member.1=t1&Tags.member.2=t2");
    }
    SECTION("json") {
        auto m = tiny("json");
        auto r = serialize(*m, *m->find_operation("Op"), params);
        REQUIRE(r);
        CHECK(r->headers.get("X-Amz-Target") == "Tiny.Op");
        CHECK(r->headers.get("Content-Type") == "application/x-amz-json-1.1");
        CHECK(r->body.rfind(R"({"Id": "a b/c", "Name": "n\u00e9")", 0) == 0);
    }
    SECTION("validation errors come back typed, nothing half-built") {
        auto m = tiny("json");
        auto r = serialize(*m, *m->find_operation("Op"), Json::parse(R"({"Id": 1})"));
        REQUIRE_FALSE(r);
        CHECK(r.error().type == error_type::param_validation);
    }
}

TEST_CASE("flexible checksums and CRC values") {
    CHECK(checksum_base64(ChecksumAlgorithm::crc32, "hello world") == "DUoRhQ==");
    CHECK(checksum_base64(ChecksumAlgorithm::crc32c, "hello world") == "yZRlqg==");
    CHECK(checksum_base64(ChecksumAlgorithm::sha1, "hello world") == "Kq5sNclPz7QV2+lfQIuc6R7oRu0=");
    CHECK(checksum_base64(ChecksumAlgorithm::sha256, "hello world") == "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=");
    CHECK(parse_checksum_algorithm("CRC32C") == ChecksumAlgorithm::crc32c);
    CHECK_FALSE(parse_checksum_algorithm("md5"));
}

TEST_CASE("join_endpoint_path follows botocore's urljoin") {
    CHECK(join_endpoint_path("", "") == "/");
    CHECK(join_endpoint_path("/bucket", "") == "/bucket");
    CHECK(join_endpoint_path("/bucket", "/key") == "/bucket/key");
    CHECK(join_endpoint_path("/", "/key") == "/key");
    CHECK(join_endpoint_path("", "/key") == "/key");
}

TEST_CASE("uuid4 has the version and variant bits") {
    auto u = random_uuid4();
    REQUIRE(u.size() == 36);
    CHECK(u[14] == '4');
    CHECK(std::string("89ab").find(u[19]) != std::string::npos);
    CHECK(u != random_uuid4());
}

TEST_CASE("installed models: S3 and other services' handlers") {
    if (!have_botocore()) {
        WARN("python3-botocore data not installed; skipping");
        SUCCEED();
        return;
    }
    model::ModelRegistry reg(model::DataPath{{kBotocoreData}});
    auto s3 = *reg.service("s3");

    auto put = serialize(*s3, *s3->find_operation("put_object"),
                         Json::parse(R"({"Bucket": "b", "Key": "my folder/file (1).txt", "Body": "contents"})"));
    REQUIRE(put);
    CHECK(put->method == "PUT");
    CHECK(put->path == "/my%20folder/file%20%281%29.txt");
    CHECK(put->auth_path == "/b/my%20folder/file%20%281%29.txt");
    CHECK(put->body == "contents");
    CHECK(put->headers.get("Content-MD5") == "mL99jBV4Two9YyBEQeHiqg==");
    CHECK(put->headers.get("Expect") == "100-continue");
    CHECK(put->has_streaming_input);

    SerializeOptions presign;
    presign.kind = RequestKind::presign;
    auto put_url = serialize(*s3, *s3->find_operation("PutObject"), Json::parse(R"({"Bucket": "b", "Key": "k"})"), presign);
    REQUIRE(put_url);
    CHECK_FALSE(put_url->headers.contains("Content-MD5"));
    CHECK_FALSE(put_url->headers.contains("Expect"));

    auto flex = serialize(*s3, *s3->find_operation("PutObject"),
                          Json::parse(R"({"Bucket": "b", "Key": "k", "Body": "hello world", "ChecksumAlgorithm": "CRC32"})"),
                          SerializeOptions{.https = false});
    REQUIRE(flex);
    CHECK(flex->headers.get("x-amz-checksum-crc32") == "DUoRhQ==");
    CHECK_FALSE(flex->headers.contains("Content-MD5"));
    auto trailer = serialize(*s3, *s3->find_operation("PutObject"),
                             Json::parse(R"({"Bucket": "b", "Key": "k", "Body": "x", "ChecksumAlgorithm": "SHA256"})"));
    REQUIRE(trailer);
    CHECK(trailer->trailer_checksum_algorithm == "sha256");
    auto bad_algo = serialize(*s3, *s3->find_operation("PutObject"),
                              Json::parse(R"({"Bucket": "b", "Key": "k", "ChecksumAlgorithm": "MD4"})"));
    CHECK_FALSE(bad_algo);

    auto list = serialize(*s3, *s3->find_operation("list_objects_v2"), Json::parse(R"({"Bucket": "b", "Prefix": "a/"})"));
    REQUIRE(list);
    CHECK(list->path.empty());
    CHECK(list->query == "list-type=2&prefix=a%2F&encoding-type=url");

    auto copy = serialize(*s3, *s3->find_operation("CopyObject"),
                          Json::parse(R"({"Bucket": "b", "Key": "k", "CopySource": {"Bucket": "o", "Key": "orig/\u00fc.txt", "VersionId": "v1"}})"));
    REQUIRE(copy);
    CHECK(copy->headers.get("x-amz-copy-source") == "o/orig/%C3%BC.txt?versionId=v1");

    auto sse = serialize(*s3, *s3->find_operation("GetObject"),
                         Json::parse(R"({"Bucket": "b", "Key": "k", "SSECustomerKey": "0123456789abcdef0123456789abcdef", "SSECustomerAlgorithm": "AES256"})"));
    REQUIRE(sse);
    CHECK(sse->headers.get("x-amz-server-side-encryption-customer-key") ==
          base64_encode(std::string_view("0123456789abcdef0123456789abcdef")));
    CHECK(sse->headers.get("x-amz-server-side-encryption-customer-key-MD5") ==
          md5_base64("0123456789abcdef0123456789abcdef"));

    auto bad_bucket = serialize(*s3, *s3->find_operation("GetObject"), Json::parse(R"({"Bucket": "a/b", "Key": "k"})"));
    REQUIRE_FALSE(bad_bucket);
    CHECK(bad_bucket.error().type == error_type::param_validation);

    auto ddb = *reg.service("dynamodb");
    auto item = serialize(*ddb, *ddb->find_operation("PutItem"),
                          Json::parse(R"({"TableName": "bench", "Item": {"pk": {"S": "user#1"}, "n": {"N": "42"}}})"));
    REQUIRE(item);
    CHECK(item->body == R"({"TableName": "bench", "Item": {"pk": {"S": "user#1"}, "n": {"N": "42"}}})");
    CHECK(item->headers.get("X-Amz-Target") == "DynamoDB_20120810.PutItem");
    CHECK(item->headers.get("Content-Type") == "application/x-amz-json-1.0");

    auto ctx = endpoint_context_params(*s3->find_operation("GetObject"), Json::parse(R"({"Bucket": "b", "Key": "k"})"));
    bool has_bucket = false;
    for (auto& [k, v] : ctx)
        if (k == "Bucket") has_bucket = v == "b";
    CHECK(has_bucket);

    auto glacier = *reg.service("glacier");
    auto vault = serialize(*glacier, *glacier->find_operation("CreateVault"), Json::parse(R"({"vaultName": "v"})"));
    REQUIRE(vault);
    CHECK(vault->path == "/-/vaults/v");
    CHECK(vault->headers.get("x-amz-glacier-version") == "2012-06-01");

    auto r53 = *reg.service("route53");
    auto zone = serialize(*r53, *r53->find_operation("GetHostedZone"), Json::parse(R"({"Id": "/hostedzone/Z123"})"));
    REQUIRE(zone);
    CHECK(zone->path == "/2013-04-01/hostedzone/Z123");
}

// The golden sample's request parts that do not depend on endpoints or signing: the method, the
// body and, for services whose endpoint has no path of its own, the path and query.
TEST_CASE("golden sample: bodies, methods and errors match botocore") {
    if (!have_botocore()) {
        WARN("python3-botocore data not installed; skipping");
        SUCCEED();
        return;
    }
    model::ModelRegistry reg(model::DataPath{{kBotocoreData}});
    std::ifstream in(test::shared_dir() / "golden-sample" / "golden.jsonl");
    REQUIRE(in);
    std::string line;
    int total = 0, passed = 0;
    while (std::getline(in, line)) {
        Json g = Json::parse(line);
        const Json& input = g["input"];
        const Json& want = g["expected"];
        ++total;
        std::string name = g["id"].get<std::string>();
        INFO(name);
        auto svc = reg.service(input["service"].get<std::string>());
        REQUIRE(svc);
        auto op = (*svc)->operation(input["operation"].get<std::string>());
        REQUIRE(op);
        SerializeOptions opt;
        if (input.contains("presign") && !input["presign"].is_null()) opt.kind = RequestKind::presign;
        auto r = serialize(**svc, **op, input["params"], opt);
        if (want.contains("error")) {
            CHECK_FALSE(r);
            if (!r) {
                CHECK(r.error().type == want["error"]["type"].get<std::string>());
                ++passed;
            }
            continue;
        }
        REQUIRE(r);
        CHECK(r->method == want["method"].get<std::string>());
        const std::string protocol = g["protocol"].get<std::string>();
        std::string want_body = want.value("body", std::string());
        std::string got_body = r->body;
        if (opt.kind == RequestKind::presign && (protocol == "query" || protocol == "ec2")) {
            // The form moved into the URL: compare the query's own pairs with botocore's, the
            // X-Amz-* signing parameters left out.
            const std::string url = want["url"].get<std::string>();
            std::string q = url.substr(url.find('?') + 1), kept;
            for (std::size_t i = 0; i <= q.size();) {
                auto amp = q.find('&', i);
                std::string p = q.substr(i, amp == std::string::npos ? std::string::npos : amp - i);
                if (p.rfind("X-Amz-", 0) != 0) kept += (kept.empty() ? "" : "&") + p;
                if (amp == std::string::npos) break;
                i = amp + 1;
            }
            want_body = kept;
            got_body = r->query;
            CHECK(r->body.empty());
        }
        bool body_ok;
        if (protocol == "json" || protocol == "rest-json") {
            body_ok = got_body == want_body ||
                      (!got_body.empty() && !want_body.empty() && Json::parse(got_body) == Json::parse(want_body));
        } else if (protocol == "query" || protocol == "ec2") {
            auto pairs = [](const std::string& b) {
                std::multiset<std::string> out;
                std::size_t i = 0;
                while (i <= b.size()) {
                    auto amp = b.find('&', i);
                    std::string p = b.substr(i, amp == std::string::npos ? std::string::npos : amp - i);
                    for (auto& c : p)
                        if (c == '+') c = ' ';
                    out.insert(percent_decode(p));
                    if (amp == std::string::npos) break;
                    i = amp + 1;
                }
                return out;
            };
            body_ok = pairs(got_body) == pairs(want_body);
        } else {
            body_ok = got_body == want_body;
        }
        CHECK(body_ok);
        if (!body_ok) UNSCOPED_INFO("got body " << got_body << "\nwant " << want_body);
        // Headers botocore produced that serialization owns (not signing, not transport).
        for (auto it = want["headers"].begin(); it != want["headers"].end(); ++it) {
            std::string h = ascii_lower(it.key());
            if (h == "authorization" || h == "x-amz-date" || h == "user-agent" || h == "content-length" ||
                h == "x-amz-content-sha256" || h == "x-amz-security-token" || h.rfind("amz-sdk-", 0) == 0 ||
                h == "host")
                continue;
            auto got = r->headers.get(it.key());
            CHECK(got.value_or("<absent>") == it.value().get<std::string>());
            if (got.value_or("<absent>") != it.value().get<std::string>()) UNSCOPED_INFO("header " << it.key());
        }
        ++passed;
    }
    WARN("golden sample: " << passed << "/" << total << " cases built");
}
