// awsreq signing: checking a SigV4-signed request, the way a server does.
#pragma once

#include <awsreq/core/secret.hpp>
#include <awsreq/core/time.hpp>
#include <awsreq/http/request.hpp>
#include <awsreq/signing/options.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace awsreq {

/// Why a signed request is (not) accepted.
enum class VerifyStatus {
    valid,
    malformed,              ///< no or unreadable Authorization header / X-Amz-* parameters
    unknown_access_key,     ///< the lookup has no secret for the access key id
    missing_signed_header,  ///< SignedHeaders names a header the request lacks
    clock_skew,             ///< X-Amz-Date more than the allowed skew (15 min) from now
    expired,                ///< presigned URL used after X-Amz-Date + X-Amz-Expires
    signature_mismatch,     ///< the recomputed signature differs
};

[[nodiscard]] std::string_view to_string(VerifyStatus s) noexcept;

/// The verdict. For a mismatch, `canonical_request` is the verifier's own canonical request;
/// `signer_canonical_request` is the signer's, when the request carries a SigningTrace; `hint`
/// says when another SigV4 variant (S3 vs. default URI rules) would have matched.
struct VerifyResult {
    VerifyStatus status = VerifyStatus::malformed;
    std::string reason;
    std::string access_key_id;
    std::string canonical_request;
    std::string string_to_sign;
    std::string signer_canonical_request;
    std::string hint;
    [[nodiscard]] bool ok() const noexcept { return status == VerifyStatus::valid; }
};

/// What the verifier knows: the current time, the secret for an access key id, the SigV4 rules
/// the service applies (S3: s3_signing_options()), and the allowed clock skew.
struct VerifyParams {
    Timestamp now;
    std::function<std::optional<SecretString>(std::string_view access_key_id)> secret_for;
    SigningOptions options = {};
    std::chrono::seconds max_skew{15 * 60};
};

/// Verifies an Authorization-header or presigned (X-Amz-Signature) request. Signatures are
/// compared in constant time. Never throws; problems become a non-valid status with a reason
/// that names no secret.
[[nodiscard]] VerifyResult verify(const RequestView& request, const VerifyParams& params);

}  // namespace awsreq
