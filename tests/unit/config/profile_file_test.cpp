#include <awsreq/config/profile_file.hpp>

#include <catch2/catch.hpp>

using namespace awsreq;
using namespace awsreq::config;

TEST_CASE("parse errors name the file and the line") {
    auto r = parse_profiles(std::string_view("[profile a]\nx = 1\n\nkey : value\n"), std::nullopt, "/tmp/cfg");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().type == error_type::config_parse);
    CHECK(r.error().file == "/tmp/cfg");
    CHECK(r.error().line == 4);
    CHECK_THAT(r.error().to_string(), Catch::Contains("/tmp/cfg"));
}

TEST_CASE("section headers need a closing bracket") {
    auto r = parse_profiles(std::string_view("[profile a\n"), std::nullopt);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().line == 1);
}

TEST_CASE("keys are case-insensitive, values and profile names are not") {
    auto r = parse_profiles(std::nullopt, std::string_view("[Dev]\nAWS_Access_Key_ID = AKID\n"));
    REQUIRE(r.has_value());
    REQUIRE(r->profile("Dev") != nullptr);
    CHECK(r->profile("dev") == nullptr);
    CHECK(r->profile("Dev")->get("aws_access_key_id") == std::optional<std::string_view>("AKID"));
    CHECK(r->profile("Dev")->find("AWS_ACCESS_KEY_ID")->origin == FileKind::credentials);
}

TEST_CASE("credentials file values override the config file's") {
    auto r = parse_profiles(std::string_view("[default]\nregion = a\nx = 1"), std::string_view("[default]\nregion = b"));
    REQUIRE(r.has_value());
    CHECK(r->profile("default")->get("region") == std::optional<std::string_view>("b"));
    CHECK(r->profile("default")->get("x") == std::optional<std::string_view>("1"));
}

TEST_CASE("services sections and sub-properties") {
    auto r = parse_profiles(std::string_view(
        "[profile p]\nservices = my-services\ns3 =\n  addressing_style = path\n  use_arn_region = true\n"
        "[services my-services]\ns3 =\n  endpoint_url = http://localhost:9000\n"), std::nullopt);
    REQUIRE(r.has_value());
    const auto* p = r->profile("p");
    REQUIRE(p != nullptr);
    CHECK(p->sub("s3", "addressing_style") == std::optional<std::string>("path"));
    CHECK(p->sub("s3", "use_arn_region") == std::optional<std::string>("true"));
    CHECK_FALSE(p->sub("s3", "missing").has_value());
    const auto* s = r->service_block("my-services");
    REQUIRE(s != nullptr);
    CHECK(s->sub("s3", "endpoint_url") == std::optional<std::string>("http://localhost:9000"));
}

TEST_CASE("a value may contain '#' or ';' when not preceded by whitespace") {
    auto r = parse_profiles(std::string_view("[default]\nurl = http://h/#frag;x ; comment\n"), std::nullopt);
    REQUIRE(r.has_value());
    CHECK(r->profile("default")->get("url") == std::optional<std::string_view>("http://h/#frag;x"));
}

TEST_CASE("load_profiles reads through the FileSystem seam; missing files are empty") {
    auto fs = map_file_system({{"/h/.aws/config", "[profile a]\nregion = r\n"}});
    auto r = load_profiles(FileLocations{"/h/.aws/config", "/h/.aws/credentials"}, fs);
    REQUIRE(r.has_value());
    CHECK(r->profile("a")->find("region")->file == "/h/.aws/config");
    CHECK(r->profile("a")->find("region")->line == 2);
}
