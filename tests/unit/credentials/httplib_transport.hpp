// Test-only: a Transport on cpp-httplib, and a loopback server helper.
#pragma once

#include <awsreq/credentials/exchange.hpp>
#include <awsreq/http/url_parts.hpp>

#include <httplib.h>

#include <thread>

namespace awsreq::test {

/// Performs HttpCalls with cpp-httplib (http only; tests talk to loopback servers).
inline credentials::Transport httplib_transport() {
    return [](const credentials::HttpCall& call) -> Result<credentials::HttpResponse> {
        auto parts = split_url(call.request.url);
        if (!parts) return parts.failure();
        httplib::Client client(std::string(parts->scheme) + "://" + std::string(parts->authority));
        client.set_connection_timeout(call.timeout);
        client.set_read_timeout(call.timeout);
        client.set_write_timeout(call.timeout);
        httplib::Headers headers;
        for (const auto& h : call.request.headers) headers.emplace(h.name, h.value);
        std::string target(parts->path);
        if (parts->has_query) target += "?" + std::string(parts->query);
        const auto& m = call.request.method;
        httplib::Result res = m == "GET"   ? client.Get(target, headers)
                              : m == "PUT" ? client.Put(target, headers, call.request.body, "application/octet-stream")
                                           : client.Post(target, headers, call.request.body,
                                                         std::string(call.request.headers.get("Content-Type").value_or("text/plain")));
        if (!res) {
            auto err = res.error();
            if (err == httplib::Error::ConnectionTimeout || err == httplib::Error::Read)
                return fail(credentials::error_kind::timeout, "timed out (" + httplib::to_string(err) + ")");
            return fail(credentials::error_kind::transport, "transport error: " + httplib::to_string(err));
        }
        credentials::HttpResponse out;
        out.status = res->status;
        for (const auto& [k, v] : res->headers) out.headers.add(k, v);
        out.body = res->body;
        return out;
    };
}

/// An httplib::Server listening on 127.0.0.1 in a background thread for the test's lifetime.
class LoopbackServer {
public:
    LoopbackServer() = default;
    httplib::Server& server() { return server_; }
    void start() {
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() before the accept loop runs would be lost: wait until it runs.
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~LoopbackServer() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;
    [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
};

}  // namespace awsreq::test
