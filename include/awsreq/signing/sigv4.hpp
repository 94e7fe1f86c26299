// awsreq signing: AWS Signature Version 4, in the Authorization header or the query string.
#pragma once

#include <awsreq/core/result.hpp>
#include <awsreq/core/time.hpp>
#include <awsreq/http/request.hpp>
#include <awsreq/signing/credentials.hpp>
#include <awsreq/signing/key_cache.hpp>
#include <awsreq/signing/options.hpp>
#include <awsreq/signing/trace.hpp>

#include <string_view>

namespace awsreq {

/// Everything signing depends on besides the request and the credentials. Time is an input:
/// the signer never reads the clock.
struct SigningParams {
    std::string_view service;  ///< the signing name, e.g. "s3", "execute-api"
    std::string_view region;   ///< e.g. "us-east-1"
    Timestamp time;            ///< the signing time (X-Amz-Date)
    SigningOptions options = {};
    SigningKeyCache* key_cache = nullptr;  ///< nullptr: SigningKeyCache::shared()
};

/// Signs a request with SigV4 (AWS4-HMAC-SHA256) and returns it ready to send: with
/// X-Amz-Date, the session token, x-amz-content-sha256 (when asked) and Authorization headers,
/// or, for SignatureLocation::query, with the X-Amz-* parameters appended to the URL. The input
/// is not modified. Errors: malformed URL or headers, empty or malformed credentials, an expiry
/// outside 1 s .. 7 days, an empty service or region.
///
/// A trace (SigningTrace) is attached when `options.record_trace` is set, and for a presigned
/// URL whose credentials expire before it would: `trace->expires_at` then reports the earlier,
/// effective expiry. Otherwise a presigned URL works until `time + expires_in`.
[[nodiscard]] Result<SignedRequest> sign(const RequestView& request, const Credentials& credentials,
                                         const SigningParams& params);

/// As above, for a request the caller gives up: its strings, header storage and body move into
/// the result instead of being copied (no second copy of a large body). On error the request is
/// left unchanged.
[[nodiscard]] Result<SignedRequest> sign(SignedRequest&& request, const Credentials& credentials,
                                         const SigningParams& params);

/// Presigns (query-string authentication) with `options.expires_in`; same as sign() with
/// SignatureLocation::query.
[[nodiscard]] Result<SignedRequest> presign(const RequestView& request,
                                            const Credentials& credentials,
                                            SigningParams params);
[[nodiscard]] Result<SignedRequest> presign(SignedRequest&& request, const Credentials& credentials,
                                            SigningParams params);

/// The canonical request and string to sign sign() would produce (session token unredacted),
/// for diagnosis and tests.
struct SigningSteps {
    CanonicalRequest canonical_request;
    StringToSign string_to_sign;
    CredentialScope scope;
};
[[nodiscard]] Result<SigningSteps> signing_steps(const RequestView& request,
                                                 const Credentials& credentials,
                                                 const SigningParams& params);

}  // namespace awsreq
