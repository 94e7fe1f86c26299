// AWS documentation worked examples (../shared/testdata/presign): S3 presigned GET, S3 header
// signing, IAM header and query signing, and the signing-key derivation. Each stage is checked.
#include <awsreq/core/encoding.hpp>
#include <awsreq/signing/sigv4.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

#include <algorithm>

using namespace awsreq;
using nlohmann::json;

namespace {

json load(const char* file) { return json::parse(test::read_file(test::testdata() / "presign" / file)); }

SignedRequest request_of(const json& c) {
    SignedRequest r;
    r.method = c["request"]["method"];
    r.url = c["request"]["url"];
    for (auto& [k, v] : c["request"]["headers"].items()) r.headers.add(k, v.get<std::string>());
    r.body = c["request"]["body"];
    return r;
}

Credentials credentials_of(const json& c) {
    return Credentials{c["credentials"]["access_key_id"],
                       SecretString(c["credentials"]["secret_access_key"].get<std::string>())};
}

SigningOptions options_of(const json& c, SignatureLocation location) {
    SigningOptions o;
    if (c.contains("s3_rules")) o = s3_signing_options();
    o.location = location;
    o.payload = PayloadSigning::precomputed;
    o.payload_hash = c["payload_hash"];
    if (location == SignatureLocation::query) {
        o.content_sha256 = ContentSha256Header::omit;
        o.expires_in = std::chrono::seconds(c["expires_in"].get<int>());
    }
    return o;
}

// "https://h?b=2&a=1" and "https://h/?a=1&b=2" are the same presigned URL.
std::pair<std::string, std::vector<std::string>> normalized_url(std::string_view url) {
    auto q = url.find('?');
    std::string base(url.substr(0, q));
    if (std::count(base.begin(), base.end(), '/') == 2) base += '/';
    std::vector<std::string> params;
    std::string_view rest = q == std::string_view::npos ? std::string_view{} : url.substr(q + 1);
    while (!rest.empty()) {
        auto amp = rest.find('&');
        params.emplace_back(rest.substr(0, amp));
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    }
    std::sort(params.begin(), params.end());
    return {base, params};
}

std::string without_spaces_after_commas(std::string s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        out.push_back(s[i]);
        if (s[i] == ',' && i + 1 < s.size() && s[i + 1] == ' ') ++i;
    }
    return out;
}

void check_case(const json& c) {
    bool presigned = c["expected"].contains("presigned_url");
    SignatureLocation location = presigned ? SignatureLocation::query : SignatureLocation::header;
    SignedRequest req = request_of(c);
    Credentials creds = credentials_of(c);
    std::string service = c["service"], region = c["region"];
    Timestamp t = unwrap(parse_timestamp(c["timestamp"].get<std::string>()));
    SigningParams params{service, region, t, options_of(c, location)};

    auto steps = signing_steps(view(req), creds, params);
    REQUIRE(steps.has_value());
    CHECK(steps->canonical_request.to_string() == c["expected"]["canonical_request"].get<std::string>());
    CHECK(steps->string_to_sign.to_string() == c["expected"]["string_to_sign"].get<std::string>());

    params.options.record_trace = true;
    auto signed_req = sign(view(req), creds, params);
    REQUIRE(signed_req.has_value());
    CHECK(signed_req->trace->signature == c["expected"]["signature"].get<std::string>());
    if (presigned) {
        CHECK(normalized_url(signed_req->url) == normalized_url(c["expected"]["presigned_url"].get<std::string>()));
    } else {
        auto auth = signed_req->headers.get("Authorization");
        REQUIRE(auth);
        CHECK(without_spaces_after_commas(std::string(*auth)) ==
              without_spaces_after_commas(c["expected"]["authorization"].get<std::string>()));
    }
}

}  // namespace

TEST_CASE("AWS documentation examples: S3 presigned GET", "[presign][vectors]") {
    auto doc = load("s3-presigned-url.json");
    for (const auto& c : doc["cases"])
        DYNAMIC_SECTION(c["name"].get<std::string>()) { check_case(c); }
}

TEST_CASE("AWS documentation examples: S3 header signing", "[presign][vectors]") {
    auto doc = load("s3-header-signing.json");
    REQUIRE(doc["cases"].size() == 4);
    for (const auto& c : doc["cases"])
        DYNAMIC_SECTION(c["name"].get<std::string>()) { check_case(c); }
}

TEST_CASE("AWS documentation examples: IAM header/query signing and key derivation", "[presign][vectors]") {
    auto doc = load("aws-general-reference-sigv4.json");
    for (const auto& c : doc["cases"]) {
        DYNAMIC_SECTION(c["name"].get<std::string>()) {
            if (c.contains("expected") && c["expected"].contains("kSigning")) {
                std::string secret = c["secret_access_key"];
                auto d = derive_signing_key(secret, c["date"].get<std::string>(), c["region"].get<std::string>(),
                                            c["service"].get<std::string>());
                CHECK(hex_encode("AWS4" + secret) == c["expected"]["kSecret"].get<std::string>());
                CHECK(hex_encode(d.k_date) == c["expected"]["kDate"].get<std::string>());
                CHECK(hex_encode(d.k_region) == c["expected"]["kRegion"].get<std::string>());
                CHECK(hex_encode(d.k_service) == c["expected"]["kService"].get<std::string>());
                CHECK(hex_encode(d.k_signing) == c["expected"]["kSigning"].get<std::string>());
            } else {
                check_case(c);
            }
        }
    }
}

TEST_CASE("S3 presign preset reproduces the documented URL", "[presign]") {
    json c = load("s3-presigned-url.json")["cases"][0];
    SignedRequest req{"GET", "https://examplebucket.s3.amazonaws.com/test.txt", {}, ""};
    SigningParams params{"s3", "us-east-1", unwrap(parse_timestamp("20130524T000000Z")),
                         s3_presign_options(std::chrono::hours(24))};
    auto r = presign(view(req), credentials_of(c), params);
    REQUIRE(r.has_value());
    CHECK(normalized_url(r->url) == normalized_url(c["expected"]["presigned_url"].get<std::string>()));
    // No trace unless asked for (or the credentials cut the URL's life short).
    CHECK(r->trace == nullptr);

    // The owned overload moves the request in and gives the same URL.
    auto moved = presign(SignedRequest(req), credentials_of(c), params);
    REQUIRE(moved.has_value());
    CHECK(moved->url == r->url);

    params.options.record_trace = true;
    r = presign(view(req), credentials_of(c), params);
    REQUIRE(r.has_value());
    REQUIRE(r->trace);
    REQUIRE(r->trace->expires_at);
    CHECK(format_iso8601(*r->trace->expires_at) == "2013-05-25T00:00:00Z");
    CHECK_FALSE(r->trace->expiry_limited_by_credentials);
}
