// Internal: SigV4 for the STS calls the credentials layer emits.
#pragma once

#include <awsreq/core/time.hpp>
#include <awsreq/http/request.hpp>
#include <awsreq/signing/credentials.hpp>

namespace awsreq::credentials::detail {

/// Signs `request` in place for service "sts" in `region` at `now` with `credentials`.
[[nodiscard]] Result<void> sign_sts_request(SignedRequest& request, const Credentials& credentials,
                                            std::string_view region, Timestamp now);

}  // namespace awsreq::credentials::detail
