// Internal: the SigV4 canonical request, shared by the signer and the verifier.
#pragma once

#include <awsreq/core/result.hpp>
#include <awsreq/http/header_list.hpp>
#include <awsreq/http/url_parts.hpp>
#include <awsreq/signing/options.hpp>
#include <awsreq/signing/credentials.hpp>
#include <awsreq/signing/trace.hpp>

#include <memory>
#include <optional>

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awsreq::detail {

using NameValue = std::pair<std::string_view, std::string_view>;

/// Inputs of one canonical request. Headers come from `headers` plus `extra_headers` (those the
/// signer adds). When `only_signed` is non-empty, exactly those lower-case names are signed
/// (verification); otherwise every header except the never-signed ones.
struct CanonicalInput {
    std::string_view method;
    const UrlParts* url = nullptr;
    const HeaderList* headers = nullptr;
    std::span<const NameValue> extra_headers;
    std::span<const std::string_view> only_signed;
    std::span<const std::string_view> also_unsigned;  ///< lower-case names left out
    /// Lower-case names of request headers the signer replaces (its own X-Amz-Date, token...).
    std::span<const std::string_view> skip_request_headers;
    std::span<const NameValue> extra_query;  ///< name/value pairs to add, raw (decoded)...
    bool extra_query_encoded = false;         ///< ...or already SigV4-encoded, copied as they are
    std::string_view exclude_query_param;     ///< e.g. "X-Amz-Signature" when verifying
    PathNormalization path = PathNormalization::normalize;
    UriEncoding uri_encoding = UriEncoding::double_encode;
    std::string_view payload_hash;
};

/// Positions of the fields inside the canonical request text.
struct CanonicalLayout {
    std::size_t uri_begin = 0, query_begin = 0, headers_begin = 0, signed_begin = 0,
                payload_begin = 0;
};

/// The canonical request text cut back into its fields (signing steps and traces).
[[nodiscard]] CanonicalRequest split_canonical_request(const std::string& text, const CanonicalLayout& layout);

/// Replaces every occurrence of `what` (used to redact a session token from a trace).
void replace_all(std::string& s, std::string_view what, std::string_view with);

/// When a presigned URL stops working: its own expiry, or the credentials' expiration when that
/// comes first (`limited`). Empty for header signing.
struct PresignExpiry {
    std::optional<Timestamp> expires_at;
    bool limited = false;
};
[[nodiscard]] PresignExpiry presign_expiry(const SigningOptions& options, Timestamp time,
                                           const Credentials& credentials);

/// A trace of finished signing steps, with the session token redacted from the canonical
/// request.
[[nodiscard]] std::shared_ptr<const SigningTrace> redacted_trace(CanonicalRequest canonical_request,
                                                                 StringToSign string_to_sign,
                                                                 CredentialScope scope, std::string signature,
                                                                 const Credentials& credentials,
                                                                 PresignExpiry expiry);

/// Writes the canonical header block ("name:value\n" lines) into `block` and the signed-header
/// list into `signed_headers` (both cleared first). Fails on a missing signed header
/// (verification) or a missing Host.
Result<void> canonical_headers(const CanonicalInput& in, std::string& block, std::string& signed_headers);

/// Writes the canonical request into `out` (cleared first) and the signed-header list into
/// `signed_headers`. When `header_block` is given, it is the already computed canonical_headers()
/// result for the same input and is reused.
Result<void> build_canonical_request(const CanonicalInput& in, std::string& out,
                                     std::string& signed_headers, CanonicalLayout* layout,
                                     const std::string* header_block = nullptr);

/// The checks every SigV4 variant makes before signing (headers well-formed, presign expiry in
/// 1 s .. 7 days) and the payload hash the options call for: UNSIGNED-PAYLOAD, the precomputed
/// value, the request's own x-amz-content-sha256, or the body's SHA-256. Writes `payload_hash`.
Result<void> check_request_and_hash_payload(const HeaderList* headers, std::string_view body,
                                            const SigningOptions& options, std::string& payload_hash);

/// Canonical URI of a wire path under the given rules.
void canonical_uri(std::string_view path, PathNormalization norm, UriEncoding enc,
                   std::string& out);

/// Trims and collapses header-value whitespace as SigV4 requires, appending to `out`.
void canonical_header_value(std::string_view v, std::string& out);

}  // namespace awsreq::detail
