// `awsreq sign` and `awsreq verify` driven exactly as cli-contract.md (command 1) describes,
// over every SigV4 suite case: signed request on stdout, canonical request and string to sign
// on stderr with --debug.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_cli.hpp"

#include <filesystem>

using namespace awsreq;
namespace fs = std::filesystem;

namespace {

std::string replace_all(std::string s, const std::string& what, const std::string& with) {
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + with.size())) s.replace(p, what.size(), with);
    return s;
}

std::string pct(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else {
            char b[4];
            std::snprintf(b, sizeof b, "%%%02X", c);
            out += b;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("awsreq sign reproduces every SigV4 suite case", "[cli][sign]") {
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(test::testdata() / "sigv4")) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    REQUIRE(dirs.size() == 38);
    for (const auto& dir : dirs) {
        for (bool query : {false, true}) {
            DYNAMIC_SECTION(dir.filename().string() << (query ? " (query)" : " (header)")) {
                auto ctx = nlohmann::json::parse(test::read_file(dir / "context.json"));
                std::vector<std::string> args = {"sign", "--service", ctx["service"], "--region", ctx["region"],
                                                 "--time", ctx["timestamp"], "--debug"};
                if (query) args.insert(args.end(), {"--presign", std::to_string(ctx["expiration_in_seconds"].get<int>())});
                args.push_back(ctx.value("normalize", true) ? "--normalize-path" : "--no-normalize-path");
                if (ctx.value("sign_body", false)) args.push_back("--sign-body");
                if (ctx.value("omit_session_token", false)) args.push_back("--omit-session-token");
                args.push_back((dir / "request.txt").string());
                std::vector<std::string> env = {"AWS_ACCESS_KEY_ID=" + ctx["credentials"]["access_key_id"].get<std::string>(),
                                                "AWS_SECRET_ACCESS_KEY=" + ctx["credentials"]["secret_access_key"].get<std::string>()};
                std::string token = ctx["credentials"].value("token", "");
                if (!token.empty()) env.push_back("AWS_SESSION_TOKEN=" + token);

                auto r = test::run_awsreq(args, "", env);
                INFO(r.err);
                REQUIRE(r.status == 0);
                std::string prefix = query ? "query-" : "header-";
                CHECK(r.out == test::read_file(dir / (prefix + "signed-request.txt")));
                std::string creq = test::read_file(dir / (prefix + "canonical-request.txt"));
                std::string sts = test::read_file(dir / (prefix + "string-to-sign.txt"));
                if (!token.empty()) {
                    creq = replace_all(replace_all(creq, pct(token), "<redacted>"), token, "<redacted>");
                    CHECK(r.err.find(token) == std::string::npos);
                }
                CHECK(r.err.find(creq) != std::string::npos);
                CHECK(r.err.find(sts) != std::string::npos);
                CHECK(r.out.find(test::read_file(dir / (prefix + "signature.txt"))) != std::string::npos);
                CHECK(r.err.find(ctx["credentials"]["secret_access_key"].get<std::string>()) == std::string::npos);
            }
        }
    }
}

TEST_CASE("awsreq sign --format json and usage errors", "[cli][sign]") {
    std::vector<std::string> env = {"AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
    std::string req = "GET /?a=b HTTP/1.1\nHost:example.amazonaws.com\n\n";
    auto r = test::run_awsreq({"sign", "--service", "service", "--region", "us-east-1", "--time", "20150830T123600Z",
                               "--format", "json", "-"}, req, env);
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["method"] == "GET");
    CHECK(j["url"] == "https://example.amazonaws.com/?a=b");
    CHECK(j["headers"]["X-Amz-Date"] == "20150830T123600Z");
    CHECK(j["headers"]["Authorization"].get<std::string>().find("SignedHeaders=host;x-amz-date") != std::string::npos);
    CHECK(j["body"] == "");

    SECTION("missing --service is a usage error (exit 2)") {
        auto u = test::run_awsreq({"sign", "--region", "us-east-1", "-"}, req, env);
        CHECK(u.status == 2);
        CHECK(u.err.rfind("UsageError: ", 0) == 0);
    }
    SECTION("no credentials: exit 1 with a typed one-line error") {
        auto u = test::run_awsreq({"sign", "--service", "s", "--region", "r", "-"}, req, {});
        CHECK(u.status == 1);
        CHECK(u.err.rfind("NoCredentialsError: ", 0) == 0);
    }
    SECTION("a malformed request names the line") {
        auto u = test::run_awsreq({"sign", "--service", "s", "--region", "r", "-"}, "GET / HTTP/1.1\nbad header\n\n", env);
        CHECK(u.status == 1);
        CHECK(u.err.rfind("InvalidRequestError: ", 0) == 0);
        CHECK(u.err.find("line 2") != std::string::npos);
    }
    SECTION("an expiry over 7 days is refused") {
        auto u = test::run_awsreq({"sign", "--service", "s", "--region", "r", "--presign", "604801", "-"}, req, env);
        CHECK(u.status == 1);
        CHECK(u.err.rfind("InvalidExpiryError: ", 0) == 0);
    }
    SECTION("a bad --time") {
        auto u = test::run_awsreq({"sign", "--service", "s", "--region", "r", "--time", "yesterday", "-"}, req, env);
        CHECK(u.status == 1);
        CHECK(u.err.rfind("InvalidTimeError: ", 0) == 0);
    }
}

TEST_CASE("awsreq verify accepts what sign produced and refuses tampering", "[cli][verify]") {
    std::vector<std::string> env = {"AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
    std::string req = "POST /x HTTP/1.1\nHost:example.amazonaws.com\nContent-Type:text/plain\n\nhello";
    auto s = test::run_awsreq({"sign", "--service", "service", "--region", "us-east-1", "--time", "20150830T123600Z", "-"}, req, env);
    REQUIRE(s.status == 0);
    auto v = test::run_awsreq({"verify", "--time", "20150830T124000Z", "-"}, s.out, env);
    CHECK(v.status == 0);
    CHECK(v.out == "valid\n");

    auto tampered = s.out;
    tampered.replace(tampered.find("hello"), 5, "HELLO");
    v = test::run_awsreq({"verify", "--time", "20150830T124000Z", "-"}, tampered, env);
    CHECK(v.status == 1);
    CHECK(v.out.rfind("invalid: signature mismatch", 0) == 0);

    v = test::run_awsreq({"verify", "--time", "20150830T130000Z", "-"}, s.out, env);
    CHECK(v.status == 1);
    CHECK(v.out.rfind("invalid: clock skew", 0) == 0);

    auto p = test::run_awsreq({"sign", "--service", "service", "--region", "us-east-1", "--time", "20150830T123600Z",
                               "--presign", "60", "-"}, req, env);
    REQUIRE(p.status == 0);
    v = test::run_awsreq({"verify", "--time", "20150830T123800Z", "-"}, p.out, env);
    CHECK(v.status == 1);
    CHECK(v.out.rfind("invalid: expired", 0) == 0);
}
