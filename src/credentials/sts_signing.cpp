#include "sts_signing.hpp"

namespace awsreq::credentials::detail {

// Until the SigV4 signer lands in the signing layer this adds only the date and session token;
// the single call site in sts.cpp stays the same once it signs for real.
Result<void> sign_sts_request(SignedRequest& request, const Credentials& credentials, std::string_view region,
                              Timestamp now) {
    (void)region;
    if (auto v = credentials.validate(); !v) return v;
    request.headers.set("X-Amz-Date", format_amz_date(now));
    if (credentials.session_token) request.headers.set("X-Amz-Security-Token", std::string(credentials.session_token->reveal()));
    return {};
}

}  // namespace awsreq::credentials::detail
