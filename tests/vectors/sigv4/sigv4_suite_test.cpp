// The aws-c-auth SigV4 test suite (../shared/testdata/sigv4): every case, header and query
// variants, each stage checked byte for byte through the library API.
#include <awsreq/http/raw_request.hpp>
#include <awsreq/signing/sigv4.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

#include <filesystem>

namespace fs = std::filesystem;
using namespace awsreq;

namespace {

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(test::testdata() / "sigv4"))
        if (e.is_directory()) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

struct Case {
    SignedRequest request;
    Credentials credentials;
    std::string region, service;
    Timestamp time;
    SigningOptions options;
};

Case load_case(const fs::path& dir, SignatureLocation location) {
    auto ctx = nlohmann::json::parse(test::read_file(dir / "context.json"));
    Case c;
    c.request = unwrap(parse_raw_request(test::read_file(dir / "request.txt")));
    c.credentials.access_key_id = ctx["credentials"]["access_key_id"];
    c.credentials.secret_access_key = SecretString(ctx["credentials"]["secret_access_key"].get<std::string>());
    if (ctx["credentials"].contains("token"))
        c.credentials.session_token = SecretString(ctx["credentials"]["token"].get<std::string>());
    c.region = ctx["region"];
    c.service = ctx["service"];
    c.time = unwrap(parse_timestamp(ctx["timestamp"].get<std::string>()));
    c.options.location = location;
    c.options.record_trace = true;
    c.options.path = ctx.value("normalize", true) ? PathNormalization::normalize : PathNormalization::keep;
    c.options.content_sha256 =
        ctx.value("sign_body", false) && location == SignatureLocation::header ? ContentSha256Header::add
                                                                               : ContentSha256Header::omit;
    c.options.session_token = ctx.value("omit_session_token", false) ? SessionTokenPlacement::append_after_signing
                                                                     : SessionTokenPlacement::sign;
    c.options.expires_in = std::chrono::seconds(ctx.value("expiration_in_seconds", 3600));
    return c;
}

}  // namespace

TEST_CASE("SigV4 suite: every case, header and query signing", "[sigv4][vectors]") {
    auto names = case_names();
    REQUIRE(names.size() == 38);
    std::size_t checked = 0;
    for (const auto& name : names) {
        for (auto location : {SignatureLocation::header, SignatureLocation::query}) {
            std::string prefix = location == SignatureLocation::header ? "header-" : "query-";
            DYNAMIC_SECTION(name << " (" << prefix << "signing)") {
                fs::path dir = test::testdata() / "sigv4" / name;
                Case c = load_case(dir, location);
                SigningKeyCache cache;
                SigningParams params{c.service, c.region, c.time, c.options, &cache};

                auto steps = signing_steps(view(c.request), c.credentials, params);
                REQUIRE(steps.has_value());
                CHECK(steps->canonical_request.to_string() == test::read_file(dir / (prefix + "canonical-request.txt")));
                CHECK(steps->string_to_sign.to_string() == test::read_file(dir / (prefix + "string-to-sign.txt")));

                auto signed_req = sign(view(c.request), c.credentials, params);
                REQUIRE(signed_req.has_value());
                REQUIRE(signed_req->trace);
                CHECK(signed_req->trace->signature == test::read_file(dir / (prefix + "signature.txt")));
                CHECK(to_http(*signed_req) == test::read_file(dir / (prefix + "signed-request.txt")));

                // The owned overload (moves the request in) builds the very same request.
                auto owned = sign(SignedRequest(c.request), c.credentials, params);
                REQUIRE(owned.has_value());
                CHECK(to_http(*owned) == to_http(*signed_req));
                ++checked;
            }
        }
    }
    CHECK(checked <= 76);
}

TEST_CASE("SigV4 suite: traces never show the session token", "[sigv4][vectors]") {
    for (const auto& name : {"get-vanilla-with-session-token", "post-sts-header-before"}) {
        DYNAMIC_SECTION(name) {
            Case c = load_case(test::testdata() / "sigv4" / name, SignatureLocation::header);
            c.options.record_trace = true;
            auto r = sign(view(c.request), c.credentials, SigningParams{c.service, c.region, c.time, c.options});
            REQUIRE(r.has_value());
            REQUIRE(r->trace);
            std::string token(c.credentials.session_token->reveal());
            CHECK(r->trace->to_string().find(token) == std::string::npos);
            CHECK(r->trace->to_string().find("<redacted>") != std::string::npos);
        }
    }
}
