// awsreq http: the request value every operation produces, and the view signing reads.
#pragma once

#include <awsreq/http/header_list.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace awsreq {

struct SigningTrace;  // defined by the signing layer (awsreq/signing/trace.hpp)

/// A ready-to-send HTTP request: hand it to any HTTP stack. `url` is absolute
/// (`https://host/path?query`), or origin-form (`/path?query`) with a Host header, as in a raw
/// HTTP/1.1 request. `trace`, when set, holds the signing steps with secrets redacted.
struct SignedRequest {
    std::string method;
    std::string url;
    HeaderList headers;
    std::string body;
    std::shared_ptr<const SigningTrace> trace = {};
};

/// A non-owning view of a request to sign. Cheap to copy; the viewed data must outlive it.
struct RequestView {
    std::string_view method;
    std::string_view url;
    const HeaderList* headers = nullptr;
    std::string_view body;
};

/// Views a request (signed or not) for signing or verification.
[[nodiscard]] inline RequestView view(const SignedRequest& r) noexcept {
    return RequestView{r.method, r.url, &r.headers, r.body};
}

}  // namespace awsreq
