// awsreq signing: the intermediate values of SigV4, as data, so a SignatureDoesNotMatch can be
// diagnosed by comparing them.
#pragma once

#include <awsreq/core/time.hpp>

#include <optional>
#include <string>

namespace awsreq {

/// `20150830/us-east-1/iam/aws4_request`.
struct CredentialScope {
    std::string date;     ///< YYYYMMDD
    std::string region;
    std::string service;
    [[nodiscard]] std::string to_string() const;
};

/// The SigV4 canonical request, field by field. `headers` is the canonical header block
/// ("name:value\n" per signed header); to_string() joins the fields with newlines.
struct CanonicalRequest {
    std::string method;
    std::string uri;
    std::string query;
    std::string headers;
    std::string signed_headers;
    std::string payload_hash;
    [[nodiscard]] std::string to_string() const;
};

/// `AWS4-HMAC-SHA256\n<time>\n<scope>\n<hex sha256 of the canonical request>`.
struct StringToSign {
    std::string algorithm;
    std::string request_time;
    std::string scope;
    std::string canonical_request_hash;
    [[nodiscard]] std::string to_string() const;
};

/// What signing did, with secrets redacted: the session token shows as "<redacted>" in the
/// canonical request, so a trace can be logged or attached to bug reports. (The hash in the
/// string to sign is the real one.)
struct SigningTrace {
    CanonicalRequest canonical_request;
    StringToSign string_to_sign;
    CredentialScope scope;
    std::string signature;
    /// Presigned URLs: when the URL stops working, the earlier of its own expiry and the
    /// credentials' expiration. (The signer attaches a trace by itself when the credentials'
    /// expiration is the earlier one.)
    std::optional<Timestamp> expires_at;
    bool expiry_limited_by_credentials = false;
    [[nodiscard]] std::string to_string() const;
};

}  // namespace awsreq
