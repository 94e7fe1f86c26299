// SigV4A: region sets, key derivation and cache, verification, bad input.
#include <awsreq/signing/sigv4a.hpp>

#include <catch2/catch.hpp>

using namespace awsreq;

namespace {

Credentials example_credentials() {
    Credentials c;
    c.access_key_id = "AKIDEXAMPLE";
    c.secret_access_key = SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    return c;
}

Timestamp example_time() { return unwrap(parse_timestamp("20150830T123600Z")); }

}  // namespace

TEST_CASE("SigV4A: a multi-region set is joined with commas and signed", "[sigv4a]") {
    HeaderList headers{{"Host", "example.amazonaws.com"}};
    RequestView req{"GET", "/", &headers, ""};
    SigV4aKeyCache cache;
    SigningParamsV4a p{"s3", {"us-east-1", "us-west-2"}, example_time(), {}, &cache};
    auto r = sign_sigv4a(req, example_credentials(), p);
    REQUIRE(r.has_value());
    CHECK(r->headers.get("X-Amz-Region-Set") == std::optional<std::string_view>("us-east-1,us-west-2"));
    auto auth = std::string(*r->headers.get("Authorization"));
    CHECK(auth.starts_with("AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20150830/s3/aws4_request, "
                           "SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=30"));
    auto steps = unwrap(sigv4a_signing_steps(req, example_credentials(), p));
    auto sig = auth.substr(auth.find("Signature=") + 10);
    auto pub = unwrap(derive_sigv4a_public_key(example_credentials()));
    CHECK(unwrap(verify_sigv4a_signature(steps.string_to_sign.to_string(), sig, pub)));
    CHECK(cache.size() == 1);

    p.options.location = SignatureLocation::query;
    auto q = sign_sigv4a(req, example_credentials(), p);
    REQUIRE(q.has_value());
    CHECK(q->url.find("&X-Amz-Region-Set=us-east-1%2Cus-west-2&X-Amz-Signature=30") != std::string::npos);
    CHECK(cache.size() == 1);  // the derived key was reused
}

TEST_CASE("SigV4A: the wildcard region set", "[sigv4a]") {
    HeaderList headers{{"Host", "example.amazonaws.com"}};
    auto r = sign_sigv4a(RequestView{"GET", "/", &headers, ""}, example_credentials(),
                         SigningParamsV4a{"s3", {"*"}, example_time()});
    REQUIRE(r.has_value());
    CHECK(r->headers.get("x-amz-region-set") == std::optional<std::string_view>("*"));
}

TEST_CASE("SigV4A: bad input is a typed error", "[sigv4a]") {
    HeaderList headers{{"Host", "example.amazonaws.com"}};
    RequestView req{"GET", "/", &headers, ""};
    auto creds = example_credentials();
    SECTION("empty region set") {
        auto r = sign_sigv4a(req, creds, SigningParamsV4a{"s3", {}, example_time()});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().type == error_type::invalid_argument);
        CHECK(r.error().field == "region_set");
    }
    SECTION("a region with a comma or space") {
        for (const char* bad : {"us-east-1,us-west-2", "us east", ""}) {
            auto r = sign_sigv4a(req, creds, SigningParamsV4a{"s3", {bad}, example_time()});
            REQUIRE_FALSE(r.has_value());
            CHECK(r.error().field == "region_set");
        }
    }
    SECTION("empty service") {
        auto r = sign_sigv4a(req, creds, SigningParamsV4a{"", {"us-east-1"}, example_time()});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().field == "service");
    }
    SECTION("missing secret") {
        creds.secret_access_key = SecretString();
        auto r = sign_sigv4a(req, creds, SigningParamsV4a{"s3", {"us-east-1"}, example_time()});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().type == error_type::invalid_credentials);
    }
    SECTION("presign expiry out of range") {
        SigningParamsV4a p{"s3", {"us-east-1"}, example_time()};
        p.options.location = SignatureLocation::query;
        p.options.expires_in = std::chrono::seconds(604801);
        auto r = sign_sigv4a(req, creds, p);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().type == error_type::invalid_expiry);
    }
    SECTION("no host") {
        HeaderList none;
        auto r = sign_sigv4a(RequestView{"GET", "/", &none, ""}, creds, SigningParamsV4a{"s3", {"us-east-1"}, example_time()});
        REQUIRE_FALSE(r.has_value());
    }
}

TEST_CASE("SigV4A: derivation is deterministic and depends on both key id and secret", "[sigv4a]") {
    auto a = unwrap(derive_sigv4a_key("AKIDEXAMPLE", "secret-one")).public_key();
    auto b = unwrap(derive_sigv4a_key("AKIDEXAMPLE", "secret-one")).public_key();
    auto c = unwrap(derive_sigv4a_key("AKIDEXAMPLE", "secret-two")).public_key();
    auto d = unwrap(derive_sigv4a_key("AKIDOTHER", "secret-one")).public_key();
    CHECK(a == b);
    CHECK_FALSE(a == c);
    CHECK_FALSE(a == d);
    CHECK(a.x.size() == 64);
    CHECK(a.y.size() == 64);
    CHECK_FALSE(derive_sigv4a_key("", "s").has_value());
    CHECK_FALSE(derive_sigv4a_key("AKID", "").has_value());
}

TEST_CASE("SigV4A: verification rejects tampering and malformed input", "[sigv4a]") {
    auto key = unwrap(derive_sigv4a_key("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    auto sig = unwrap(key.sign("message"));
    auto sig2 = unwrap(key.sign("message"));
    CHECK(sig != sig2);  // randomized nonces
    CHECK(unwrap(verify_sigv4a_signature("message", sig, key.public_key())));
    CHECK(unwrap(verify_sigv4a_signature("message", sig2, key.public_key())));
    CHECK_FALSE(unwrap(verify_sigv4a_signature("messagE", sig, key.public_key())));
    CHECK_FALSE(unwrap(verify_sigv4a_signature("message", "zz", key.public_key())));
    CHECK_FALSE(unwrap(verify_sigv4a_signature("message", "", key.public_key())));
    CHECK_FALSE(unwrap(verify_sigv4a_signature("message", sig.substr(0, 20), key.public_key())));
    EcPublicKey off_curve = key.public_key();
    off_curve.y[63] = off_curve.y[63] == '0' ? '1' : '0';
    CHECK_FALSE(verify_sigv4a_signature("message", sig, off_curve).has_value());
    CHECK_FALSE(verify_sigv4a_signature("message", sig, EcPublicKey{"12", "34"}).has_value());
    SigV4aSigningKey empty;
    CHECK_FALSE(empty.sign("x").has_value());
}

TEST_CASE("SigV4A: the key cache is bounded", "[sigv4a]") {
    SigV4aKeyCache cache(2);
    REQUIRE(cache.get("A", "s1").has_value());
    REQUIRE(cache.get("B", "s1").has_value());
    REQUIRE(cache.get("A", "s2").has_value());
    CHECK(cache.size() == 2);
    cache.clear();
    CHECK(cache.size() == 0);
    CHECK_FALSE(cache.get("", "s").has_value());
}

TEST_CASE("SigV4A: region sets from text", "[sigv4a]") {
    CHECK(unwrap(parse_region_set("us-east-1")) == std::vector<std::string>{"us-east-1"});
    CHECK(unwrap(parse_region_set(" us-east-1 , us-west-2")) == std::vector<std::string>{"us-east-1", "us-west-2"});
    CHECK(unwrap(parse_region_set("*")) == std::vector<std::string>{"*"});
    for (const char* bad : {"", ",", "us-east-1,", "us east-1", "a,,b"}) {
        auto r = parse_region_set(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().field == "region_set");
    }
}

TEST_CASE("SigV4A: the trace shows the regionless scope", "[sigv4a]") {
    HeaderList headers{{"Host", "example.amazonaws.com"}};
    SigningParamsV4a p{"s3", {"us-east-1"}, example_time()};
    p.options.record_trace = true;
    auto r = sign_sigv4a(RequestView{"GET", "/", &headers, ""}, example_credentials(), p);
    REQUIRE(r.has_value());
    REQUIRE(r->trace);
    CHECK(r->trace->scope.to_string() == "20150830/s3/aws4_request");
    CHECK(r->trace->string_to_sign.algorithm == "AWS4-ECDSA-P256-SHA256");
}
