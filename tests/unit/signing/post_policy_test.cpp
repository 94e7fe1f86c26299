// S3 POST policies: agreement with botocore's generate_presigned_post, condition parsing, bad input.
#include <awsreq/core/encoding.hpp>
#include <awsreq/signing/post_policy.hpp>

#include <catch2/catch.hpp>

using namespace awsreq;

namespace {

Credentials creds(bool token = false) {
    Credentials c;
    c.access_key_id = "AKIDEXAMPLE";
    c.secret_access_key = SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    if (token) c.session_token = SecretString("TOKEN/+=");
    return c;
}

}  // namespace

TEST_CASE("POST policy: the same form as botocore's generate_presigned_post", "[post-policy]") {
    // Reference output of botocore 1.29.27 (python3-botocore), s3v4, region us-east-1, signing
    // time 20261122T004832Z, for:
    //   generate_presigned_post('examplebucket', 'uploads/${filename}',
    //       Fields={'acl': 'public-read', 'Content-Type': 'image/jpeg'},
    //       Conditions=[{'acl': 'public-read'}, ['starts-with', '$Content-Type', 'image/'],
    //                   ['content-length-range', 1, 10485760],
    //                   {'x-amz-meta-note': 'caf\u00e9 \U0001F600 "q"'}], ExpiresIn=900)
    // with session token "TOKEN/+=".
    const std::string botocore_policy =
        "eyJleHBpcmF0aW9uIjogIjIwMjYtMTEtMjJUMDE6MDM6MzJaIiwgImNvbmRpdGlvbnMiOiBbeyJhY2wiOiAicHVibGljLXJlYWQifSwgWyJz"
        "dGFydHMtd2l0aCIsICIkQ29udGVudC1UeXBlIiwgImltYWdlLyJdLCBbImNvbnRlbnQtbGVuZ3RoLXJhbmdlIiwgMSwgMTA0ODU3NjBdLCB7"
        "IngtYW16LW1ldGEtbm90ZSI6ICJjYWZcdTAwZTkgXHVkODNkXHVkZTAwIFwicVwiIn0sIHsiYnVja2V0IjogImV4YW1wbGVidWNrZXQifSwg"
        "WyJzdGFydHMtd2l0aCIsICIka2V5IiwgInVwbG9hZHMvIl0sIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwgeyJ4"
        "LWFtei1jcmVkZW50aWFsIjogIkFLSURFWEFNUExFLzIwMjYxMTIyL3VzLWVhc3QtMS9zMy9hd3M0X3JlcXVlc3QifSwgeyJ4LWFtei1kYXRl"
        "IjogIjIwMjYxMTIyVDAwNDgzMloifSwgeyJ4LWFtei1zZWN1cml0eS10b2tlbiI6ICJUT0tFTi8rPSJ9XX0=";
    const std::string botocore_signature = "999fc32aa60dc09e53908887d7e768731319b2585789f5e46ec3835cc0448b85";

    auto conditions = parse_post_policy_conditions(
        R"([{"acl": "public-read"}, ["starts-with", "$Content-Type", "image/"], ["content-length-range", 1, 10485760],
            {"x-amz-meta-note": "caf\u00e9 \ud83d\ude00 \"q\""}])");
    REQUIRE(conditions.has_value());
    auto fields = parse_post_policy_fields(R"({"acl": "public-read", "Content-Type": "image/jpeg"})");
    REQUIRE(fields.has_value());
    PostPolicyRequest req{"https://examplebucket.s3.amazonaws.com/", "examplebucket", "uploads/${filename}", *fields,
                          *conditions, std::chrono::seconds(900)};
    auto post = presign_post(req, creds(true), PostPolicyParams{"us-east-1", unwrap(parse_timestamp("20261122T004832Z"))});
    REQUIRE(post.has_value());
    CHECK(post->url == "https://examplebucket.s3.amazonaws.com/");
    std::vector<PostField> expected = {
        {"acl", "public-read"},
        {"Content-Type", "image/jpeg"},
        {"key", "uploads/${filename}"},
        {"x-amz-algorithm", "AWS4-HMAC-SHA256"},
        {"x-amz-credential", "AKIDEXAMPLE/20261122/us-east-1/s3/aws4_request"},
        {"x-amz-date", "20261122T004832Z"},
        {"x-amz-security-token", "TOKEN/+="},
        {"policy", botocore_policy},
        {"x-amz-signature", botocore_signature},
    };
    CHECK(post->fields == expected);
    CHECK(base64_encode(post->policy_document) == botocore_policy);
}

TEST_CASE("POST policy: exact key, no token, millisecond expiration", "[post-policy]") {
    PostPolicyRequest req{"https://b.s3.amazonaws.com/", "b", "photo.jpg"};
    req.conditions.push_back(PostPolicyCondition::content_length(0, 100));
    PostPolicyParams params{"eu-west-1", unwrap(parse_timestamp("2015-12-29T00:00:00Z")),
                            PolicyExpirationFormat::milliseconds};
    auto post = presign_post(req, creds(), params);
    REQUIRE(post.has_value());
    CHECK(post->policy_document ==
          R"({"expiration": "2015-12-29T01:00:00.000Z", "conditions": [["content-length-range", 0, 100], )"
          R"({"bucket": "b"}, {"key": "photo.jpg"}, {"x-amz-algorithm": "AWS4-HMAC-SHA256"}, )"
          R"({"x-amz-credential": "AKIDEXAMPLE/20151229/eu-west-1/s3/aws4_request"}, {"x-amz-date": "20151229T000000Z"}]})");
    for (const auto& f : post->fields) CHECK(f.name != "x-amz-security-token");
    auto sig = unwrap(sign_post_policy(post->policy_document, creds(), params));
    CHECK(post->fields.back() == PostField{"x-amz-signature", sig.signature});
}

TEST_CASE("POST policy: condition parsing", "[post-policy]") {
    auto c = unwrap(parse_post_policy_conditions(R"([["eq", "$acl", "private"], ["STARTS-WITH", "$key", ""]])"));
    REQUIRE(c.size() == 2);
    CHECK(c[0].kind == PostPolicyCondition::Kind::equals);
    CHECK(c[1] == PostPolicyCondition::starts_with_prefix("$key", ""));
    CHECK(unwrap(parse_post_policy_conditions("[]")).empty());
}

TEST_CASE("POST policy: bad input is a typed error", "[post-policy]") {
    for (const char* bad : {
             R"({"acl": "private"})",                        // not a list
             R"("x")",                                       // not a list
             R"([{"acl": "a", "b": "c"}])",                  // two members
             R"([{"acl": 1}])",                              // non-string value
             R"([["starts-with", "key", "x"]])",             // field without '$'
             R"([["starts-with", "$key"]])",                 // arity
             R"([["between", "$key", "a"]])",                // unknown operator
             R"([["content-length-range", 10, 1]])",         // min > max
             R"([["content-length-range", -1, 1]])",         // negative
             R"([["content-length-range", 1.5, 2]])",        // not an integer
             R"([["content-length-range", 1, 99999999999999999999999]])",  // out of range
             R"([42])",                                      // neither object nor list
             R"([{"acl": "private"})",                       // unterminated
             R"([{"acl": "\ud800"}])",                       // lone surrogate
             "",
         }) {
        DYNAMIC_SECTION(bad) {
            auto r = parse_post_policy_conditions(bad);
            REQUIRE_FALSE(r.has_value());
            CHECK(r.error().type == error_type::param_validation);
            CHECK(r.error().field.starts_with("Conditions"));
        }
    }
    CHECK_FALSE(parse_post_policy_fields(R"(["a"])").has_value());
    CHECK_FALSE(parse_post_policy_fields(R"({"a": 1})").has_value());

    PostPolicyParams params{"us-east-1", unwrap(parse_timestamp("20151229T000000Z"))};
    PostPolicyRequest req{"https://b.s3.amazonaws.com/", "b", "k"};
    for (long long secs : {0LL, -5LL, 604801LL}) {
        req.expires_in = std::chrono::seconds(secs);
        auto r = presign_post(req, creds(), params);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().type == error_type::invalid_expiry);
    }
    req.expires_in = std::chrono::seconds(60);
    req.conditions = {PostPolicyCondition::content_length(5, 1)};
    CHECK_FALSE(presign_post(req, creds(), params).has_value());
    req.conditions.clear();
    req.key.clear();
    CHECK(presign_post(req, creds(), params).error().field == "Key");
    CHECK_FALSE(sign_post_policy("", creds(), params).has_value());
    CHECK_FALSE(sign_post_policy("{}", creds(), PostPolicyParams{"", params.time}).has_value());
    Credentials none;
    CHECK(sign_post_policy("{}", none, params).error().type == error_type::invalid_credentials);
}
