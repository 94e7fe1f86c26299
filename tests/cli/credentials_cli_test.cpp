// `awsreq credentials` and `awsreq configure list` through the built binary.
#include "config_cli_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

using namespace awsreq::test;
using nlohmann::json;

TEST_CASE("credentials prints credential_process JSON from the shared credentials file") {
    TempDir dir;
    dir.write(".aws/credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = filesecret\n");
    auto r = run_awsreq({{"HOME", dir.path().string()}}, "credentials", dir);
    REQUIRE(r.status == 0);
    auto j = json::parse(r.out);
    CHECK(j == json{{"Version", 1}, {"AccessKeyId", "AKIDFILE"}, {"SecretAccessKey", "filesecret"}});
}

TEST_CASE("credentials from the environment keep the session token and expiration") {
    TempDir dir;
    auto r = run_awsreq({{"HOME", dir.path().string()},
                         {"AWS_ACCESS_KEY_ID", "AKIDENV"},
                         {"AWS_SECRET_ACCESS_KEY", "envsecret"},
                         {"AWS_SESSION_TOKEN", "envtoken"},
                         {"AWS_CREDENTIAL_EXPIRATION", "2030-01-02T03:04:05Z"}},
                        "credentials", dir);
    REQUIRE(r.status == 0);
    auto j = json::parse(r.out);
    CHECK(j["SessionToken"] == "envtoken");
    CHECK(j["Expiration"] == "2030-01-02T03:04:05Z");
}

TEST_CASE("awsreq can run another credential_process (no shell involved)") {
    TempDir dir;
    auto script = dir.write("tool.sh",
                            "#!/bin/sh\necho 'noise' >&2\n"
                            "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"procsecret\", "
                            "\"SessionToken\": \"proctoken\", \"Expiration\": \"2031-05-06T07:08:09Z\"}'\n");
    ::chmod(script.c_str(), 0700);
    dir.write(".aws/config", "[profile tool]\ncredential_process = " + script + " --flag 'two words'\n");
    auto r = run_awsreq({{"HOME", dir.path().string()}, {"PATH", "/usr/bin:/bin"}}, "credentials --profile tool", dir);
    REQUIRE(r.status == 0);
    auto j = json::parse(r.out);
    CHECK(j["AccessKeyId"] == "AKIDPROC");
    CHECK(j["Expiration"] == "2031-05-06T07:08:09Z");
    CHECK(r.err.empty());
}

TEST_CASE("a failing credential_process is a one-line error without its output") {
    TempDir dir;
    auto script = dir.write("bad.sh", "#!/bin/sh\necho 'leaked-secret' >&2\nexit 4\n");
    ::chmod(script.c_str(), 0700);
    dir.write(".aws/config", "[default]\ncredential_process = " + script + "\n");
    auto r = run_awsreq({{"HOME", dir.path().string()}}, "credentials", dir);
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::StartsWith("CredentialRetrievalError: "));
    CHECK_THAT(r.err, Catch::Contains("status 4"));
    CHECK_THAT(r.err, !Catch::Contains("leaked-secret"));
}

TEST_CASE("no credentials: exit 1 and a clear message, no network") {
    TempDir dir;
    auto r = run_awsreq({{"HOME", dir.path().string()}}, "credentials", dir);
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::StartsWith("NoCredentialsError: "));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("an unknown profile named on the command line is an error") {
    TempDir dir;
    dir.write(".aws/config", "[default]\nregion = x\n");
    auto r = run_awsreq({{"HOME", dir.path().string()}}, "credentials --profile nope", dir);
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("nope"));
}

TEST_CASE("configure list masks keys and names every source") {
    TempDir dir;
    dir.write(".aws/credentials", "[dev]\naws_access_key_id = AKIDLISTED1234\naws_secret_access_key = verysecretvalue9876\n");
    dir.write(".aws/config", "[profile dev]\nregion = ap-south-1\n");
    auto r = run_awsreq({{"HOME", dir.path().string()}, {"AWS_PROFILE", "dev"}}, "configure list", dir);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("****************1234"));
    CHECK_THAT(r.out, Catch::Contains("****************9876"));
    CHECK_THAT(r.out, !Catch::Contains("AKIDLISTED"));
    CHECK_THAT(r.out, !Catch::Contains("verysecret"));
    CHECK_THAT(r.out, Catch::Contains("AWS_PROFILE"));
    CHECK_THAT(r.out, Catch::Contains("ap-south-1"));
    CHECK_THAT(r.out, Catch::Contains("config-file"));
    CHECK_THAT(r.out, Catch::Contains("shared-credentials-file"));
    auto flagged = run_awsreq({{"HOME", dir.path().string()}}, "configure list --profile dev --region us-west-1", dir);
    CHECK_THAT(flagged.out, Catch::Contains("us-west-1"));
    CHECK_THAT(flagged.out, Catch::Contains("--region"));
}
