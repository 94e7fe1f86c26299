#include "sts_signing.hpp"

#include <awsreq/signing/sigv4.hpp>

namespace awsreq::credentials::detail {

Result<void> sign_sts_request(SignedRequest& request, const Credentials& credentials, std::string_view region,
                              Timestamp now) {
    SigningParams params{"sts", region, now};
    auto signed_request = sign(view(request), credentials, params);
    if (!signed_request) return signed_request.failure();
    request = std::move(*signed_request);
    return {};
}

}  // namespace awsreq::credentials::detail
