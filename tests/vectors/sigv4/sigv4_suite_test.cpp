// The aws-c-auth SigV4 test suite (../shared/testdata/sigv4): every case, header and query
// variants, each stage checked byte for byte through the library API.
#include <awsreq/http/raw_request.hpp>
#include <awsreq/signing/sigv4.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../suite_case.hpp"
#include "test_support.hpp"

#include <filesystem>

namespace fs = std::filesystem;
using namespace awsreq;

namespace {

std::vector<std::string> case_names() { return test::suite_case_names("sigv4"); }

test::SuiteCase load_case(const fs::path& dir, SignatureLocation location) {
    test::SuiteCase c = test::load_suite_case(dir, location);
    c.options.record_trace = true;
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
                test::SuiteCase c = load_case(dir, location);
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
            test::SuiteCase c = load_case(test::testdata() / "sigv4" / name, SignatureLocation::header);
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
