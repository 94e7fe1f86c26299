// The aws-c-auth SigV4A suite (../shared/testdata/sigv4a): every case, header and query. ECDSA
// signatures are randomized, so the canonical request and string to sign are compared byte for
// byte, the derived public key against public-key.json, and our signature is verified under it.
#include <awsreq/http/raw_request.hpp>
#include <awsreq/signing/sigv4a.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../suite_case.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>

namespace fs = std::filesystem;
using namespace awsreq;

namespace {

std::vector<std::string> case_names() { return test::suite_case_names("sigv4a"); }

// A SigV4 suite case plus the public key its secret derives to.
struct Case : test::SuiteCase {
    EcPublicKey public_key;
};

Case load_case(const fs::path& dir, SignatureLocation location) {
    Case c{test::load_suite_case(dir, location), {}};
    auto pk = nlohmann::json::parse(test::read_file(dir / "public-key.json"));
    c.public_key = EcPublicKey{pk["X"].get<std::string>(), pk["Y"].get<std::string>()};
    return c;
}

// The signature hex in a signed request (header or query), replaced by a placeholder so the rest
// of the request can be compared byte for byte.
std::string mask_signature(std::string text, std::string* signature = nullptr) {
    static const std::regex re("(Signature=)([0-9a-f]+)");
    std::smatch m;
    if (signature && std::regex_search(text, m, re)) *signature = m[2];
    return std::regex_replace(text, re, "$1<sig>");
}

}  // namespace

TEST_CASE("SigV4A suite: every case, header and query signing", "[sigv4a][vectors]") {
    auto names = case_names();
    REQUIRE(names.size() == 19);
    SigV4aKeyCache cache;
    for (const auto& name : names) {
        for (auto location : {SignatureLocation::header, SignatureLocation::query}) {
            std::string prefix = location == SignatureLocation::header ? "header-" : "query-";
            DYNAMIC_SECTION(name << " (" << prefix << "signing)") {
                fs::path dir = test::testdata() / "sigv4a" / name;
                Case c = load_case(dir, location);
                SigningParamsV4a params{c.service, {c.region}, c.time, c.options, &cache};

                auto steps = sigv4a_signing_steps(view(c.request), c.credentials, params);
                REQUIRE(steps.has_value());
                const std::string expected_sts = test::read_file(dir / (prefix + "string-to-sign.txt"));
                CHECK(steps->canonical_request.to_string() ==
                      test::read_file(dir / (prefix + "canonical-request.txt")));
                CHECK(steps->string_to_sign.to_string() == expected_sts);

                CHECK(unwrap(derive_sigv4a_public_key(c.credentials)) == c.public_key);

                auto signed_req = sign_sigv4a(view(c.request), c.credentials, params);
                REQUIRE(signed_req.has_value());
                std::string ours_sig, theirs_sig;
                std::string ours = mask_signature(to_http(*signed_req), &ours_sig);
                std::string theirs = mask_signature(test::read_file(dir / (prefix + "signed-request.txt")), &theirs_sig);
                CHECK(ours == theirs);
                REQUIRE_FALSE(ours_sig.empty());
                CHECK(unwrap(verify_sigv4a_signature(expected_sts, ours_sig, c.public_key)));
                // The suite's own (randomized) signature verifies under the same key too.
                CHECK(unwrap(verify_sigv4a_signature(expected_sts, theirs_sig, c.public_key)));
                CHECK(unwrap(verify_sigv4a_signature(
                          expected_sts, test::read_file(dir / (prefix + "signature.txt")), c.public_key)));
                // ... and not over another message.
                CHECK_FALSE(unwrap(verify_sigv4a_signature(expected_sts + "x", ours_sig, c.public_key)));
            }
        }
    }
}

TEST_CASE("SigV4A suite: the legacy get-vanilla copies agree", "[sigv4a][vectors]") {
    fs::path dir = test::testdata() / "sigv4a" / "get-vanilla";
    CHECK(test::read_file(dir / "canonical-request.txt") == test::read_file(dir / "header-canonical-request.txt"));
    CHECK(test::read_file(dir / "string-to-sign.txt") == test::read_file(dir / "header-string-to-sign.txt"));
}
