// awsreq signing: the credentials value every signer takes.
//
// It lives in the signing layer (not `credentials/`) because signing needs it and lower layers
// never include upper ones; the credentials layer's providers produce values of this type.
#pragma once

#include <awsreq/core/result.hpp>
#include <awsreq/core/secret.hpp>
#include <awsreq/core/time.hpp>

#include <optional>
#include <string>

namespace awsreq {

/// AWS credentials: an access key id, its secret, and for temporary credentials a session token
/// and an expiry. The secret and token never print (SecretString).
struct Credentials {
    std::string access_key_id;
    SecretString secret_access_key;
    std::optional<SecretString> session_token = {};
    std::optional<Timestamp> expiration = {};

    /// Fails when the key id or secret is empty, or the key id has whitespace or control
    /// characters. The error names the field, never the secret's value.
    [[nodiscard]] Result<void> validate() const;
};

}  // namespace awsreq
