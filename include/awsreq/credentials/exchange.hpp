// awsreq credentials: the values a sans-IO provider exchanges with whoever performs its IO.
//
// A provider never opens a socket or starts a process. It yields an HttpCall or a ProcessCall,
// the caller performs it (or declines) and feeds the outcome back, until the provider yields its
// final Result<Credentials>.
#pragma once

#include <awsreq/http/request.hpp>
#include <awsreq/signing/credentials.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace awsreq::credentials {

/// One HTTP request to perform, with the time budget the provider allows it.
struct HttpCall {
    SignedRequest request;
    std::chrono::milliseconds timeout{5000};
};

/// What came back: status, headers, body.
struct HttpResponse {
    int status = 0;
    HeaderList headers;
    std::string body;
};

/// A program to run without a shell: argv[0] is looked up on PATH. Standard error is collected
/// apart from standard output.
struct ProcessCall {
    std::vector<std::string> argv;
    std::string input = {};  ///< written to the program's standard input, then closed
};

/// How a ProcessCall ended.
struct ProcessOutput {
    int exit_code = 0;
    std::string out;
    std::string err;
};

/// What a provider asks for next.
using Step = std::variant<HttpCall, ProcessCall, Result<Credentials>>;

/// What the caller feeds back: nothing (the first call), or the outcome of the last request.
/// A failed Result means the request could not be performed (refused, timed out, not allowed).
using Input = std::variant<std::monostate, Result<HttpResponse>, Result<ProcessOutput>>;

/// Performs an HTTP call; plugged in once by callers that allow network IO.
using Transport = std::function<Result<HttpResponse>(const HttpCall&)>;
/// Runs a process.
using ProcessRunner = std::function<Result<ProcessOutput>(const ProcessCall&)>;

/// Error types specific to credential resolution.
namespace error_kind {
/// The provider is not configured here: a chain moves on to the next one.
inline constexpr const char* not_loaded = "CredentialsNotLoaded";
/// An HTTP call or process was declined because no Transport / ProcessRunner was given.
inline constexpr const char* io_not_allowed = "NetworkDisabledError";
/// A transport gave up waiting.
inline constexpr const char* timeout = "TimeoutError";
/// A transport could not connect or the connection broke.
inline constexpr const char* transport = "HttpTransportError";
}  // namespace error_kind

}  // namespace awsreq::credentials
