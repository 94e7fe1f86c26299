// Sending awsreq::SignedRequests with libcurl: one at a time (easy interface), or many at once
// with at most N in flight (multi interface), like an async client's max_clients.
//
// Call curl_global_init(CURL_GLOBAL_DEFAULT) once at program start (see curl_example.cpp).
#pragma once

#include "send_target.hpp"

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace awsreq::examples {

/// One transfer: the easy handle and everything it points into, which must outlive it.
class CurlTransfer {
public:
    /// Prepares (does not start) sending `req` exactly as signed: the URL's path and query bytes
    /// untouched (CURLOPT_PATH_AS_IS), the signed headers, the body. curl's own defaults that
    /// were not signed are harmless, except a made-up Content-Type, which is suppressed.
    explicit CurlTransfer(const SignedRequest& req, const ConnectTo& to = {},
                          std::chrono::milliseconds timeout = std::chrono::minutes(5))
        : request_(req) {
        easy_.reset(curl_easy_init());
        if (!easy_) throw std::runtime_error("curl_easy_init failed");
        SendTarget t = send_target(request_, to);
        url_ = t.scheme + "://" + t.host_header + t.target;
        CURL* e = easy_.get();
        curl_easy_setopt(e, CURLOPT_URL, url_.c_str());
        curl_easy_setopt(e, CURLOPT_PATH_AS_IS, 1L);
        if (!to.host.empty() || to.port != 0) {
            // "::HOST:PORT" sends every connection of this handle there, Host header unchanged.
            connect_to_.reset(curl_slist_append(nullptr, ("::" + t.connect_host + ":" +
                                                          std::to_string(t.connect_port)).c_str()));
            curl_easy_setopt(e, CURLOPT_CONNECT_TO, connect_to_.get());
        }
        if (request_.method == "HEAD") {
            curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
        } else {
            curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, request_.method.c_str());
            if (!request_.body.empty() || request_.method == "PUT" || request_.method == "POST") {
                curl_easy_setopt(e, CURLOPT_POSTFIELDS, request_.body.data());
                curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request_.body.size()));
            }
        }
        bool has_content_type = false;
        curl_slist* list = nullptr;
        for (const auto& h : request_.headers) {
            if (same_header_name(h.name, "Host")) continue;  // curl sends the URL's authority
            has_content_type = has_content_type || same_header_name(h.name, "Content-Type");
            // "Name;" is curl's spelling of a header with an empty value
            list = curl_slist_append(list, (h.name + (h.value.empty() ? ";" : ": " + h.value)).c_str());
        }
        if (!has_content_type) list = curl_slist_append(list, "Content-Type:");  // no form default
        headers_.reset(list);
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, list);
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &CurlTransfer::on_body);
        curl_easy_setopt(e, CURLOPT_WRITEDATA, this);
        curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &CurlTransfer::on_header);
        curl_easy_setopt(e, CURLOPT_HEADERDATA, this);
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    }
    CurlTransfer(const CurlTransfer&) = delete;
    CurlTransfer& operator=(const CurlTransfer&) = delete;

    [[nodiscard]] CURL* handle() const noexcept { return easy_.get(); }

    /// The response once the transfer is done with CURLE_OK; throws with curl's message otherwise.
    [[nodiscard]] HttpResponse finish(CURLcode code) {
        if (code != CURLE_OK)
            throw std::runtime_error(request_.method + " " + url_ + ": " + curl_easy_strerror(code));
        long status = 0;
        curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &status);
        response_.status = static_cast<int>(status);
        return std::move(response_);
    }

private:
    static std::size_t on_body(char* data, std::size_t size, std::size_t n, void* self) {
        static_cast<CurlTransfer*>(self)->response_.body.append(data, size * n);
        return size * n;
    }
    static std::size_t on_header(char* data, std::size_t size, std::size_t n, void* self) {
        auto& r = static_cast<CurlTransfer*>(self)->response_;
        std::string_view line(data, size * n);
        if (line.starts_with("HTTP/")) r.headers.clear();  // a new response (after 100 Continue)
        auto colon = line.find(':');
        if (colon != std::string_view::npos) {
            auto value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
            while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
                value.remove_suffix(1);
            r.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
        }
        return size * n;
    }

    struct EasyDelete { void operator()(CURL* e) const { curl_easy_cleanup(e); } };
    struct ListDelete { void operator()(curl_slist* l) const { curl_slist_free_all(l); } };

    const SignedRequest& request_;
    std::string url_;
    std::unique_ptr<CURL, EasyDelete> easy_;
    std::unique_ptr<curl_slist, ListDelete> headers_;
    std::unique_ptr<curl_slist, ListDelete> connect_to_;
    HttpResponse response_;
};

/// Sends one request and waits for the answer (curl easy interface). Throws std::runtime_error
/// when no HTTP answer comes back; any HTTP status is a response.
[[nodiscard]] inline HttpResponse send_with_curl(const SignedRequest& req, const ConnectTo& to = {}) {
    CurlTransfer transfer(req, to);
    return transfer.finish(curl_easy_perform(transfer.handle()));
}

/// What happened to one request of a batch: a response, or why none came.
struct CurlOutcome {
    HttpResponse response;
    std::string error;  ///< empty when `response` is valid
};

/// Sends every request concurrently on one thread with the curl multi interface, never more than
/// `max_in_flight` at a time (a new one starts as soon as one finishes). Outcomes are in the
/// order of `requests`. The requests must stay alive until this returns.
[[nodiscard]] inline std::vector<CurlOutcome> send_all_with_curl(const std::vector<SignedRequest>& requests,
                                                                 std::size_t max_in_flight,
                                                                 const ConnectTo& to = {}) {
    struct MultiDelete { void operator()(CURLM* m) const { curl_multi_cleanup(m); } };
    std::unique_ptr<CURLM, MultiDelete> multi(curl_multi_init());
    if (!multi) throw std::runtime_error("curl_multi_init failed");

    std::vector<CurlOutcome> outcomes(requests.size());
    std::vector<std::unique_ptr<CurlTransfer>> transfers(requests.size());
    std::size_t next = 0, in_flight = 0;
    auto start_next = [&] {
        std::size_t i = next++;
        try {
            transfers[i] = std::make_unique<CurlTransfer>(requests[i], to);
        } catch (const std::exception& e) {
            outcomes[i].error = e.what();
            return;
        }
        curl_easy_setopt(transfers[i]->handle(), CURLOPT_PRIVATE, reinterpret_cast<char*>(i));
        curl_multi_add_handle(multi.get(), transfers[i]->handle());
        ++in_flight;
    };

    if (max_in_flight == 0) max_in_flight = 1;
    while (next < requests.size() || in_flight > 0) {
        while (next < requests.size() && in_flight < max_in_flight) start_next();
        int running = 0;
        curl_multi_perform(multi.get(), &running);
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued)) {
            if (msg->msg != CURLMSG_DONE) continue;
            char* tag = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &tag);
            auto i = reinterpret_cast<std::size_t>(tag);
            CURLcode code = msg->data.result;  // read before removing the handle
            curl_multi_remove_handle(multi.get(), msg->easy_handle);
            --in_flight;
            try {
                outcomes[i].response = transfers[i]->finish(code);
            } catch (const std::exception& e) {
                outcomes[i].error = e.what();
            }
            transfers[i].reset();
        }
        if (in_flight > 0) curl_multi_poll(multi.get(), nullptr, 0, 1000, nullptr);
    }
    return outcomes;
}

}  // namespace awsreq::examples
