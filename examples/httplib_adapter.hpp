// Sending an awsreq::SignedRequest with cpp-httplib (blocking, one connection per call).
#pragma once

#include "send_target.hpp"

#include <httplib.h>

#include <chrono>

namespace awsreq::examples {

/// Sends the request exactly as signed: same method, path and query bytes (cpp-httplib's own
/// URL encoding is switched off, since the signature covers the encoded form), every signed
/// header, the Host header of the URL, the body. Throws std::runtime_error when no HTTP answer
/// comes back; any HTTP status (403 included) is a response.
[[nodiscard]] inline HttpResponse send_with_httplib(const SignedRequest& req, const ConnectTo& to = {},
                                                    std::chrono::seconds timeout = std::chrono::seconds(30)) {
    SendTarget t = send_target(req, to);
    httplib::Client client(t.scheme + "://" + t.connect_host + ":" + std::to_string(t.connect_port));
    client.set_url_encode(false);
    client.set_connection_timeout(timeout);
    client.set_read_timeout(timeout);
    client.set_write_timeout(timeout);

    httplib::Request out;
    out.method = req.method;
    out.path = t.target;
    out.body = req.body;
    out.set_header("Host", t.host_header);
    for (const auto& h : req.headers) {
        // cpp-httplib sends the body at once and does not wait for "100 Continue".
        if (same_header_name(h.name, "Expect") || same_header_name(h.name, "Host")) continue;
        out.headers.emplace(h.name, h.value);
    }

    auto result = client.send(out);
    if (!result) throw std::runtime_error(req.method + " " + t.target + ": " + httplib::to_string(result.error()));
    HttpResponse response{result->status, {}, result->body};
    for (const auto& [name, value] : result->headers) response.headers.emplace_back(name, value);
    return response;
}

}  // namespace awsreq::examples
