// OpenStack Swift's s3api: a second, independent SigV4 verifier (Python) that also checks the
// region in the credential scope.
#include "e2e_support.hpp"

#include <awsreq/core/encoding.hpp>

using namespace awsreq;
using namespace awsreq::e2e;

const char* awsreq::e2e::e2e_server_name() { return "swift"; }

namespace {

const std::string kKey = "e2e/ünïcødé 日本語 😀/a+b=c&d?e#f%20g;h:i@j,k$l'm(n)!*~.txt";
const std::string kBody = "swift body ✓\n";

const Client& s3() {
    static const Client c = client_for("s3");
    return c;
}

const std::string& bucket() {
    static const std::string b = unique_bucket("swift");
    return b;
}

}  // namespace

TEST_CASE("Swift: CreateBucket") {
    auto res = send(build(s3(), "CreateBucket", {{"Bucket", bucket()}}));
    INFO(describe(res));
    REQUIRE(res.status == 200);
}

TEST_CASE("Swift: PutObject, GetObject, HeadObject with a unicode and reserved-character key") {
    auto put = send(build(s3(), "PutObject", {{"Bucket", bucket()}, {"Key", kKey}, {"Body", kBody},
                                              {"Metadata", {{"note", "swift"}}}}));
    INFO(describe(put));
    REQUIRE(put.status == 200);
    CHECK(put.header("ETag") == "\"" + md5_hex(kBody) + "\"");
    auto got = send(build(s3(), "GetObject", {{"Bucket", bucket()}, {"Key", kKey}}));
    INFO(describe(got));
    REQUIRE(got.status == 200);
    CHECK(got.body == kBody);
    CHECK(got.header("x-amz-meta-note") == "swift");
    auto head = send(build(s3(), "HeadObject", {{"Bucket", bucket()}, {"Key", kKey}}));
    CHECK(head.status == 200);
    CHECK(head.header("Content-Length") == std::to_string(kBody.size()));
}

TEST_CASE("Swift: ListObjectsV2 with a unicode prefix") {
    auto res = send(build(s3(), "ListObjectsV2", {{"Bucket", bucket()}, {"Prefix", "e2e/ünïcødé"}}));
    INFO(describe(res));
    REQUIRE(res.status == 200);
    CHECK(listed_keys(res.body) == std::vector<std::string>{kKey});
}

TEST_CASE("Swift: CopyObject") {
    auto res = send(build(s3(), "CopyObject", {{"Bucket", bucket()}, {"Key", "copy/ç+1"},
                                              {"CopySource", bucket() + "/" + kKey}}));
    INFO(describe(res));
    REQUIRE(res.status == 200);
    auto got = send(build(s3(), "GetObject", {{"Bucket", bucket()}, {"Key", "copy/ç+1"}}));
    CHECK(got.body == kBody);
}

TEST_CASE("Swift: presigned GET and PUT") {
    auto put = s3().presign("PutObject", {{"Bucket", bucket()}, {"Key", "presigned/ü put"}}, server().credentials(),
                            now(), std::chrono::seconds(300));
    REQUIRE(put);
    auto put_res = send(SignedRequest{put->method, put->url, put->headers, "presigned put"});
    INFO(describe(put_res));
    REQUIRE(put_res.status == 200);
    auto get = s3().presign("GetObject", {{"Bucket", bucket()}, {"Key", "presigned/ü put"}}, server().credentials(),
                            now(), std::chrono::seconds(300));
    REQUIRE(get);
    auto got = send(SignedRequest{get->method, get->url, get->headers, {}});
    INFO(describe(got));
    CHECK(got.status == 200);
    CHECK(got.body == "presigned put");
}

TEST_CASE("Swift: UNSIGNED-PAYLOAD header signing") {
    SignedRequest raw{"PUT", server().endpoint + "/" + bucket() + "/" + uri_encode("raw/unsigned ✓", true), {},
                      "unsigned payload"};
    auto signed_req = sign(view(raw), server().credentials(),
                           {.service = "s3", .region = server().region, .time = now(),
                            .options = s3_signing_options({.payload = PayloadSigning::unsigned_payload})});
    REQUIRE(signed_req);
    auto res = send(*signed_req);
    INFO(describe(res));
    CHECK(res.status == 200);
}

TEST_CASE("Swift: virtual-host style") {
    auto vhost = vhost_s3_client();
    auto put = build(vhost, "PutObject", {{"Bucket", bucket()}, {"Key", "vhost/ü"}, {"Body", "vhost"}});
    REQUIRE(put.url.starts_with("http://" + bucket() + "." + server().vhost_domain + ":"));
    auto res = send(put);
    INFO(describe(res));
    REQUIRE(res.status == 200);
    auto got = send(build(vhost, "GetObject", {{"Bucket", bucket()}, {"Key", "vhost/ü"}}));
    CHECK(got.status == 200);
    CHECK(got.body == "vhost");
}

TEST_CASE("Swift refuses a wrong region in the credential scope") {
    auto west = client_for("s3", {}, endpoints::S3AddressingStyle::path, "us-west-2");
    auto req = build(west, "ListObjectsV2", {{"Bucket", bucket()}});
    REQUIRE(req.headers.get("Authorization")->find("/us-west-2/s3/aws4_request") != std::string_view::npos);
    auto res = send(req);
    INFO(describe(res));
    CHECK((res.status == 400 || res.status == 403));
    CHECK(xml_first(res.body, "Code") == "AuthorizationHeaderMalformed");
    // a presigned URL too
    auto url = west.presign("GetObject", {{"Bucket", bucket()}, {"Key", kKey}}, server().credentials(), now(),
                            std::chrono::seconds(300));
    REQUIRE(url);
    auto presigned = send(SignedRequest{url->method, url->url, url->headers, {}});
    INFO(describe(presigned));
    CHECK((presigned.status == 400 || presigned.status == 403));
}

TEST_CASE("Swift refuses a wrong secret, a tampered header and a tampered body") {
    Credentials wrong{server().access_key_id, SecretString("wrong")};
    auto bad_secret = send(build(s3(), "ListObjectsV2", {{"Bucket", bucket()}}, wrong, now()));
    INFO(describe(bad_secret));
    CHECK(bad_secret.status == 403);
    CHECK(xml_first(bad_secret.body, "Code") == "SignatureDoesNotMatch");

    auto req = build(s3(), "PutObject", {{"Bucket", bucket()}, {"Key", "refused"}, {"Body", "signed"},
                                         {"Metadata", {{"color", "blue"}}}});
    auto header = req;
    header.headers.set("x-amz-meta-color", "red");
    auto bad_header = send(header);
    INFO(describe(bad_header));
    CHECK(bad_header.status == 403);
    auto body = req;
    body.body = "sigend";
    auto bad_body = send(body);
    INFO(describe(bad_body));
    CHECK((bad_body.status == 400 || bad_body.status == 403));
    CHECK(send(build(s3(), "HeadObject", {{"Bucket", bucket()}, {"Key", "refused"}})).status == 404);
}

TEST_CASE("Swift refuses an expired presigned URL") {
    auto url = s3().presign("GetObject", {{"Bucket", bucket()}, {"Key", kKey}}, server().credentials(),
                            now() - std::chrono::minutes(10), std::chrono::seconds(60));
    REQUIRE(url);
    auto res = send(SignedRequest{url->method, url->url, url->headers, {}});
    INFO(describe(res));
    CHECK(res.status == 403);
}

TEST_CASE("Swift: DeleteObject and DeleteBucket") {
    auto listing = send(build(s3(), "ListObjectsV2", {{"Bucket", bucket()}}));
    REQUIRE(listing.status == 200);
    auto keys = listed_keys(listing.body);
    CHECK(keys.size() == 5);
    for (const auto& key : keys) {
        auto del = send(build(s3(), "DeleteObject", {{"Bucket", bucket()}, {"Key", key}}));
        INFO(key << ": " << describe(del));
        CHECK(del.status == 204);
    }
    auto gone = send(build(s3(), "DeleteBucket", {{"Bucket", bucket()}}));
    INFO(describe(gone));
    CHECK(gone.status == 204);
}
