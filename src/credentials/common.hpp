// Internal helpers shared by the providers.
#pragma once

#include "mini_json.hpp"

#include <awsreq/credentials/exchange.hpp>
#include <awsreq/credentials/provider.hpp>

#include <string>
#include <string_view>

namespace awsreq::credentials::detail {

/// A GET (or other body-less) call with the given headers.
[[nodiscard]] HttpCall make_call(std::string method, std::string url, HeaderList headers,
                                 std::chrono::milliseconds timeout, std::string body = {});

/// Reads AccessKeyId / SecretAccessKey / <token_key> / Expiration style members of a JSON
/// credentials document. `what` names the document in errors.
[[nodiscard]] Result<Credentials> credentials_from_json(const JsonValue& doc, std::string_view what,
                                                        std::string_view id_key, std::string_view secret_key,
                                                        std::string_view token_key, std::string_view expiry_key);

/// True for statuses worth another attempt (throttling and server errors).
[[nodiscard]] inline bool retryable_status(int status) noexcept {
    return status == 429 || (status >= 500 && status <= 599);
}

/// True for transport failures worth another attempt.
[[nodiscard]] inline bool retryable_failure(const Error& e) noexcept {
    return e.type == error_kind::timeout || e.type == error_kind::transport;
}

/// The HTTP response fed back, or a description of what was fed instead.
[[nodiscard]] Result<HttpResponse> take_response(Input& in);
[[nodiscard]] Result<ProcessOutput> take_process_output(Input& in);

/// "<what> could not be reached: ..."; keeps NetworkDisabledError as its type so callers can
/// tell "not allowed" from "failed".
[[nodiscard]] Failure unreachable(std::string_view what, const Error& cause);

/// "<what> returned HTTP <status>" without echoing the body (it may hold secrets).
[[nodiscard]] Failure http_status_error(std::string_view what, int status);

}  // namespace awsreq::credentials::detail
