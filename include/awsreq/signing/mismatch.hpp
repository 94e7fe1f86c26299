// awsreq signing: explaining an S3 SignatureDoesNotMatch error.
#pragma once

#include <awsreq/core/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace awsreq {

/// One line where the server's canonical request (or string to sign) differs from ours.
struct MismatchLine {
    std::string part;   ///< "method", "uri", "query", "header x-amz-date", "signed headers", ...
    int line = 0;       ///< 1-based line in the canonical request
    std::string server;
    std::string ours;
};

/// The comparison of what the server signed with what we signed.
struct MismatchReport {
    std::string server_canonical_request;
    std::string server_string_to_sign;
    std::vector<MismatchLine> canonical_request_diffs;
    std::vector<MismatchLine> string_to_sign_diffs;
    [[nodiscard]] bool identical() const noexcept {
        return canonical_request_diffs.empty() && string_to_sign_diffs.empty();
    }
    /// A readable report: each differing line with its part name, server vs ours.
    [[nodiscard]] std::string to_string() const;
};

/// Reads the body of an S3 `SignatureDoesNotMatch` error (XML with <CanonicalRequest> and
/// <StringToSign>, or their hex-encoded `...Bytes` forms) and compares it with our canonical
/// request and string to sign. Fails when the body carries neither.
[[nodiscard]] Result<MismatchReport> diagnose_signature_mismatch(std::string_view error_xml,
                                                                 std::string_view our_canonical_request,
                                                                 std::string_view our_string_to_sign);

}  // namespace awsreq
