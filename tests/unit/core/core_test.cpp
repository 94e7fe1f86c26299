// core: encodings, hashing, time formats, Result and secrets.
#include <awsreq/core/crypto.hpp>
#include <awsreq/core/encoding.hpp>
#include <awsreq/core/result.hpp>
#include <awsreq/core/secret.hpp>
#include <awsreq/core/time.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace awsreq;

TEST_CASE("hex and base64 round trips and errors", "[core]") {
    CHECK(hex_encode(std::string_view("\x00\xff\x10", 3)) == "00ff10");
    CHECK(*hex_decode("00FF10") == std::string("\x00\xff\x10", 3));
    CHECK_FALSE(hex_decode("abc").has_value());
    CHECK(hex_decode("zz").error().type == error_type::parse_error);
    // RFC 4648 section 10 test vectors.
    const std::pair<const char*, const char*> b64[] = {{"", ""},         {"f", "Zg=="},     {"fo", "Zm8="},
                                                       {"foo", "Zm9v"},  {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                       {"foobar", "Zm9vYmFy"}};
    for (auto [plain, enc] : b64) {
        CHECK(base64_encode(std::string_view(plain)) == enc);
        CHECK(*base64_decode(enc) == plain);
    }
    CHECK_FALSE(base64_decode("Zm9v!").has_value());
    CHECK_FALSE(base64_decode("Z").has_value());
}

TEST_CASE("SigV4 URI encoding", "[core]") {
    CHECK(uri_encode("a b/c~d-e_f.g*h") == "a%20b%2Fc~d-e_f.g%2Ah");
    CHECK(uri_encode("a b/c", true) == "a%20b/c");
    CHECK(uri_encode("\xe1\x88\xb4") == "%E1%88%B4");
    CHECK(percent_decode("a%20b%zz%4") == "a b%zz%4");
    CHECK(percent_decode("a+b") == "a+b");
}

TEST_CASE("UTF-8 validation", "[core]") {
    CHECK(is_valid_utf8("plain"));
    CHECK(is_valid_utf8("\xe1\x88\xb4"));
    CHECK_FALSE(is_valid_utf8("\xff"));
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
    CHECK_FALSE(is_valid_utf8("\xe1\x88"));          // truncated
    CHECK(json_quote("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\u0001\"");
}

TEST_CASE("SHA-256 and HMAC-SHA256 known answers", "[core]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Sha256 inc;
    inc.update("a");
    inc.update("bc");
    CHECK(hex_encode(inc.finish()) == sha256_hex("abc"));
    // RFC 4231 test case 2, and test case 6 (a key longer than the block).
    CHECK(hex_encode(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(hex_encode(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    HmacSha256Key key("Jefe");
    CHECK(key.mac({"what do ya ", "want for nothing?"}) == key.mac("what do ya want for nothing?"));
    CHECK(constant_time_equals("abc", "abc"));
    CHECK_FALSE(constant_time_equals("abc", "abd"));
    CHECK_FALSE(constant_time_equals("abc", "ab"));
    CHECK(md5_base64("") == "1B2M2Y8AsgTpgAmY7PhCfg==");
}

TEST_CASE("JSON strings, plain and as Python's json.dumps writes them", "[core]") {
    auto py = [](std::string_view s) {
        std::string out;
        python_json_string_append(out, s);
        return out;
    };
    // Expected values: Python 3, json.dumps(s) (ensure_ascii) on the same text.
    CHECK(py("a\"b\\c") == R"("a\"b\\c")");
    CHECK(py("\n\r\t\b\f") == R"("\n\r\t\b\f")");
    CHECK(py(std::string_view("\x00\x1f\x7f", 3)) == R"("\u0000\u001f\u007f")");
    CHECK(py("caf\xc3\xa9") == R"("caf\u00e9")");                      // é
    CHECK(py("\xe2\x82\xac") == R"("\u20ac")");                        // €
    CHECK(py("\xf0\x9f\x98\x80") == R"("\ud83d\ude00")");              // U+1F600, a surrogate pair
    CHECK(py("a\xff") == R"("a\ufffd")");                               // not UTF-8
    CHECK(json_quote("caf\xc3\xa9\x7f") == "\"caf\xc3\xa9\\u007f\"");    // plain: UTF-8 kept
}

TEST_CASE("XML entities and UTF-8 encoding", "[core]") {
    CHECK(xml_unescape("a&lt;b&gt;&amp;&quot;&apos;") == "a<b>&\"'");
    CHECK(xml_unescape("&#65;&#x42;&#X43;&#233;&#x1F600;") == "ABC\xc3\xa9\xf0\x9f\x98\x80");
    CHECK(xml_unescape("&bogus; &#xZZ; &#; &#x110000; & alone") == "&bogus; &#xZZ; &#; &#x110000; & alone");
    std::string u;
    for (std::uint32_t cp : {0x41u, 0xE9u, 0x20ACu, 0x1F600u}) utf8_append(u, cp);
    CHECK(u == "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    CHECK(is_valid_utf8(u));
}

TEST_CASE("timestamps parse and format", "[core]") {
    auto t = *parse_timestamp("20150830T123600Z");
    CHECK(format_amz_date(t) == "20150830T123600Z");
    CHECK(format_iso8601(t) == "2015-08-30T12:36:00Z");
    CHECK(format_date_stamp(t) == "20150830");
    CHECK(format_http_date(t) == "Sun, 30 Aug 2015 12:36:00 GMT");
    CHECK(*parse_timestamp("2015-08-30T12:36:00Z") == t);
    CHECK(*parse_timestamp("2015-08-30T12:36:00.123Z") == t);
    CHECK(*parse_timestamp("2015-08-30T14:36:00+02:00") == t);
    CHECK(*parse_timestamp("2015-08-30T07:36:00-0500") == t);
    for (const char* bad : {"", "2015", "20150830T1236Z", "2015-13-01T00:00:00Z", "2015-02-30T00:00:00Z",
                            "2015-08-30T12:36:00", "2015-08-30T12:36:00Zjunk", "tomorrow"}) {
        DYNAMIC_SECTION(bad) {
            auto r = parse_timestamp(bad);
            REQUIRE_FALSE(r.has_value());
            CHECK(r.error().type == error_type::invalid_time);
        }
    }
}

TEST_CASE("Result carries values or typed errors", "[core]") {
    Result<int> ok = 3;
    CHECK(ok.has_value());
    CHECK(*ok == 3);
    Result<int> bad = fail(error_type::invalid_argument, "nope", "field");
    CHECK_FALSE(bad);
    CHECK(bad.error().to_string() == "InvalidArgumentError: nope");
    CHECK_THROWS_AS(bad.value(), Exception);
    Error e = make_error("X", "m");
    e.file = "f.ini";
    e.line = 7;
    CHECK(e.to_string() == "X: m (f.ini:7)");

    Result<void> done;
    CHECK(done.has_value());
    CHECK_NOTHROW(done.value());
    Result<void> refused = fail(error_type::invalid_argument, "no", "f");
    CHECK_FALSE(refused.has_value());
    CHECK(refused.error().field == "f");
    CHECK(refused.failure().error.message == "no");
    CHECK_THROWS_AS(refused.value(), Exception);
}

TEST_CASE("secrets never print", "[core]") {
    SecretString s("wJalrXUtnFEMI");
    std::ostringstream os;
    os << s;
    CHECK(os.str() == "<redacted>");
    CHECK(s.reveal() == "wJalrXUtnFEMI");
    CHECK(SecretString::to_string() == "<redacted>");
}
