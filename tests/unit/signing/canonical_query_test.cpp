// The canonical query string: a query already in canonical form is copied as it is, anything
// else is decoded, re-encoded and sorted. Both roads must give the SigV4 form.
#include <awsreq/signing/sigv4.hpp>

#include <catch2/catch.hpp>

using namespace awsreq;

namespace {

std::string canonical_query_of(std::string_view query, SigningOptions o = {}) {
    std::string url = "https://example.amazonaws.com/";
    if (!query.empty() || o.location == SignatureLocation::query) url += "?" + std::string(query);
    SignedRequest r{"GET", url, {}, ""};
    Credentials c{"AKIDEXAMPLE", SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")};
    auto steps = signing_steps(view(r), c,
                               SigningParams{"service", "us-east-1", unwrap(parse_timestamp("20150830T123600Z")), o});
    REQUIRE(steps.has_value());
    return steps->canonical_request.query;
}

}  // namespace

TEST_CASE("canonical query strings, in order or not", "[sigv4][canonical]") {
    const std::pair<const char*, const char*> cases[] = {
        {"Action=ListUsers&Version=2010-05-08", "Action=ListUsers&Version=2010-05-08"},
        {"Version=2010-05-08&Action=ListUsers", "Action=ListUsers&Version=2010-05-08"},
        {"A=1&A=0", "A=0&A=1"},                  // same name: ordered by value
        {"A=0&A=0", "A=0&A=0"},                  // duplicates kept
        {"A", "A="},                             // no '=': empty value
        {"A=&B=", "A=&B="},
        {"A=b=c", "A=b%3Dc"},                    // '=' inside a value is encoded
        {"A=1&", "A=1"},                         // stray separators dropped
        {"&A=1", "A=1"},
        {"A=1&&B=2", "A=1&B=2"},
        {"a=1&B=2", "B=2&a=1"},                  // byte order: upper case first
        {"A=%41", "A=A"},                        // unreserved characters are decoded
        {"A=%2f", "A=%2F"},                      // hex in upper case
        {"A=x y", "A=x%20y"},
        {"A=+", "A=%2B"},
        {"A=~x.y_z-", "A=~x.y_z-"},
        {"", ""},
    };
    for (const auto& [query, expected] : cases) {
        DYNAMIC_SECTION("?" << query) { CHECK(canonical_query_of(query) == expected); }
    }
}

TEST_CASE("presigned canonical queries merge the request's parameters with the signer's", "[sigv4][canonical]") {
    SigningOptions o{.location = SignatureLocation::query, .expires_in = std::chrono::seconds(60)};
    const std::string signer =
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request"
        "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host";
    CHECK(canonical_query_of("", o) == signer);
    CHECK(canonical_query_of("a=1", o) == signer + "&a=1");
    CHECK(canonical_query_of("A=1", o) == "A=1&" + signer);
    CHECK(canonical_query_of("X-Amz-E=1", o) ==
          "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request"
          "&X-Amz-Date=20150830T123600Z&X-Amz-E=1&X-Amz-Expires=60&X-Amz-SignedHeaders=host");
}
