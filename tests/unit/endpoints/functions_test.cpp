// The rules' standard library, observed through small rule sets. Expected values are those of
// botocore 1.29.27 (python3-botocore) for the same inputs.
#include "endpoints_fixture.hpp"

#include <catch2/catch.hpp>

using awsreq::test::eval;
namespace ep = awsreq::endpoints;
using nlohmann::json;

namespace {

const std::string kParams = R"({"In": {"type": "String"}, "Flag": {"type": "Boolean"}})";

// "yes" when the function call `fn` (JSON, may use {"ref": "In"}) holds for `in`, else "no".
std::string holds(const std::string& fn, const std::string& in) {
    auto r = eval(kParams, R"([{"type": "endpoint", "conditions": [)" + fn + R"(], "endpoint": {"url": "yes"}},
                               {"type": "endpoint", "conditions": [], "endpoint": {"url": "no"}}])",
                  {{"In", in}});
    return r ? r->url : "error: " + r.error().message;
}

// The function's result assigned to R, rendered through `properties` templates.
json result_of(const std::string& fn, const std::string& in, const std::string& properties) {
    auto r = eval(kParams, R"([{"type": "endpoint", "conditions": [)" + fn.substr(0, fn.size() - 1) +
                               R"(, "assign": "R"}], "endpoint": {"url": "u", "properties": )" + properties + R"(}},
                               {"type": "endpoint", "conditions": [], "endpoint": {"url": "null"}}])",
                  {{"In", in}});
    if (!r) return json{{"error", r.error().message}};
    if (r->url == "null") return nullptr;
    return r->properties;
}

}  // namespace

TEST_CASE("parseURL", "[endpoints][functions]") {
    const std::string fn = R"({"fn": "parseURL", "argv": [{"ref": "In"}]})";
    const std::string props = R"({"scheme": "{R#scheme}", "authority": "{R#authority}", "path": "{R#path}",
                                  "normalizedPath": "{R#normalizedPath}", "isIp": "{R#isIp}"})";
    auto url = [&](const std::string& in) { return result_of(fn, in, props); };
    auto expect = [](const char* scheme, const char* authority, const char* path, const char* normalized, const char* is_ip) {
        return json{{"scheme", scheme}, {"authority", authority}, {"path", path}, {"normalizedPath", normalized}, {"isIp", is_ip}};
    };
    CHECK(url("https://example.com") == expect("https", "example.com", "", "/", "False"));
    CHECK(url("http://Example.COM:8443/a/./b/../c//d?") == expect("http", "Example.COM:8443", "/a/./b/../c//d", "/a/c/d/", "False"));
    CHECK(url("https://127.0.0.1:80/x/y") == expect("https", "127.0.0.1:80", "/x/y", "/x/y/", "True"));
    CHECK(url("https://[::1]:443/") == expect("https", "[::1]:443", "/", "/", "True"));
    CHECK(url("https://[fe80::1%25en0]/") == expect("https", "[fe80::1%25en0]", "/", "/", "True"));
    CHECK(url("https://a@b.com/p%20q;v=1") == expect("https", "a@b.com", "/p%20q", "/p%2520q/", "False"));
    CHECK(url("HTTPS://x.com/#frag") == expect("https", "x.com", "/", "/", "False"));
    CHECK(url("https://x.com/a b") == expect("https", "x.com", "/a b", "/a%20b/", "False"));
    CHECK(url("https://1.2.3.4.5/") == expect("https", "1.2.3.4.5", "/", "/", "False"));
    CHECK(url("https://x.com:") == expect("https", "x.com:", "", "/", "False"));
    for (const char* none : {"ftp://x.com", "https://x.com?q=1", "https://x.com:99999", "https://x.com:abc", "https://[::1",
                             "https://[nothex]/", "example.com", ""}) {
        INFO(none);
        CHECK(url(none) == nullptr);
    }
}

TEST_CASE("isValidHostLabel", "[endpoints][functions]") {
    auto label = [](const std::string& in, bool sub) {
        return holds(std::string(R"({"fn": "isValidHostLabel", "argv": [{"ref": "In"}, )") + (sub ? "true" : "false") + "]}", in);
    };
    CHECK(label("abc", false) == "yes");
    CHECK(label("a.b", false) == "no");
    CHECK(label("a.b", true) == "yes");
    CHECK(label("-ab", false) == "no");
    CHECK(label("ab-", false) == "no");
    CHECK(label(std::string(63, 'a'), false) == "yes");
    CHECK(label(std::string(64, 'a'), false) == "no");
    CHECK(label("", false) == "no");
    CHECK(label("a..b", true) == "no");
    CHECK(label("ab_c", false) == "no");
}

TEST_CASE("aws.isVirtualHostableS3Bucket", "[endpoints][functions]") {
    auto vh = [](const std::string& in, bool sub) {
        return holds(std::string(R"({"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "In"}, )") + (sub ? "true" : "false") + "]}",
                     in);
    };
    CHECK(vh("abc", false) == "yes");
    CHECK(vh("my-bucket", false) == "yes");
    CHECK(vh("ab", false) == "no");
    CHECK(vh("Abc", false) == "no");
    CHECK(vh("192.168.1.1", false) == "no");
    CHECK(vh("abc.def", false) == "no");
    CHECK(vh("abc.def", true) == "yes");
    CHECK(vh("a.b.c", true) == "no");   // every label needs 3+ characters in botocore 1.29
    CHECK(vh("abc.d", true) == "no");
    CHECK(vh("999.1.1.1", true) == "no");
}

TEST_CASE("aws.parseArn", "[endpoints][functions]") {
    const std::string fn = R"({"fn": "aws.parseArn", "argv": [{"ref": "In"}]})";
    const std::string props = R"({"p": "{R#partition}", "s": "{R#service}", "r": "{R#region}", "a": "{R#accountId}"})";
    CHECK(result_of(fn, "arn:aws:s3:us-west-2:123456789012:accesspoint/myap", props) ==
          json{{"p", "aws"}, {"s", "s3"}, {"r", "us-west-2"}, {"a", "123456789012"}});
    CHECK(result_of(fn, "arn:aws:s3:::bucket", props) == json{{"p", "aws"}, {"s", "s3"}, {"r", ""}, {"a", ""}});
    for (const char* none : {"arn:aws::r:a:res", "arn:aws:s3:r:a:", "notarn:aws:s3:r:a:x", "arn:aws:s3:r:a"}) {
        INFO(none);
        CHECK(result_of(fn, none, props) == nullptr);
    }
    // resourceId splits on ':' when the resource has one, else on '/', keeping empty parts.
    auto ids = [&](const std::string& arn, const std::string& path) {
        return holds(R"({"fn": "getAttr", "argv": [{"fn": "aws.parseArn", "argv": [{"ref": "In"}]}, ")" + path + R"("]})", arn);
    };
    CHECK(ids("arn:aws:s3-outposts:us-west-2:123:outpost:op-1:accesspoint:ap", "resourceId[3]") == "yes");
    CHECK(ids("arn:aws:s3-outposts:us-west-2:123:outpost:op-1:accesspoint:ap", "resourceId[4]") == "no");
    CHECK(ids("arn:aws:s3:r:a:b/c/", "resourceId[2]") == "yes");  // the empty last part
    CHECK(ids("arn:aws:s3:r:a:b/c/", "resourceId[3]") == "no");
    auto id = eval(kParams, R"([{"type": "endpoint", "conditions": [
          {"fn": "aws.parseArn", "argv": [{"ref": "In"}], "assign": "A"},
          {"fn": "getAttr", "argv": [{"ref": "A"}, "resourceId[1]"], "assign": "Id"}],
        "endpoint": {"url": "https://{Id}.{A#region}"}}])",
                   {{"In", std::string("arn:aws:s3:us-west-2:123:accesspoint:myap")}});
    REQUIRE(id);
    CHECK(id->url == "https://myap.us-west-2");
}

TEST_CASE("substring, uriEncode, getAttr", "[endpoints][functions]") {
    auto sub = [](const std::string& in, int start, int stop, bool reverse) {
        auto r = eval(kParams, R"([{"type": "endpoint", "conditions": [{"fn": "substring", "argv": [{"ref": "In"}, )" +
                                   std::to_string(start) + ", " + std::to_string(stop) + ", " + (reverse ? "true" : "false") +
                                   R"(], "assign": "S"}], "endpoint": {"url": "{S}"}},
                                   {"type": "endpoint", "conditions": [], "endpoint": {"url": "<none>"}}])",
                      {{"In", in}});
        return r ? r->url : r.error().message;
    };
    CHECK(sub("abcdef", 0, 3, false) == "abc");
    CHECK(sub("abcdef", 0, 3, true) == "def");
    CHECK(sub("abcdef", 2, 6, false) == "cdef");
    CHECK(sub("abc", 0, 4, false) == "<none>");
    CHECK(sub("abc", 2, 2, false) == "<none>");
    CHECK(sub("ab\xc3\xa9" "d", 0, 2, false) == "<none>");

    auto enc = eval(kParams, R"([{"type": "endpoint", "conditions": [{"fn": "uriEncode", "argv": [{"ref": "In"}], "assign": "E"}],
                                 "endpoint": {"url": "{E}"}}])",
                    {{"In", std::string("a b/c~d.e_f-g*h%")}});
    REQUIRE(enc);
    CHECK(enc->url == "a%20b%2Fc~d.e_f-g%2Ah%25");

    auto attr = eval(kParams, R"([{"type": "endpoint", "conditions": [
          {"fn": "aws.partition", "argv": [{"ref": "In"}], "assign": "P"},
          {"fn": "getAttr", "argv": [{"ref": "P"}, "dualStackDnsSuffix"], "assign": "D"},
          {"fn": "getAttr", "argv": [{"ref": "P"}, "supportsFIPS"], "assign": "F"},
          {"fn": "booleanEquals", "argv": [{"ref": "F"}, true]}],
        "endpoint": {"url": "https://x.{D}"}}])",
                     {{"In", std::string("cn-north-1")}});
    REQUIRE(attr);
    CHECK(attr->url == "https://x.api.amazonwebservices.com.cn");
}

TEST_CASE("aws.partition picks by region list, then pattern, else the first partition", "[endpoints][functions]") {
    auto part = [](const std::string& in) {
        auto r = eval(kParams, R"([{"type": "endpoint", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "In"}], "assign": "P"}],
                                   "endpoint": {"url": "{P#name}:{P#dnsSuffix}"}}])",
                      in.empty() ? ep::EndpointParams{} : ep::EndpointParams{{"In", in}});
        return r ? r->url : r.error().message;
    };
    CHECK(part("us-east-1") == "aws:amazonaws.com");
    CHECK(part("cn-northwest-1") == "aws-cn:amazonaws.com.cn");
    CHECK(part("aws-global") == "aws:amazonaws.com");
    CHECK(part("moon-base-1") == "aws:amazonaws.com");
    CHECK(part("") == "aws:amazonaws.com");  // unset: the first partition
}
