// Event-stream framing and message signing.
#include <awsreq/core/encoding.hpp>
#include <awsreq/signing/event_stream.hpp>

#include <catch2/catch.hpp>

using namespace awsreq;

namespace {

Timestamp epoch_seconds(long long s) { return Timestamp(std::chrono::seconds(s)); }

}  // namespace

TEST_CASE("event stream: the string to sign of the smithy-rs aws-sigv4 event_stream test", "[event-stream]") {
    // Published in smithy-rs, aws/rust-runtime/aws-sigv4/src/event_stream.rs (test
    // "string_to_sign"): the event {some-header: "value"} + "test payload", signed at Unix time
    // 123456789 for us-east-1/testservice, prior signature = hex(sha256("last message sts")).
    EventStreamMessage event{{{"some-header", std::string("value")}}, "test payload"};
    std::string payload = unwrap(encode_event_stream_message(event));
    std::string prior = sha256_hex("last message sts");
    auto k = derive_signing_key("secret", "19731129", "us-east-1", "testservice");
    auto signed_msg = sign_event_stream_message(payload, prior, epoch_seconds(123456789), HmacSha256Key(k.k_signing),
                                                "19731129/us-east-1/testservice/aws4_request");
    CHECK(signed_msg.string_to_sign ==
          "AWS4-HMAC-SHA256-PAYLOAD\n"
          "19731129T213309Z\n"
          "19731129/us-east-1/testservice/aws4_request\n"
          "be1f8c7d79ef8e1abc5254a2c70e4da3bfaf4f07328f527444e1fc6ea67273e2\n"
          "0c0e3b3bf66b59b976181bd7d401927bbd624107303c713fd1e5f3d3c8dd1b1e\n"
          "f2eba0f2e95967ee9fbc6db5e678d2fd599229c0d04b11e4fc8e0f2a02a806c6");
    // The signature is the SigV4 HMAC of that string, carried raw in :chunk-signature.
    CHECK(signed_msg.signature == hex_encode(hmac_sha256(k.k_signing, signed_msg.string_to_sign)));
    CHECK(signed_msg.date_header == EventStreamHeader{":date", EventTimestamp{123456789000}});
    REQUIRE(std::holds_alternative<EventBytes>(signed_msg.signature_header.value));
    CHECK(hex_encode(std::get<EventBytes>(signed_msg.signature_header.value).bytes) == signed_msg.signature);
    CHECK(signed_msg.message.payload == payload);
}

TEST_CASE("event stream: frame layout and CRCs", "[event-stream]") {
    CHECK(event_stream_crc32("123456789") == 0xCBF43926u);
    // An empty message is the 16-byte minimum: lengths 16 and 0, then the two CRCs.
    std::string empty = unwrap(encode_event_stream_message({}));
    REQUIRE(empty.size() == 16);
    CHECK(hex_encode(empty.substr(0, 8)) == "0000001000000000");
    CHECK(empty.substr(8, 4) == std::string("\x05\xc2\x48\xeb", 4));  // crc32 of 00000010 00000000
    std::string framed = unwrap(encode_event_stream_message({{{"a", std::string("b")}}, "xyz"}));
    // headers: 01 'a' 07 0001 'b' = 6 bytes; total = 12 + 6 + 3 + 4 = 25
    CHECK(hex_encode(framed.substr(0, 8)) == "0000001900000006");
    CHECK(hex_encode(framed.substr(12, 6)) == "0161070001" + hex_encode(std::string("b")));
    CHECK(framed.substr(18, 3) == "xyz");
}

TEST_CASE("event stream: every header type round-trips", "[event-stream]") {
    EventUuid uuid;
    for (std::uint8_t i = 0; i < 16; ++i) uuid.bytes[i] = i;
    EventStreamMessage m{{{"t", true},
                          {"f", false},
                          {"byte", std::int8_t(-2)},
                          {"short", std::int16_t(-300)},
                          {"int", std::int32_t(-70000)},
                          {"long", std::int64_t(-5000000000LL)},
                          {"bytes", EventBytes{std::string("\x00\x01\xff", 3)}},
                          {":event-type", std::string("AudioEvent")},
                          {"time", EventTimestamp{1700000000123}},
                          {"uuid", uuid}},
                         std::string("\x00payload\xff", 9)};
    std::string bytes = unwrap(encode_event_stream_message(m));
    std::size_t used = 0;
    auto back = decode_event_stream_message(bytes + "trailing", &used);
    REQUIRE(back.has_value());
    CHECK(*back == m);
    CHECK(used == bytes.size());
}

TEST_CASE("event stream: a signed stream chains its signatures", "[event-stream]") {
    Credentials creds;
    creds.access_key_id = "AKIDEXAMPLE";
    creds.secret_access_key = SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    std::string seed(64, 'a');
    SigningKeyCache cache;
    EventStreamSigner signer(creds, "us-east-1", "transcribe", seed, &cache);
    Timestamp t1 = epoch_seconds(1700000000), t2 = epoch_seconds(1700000001);
    EventStreamMessage audio{{{":message-type", std::string("event")}, {":event-type", std::string("AudioEvent")}},
                             std::string(320, '\x01')};
    std::string f1 = unwrap(signer.sign_frame(audio, t1));
    std::string s1 = signer.prior_signature();
    std::string f2 = unwrap(signer.end_frame(t2));
    std::string s2 = signer.prior_signature();
    CHECK(s1 != seed);
    CHECK(s2 != s1);

    // Decode the frames and recompute each signature independently.
    auto k = derive_signing_key(creds.secret_access_key.reveal(), "20231114", "us-east-1", "transcribe");
    auto check_frame = [&](const std::string& frame, std::string_view prior, Timestamp t, const std::string& expected_sig,
                           const std::string& expected_payload) {
        auto outer = unwrap(decode_event_stream_message(frame));
        REQUIRE(outer.headers.size() == 2);
        CHECK(outer.headers[0] == EventStreamHeader{":date", EventTimestamp{t.time_since_epoch().count() * 1000}});
        CHECK(outer.headers[1].name == ":chunk-signature");
        CHECK(outer.payload == expected_payload);
        std::string date_hdr = unwrap(encode_event_stream_headers({outer.headers[0]}));
        std::string sts = "AWS4-HMAC-SHA256-PAYLOAD\n" + format_amz_date(t) +
                          "\n20231114/us-east-1/transcribe/aws4_request\n" + std::string(prior) + "\n" +
                          sha256_hex(date_hdr) + "\n" + sha256_hex(outer.payload);
        std::string sig = hex_encode(hmac_sha256(k.k_signing, sts));
        CHECK(sig == expected_sig);
        CHECK(hex_encode(std::get<EventBytes>(outer.headers[1].value).bytes) == sig);
    };
    check_frame(f1, seed, t1, s1, unwrap(encode_event_stream_message(audio)));
    check_frame(f2, s1, t2, s2, "");
    CHECK(cache.size() == 1);
}

TEST_CASE("event stream: bad input is a typed error", "[event-stream]") {
    CHECK_FALSE(encode_event_stream_message({{{"", true}}, ""}).has_value());
    CHECK_FALSE(encode_event_stream_message({{{std::string(256, 'n'), true}}, ""}).has_value());
    CHECK_FALSE(encode_event_stream_message({{{"s", std::string(65536, 'x')}}, ""}).has_value());

    std::string good = unwrap(encode_event_stream_message({{{"a", std::string("b")}}, "xyz"}));
    CHECK_FALSE(decode_event_stream_message(good.substr(0, 10)).has_value());
    CHECK_FALSE(decode_event_stream_message(good.substr(0, good.size() - 1)).has_value());
    for (std::size_t i = 0; i < good.size(); ++i) {
        std::string bad = good;
        bad[i] = static_cast<char>(bad[i] ^ 0x40);
        auto r = decode_event_stream_message(bad);
        CHECK_FALSE(r.has_value());  // every single-byte change breaks a CRC
        if (!r) CHECK(r.error().type == error_type::parse_error);
    }
    Credentials none;
    EventStreamSigner signer(none, "us-east-1", "transcribe", std::string(64, '0'));
    CHECK(signer.end_frame(epoch_seconds(0)).error().type == error_type::invalid_credentials);
}
