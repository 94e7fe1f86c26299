// Bad input to the signer and the raw-request reader: a typed error naming the problem, never a
// crash, never a secret in the message.
#include <awsreq/http/raw_request.hpp>
#include <awsreq/signing/sigv4.hpp>

#include <catch2/catch.hpp>

using namespace awsreq;

namespace {
const Timestamp kTime = unwrap(parse_timestamp("2015-08-30T12:36:00Z"));
const Credentials kCreds{"AKIDEXAMPLE", SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")};

Error sign_error(const SignedRequest& r, const Credentials& c = kCreds, SigningOptions o = {},
                 std::string_view service = "service", std::string_view region = "us-east-1") {
    auto s = sign(view(r), c, SigningParams{service, region, kTime, o});
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().message.find("wJalrXUtnFEMI") == std::string::npos);
    return s.error();
}
}  // namespace

TEST_CASE("malformed raw requests are refused with the line at fault", "[bad-input]") {
    struct Bad {
        const char* text;
        int line;
        const char* field;
    };
    const Bad cases[] = {
        {"", 1, "request-line"},
        {"GET\nHost:x\n\n", 1, "request-line"},
        {"GET / FTP/1.0\nHost:x\n\n", 1, "version"},
        {"G(T / HTTP/1.1\nHost:x\n\n", 1, "method"},
        {"GET / HTTP/1.1\nHost x\n\n", 2, "header"},
        {"GET / HTTP/1.1\n continuation first\n\n", 2, "header"},
        {"GET / HTTP/1.1\nX-Empty-Name:1\n:v\n\n", 3, "header"},
        {"GET / HTTP/1.1\nMy Header:v\n\n", 2, "My Header"},
        {"GET / HTTP/1.1\nX-A:v\n\n", 1, "Host"},
        {"GET ftp://x/ HTTP/1.1\n\n", 1, "scheme"},
        {"GET https://:80/ HTTP/1.1\n\n", 1, "host"},
        {"GET https://h:99999/ HTTP/1.1\n\n", 1, "port"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.text) {
            auto r = parse_raw_request(c.text);
            REQUIRE_FALSE(r.has_value());
            CHECK(r.error().line == c.line);
            CHECK(r.error().field == c.field);
            CHECK_FALSE(r.error().type.empty());
        }
    }
}

TEST_CASE("control characters in header names or values are refused", "[bad-input]") {
    auto v1 = parse_raw_request(std::string("GET / HTTP/1.1\nHost:x\nX-A:a\x01" "b\n\n"));
    REQUIRE_FALSE(v1.has_value());
    CHECK(v1.error().type == error_type::invalid_header);
    CHECK(v1.error().field == "X-A");

    SignedRequest r{"GET", "https://example.amazonaws.com/", {{"X-Bad", "a\r\nInjected: yes"}}, ""};
    Error e = sign_error(r);
    CHECK(e.type == error_type::invalid_header);
    CHECK(e.field == "X-Bad");

    SignedRequest r2{"GET", "https://example.amazonaws.com/", {{"X\x7f", "v"}}, ""};
    CHECK(sign_error(r2).type == error_type::invalid_header);
}

TEST_CASE("invalid URLs are refused naming the part", "[bad-input]") {
    const std::pair<const char*, const char*> cases[] = {
        {"", "url"},
        {"example.com/path", "scheme"},
        {"gopher://example.com/", "scheme"},
        {"https:///path", "host"},
        {"https://exa mple.com/", "host"},
        {"https://example.com:0/", "port"},
        {"https://example.com:http/", "port"},
        {"https://user@example.com/", "host"},
        {"https://example.com/a\nb", "url"},
        {"https://[::1/", "host"},
    };
    for (const auto& [url, part] : cases) {
        DYNAMIC_SECTION(url) {
            SignedRequest r{"GET", url, {}, ""};
            Error e = sign_error(r);
            CHECK(e.type == error_type::invalid_url);
            CHECK(e.field == part);
        }
    }
}

TEST_CASE("empty or malformed credentials are refused", "[bad-input]") {
    SignedRequest r{"GET", "https://example.amazonaws.com/", {}, ""};
    CHECK(sign_error(r, Credentials{"", SecretString("s")}).field == "access_key_id");
    CHECK(sign_error(r, Credentials{"AK ID", SecretString("s")}).field == "access_key_id");
    CHECK(sign_error(r, Credentials{"AKID", SecretString("")}).field == "secret_access_key");
    Credentials empty_token{"AKID", SecretString("s"), SecretString("")};
    CHECK(sign_error(r, empty_token).field == "session_token");
    CHECK(sign_error(r, kCreds, {}, "", "us-east-1").field == "service");
    CHECK(sign_error(r, kCreds, {}, "service", "us east 1").field == "region");
}

TEST_CASE("presign expiry must be 1 second to 7 days", "[bad-input]") {
    SignedRequest r{"GET", "https://example.amazonaws.com/", {}, ""};
    for (long long s : {0LL, -5LL, 604801LL, 10000000LL}) {
        DYNAMIC_SECTION(s) {
            SigningOptions o{.location = SignatureLocation::query, .expires_in = std::chrono::seconds(s)};
            Error e = sign_error(r, kCreds, o);
            CHECK(e.type == error_type::invalid_expiry);
            CHECK(e.field == "expires_in");
        }
    }
    SigningOptions week{.location = SignatureLocation::query, .expires_in = std::chrono::seconds(604800)};
    CHECK(sign(view(r), kCreds, SigningParams{"service", "us-east-1", kTime, week}).has_value());
}

TEST_CASE("presigning reports the credentials' earlier expiration", "[presign]") {
    SignedRequest r{"GET", "https://example.amazonaws.com/", {}, ""};
    Credentials temp{"AKID", SecretString("s"), SecretString("token"), kTime + std::chrono::minutes(10)};
    SigningOptions o{.location = SignatureLocation::query, .expires_in = std::chrono::hours(1)};
    auto s = sign(view(r), temp, SigningParams{"service", "us-east-1", kTime, o});
    REQUIRE(s.has_value());
    REQUIRE(s->trace);
    CHECK(*s->trace->expires_at == kTime + std::chrono::minutes(10));
    CHECK(s->trace->expiry_limited_by_credentials);
    CHECK(s->trace->to_string().find("token") == std::string::npos);

    Credentials expired{"AKID", SecretString("s"), std::nullopt, kTime - std::chrono::seconds(1)};
    auto e = sign(view(r), expired, SigningParams{"service", "us-east-1", kTime, o});
    REQUIRE_FALSE(e.has_value());
    CHECK(e.error().field == "expiration");
}

TEST_CASE("a bad precomputed payload hash is refused", "[bad-input]") {
    SignedRequest r{"PUT", "https://example.amazonaws.com/", {}, "x"};
    SigningOptions o{.payload = PayloadSigning::precomputed, .payload_hash = "nothex"};
    CHECK(sign_error(r, kCreds, o).field == "payload_hash");
    SignedRequest r2{"PUT", "https://example.amazonaws.com/", {{"x-amz-content-sha256", "zz"}}, "x"};
    CHECK(sign_error(r2).field == "x-amz-content-sha256");
}

TEST_CASE("SignedRequest renders as raw HTTP, curl and JSON", "[http]") {
    SignedRequest r{"PUT", "https://b.s3.amazonaws.com/k%20y?acl", {{"Content-Type", "text/plain"}, {"X-Amz-Meta-A", "it's"}}, "hi"};
    CHECK(to_http(r) == "PUT /k%20y?acl HTTP/1.1\nContent-Type:text/plain\nX-Amz-Meta-A:it's\n\nhi");
    CHECK(to_http(r, LineEnding::crlf).find("\r\n\r\nhi") != std::string::npos);
    CHECK(to_curl(r) == "curl -X 'PUT' -H 'Content-Type: text/plain' -H 'X-Amz-Meta-A: it'\\''s' --data-binary 'hi' "
                        "'https://b.s3.amazonaws.com/k%20y?acl'");
    CHECK(to_json(r) == R"({"method":"PUT","url":"https://b.s3.amazonaws.com/k%20y?acl","headers":{"Content-Type":"text/plain","X-Amz-Meta-A":"it's"},"body":"hi"})");
    r.body = std::string("\xff\x00", 2);
    CHECK(to_json(r).find(R"("body_base64":"/wA=")") != std::string::npos);
    CHECK(r.headers.get("content-type") == std::optional<std::string_view>("text/plain"));
}
