// The curl adapter plugged into the credentials layer's Transport seam: the sans-IO providers
// (instance metadata, container, STS, SSO) yield HttpCalls, and this performs them.
#pragma once

#include "curl_adapter.hpp"

#include <awsreq/credentials/exchange.hpp>

namespace awsreq::examples {

/// A credentials::Transport over libcurl's easy interface, honouring each call's time budget.
/// Network failures become the typed errors the providers understand (TimeoutError,
/// HttpTransportError), so a chain moves on instead of failing.
[[nodiscard]] inline credentials::Transport curl_credentials_transport() {
    return [](const credentials::HttpCall& call) -> Result<credentials::HttpResponse> {
        CurlTransfer transfer(call.request, {}, call.timeout);
        CURLcode code = curl_easy_perform(transfer.handle());
        if (code == CURLE_OPERATION_TIMEDOUT)
            return fail(credentials::error_kind::timeout, call.request.url + ": " + curl_easy_strerror(code));
        if (code != CURLE_OK)
            return fail(credentials::error_kind::transport, call.request.url + ": " + curl_easy_strerror(code));
        HttpResponse in = transfer.finish(code);
        credentials::HttpResponse out;
        out.status = in.status;
        out.body = std::move(in.body);
        for (auto& [name, value] : in.headers) out.headers.add(std::move(name), std::move(value));
        return out;
    };
}

}  // namespace awsreq::examples
