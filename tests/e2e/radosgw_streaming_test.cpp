// Browser-form uploads (S3 POST policy) and aws-chunked streaming uploads on radosgw, which
// checks the policy's signature and conditions and every chunk's signature.
#include "e2e_support.hpp"

#include <awsreq/core/encoding.hpp>
#include <awsreq/signing/chunked.hpp>
#include <awsreq/signing/post_policy.hpp>

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
        std::string name = unique_bucket("streaming");
        auto res = send(build(s3(), "CreateBucket", {{"Bucket", name}}));
        INFO(describe(res));
        REQUIRE(res.status == 200);
        return name;
    }();
    return b;
}

std::string object(const std::string& key) {
    auto res = send(build(s3(), "GetObject", {{"Bucket", bucket()}, {"Key", key}}));
    return res.status == 200 ? res.body : "<HTTP " + std::to_string(res.status) + ">";
}

PresignedPost post_form(const std::string& key, std::vector<PostPolicyCondition> conditions = {},
                        Timestamp time = now(), std::chrono::seconds expires_in = std::chrono::minutes(5)) {
    auto form = presign_post({.url = server().endpoint + "/" + bucket(),
                              .bucket = bucket(),
                              .key = key,
                              .conditions = std::move(conditions),
                              .expires_in = expires_in},
                             server().credentials(), {.region = server().region, .time = time});
    if (!form) FAIL(form.error().to_string());
    return std::move(*form);
}

// multipart/form-data as a browser sends it: the policy's fields, then the file, last.
SignedRequest form_request(const PresignedPost& form, const std::string& filename, const std::string& content,
                           const std::vector<PostField>& overrides = {}) {
    const std::string boundary = "----awsreq-e2e-boundary-7f3a9c";
    std::string body;
    auto part = [&](const std::string& name, const std::string& value) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    };
    for (const auto& field : form.fields) {
        std::string value = field.value;
        for (const auto& o : overrides)
            if (o.name == field.name) value = o.value;
        part(field.name, value);
    }
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
            "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    return SignedRequest{"POST", form.url, {{"Content-Type", "multipart/form-data; boundary=" + boundary}}, body};
}

void check_refused(const HttpResponse& res) {
    INFO(describe(res));
    CHECK((res.status == 400 || res.status == 403));
}

AwsChunkedUpload chunked_upload(const std::string& key, std::size_t size) {
    SignedRequest head{"PUT", server().endpoint + "/" + bucket() + "/" + uri_encode(key, true), {}, {}};
    auto upload = sign_aws_chunked(view(head), server().credentials(),
                                   {.service = "s3", .region = server().region, .time = now(),
                                    .options = s3_signing_options()},
                                   {.mode = StreamingPayload::signed_chunks, .decoded_length = size,
                                    .chunk_size = 64 * 1024});
    if (!upload) FAIL(upload.error().to_string());
    return std::move(*upload);
}

std::string payload(std::size_t size) {
    std::string s(size, '\0');
    for (std::size_t i = 0; i < size; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 1000) % 26);
    return s;
}

}  // namespace

TEST_CASE("POST form upload with a presigned policy") {
    const std::string key = "post/ünï form.txt";
    auto form = post_form(key, {PostPolicyCondition::content_length(1, 1024)});
    auto res = send(form_request(form, "local name.txt", "uploaded by a form"));
    INFO(form.policy_document << "\n" << describe(res));
    REQUIRE(res.status / 100 == 2);
    CHECK(object(key) == "uploaded by a form");
}

TEST_CASE("POST form upload: a key inside starts-with is accepted, outside it is refused") {
    auto form = post_form("uploads/${filename}");
    auto inside = send(form_request(form, "x.txt", "inside", {{"key", "uploads/chosen by the page.txt"}}));
    INFO(describe(inside));
    CHECK(inside.status / 100 == 2);
    CHECK(object("uploads/chosen by the page.txt") == "inside");

    check_refused(send(form_request(form, "x.txt", "outside", {{"key", "elsewhere/evil.txt"}})));
    CHECK(object("elsewhere/evil.txt") == "<HTTP 404>");
}

TEST_CASE("POST form upload: a file over content-length-range is refused") {
    auto form = post_form("post/limited.txt", {PostPolicyCondition::content_length(1, 100)});
    check_refused(send(form_request(form, "big.txt", std::string(101, 'x'))));
    CHECK(object("post/limited.txt") == "<HTTP 404>");
    auto fits = send(form_request(form, "small.txt", std::string(100, 'x')));
    INFO(describe(fits));
    CHECK(fits.status / 100 == 2);
}

TEST_CASE("POST form upload: an expired policy, and a changed policy, are refused") {
    auto expired = post_form("post/expired.txt", {}, now() - std::chrono::hours(1), std::chrono::minutes(5));
    check_refused(send(form_request(expired, "a.txt", "late")));

    auto form = post_form("post/changed.txt");
    auto other = post_form("post/other.txt");
    std::string other_policy;
    for (const auto& f : other.fields)
        if (f.name == "policy") other_policy = f.value;
    // another (validly formed) policy under this form's signature
    check_refused(send(form_request(form, "a.txt", "swapped", {{"policy", other_policy}, {"key", "post/other.txt"}})));
    CHECK(object("post/other.txt") == "<HTTP 404>");
}

TEST_CASE("aws-chunked upload: 150 KiB in signed 64 KiB chunks") {
    const std::string key = "chunked/ünï stream.bin";
    const std::string data = payload(150 * 1024);
    auto upload = chunked_upload(key, data.size());
    auto framed = upload.encoder.encode_all(data);
    REQUIRE(framed);
    upload.request.body = *framed;
    CHECK(upload.request.headers.get("x-amz-content-sha256") == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
    CHECK(upload.request.headers.get("Content-Length") == std::to_string(framed->size()));
    auto res = send(upload.request);
    INFO(describe(res));
    REQUIRE(res.status == 200);
    CHECK(res.header("ETag") == "\"" + md5_hex(data) + "\"");
    CHECK(object(key) == data);
}

TEST_CASE("aws-chunked upload refused when one chunk's bytes are changed") {
    const std::string key = "chunked/tampered.bin";
    const std::string data = payload(100 * 1024);
    auto upload = chunked_upload(key, data.size());
    auto framed = upload.encoder.encode_all(data);
    REQUIRE(framed);
    // flip one data byte of the second chunk (its header and signature stay as signed)
    auto second = framed->find(";chunk-signature=", framed->find("\r\n") + 2);
    REQUIRE(second != std::string::npos);
    auto at = framed->find("\r\n", second) + 2 + 100;
    (*framed)[at] = (*framed)[at] == 'z' ? 'y' : 'z';
    upload.request.body = *framed;
    check_refused(send(upload.request));
    CHECK(object(key) == "<HTTP 404>");
}
