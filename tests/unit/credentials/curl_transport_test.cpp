#include <awsreq/credentials/curl_transport.hpp>

#include <catch2/catch.hpp>

using namespace awsreq;
using namespace awsreq::credentials;

TEST_CASE("curl gets everything on stdin, nothing secret in argv") {
    HttpCall call;
    call.request = SignedRequest{"POST", "https://sts.amazonaws.com/", HeaderList{{"X-Amz-Security-Token", "tok\"en"}}, "a=b\nc"};
    call.timeout = std::chrono::milliseconds(1500);
    auto p = curl_process_call(call);
    CHECK(p.argv == std::vector<std::string>{"curl", "--disable", "--config", "-"});
    CHECK_THAT(p.input, Catch::Contains("url = \"https://sts.amazonaws.com/\"\n"));
    CHECK_THAT(p.input, Catch::Contains("request = \"POST\"\n"));
    CHECK_THAT(p.input, Catch::Contains("header = \"X-Amz-Security-Token: tok\\\"en\"\n"));
    CHECK_THAT(p.input, Catch::Contains("data-binary = \"a=b\\nc\"\n"));
    CHECK_THAT(p.input, Catch::Contains("max-time = 1.500\n"));
}

TEST_CASE("curl output: interim responses skipped, headers and body read") {
    ProcessOutput out{0, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nX-A: b\r\n\r\n<body/>", ""};
    auto r = parse_curl_output(out);
    REQUIRE(r.has_value());
    CHECK(r->status == 200);
    CHECK(r->headers.get("content-type") == std::optional<std::string_view>("text/xml"));
    CHECK(r->body == "<body/>");
}

TEST_CASE("curl exit codes become typed errors") {
    auto t = parse_curl_output(ProcessOutput{28, "", "timeout"});
    REQUIRE_FALSE(t.has_value());
    CHECK(t.error().type == error_kind::timeout);
    auto c = parse_curl_output(ProcessOutput{7, "", ""});
    REQUIRE_FALSE(c.has_value());
    CHECK(c.error().type == error_kind::transport);
    CHECK_FALSE(parse_curl_output(ProcessOutput{0, "garbage", ""}).has_value());
}
