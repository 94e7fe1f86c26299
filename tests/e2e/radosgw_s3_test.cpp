// S3 on radosgw: the model-driven client's requests, sent with cpp-httplib, are accepted and do
// what they say (round trips checked byte for byte), path and virtual-host style, presigned.
#include "e2e_support.hpp"

#include <awsreq/core/encoding.hpp>

using namespace awsreq;
using namespace awsreq::e2e;

const char* awsreq::e2e::e2e_server_name() { return "radosgw"; }

namespace {

// Every character class a key can trip on: non-ASCII (2-, 3- and 4-byte UTF-8), spaces,
// reserved and sub-delimiter characters, '%' itself, and '/' separators.
const std::string kKey = "e2e/ünïcødé 日本語 😀/a+b=c&d?e#f%20g;h:i@j,k$l'm(n)!*~[x]-_.txt";
const std::string kBody = "unicode body: żółć ✓\n";

const Client& s3() {
    static const Client c = client_for("s3");
    return c;
}

// One bucket for the whole program, created by the first test.
const std::string& bucket() {
    static const std::string b = unique_bucket("s3");
    return b;
}

}  // namespace

TEST_CASE("CreateBucket, path style") {
    auto req = build(s3(), "CreateBucket", {{"Bucket", bucket()}});
    CHECK(req.url == server().endpoint + "/" + bucket());
    auto res = send(req);
    INFO(describe(res));
    REQUIRE(res.status == 200);
}

TEST_CASE("PutObject with a unicode and reserved-character key") {
    auto req = build(s3(), "PutObject", {{"Bucket", bucket()}, {"Key", kKey}, {"Body", kBody},
                                         {"ContentType", "text/plain; charset=utf-8"},
                                         {"Metadata", {{"note", "signed metadata"}}}});
    auto res = send(req);
    INFO(req.url << "\n" << describe(res));
    REQUIRE(res.status == 200);
    CHECK(res.header("ETag") == "\"" + md5_hex(kBody) + "\"");
}

TEST_CASE("GetObject returns the bytes and metadata") {
    auto res = send(build(s3(), "GetObject", {{"Bucket", bucket()}, {"Key", kKey}}));
    INFO(describe(res));
    REQUIRE(res.status == 200);
    CHECK(res.body == kBody);
    CHECK(res.header("Content-Type") == "text/plain; charset=utf-8");
    CHECK(res.header("x-amz-meta-note") == "signed metadata");
}

TEST_CASE("GetObject with a Range header (signed)") {
    auto res = send(build(s3(), "GetObject", {{"Bucket", bucket()}, {"Key", kKey}, {"Range", "bytes=0-6"}}));
    INFO(describe(res));
    REQUIRE(res.status == 206);
    CHECK(res.body == kBody.substr(0, 7));
}

TEST_CASE("HeadObject") {
    auto res = send(build(s3(), "HeadObject", {{"Bucket", bucket()}, {"Key", kKey}}));
    INFO(describe(res));
    REQUIRE(res.status == 200);
    CHECK(res.header("Content-Length") == std::to_string(kBody.size()));
    CHECK(res.body.empty());
}

TEST_CASE("ListObjectsV2 finds the key by a unicode prefix") {
    auto res = send(build(s3(), "ListObjectsV2", {{"Bucket", bucket()}, {"Prefix", "e2e/ünïcødé 日本語"}}));
    INFO(describe(res));
    REQUIRE(res.status == 200);
    CHECK(xml_first(res.body, "EncodingType") == "url");  // botocore's default, kept by the client
    auto keys = listed_keys(res.body);
    REQUIRE(keys.size() == 1);
    CHECK(keys[0] == kKey);
}

TEST_CASE("ListObjectsV2 with EncodingType=url, MaxKeys and StartAfter") {
    // a second key, which sorts first: 'z' (0x7A) is below the UTF-8 lead byte of 'ü' (0xC3)
    auto put = send(build(s3(), "PutObject", {{"Bucket", bucket()}, {"Key", "e2e/zz last"}, {"Body", "z"}}));
    REQUIRE(put.status == 200);
    auto first = send(build(s3(), "ListObjectsV2", {{"Bucket", bucket()}, {"Prefix", "e2e/"}, {"MaxKeys", 1},
                                                    {"EncodingType", "url"}}));
    INFO(describe(first));
    REQUIRE(first.status == 200);
    auto keys = listed_keys(first.body);
    REQUIRE(keys.size() == 1);
    CHECK(keys[0] == "e2e/zz last");
    CHECK(xml_first(first.body, "IsTruncated") == "true");

    auto rest = send(build(s3(), "ListObjectsV2", {{"Bucket", bucket()}, {"Prefix", "e2e/"},
                                                   {"StartAfter", "e2e/zz last"}, {"EncodingType", "url"}}));
    INFO(describe(rest));
    REQUIRE(rest.status == 200);
    keys = listed_keys(rest.body);
    REQUIRE(keys.size() == 1);
    CHECK(keys[0] == kKey);
}

TEST_CASE("CopyObject from the unicode key") {
    const std::string copy_key = "copies/ç ö+py&1.txt";
    auto res = send(build(s3(), "CopyObject", {{"Bucket", bucket()}, {"Key", copy_key},
                                              {"CopySource", bucket() + "/" + kKey}}));
    INFO(describe(res));
    REQUIRE(res.status == 200);
    CHECK(unquoted(xml_first(res.body, "ETag")) == md5_hex(kBody));
    auto got = send(build(s3(), "GetObject", {{"Bucket", bucket()}, {"Key", copy_key}}));
    CHECK(got.status == 200);
    CHECK(got.body == kBody);
}

TEST_CASE("Multipart upload: two 5 MiB parts and a short last part") {
    const std::string key = "multipart/big ✓.bin";
    auto created = send(build(s3(), "CreateMultipartUpload", {{"Bucket", bucket()}, {"Key", key}}));
    INFO(describe(created));
    REQUIRE(created.status == 200);
    const std::string upload_id = xml_first(created.body, "UploadId");
    REQUIRE_FALSE(upload_id.empty());

    std::vector<std::string> parts = {std::string(5 << 20, 'a'), std::string(5 << 20, 'b'), "the end"};
    for (int i = 0; i < 5000; ++i) parts[1][static_cast<std::size_t>(i) * 1000] = static_cast<char>('0' + i % 10);
    Json completed = Json::array();
    for (std::size_t i = 0; i < parts.size(); ++i) {
        int number = static_cast<int>(i) + 1;
        auto res = send(build(s3(), "UploadPart", {{"Bucket", bucket()}, {"Key", key}, {"PartNumber", number},
                                                   {"UploadId", upload_id}, {"Body", parts[i]}}));
        INFO("part " << number << ": " << describe(res));
        REQUIRE(res.status == 200);
        CHECK(res.header("ETag") == "\"" + md5_hex(parts[i]) + "\"");
        completed.push_back({{"ETag", res.header("ETag")}, {"PartNumber", number}});
    }
    auto done = send(build(s3(), "CompleteMultipartUpload", {{"Bucket", bucket()}, {"Key", key},
                                                             {"UploadId", upload_id},
                                                             {"MultipartUpload", {{"Parts", completed}}}}));
    INFO(describe(done));
    REQUIRE(done.status == 200);
    CHECK(xml_first(done.body, "Key") == key);
    auto head = send(build(s3(), "HeadObject", {{"Bucket", bucket()}, {"Key", key}}));
    CHECK(unquoted(head.header("ETag")).ends_with("-3"));  // a multipart ETag names its part count

    auto got = send(build(s3(), "GetObject", {{"Bucket", bucket()}, {"Key", key}}));
    REQUIRE(got.status == 200);
    CHECK(got.body.size() == parts[0].size() + parts[1].size() + parts[2].size());
    CHECK(got.body == parts[0] + parts[1] + parts[2]);
}

TEST_CASE("Presigned GET (no headers, UNSIGNED-PAYLOAD in the query)") {
    auto url = s3().presign("GetObject", {{"Bucket", bucket()}, {"Key", kKey}}, server().credentials(), now(),
                            std::chrono::seconds(300));
    REQUIRE(url);
    CHECK(url->url.find("X-Amz-Signature=") != std::string::npos);
    auto res = send(SignedRequest{url->method, url->url, url->headers, {}});
    INFO(url->url << "\n" << describe(res));
    REQUIRE(res.status == 200);
    CHECK(res.body == kBody);
}

TEST_CASE("Presigned PUT, then read back") {
    const std::string key = "presigned/put ü.txt";
    const std::string body = "uploaded through a presigned URL";
    auto url = s3().presign("PutObject", {{"Bucket", bucket()}, {"Key", key}}, server().credentials(), now(),
                            std::chrono::seconds(300));
    REQUIRE(url);
    auto res = send(SignedRequest{url->method, url->url, url->headers, body});
    INFO(url->url << "\n" << describe(res));
    REQUIRE(res.status == 200);
    auto got = send(build(s3(), "GetObject", {{"Bucket", bucket()}, {"Key", key}}));
    CHECK(got.status == 200);
    CHECK(got.body == body);
}

TEST_CASE("UNSIGNED-PAYLOAD header signing (sign() on a raw request)") {
    const std::string key = "raw/unsigned payload ✓.txt";
    SignedRequest raw{"PUT", server().endpoint + "/" + bucket() + "/" + uri_encode(key, true),
                      {{"Content-Type", "text/plain"}}, "first body"};
    auto signed_req = sign(view(raw), server().credentials(),
                           {.service = "s3", .region = server().region, .time = now(),
                            .options = s3_signing_options({.payload = PayloadSigning::unsigned_payload})});
    REQUIRE(signed_req);
    CHECK(signed_req->headers.get("x-amz-content-sha256") == "UNSIGNED-PAYLOAD");
    // the payload is not covered by the signature: another body is accepted too
    signed_req->body = "a different body, same signature";
    auto res = send(*signed_req);
    INFO(describe(res));
    REQUIRE(res.status == 200);
    auto got = send(build(s3(), "GetObject", {{"Bucket", bucket()}, {"Key", key}}));
    CHECK(got.body == "a different body, same signature");
}

TEST_CASE("Raw sign() with S3 rules: a path with '..' and '//' segments kept as sent") {
    // S3 does not normalize paths; a signer that did would be refused here.
    const std::string key = "raw/a//b/../c.txt";
    SignedRequest raw{"PUT", server().endpoint + "/" + bucket() + "/" + uri_encode(key, true), {}, "dots"};
    auto signed_req = sign(view(raw), server().credentials(),
                           {.service = "s3", .region = server().region, .time = now(), .options = s3_signing_options()});
    REQUIRE(signed_req);
    auto res = send(*signed_req);
    INFO(signed_req->url << "\n" << describe(res));
    REQUIRE(res.status == 200);
    auto got = send(build(s3(), "GetObject", {{"Bucket", bucket()}, {"Key", key}}));
    CHECK(got.status == 200);
    CHECK(got.body == "dots");
}

TEST_CASE("Virtual-host style: Host <bucket>.localhost:<port>") {
    auto vhost = vhost_s3_client();
    const std::string key = "vhost/ünï key.txt";
    auto put = build(vhost, "PutObject", {{"Bucket", bucket()}, {"Key", key}, {"Body", "virtual host"}});
    REQUIRE(put.url.starts_with("http://" + bucket() + "." + server().vhost_domain + ":"));
    auto res = send(put);
    INFO(put.url << "\n" << describe(res));
    REQUIRE(res.status == 200);
    auto got = send(build(vhost, "GetObject", {{"Bucket", bucket()}, {"Key", key}}));
    CHECK(got.status == 200);
    CHECK(got.body == "virtual host");
    auto listing = send(build(vhost, "ListObjectsV2", {{"Bucket", bucket()}, {"Prefix", "vhost/"}}));
    CHECK(listing.status == 200);
    CHECK(listed_keys(listing.body) == std::vector<std::string>{key});
}

TEST_CASE("ListBuckets includes the bucket") {
    auto res = send(build(s3(), "ListBuckets", Json::object()));
    INFO(describe(res));
    REQUIRE(res.status == 200);
    auto names = xml_all(res.body, "Name");
    CHECK(std::find(names.begin(), names.end(), bucket()) != names.end());
}

TEST_CASE("DeleteObject, then the key is gone") {
    auto del = send(build(s3(), "DeleteObject", {{"Bucket", bucket()}, {"Key", kKey}}));
    INFO(describe(del));
    REQUIRE(del.status == 204);
    auto got = send(build(s3(), "GetObject", {{"Bucket", bucket()}, {"Key", kKey}}));
    CHECK(got.status == 404);
    CHECK(xml_first(got.body, "Code") == "NoSuchKey");
}

TEST_CASE("DeleteObjects (Content-MD5 body), then DeleteBucket") {
    auto listing = send(build(s3(), "ListObjectsV2", {{"Bucket", bucket()}}));
    REQUIRE(listing.status == 200);
    Json objects = Json::array();
    for (const auto& key : listed_keys(listing.body)) objects.push_back({{"Key", key}});
    REQUIRE(objects.size() >= 5);
    auto del = send(build(s3(), "DeleteObjects", {{"Bucket", bucket()}, {"Delete", {{"Objects", objects}}}}));
    INFO(describe(del));
    REQUIRE(del.status == 200);
    CHECK(xml_all(del.body, "Deleted").size() == objects.size());
    CHECK(send(build(s3(), "HeadObject", {{"Bucket", bucket()}, {"Key", "e2e/zz last"}})).status == 404);
    CHECK(xml_all(del.body, "Error").empty());
    auto gone = send(build(s3(), "DeleteBucket", {{"Bucket", bucket()}}));
    INFO(describe(gone));
    CHECK(gone.status == 204);
}
