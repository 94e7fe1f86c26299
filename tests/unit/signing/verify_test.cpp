// Verification: every suite request we sign verifies; each kind of tampering is refused with
// the right reason; S3 SignatureDoesNotMatch bodies are diagnosed line by line.
#include <awsreq/http/raw_request.hpp>
#include <awsreq/signing/mismatch.hpp>
#include <awsreq/signing/sigv4.hpp>
#include <awsreq/signing/verify.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

#include <filesystem>

using namespace awsreq;
namespace fs = std::filesystem;

namespace {

const std::string kAkid = "AKIDEXAMPLE";
const std::string kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const Timestamp kTime = unwrap(parse_timestamp("20150830T123600Z"));

VerifyParams params_at(Timestamp now, SigningOptions o = {}) {
    VerifyParams p;
    p.now = now;
    p.options = o;
    p.secret_for = [](std::string_view akid) -> std::optional<SecretString> {
        if (akid == kAkid) return SecretString(kSecret);
        return std::nullopt;
    };
    return p;
}

SignedRequest signed_get(SignatureLocation where = SignatureLocation::header, SigningOptions o = {}) {
    SignedRequest req{"POST", "https://example.amazonaws.com/a/b?x=1", {{"Host", "example.amazonaws.com"}, {"My-Header", "v"}}, "body!"};
    o.location = where;
    return unwrap(sign(view(req), Credentials{kAkid, SecretString(kSecret)}, SigningParams{"service", "us-east-1", kTime, o}));
}

}  // namespace

TEST_CASE("every SigV4 suite request we sign verifies", "[verify]") {
    for (const auto& e : fs::directory_iterator(test::testdata() / "sigv4")) {
        std::string name = e.path().filename().string();
        for (auto where : {SignatureLocation::header, SignatureLocation::query}) {
            DYNAMIC_SECTION(name << (where == SignatureLocation::header ? " header" : " query")) {
                auto ctx = nlohmann::json::parse(test::read_file(e.path() / "context.json"));
                SignedRequest req = unwrap(parse_raw_request(test::read_file(e.path() / "request.txt")));
                Credentials creds{ctx["credentials"]["access_key_id"],
                                  SecretString(ctx["credentials"]["secret_access_key"].get<std::string>())};
                if (ctx["credentials"].contains("token"))
                    creds.session_token = SecretString(ctx["credentials"]["token"].get<std::string>());
                SigningOptions o;
                o.location = where;
                o.path = ctx.value("normalize", true) ? PathNormalization::normalize : PathNormalization::keep;
                auto s = sign(view(req), creds, SigningParams{"service", "us-east-1", kTime, o});
                REQUIRE(s.has_value());
                auto v = verify(view(*s), params_at(kTime + std::chrono::seconds(30), o));
                INFO(v.reason);
                CHECK(v.status == VerifyStatus::valid);
            }
        }
    }
}

TEST_CASE("tampering is refused with the right reason", "[verify]") {
    SECTION("a changed signed header value") {
        auto r = signed_get();
        r.headers.set("My-Header", "w");
        auto v = verify(view(r), params_at(kTime));
        CHECK(v.status == VerifyStatus::signature_mismatch);
        CHECK_FALSE(v.canonical_request.empty());
        CHECK(v.canonical_request.find("my-header:w") != std::string::npos);
    }
    SECTION("a changed body") {
        auto r = signed_get();
        r.body = "BODY!";
        CHECK(verify(view(r), params_at(kTime)).status == VerifyStatus::signature_mismatch);
    }
    SECTION("a changed body under x-amz-content-sha256") {
        auto r = signed_get(SignatureLocation::header, s3_signing_options());
        r.body = "BODY!";
        auto v = verify(view(r), params_at(kTime, s3_signing_options()));
        CHECK(v.status == VerifyStatus::signature_mismatch);
        CHECK(v.reason.find("x-amz-content-sha256") != std::string::npos);
    }
    SECTION("a changed path") {
        auto r = signed_get();
        r.url = "https://example.amazonaws.com/a/c?x=1";
        CHECK(verify(view(r), params_at(kTime)).status == VerifyStatus::signature_mismatch);
    }
    SECTION("a changed query") {
        auto r = signed_get(SignatureLocation::query);
        r.url.replace(r.url.find("x=1"), 3, "x=2");
        CHECK(verify(view(r), params_at(kTime)).status == VerifyStatus::signature_mismatch);
    }
    SECTION("a wrong secret") {
        auto r = signed_get();
        auto p = params_at(kTime);
        p.secret_for = [](std::string_view) { return std::optional<SecretString>(SecretString("not-the-secret")); };
        CHECK(verify(view(r), p).status == VerifyStatus::signature_mismatch);
    }
    SECTION("a removed signed header") {
        auto r = signed_get();
        r.headers.remove("My-Header");
        auto v = verify(view(r), params_at(kTime));
        CHECK(v.status == VerifyStatus::missing_signed_header);
        CHECK(v.reason.find("my-header") != std::string::npos);
    }
    SECTION("clock skew beyond 15 minutes, either way") {
        auto r = signed_get();
        CHECK(verify(view(r), params_at(kTime + std::chrono::minutes(14))).ok());
        CHECK(verify(view(r), params_at(kTime + std::chrono::minutes(16))).status == VerifyStatus::clock_skew);
        CHECK(verify(view(r), params_at(kTime - std::chrono::minutes(16))).status == VerifyStatus::clock_skew);
    }
    SECTION("an expired presigned URL") {
        auto r = signed_get(SignatureLocation::query);
        CHECK(verify(view(r), params_at(kTime + std::chrono::minutes(59))).ok());
        auto v = verify(view(r), params_at(kTime + std::chrono::minutes(61)));
        CHECK(v.status == VerifyStatus::expired);
    }
    SECTION("an unknown access key") {
        SignedRequest req{"GET", "https://example.amazonaws.com/", {}, ""};
        auto r = unwrap(sign(view(req), Credentials{"AKIDOTHER", SecretString("s")},
                             SigningParams{"service", "us-east-1", kTime}));
        CHECK(verify(view(r), params_at(kTime)).status == VerifyStatus::unknown_access_key);
    }
    SECTION("no signature at all, or a mangled one") {
        SignedRequest req{"GET", "https://example.amazonaws.com/", {}, ""};
        CHECK(verify(view(req), params_at(kTime)).status == VerifyStatus::malformed);
        auto r = signed_get();
        r.headers.set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/bad, Signature=00");
        CHECK(verify(view(r), params_at(kTime)).status == VerifyStatus::malformed);
    }
    SECTION("the verdict never contains the secret") {
        auto r = signed_get();
        r.body = "x";
        auto v = verify(view(r), params_at(kTime));
        CHECK(v.reason.find(kSecret) == std::string::npos);
        CHECK(v.canonical_request.find(kSecret) == std::string::npos);
    }
}

TEST_CASE("a request signed with the other URI rules gets a hint", "[verify]") {
    SignedRequest req{"GET", "https://b.s3.amazonaws.com/a%20b/../c", {}, ""};
    auto r = unwrap(sign(view(req), Credentials{kAkid, SecretString(kSecret)},
                         SigningParams{"s3", "us-east-1", kTime, s3_signing_options()}));
    auto v = verify(view(r), params_at(kTime));  // the verifier applies the default rules
    CHECK(v.status == VerifyStatus::signature_mismatch);
    CHECK(v.hint.find("S3") != std::string::npos);
    CHECK(verify(view(r), params_at(kTime, s3_signing_options())).ok());
}

TEST_CASE("an S3 SignatureDoesNotMatch body is diagnosed line by line", "[verify][mismatch]") {
    SignedRequest req{"GET", "https://b.s3.amazonaws.com/k?x=1", {{"Range", "bytes=0-9"}}, ""};
    SigningParams p{"s3", "us-east-1", kTime, s3_signing_options()};
    auto steps = unwrap(signing_steps(view(req), Credentials{kAkid, SecretString(kSecret)}, p));
    std::string ours = steps.canonical_request.to_string();
    std::string server = ours;
    server.replace(server.find("range:bytes=0-9"), 15, "range:bytes=0-10");
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SignatureDoesNotMatch</Code>"
                      "<StringToSign>" + steps.string_to_sign.to_string() + "</StringToSign>"
                      "<CanonicalRequest>" + server + "</CanonicalRequest></Error>";
    auto report = diagnose_signature_mismatch(xml, ours, steps.string_to_sign.to_string());
    REQUIRE(report.has_value());
    REQUIRE(report->canonical_request_diffs.size() == 1);
    CHECK(report->canonical_request_diffs[0].part == "header range");
    CHECK(report->canonical_request_diffs[0].server == "range:bytes=0-10");
    CHECK(report->canonical_request_diffs[0].ours == "range:bytes=0-9");
    CHECK(report->string_to_sign_diffs.empty());
    CHECK(report->to_string().find("header range") != std::string::npos);

    SECTION("XML entities and the hex Bytes form are read") {
        std::string amp_server = ours;
        amp_server.replace(amp_server.find("x=1"), 3, "x=1&amp;y=2");
        auto r2 = diagnose_signature_mismatch("<Error><CanonicalRequest>" + amp_server + "</CanonicalRequest></Error>",
                                              ours, steps.string_to_sign.to_string());
        REQUIRE(r2.has_value());
        REQUIRE(r2->canonical_request_diffs.size() == 1);
        CHECK(r2->canonical_request_diffs[0].part == "query");
        CHECK(r2->canonical_request_diffs[0].server == "x=1&y=2");
        std::string hex;
        for (unsigned char c : ours) {
            static const char* d = "0123456789abcdef";
            hex += d[c >> 4];
            hex += d[c & 15];
            hex += ' ';
        }
        auto r3 = diagnose_signature_mismatch("<Error><CanonicalRequestBytes>" + hex + "</CanonicalRequestBytes></Error>",
                                              ours, steps.string_to_sign.to_string());
        REQUIRE(r3.has_value());
        CHECK(r3->identical());
    }
    SECTION("a body that is not a SignatureDoesNotMatch error is refused") {
        auto bad = diagnose_signature_mismatch("<Error><Code>NoSuchKey</Code></Error>", ours, "");
        REQUIRE_FALSE(bad.has_value());
        CHECK(bad.error().type == error_type::parse_error);
    }
}
