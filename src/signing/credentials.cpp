#include <awsreq/signing/credentials.hpp>

namespace awsreq {

Result<void> Credentials::validate() const {
    if (access_key_id.empty())
        return fail(error_type::invalid_credentials, "the access key id is empty", "access_key_id");
    for (char c : access_key_id) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f || c == '/')
            return fail(error_type::invalid_credentials,
                        "the access key id contains whitespace, '/' or a control character",
                        "access_key_id");
    }
    if (secret_access_key.empty())
        return fail(error_type::invalid_credentials, "the secret access key is empty",
                    "secret_access_key");
    if (session_token && session_token->empty())
        return fail(error_type::invalid_credentials, "the session token is present but empty",
                    "session_token");
    return {};
}

}  // namespace awsreq
