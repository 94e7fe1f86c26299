// Authentication on radosgw: what must be refused is refused (each next to its accepted
// twin, so the refusal is the tampering's doing), and temporary credentials from STS work.
#include "e2e_support.hpp"

#include <fstream>

using namespace awsreq;
using namespace awsreq::e2e;

const char* awsreq::e2e::e2e_server_name() { return "radosgw"; }

namespace {

const Client& s3() {
    static const Client c = client_for("s3");
    return c;
}

const std::string& bucket() {
    static const std::string b = [] {
        std::string name = unique_bucket("auth");
        auto res = send(build(s3(), "CreateBucket", {{"Bucket", name}}));
        INFO(describe(res));
        REQUIRE(res.status == 200);
        return name;
    }();
    return b;
}

Json put_params(const std::string& key, const std::string& body) {
    return {{"Bucket", bucket()}, {"Key", key}, {"Body", body}, {"Metadata", {{"color", "blue"}}}};
}

// 403 from radosgw, whatever the error code (with RGW_STS=1 every auth failure is AccessDenied).
void check_refused(const HttpResponse& res) {
    INFO(describe(res));
    CHECK(res.status == 403);
}

// start-radosgw.sh writes the STS key into ceph.conf only with RGW_STS=1.
bool sts_enabled() {
    std::ifstream conf(server().ceph_conf);
    std::string line;
    while (std::getline(conf, line))
        if (line.starts_with("rgw sts key")) return true;
    return false;
}

bool object_exists(const std::string& key) {
    return send(build(s3(), "HeadObject", {{"Bucket", bucket()}, {"Key", key}})).status == 200;
}

}  // namespace

TEST_CASE("Refused: wrong secret key (the right one is accepted)") {
    Credentials wrong{server().access_key_id, SecretString(server().secret_access_key + "x")};
    check_refused(send(build(s3(), "PutObject", put_params("refused/secret", "x"), wrong, now())));
    CHECK_FALSE(object_exists("refused/secret"));
    CHECK(send(build(s3(), "PutObject", put_params("refused/secret", "x"))).status == 200);
}

TEST_CASE("Refused: unknown access key id") {
    Credentials unknown{"AKIDE2EUNKNOWN000000", SecretString(server().secret_access_key)};
    check_refused(send(build(s3(), "ListBuckets", Json::object(), unknown, now())));
}

TEST_CASE("Refused: a signed header changed after signing") {
    auto req = build(s3(), "PutObject", put_params("refused/header", "x"));
    REQUIRE(req.headers.get("x-amz-meta-color") == "blue");
    auto tampered = req;
    tampered.headers.set("x-amz-meta-color", "red");
    check_refused(send(tampered));
    CHECK_FALSE(object_exists("refused/header"));
    CHECK(send(req).status == 200);
}

TEST_CASE("Refused: the path changed after signing") {
    auto req = build(s3(), "PutObject", put_params("refused/path-a", "x"));
    auto tampered = req;
    tampered.url.replace(tampered.url.rfind("path-a"), 6, "path-b");
    check_refused(send(tampered));
    CHECK_FALSE(object_exists("refused/path-b"));
}

TEST_CASE("Refused: the body changed after signing (x-amz-content-sha256 mismatch)") {
    auto req = build(s3(), "PutObject", put_params("refused/body", "the signed body"));
    auto tampered = req;
    tampered.body = "the other body!";  // same length, other bytes
    auto res = send(tampered);
    INFO(describe(res));
    CHECK((res.status == 400 || res.status == 403));
    CHECK_FALSE(object_exists("refused/body"));
    CHECK(send(req).status == 200);
}

TEST_CASE("Refused: a header-signed request 20 minutes old (clock skew)") {
    check_refused(send(build(s3(), "ListBuckets", Json::object(), server().credentials(),
                             now() - std::chrono::minutes(20))));
    // 10 minutes is within the 15-minute window
    CHECK(send(build(s3(), "ListBuckets", Json::object(), server().credentials(),
                     now() - std::chrono::minutes(10))).status == 200);
}

TEST_CASE("Refused: an expired presigned URL (and one still valid is accepted)") {
    REQUIRE(send(build(s3(), "PutObject", put_params("presigned/expiry", "x"))).status == 200);
    Json params = {{"Bucket", bucket()}, {"Key", "presigned/expiry"}};
    auto expired = s3().presign("GetObject", params, server().credentials(), now() - std::chrono::minutes(10),
                                std::chrono::seconds(60));
    REQUIRE(expired);
    check_refused(send(SignedRequest{expired->method, expired->url, expired->headers, {}}));
    auto valid = s3().presign("GetObject", params, server().credentials(), now() - std::chrono::minutes(10),
                              std::chrono::hours(1));
    REQUIRE(valid);
    CHECK(send(SignedRequest{valid->method, valid->url, valid->headers, {}}).status == 200);
}

TEST_CASE("Refused: a presigned URL whose query was changed") {
    auto url = s3().presign("GetObject", {{"Bucket", bucket()}, {"Key", "presigned/expiry"}},
                            server().credentials(), now(), std::chrono::seconds(300));
    REQUIRE(url);
    auto tampered = url->url;
    auto at = tampered.find("X-Amz-Expires=300");
    REQUIRE(at != std::string::npos);
    tampered.replace(at, 17, "X-Amz-Expires=900");
    check_refused(send(SignedRequest{url->method, tampered, url->headers, {}}));
}

// GetSessionToken needs a user policy allowing it on radosgw; PutUserPolicy is itself an
// IAM query-protocol call signed by the library.
TEST_CASE("STS GetSessionToken, then S3 with the temporary credentials") {
    if (!sts_enabled()) {
        WARN("radosgw runs without STS: start it with RGW_STS=1 to check session tokens");
        return;
    }
    const std::string policy = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:GetSessionToken","s3:*"],"Resource":"*"}]})";
    auto allowed = send(build(client_for("iam"), "PutUserPolicy",
                              {{"UserName", "ci"}, {"PolicyName", "e2e-session-token"}, {"PolicyDocument", policy}}));
    INFO(describe(allowed));
    REQUIRE(allowed.status == 200);

    auto sts = client_for("sts");
    auto req = build(sts, "GetSessionToken", {{"DurationSeconds", 900}});
    CHECK(req.url == server().endpoint + "/");
    auto res = send(req);
    INFO(describe(res));
    REQUIRE(res.status == 200);
    Credentials temporary{xml_first(res.body, "AccessKeyId"), SecretString(xml_first(res.body, "SecretAccessKey")),
                          SecretString(xml_first(res.body, "SessionToken"))};
    REQUIRE(temporary.validate());
    REQUIRE_FALSE(temporary.session_token->empty());

    auto put = build(s3(), "PutObject", put_params("session/token.txt", "with a session token"), temporary, now());
    REQUIRE(put.headers.get("X-Amz-Security-Token"));
    auto put_res = send(put);
    INFO(describe(put_res));
    CHECK(put_res.status == 200);
    auto got = send(build(s3(), "GetObject", {{"Bucket", bucket()}, {"Key", "session/token.txt"}}, temporary, now()));
    CHECK(got.status == 200);
    CHECK(got.body == "with a session token");

    auto url = s3().presign("GetObject", {{"Bucket", bucket()}, {"Key", "session/token.txt"}}, temporary, now(),
                            std::chrono::seconds(300));
    REQUIRE(url);
    CHECK(url->url.find("X-Amz-Security-Token=") != std::string::npos);
    auto presigned = send(SignedRequest{url->method, url->url, url->headers, {}});
    CHECK(presigned.status == 200);
    CHECK(presigned.body == "with a session token");

    SECTION("refused without the token, or with another token") {
        Credentials no_token{temporary.access_key_id, temporary.secret_access_key};
        auto without = send(build(s3(), "ListObjectsV2", {{"Bucket", bucket()}}, no_token, now()));
        INFO(describe(without));
        CHECK((without.status == 400 || without.status == 403));  // radosgw: 400 InvalidArgument
        auto tampered = build(s3(), "ListObjectsV2", {{"Bucket", bucket()}}, temporary, now());
        std::string token(*tampered.headers.get("X-Amz-Security-Token"));
        token[token.size() / 2] = token[token.size() / 2] == 'A' ? 'B' : 'A';
        tampered.headers.set("X-Amz-Security-Token", token);
        auto other = send(tampered);
        INFO(describe(other));
        CHECK((other.status == 400 || other.status == 403));  // radosgw: 400 when it cannot decode it
    }
}
