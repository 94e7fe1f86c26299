// aws-chunked streaming uploads: the S3 documentation's worked example, the framing arithmetic,
// trailers and checksums, and bad input.
#include <awsreq/core/encoding.hpp>
#include <awsreq/signing/chunked.hpp>

#include <catch2/catch.hpp>

using namespace awsreq;

namespace {

// Published facts from the Amazon S3 API Reference, "Signature Calculations for the
// Authorization Header: Transferring Payload in Multiple Chunks (Chunked Upload) (AWS Signature
// Version 4)", section "Example: PUT Object",
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
// (PUT examplebucket/chunkObject.txt, 66560 bytes of 'a' in 64 KiB chunks, 20130524T000000Z).
constexpr const char* kDocAccessKey = "AKIAIOSFODNN7EXAMPLE";
constexpr const char* kDocSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr const char* kDocSignedHeaders =
    "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;"
    "x-amz-storage-class";
constexpr const char* kDocCanonicalRequestHash = "cee3fed04b70f867d036f722359b0b1f2f0e5dc0efadbc082b76c4c60e316455";
constexpr const char* kDocSeedSignature = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
constexpr const char* kDocChunk1Signature = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
constexpr const char* kDocChunk2Signature = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
constexpr const char* kDocFinalSignature = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";
constexpr std::uint64_t kDocContentLength = 66824;

Credentials doc_credentials() {
    Credentials c;
    c.access_key_id = kDocAccessKey;
    c.secret_access_key = SecretString(kDocSecret);
    return c;
}

Timestamp doc_time() { return unwrap(parse_timestamp("20130524T000000Z")); }

HeaderList doc_headers() {
    return HeaderList{{"Host", "s3.amazonaws.com"}, {"x-amz-storage-class", "REDUCED_REDUNDANCY"}};
}

// An independent computation of one chunk signature straight from the documented formula.
std::string expected_chunk_signature(std::string_view data, std::string_view previous, std::string_view secret) {
    auto k = derive_signing_key(secret, "20130524", "us-east-1", "s3");
    std::string sts = "AWS4-HMAC-SHA256-PAYLOAD\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n";
    sts += std::string(previous) + "\n" + sha256_hex("") + "\n" + sha256_hex(data);
    return hex_encode(hmac_sha256(k.k_signing, sts));
}

}  // namespace

TEST_CASE("aws-chunked: the S3 documentation example, seed and every chunk signature", "[chunked]") {
    HeaderList headers = doc_headers();
    SigningKeyCache cache;
    SigningParams params{"s3", "us-east-1", doc_time(), s3_signing_options(), &cache};
    params.options.record_trace = true;
    AwsChunkedOptions opts{.mode = StreamingPayload::signed_chunks, .decoded_length = 66560, .chunk_size = 65536};

    auto upload = sign_aws_chunked(RequestView{"PUT", "https://s3.amazonaws.com/examplebucket/chunkObject.txt", &headers, {}},
                                   doc_credentials(), params, opts);
    REQUIRE(upload.has_value());
    const SignedRequest& r = upload->request;
    CHECK(r.headers.get("Content-Encoding") == std::optional<std::string_view>("aws-chunked"));
    CHECK(r.headers.get("x-amz-decoded-content-length") == std::optional<std::string_view>("66560"));
    CHECK(r.headers.get("Content-Length") == std::optional<std::string_view>("66824"));
    CHECK(r.headers.get("x-amz-content-sha256") == std::optional<std::string_view>("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"));
    REQUIRE(r.trace);
    CHECK(r.trace->canonical_request.signed_headers == kDocSignedHeaders);
    CHECK(r.trace->string_to_sign.canonical_request_hash == kDocCanonicalRequestHash);
    CHECK(r.trace->signature == kDocSeedSignature);
    CHECK(std::string(*r.headers.get("Authorization")).ends_with(std::string("Signature=") + kDocSeedSignature));
    CHECK(upload->encoder.previous_signature() == kDocSeedSignature);

    const std::string chunk1(65536, 'a'), chunk2(1024, 'a');
    auto& enc = upload->encoder;
    auto f1 = enc.encode(chunk1);
    REQUIRE(f1.has_value());
    CHECK(enc.previous_signature() == kDocChunk1Signature);
    CHECK(*f1 == std::string("10000;chunk-signature=") + kDocChunk1Signature + "\r\n" + chunk1 + "\r\n");
    auto f2 = enc.encode(chunk2);
    REQUIRE(f2.has_value());
    CHECK(enc.previous_signature() == kDocChunk2Signature);
    CHECK(*f2 == std::string("400;chunk-signature=") + kDocChunk2Signature + "\r\n" + chunk2 + "\r\n");
    auto f3 = enc.finish();
    REQUIRE(f3.has_value());
    CHECK(enc.previous_signature() == kDocFinalSignature);
    CHECK(*f3 == std::string("0;chunk-signature=") + kDocFinalSignature + "\r\n\r\n");
    CHECK(f1->size() + f2->size() + f3->size() == kDocContentLength);
}

TEST_CASE("aws-chunked: the stateless chunk signer matches the documented chain", "[chunked]") {
    auto k = derive_signing_key(kDocSecret, "20130524", "us-east-1", "s3");
    ChunkSigner signer(HmacSha256Key(k.k_signing), "20130524T000000Z", "20130524/us-east-1/s3/aws4_request");
    std::string s1 = signer.chunk_signature(std::string(65536, 'a'), kDocSeedSignature);
    CHECK(s1 == kDocChunk1Signature);
    std::string s2;
    std::string framed = signer.frame_chunk(std::string(1024, 'a'), s1, &s2);
    CHECK(s2 == kDocChunk2Signature);
    CHECK(framed.starts_with(std::string("400;chunk-signature=") + kDocChunk2Signature + "\r\n"));
    CHECK(signer.chunk_signature("", s2) == kDocFinalSignature);
    CHECK(expected_chunk_signature("", s2, kDocSecret) == kDocFinalSignature);
}

TEST_CASE("aws-chunked: the framed Content-Length equals the bytes produced", "[chunked]") {
    auto k = derive_signing_key("secret", "20130524", "us-east-1", "s3");
    ChunkSigner signer(HmacSha256Key(k.k_signing), "20130524T000000Z", "20130524/us-east-1/s3/aws4_request");
    struct Mode {
        StreamingPayload mode;
        std::optional<ChecksumAlgorithm> checksum;
    };
    for (Mode m : {Mode{StreamingPayload::signed_chunks, std::nullopt},
                   Mode{StreamingPayload::signed_chunks_with_trailer, ChecksumAlgorithm::crc32},
                   Mode{StreamingPayload::signed_chunks_with_trailer, ChecksumAlgorithm::sha256},
                   Mode{StreamingPayload::unsigned_with_trailer, ChecksumAlgorithm::crc32c},
                   Mode{StreamingPayload::unsigned_with_trailer, ChecksumAlgorithm::sha1}}) {
        for (std::uint64_t len : {0ull, 1ull, 8191ull, 8192ull, 8193ull, 40000ull}) {
            DYNAMIC_SECTION(streaming_payload_hash(m.mode) << " length " << len) {
                AwsChunkedOptions o{.mode = m.mode, .decoded_length = len, .chunk_size = 8192, .trailing_checksum = m.checksum};
                AwsChunkedEncoder enc(o, signer, std::string(64, '0'));
                auto body = enc.encode_all(std::string(len, 'x'));
                REQUIRE(body.has_value());
                CHECK(body->size() == unwrap(aws_chunked_content_length(o)));
                CHECK(body->ends_with("\r\n\r\n"));
            }
        }
    }
}

TEST_CASE("aws-chunked: signed trailer", "[chunked]") {
    HeaderList headers = doc_headers();
    SigningParams params{"s3", "us-east-1", doc_time(), s3_signing_options()};
    AwsChunkedOptions opts{.mode = StreamingPayload::signed_chunks_with_trailer,
                           .decoded_length = 10,
                           .chunk_size = 65536,
                           .trailing_checksum = ChecksumAlgorithm::crc32};
    auto upload = sign_aws_chunked(RequestView{"PUT", "https://s3.amazonaws.com/examplebucket/t.txt", &headers, {}},
                                   doc_credentials(), params, opts);
    REQUIRE(upload.has_value());
    CHECK(upload->request.headers.get("x-amz-trailer") == std::optional<std::string_view>("x-amz-checksum-crc32"));
    CHECK(upload->request.headers.get("x-amz-content-sha256") ==
          std::optional<std::string_view>("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"));
    std::string seed = upload->encoder.previous_signature();
    auto body = upload->encoder.encode_all("0123456789");
    REQUIRE(body.has_value());

    std::string s1 = expected_chunk_signature("0123456789", seed, kDocSecret);
    std::string s_final = expected_chunk_signature("", s1, kDocSecret);
    std::string crc = checksum_base64(ChecksumAlgorithm::crc32, "0123456789");
    auto k = derive_signing_key(kDocSecret, "20130524", "us-east-1", "s3");
    std::string trailer_sts = "AWS4-HMAC-SHA256-TRAILER\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" +
                              s_final + "\n" + sha256_hex("x-amz-checksum-crc32:" + crc + "\n");
    std::string trailer_sig = hex_encode(hmac_sha256(k.k_signing, trailer_sts));
    CHECK(*body == "a;chunk-signature=" + s1 + "\r\n0123456789\r\n0;chunk-signature=" + s_final +
                       "\r\nx-amz-checksum-crc32:" + crc + "\r\nx-amz-trailer-signature:" + trailer_sig + "\r\n\r\n");
    CHECK(body->size() == std::stoull(std::string(*upload->request.headers.get("Content-Length"))));
}

TEST_CASE("aws-chunked: unsigned payload with trailer", "[chunked]") {
    HeaderList headers = doc_headers();
    SigningParams params{"s3", "us-east-1", doc_time(), s3_signing_options()};
    AwsChunkedOptions opts{.mode = StreamingPayload::unsigned_with_trailer,
                           .decoded_length = 5,
                           .chunk_size = 2,
                           .trailing_checksum = ChecksumAlgorithm::sha256};
    auto upload = sign_aws_chunked(RequestView{"PUT", "https://s3.amazonaws.com/b/k", &headers, {}},
                                   doc_credentials(), params, opts);
    REQUIRE(upload.has_value());
    CHECK(upload->request.headers.get("x-amz-content-sha256") ==
          std::optional<std::string_view>("STREAMING-UNSIGNED-PAYLOAD-TRAILER"));
    auto body = upload->encoder.encode_all("hello");
    REQUIRE(body.has_value());
    CHECK(*body == "2\r\nhe\r\n2\r\nll\r\n1\r\no\r\n0\r\nx-amz-checksum-sha256:" +
                       base64_encode(std::span<const std::uint8_t>(sha256("hello"))) + "\r\n\r\n");
}

TEST_CASE("aws-chunked: checksums (standard check values)", "[chunked]") {
    auto be32 = [](std::uint32_t v) {
        const std::uint8_t b[4] = {std::uint8_t(v >> 24), std::uint8_t(v >> 16), std::uint8_t(v >> 8), std::uint8_t(v)};
        return base64_encode(std::span<const std::uint8_t>(b, 4));
    };
    CHECK(checksum_base64(ChecksumAlgorithm::crc32, "123456789") == be32(0xCBF43926u));
    CHECK(checksum_base64(ChecksumAlgorithm::crc32c, "123456789") == be32(0xE3069283u));
    CHECK(checksum_base64(ChecksumAlgorithm::sha1, "abc") ==
          base64_encode(unwrap(hex_decode("a9993e364706816aba3e25717850c26c9cd0d89d"))));
    CHECK(checksum_base64(ChecksumAlgorithm::sha256, "abc") ==
          base64_encode(unwrap(hex_decode("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))));
    RunningChecksum rc(ChecksumAlgorithm::crc32c);
    rc.update("1234");
    rc.update("56789");
    CHECK(rc.finish() == be32(0xE3069283u));
    for (auto a : {ChecksumAlgorithm::crc32, ChecksumAlgorithm::crc32c, ChecksumAlgorithm::sha1, ChecksumAlgorithm::sha256})
        CHECK(checksum_base64(a, "x").size() == checksum_value_length(a));
}

TEST_CASE("aws-chunked: bad input is a typed error", "[chunked]") {
    auto k = derive_signing_key("secret", "20130524", "us-east-1", "s3");
    ChunkSigner signer(HmacSha256Key(k.k_signing), "20130524T000000Z", "20130524/us-east-1/s3/aws4_request");
    CHECK_FALSE(aws_chunked_content_length({.decoded_length = 1, .chunk_size = 0}).has_value());
    CHECK_FALSE(aws_chunked_content_length({.mode = StreamingPayload::unsigned_with_trailer, .decoded_length = 1}).has_value());
    CHECK_FALSE(aws_chunked_content_length({.decoded_length = 1, .trailing_checksum = ChecksumAlgorithm::crc32}).has_value());

    AwsChunkedEncoder enc({.decoded_length = 4, .chunk_size = 2}, signer, std::string(64, '0'));
    CHECK_FALSE(enc.encode("").has_value());
    CHECK_FALSE(enc.finish().has_value());  // nothing encoded yet
    REQUIRE(enc.encode("ab").has_value());
    CHECK_FALSE(enc.encode("cde").has_value());  // past the declared length
    REQUIRE(enc.encode("cd").has_value());
    REQUIRE(enc.finish().has_value());
    auto again = enc.finish();
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().type == error_type::invalid_argument);

    HeaderList headers = doc_headers();
    auto bad = sign_aws_chunked(RequestView{"PUT", "https://s3.amazonaws.com/b/k", &headers, {}}, doc_credentials(),
                                SigningParams{"s3", "", doc_time()}, {.decoded_length = 1});
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().field == "region");
}
