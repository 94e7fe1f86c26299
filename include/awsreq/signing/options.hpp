// awsreq signing: every SigV4 behaviour switch in one aggregate, and the S3 preset.
#pragma once

#include <chrono>
#include <string>

namespace awsreq {

/// Whether to remove `.`/`..` segments and duplicate slashes before signing the path. AWS
/// services normalize; S3 signs the path exactly as sent.
enum class PathNormalization { normalize, keep };

/// How the canonical URI is encoded. Most services encode the (already URL-encoded) path once
/// more ("double"); S3 encodes the decoded path exactly once ("single").
enum class UriEncoding { double_encode, single_encode };

/// What the payload hash in the canonical request is.
enum class PayloadSigning {
    hash_body,          ///< SHA-256 of the body (the default)
    precomputed,        ///< SigningOptions::payload_hash as given (hex digest or a STREAMING-* literal)
    unsigned_payload,   ///< the literal UNSIGNED-PAYLOAD (S3 presigned URLs, opt-in elsewhere)
};

/// Whether to send the payload hash as the x-amz-content-sha256 header (S3 requires it).
enum class ContentSha256Header { omit, add };

/// Where the session token goes: signed like any header/parameter (the default), or added after
/// signing and left out of the signature (some services, e.g. IoT, want that).
enum class SessionTokenPlacement { sign, append_after_signing };

/// Header (Authorization) or query string (presigned URL) authentication.
enum class SignatureLocation { header, query };

/// SigV4 behaviour switches. Designated initializers read well:
///   SigningOptions{.location = SignatureLocation::query, .expires_in = std::chrono::hours(1)}
struct SigningOptions {
    SignatureLocation location = SignatureLocation::header;
    PathNormalization path = PathNormalization::normalize;
    UriEncoding uri_encoding = UriEncoding::double_encode;
    PayloadSigning payload = PayloadSigning::hash_body;
    std::string payload_hash = {};  ///< used with PayloadSigning::precomputed
    ContentSha256Header content_sha256 = ContentSha256Header::omit;
    SessionTokenPlacement session_token = SessionTokenPlacement::sign;
    std::chrono::seconds expires_in{3600};  ///< presigned URLs only; 1 s to 7 days
    bool record_trace = false;  ///< attach a redacted SigningTrace to the SignedRequest
};

/// The S3 rules: no path normalization, single URI encoding, x-amz-content-sha256 sent.
[[nodiscard]] inline SigningOptions s3_signing_options(SigningOptions base = {}) {
    base.path = PathNormalization::keep;
    base.uri_encoding = UriEncoding::single_encode;
    base.content_sha256 = ContentSha256Header::add;
    return base;
}

/// The S3 rules for presigned URLs: as s3_signing_options, in the query, with UNSIGNED-PAYLOAD
/// and no x-amz-content-sha256 header (a URL cannot carry one).
[[nodiscard]] inline SigningOptions s3_presign_options(std::chrono::seconds expires_in,
                                                       SigningOptions base = {}) {
    base = s3_signing_options(base);
    base.location = SignatureLocation::query;
    base.payload = PayloadSigning::unsigned_payload;
    base.content_sha256 = ContentSha256Header::omit;
    base.expires_in = expires_in;
    return base;
}

/// The longest validity SigV4 allows for a presigned URL: 7 days.
inline constexpr std::chrono::seconds kMaxPresignExpiry{7 * 24 * 3600};

}  // namespace awsreq
