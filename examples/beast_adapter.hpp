// Sending an awsreq::SignedRequest with Boost.Beast over Boost.Asio, as a C++20 coroutine.
// Plain HTTP; for HTTPS wrap the stream in beast::ssl_stream the usual way.
#pragma once

#include "send_target.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <chrono>

namespace awsreq::examples {

/// Connects, writes the request exactly as signed (target bytes untouched, signed headers, the
/// URL's Host), reads the response and closes. Takes the request by value: a coroutine must not
/// hold references to its caller's temporaries. Throws boost::system::system_error on network
/// errors; any HTTP status is a response.
[[nodiscard]] inline boost::asio::awaitable<HttpResponse> async_send_with_beast(
    SignedRequest req, ConnectTo to = {}, std::chrono::seconds timeout = std::chrono::seconds(30)) {
    namespace asio = boost::asio;
    namespace beast = boost::beast;
    namespace http = beast::http;

    SendTarget t = send_target(req, to);
    if (t.scheme != "http") throw std::invalid_argument("this example speaks plain HTTP only");
    // No temporaries inside co_await expressions below: GCC 12 can destroy them twice.
    const std::string port = std::to_string(t.connect_port);
    auto executor = co_await asio::this_coro::executor;
    asio::ip::tcp::resolver resolver(executor);
    auto addresses = co_await resolver.async_resolve(t.connect_host, port, asio::use_awaitable);
    beast::tcp_stream stream(executor);
    stream.expires_after(timeout);
    co_await stream.async_connect(addresses, asio::use_awaitable);

    http::request<http::string_body> out;
    if (auto verb = http::string_to_verb(req.method); verb != http::verb::unknown)
        out.method(verb);
    else
        out.method_string(req.method);
    out.target(t.target);
    out.version(11);
    out.set(http::field::host, t.host_header);
    for (const auto& h : req.headers) {
        // Beast writes the body at once; "Expect: 100-continue" would only make servers wait.
        if (same_header_name(h.name, "Host") || same_header_name(h.name, "Expect")) continue;
        out.insert(h.name, h.value);
    }
    out.body() = std::move(req.body);
    out.prepare_payload();  // Content-Length
    stream.expires_after(timeout);
    co_await http::async_write(stream, out, asio::use_awaitable);

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(boost::none);         // S3 objects can be large
    if (req.method == "HEAD") parser.skip(true);  // a HEAD answer has Content-Length but no body
    co_await http::async_read(stream, buffer, parser, asio::use_awaitable);

    auto& in = parser.get();
    HttpResponse response;
    response.status = static_cast<int>(in.result_int());
    response.body = std::move(in.body());
    for (const auto& field : in) response.headers.emplace_back(field.name_string(), field.value());
    boost::system::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    co_return response;
}

}  // namespace awsreq::examples
