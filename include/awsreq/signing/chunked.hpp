// awsreq signing: S3 streaming uploads (Content-Encoding: aws-chunked), signed chunk by chunk,
// optionally with a trailing checksum.
//
// The request itself is signed once (the "seed" signature) with a STREAMING-* payload hash; each
// chunk's signature then chains from the previous one:
//   AWS4-HMAC-SHA256-PAYLOAD \n time \n scope \n previous signature \n hash("") \n hash(chunk)
// and a chunk goes on the wire as `hex(size);chunk-signature=<sig>\r\n<data>\r\n`. The body ends
// with a zero-length chunk, then (trailer variants) the trailing headers, signed as
//   AWS4-HMAC-SHA256-TRAILER \n time \n scope \n previous signature \n hash(trailer lines).
#pragma once

#include <awsreq/core/crypto.hpp>
#include <awsreq/core/result.hpp>
#include <awsreq/http/header_list.hpp>
#include <awsreq/http/request.hpp>
#include <awsreq/signing/credentials.hpp>
#include <awsreq/signing/sigv4.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace awsreq {

/// Which aws-chunked flavour: signed chunks, signed chunks plus signed trailers, or unsigned
/// chunks with (unsigned) trailers.
enum class StreamingPayload {
    signed_chunks,              ///< STREAMING-AWS4-HMAC-SHA256-PAYLOAD
    signed_chunks_with_trailer, ///< STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER
    unsigned_with_trailer,      ///< STREAMING-UNSIGNED-PAYLOAD-TRAILER
};

/// The x-amz-content-sha256 value that announces the flavour.
[[nodiscard]] std::string_view streaming_payload_hash(StreamingPayload mode) noexcept;

/// The flexible-checksum algorithms S3 accepts as a trailer (x-amz-checksum-<name>, base64).
enum class ChecksumAlgorithm { crc32, crc32c, sha1, sha256 };

/// `x-amz-checksum-crc32`, ...
[[nodiscard]] std::string_view checksum_header_name(ChecksumAlgorithm algorithm) noexcept;
/// Length of the base64 checksum value: 8 for the CRCs, 28 for SHA-1, 44 for SHA-256.
[[nodiscard]] std::size_t checksum_value_length(ChecksumAlgorithm algorithm) noexcept;

/// The checksum of a whole payload, base64 of the big-endian digest, as S3 expects it.
[[nodiscard]] std::string checksum_base64(ChecksumAlgorithm algorithm, std::string_view data);

/// Incremental checksum over a payload fed piece by piece.
class RunningChecksum {
public:
    explicit RunningChecksum(ChecksumAlgorithm algorithm);
    ~RunningChecksum();
    RunningChecksum(RunningChecksum&&) noexcept;
    RunningChecksum& operator=(RunningChecksum&&) noexcept;
    void update(std::string_view data);
    /// The base64 value; the object must not be updated afterwards.
    [[nodiscard]] std::string finish();
    [[nodiscard]] ChecksumAlgorithm algorithm() const noexcept { return algorithm_; }

private:
    struct State;
    ChecksumAlgorithm algorithm_;
    std::unique_ptr<State> state_;
};

/// The shape of an aws-chunked body.
struct AwsChunkedOptions {
    StreamingPayload mode = StreamingPayload::signed_chunks;
    std::uint64_t decoded_length = 0;    ///< the object's size (x-amz-decoded-content-length)
    std::size_t chunk_size = 64 * 1024;  ///< every chunk but the last; S3 wants >= 8 KiB
    std::optional<ChecksumAlgorithm> trailing_checksum = {};  ///< required by the trailer modes
};

/// The Content-Length of the framed body: chunk headers, signatures, CRLFs, the final chunk and
/// the trailer included. Fails on a zero chunk size, a missing/unexpected trailing checksum, or
/// a length that overflows.
[[nodiscard]] Result<std::uint64_t> aws_chunked_content_length(const AwsChunkedOptions& options);

/// Computes chunk and trailer signatures from the signing key, time and scope of the seed
/// request. Stateless and cheap to copy.
class ChunkSigner {
public:
    /// `amz_date` is `YYYYMMDDTHHMMSSZ`, `scope` `date/region/service/aws4_request`.
    ChunkSigner(const HmacSha256Key& key, std::string_view amz_date, std::string_view scope);

    /// The signature (hex) of one chunk, chained from the previous signature (the seed for the
    /// first chunk). The final zero-length chunk is signed with empty `data`.
    [[nodiscard]] std::string chunk_signature(std::string_view data, std::string_view previous_signature) const;
    /// The signed chunk as sent: `hex(size);chunk-signature=<sig>\r\n<data>\r\n`. Writes the new
    /// signature to `signature_out` when given.
    [[nodiscard]] std::string frame_chunk(std::string_view data, std::string_view previous_signature,
                                          std::string* signature_out = nullptr) const;
    /// The signature of the trailer block; `canonical_trailers` is `name:value\n` per trailer,
    /// names lower-case and sorted.
    [[nodiscard]] std::string trailer_signature(std::string_view canonical_trailers,
                                                std::string_view previous_signature) const;

private:
    HmacSha256Key key_;
    std::string prefix_;  // "AWS4-HMAC-SHA256-PAYLOAD\n<time>\n<scope>\n"
    std::string trailer_prefix_;
};

/// Frames a body chunk by chunk, keeping the signature chain, the byte count and the running
/// checksum. Feed encode() chunks of options.chunk_size (the last may be shorter), then call
/// finish() for the final chunk and trailers.
class AwsChunkedEncoder {
public:
    /// For the unsigned mode `signer` and `seed_signature` are not used.
    AwsChunkedEncoder(AwsChunkedOptions options, ChunkSigner signer, std::string seed_signature);
    ~AwsChunkedEncoder();
    AwsChunkedEncoder(AwsChunkedEncoder&&) noexcept;
    AwsChunkedEncoder& operator=(AwsChunkedEncoder&&) noexcept;

    /// Frames one non-empty chunk. Fails on an empty chunk, after finish(), or past the declared
    /// decoded length.
    [[nodiscard]] Result<std::string> encode(std::string_view data);
    /// The zero-length final chunk, then the trailers (checksum and its signature). Fails when
    /// fewer bytes than the declared decoded length were encoded.
    [[nodiscard]] Result<std::string> finish();
    /// The whole framed body of `payload` in one call (encode per chunk, then finish).
    [[nodiscard]] Result<std::string> encode_all(std::string_view payload);

    /// The last signature in the chain (the seed before the first chunk).
    [[nodiscard]] const std::string& previous_signature() const noexcept { return previous_; }
    [[nodiscard]] const AwsChunkedOptions& options() const noexcept { return options_; }

private:
    AwsChunkedOptions options_;
    ChunkSigner signer_;
    std::string previous_;
    std::uint64_t encoded_ = 0;
    bool finished_ = false;
    std::optional<RunningChecksum> checksum_;
};

/// A signed aws-chunked upload: the request to send (headers only; the body is produced by the
/// encoder) and the encoder primed with its seed signature.
struct AwsChunkedUpload {
    SignedRequest request;
    AwsChunkedEncoder encoder;
};

/// Signs the request head of an aws-chunked upload with SigV4. Adds Content-Encoding: aws-chunked
/// (kept in front of any existing encoding), x-amz-decoded-content-length, the framed
/// Content-Length, x-amz-content-sha256 with the STREAMING-* value and, for trailers,
/// x-amz-trailer; then signs (header signing only) and returns the encoder for the body. The
/// request's own body is ignored. Errors: as sign(), plus bad options.
[[nodiscard]] Result<AwsChunkedUpload> sign_aws_chunked(const RequestView& request, const Credentials& credentials,
                                                        const SigningParams& params,
                                                        const AwsChunkedOptions& options);

}  // namespace awsreq
