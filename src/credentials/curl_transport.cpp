#include <awsreq/credentials/curl_transport.hpp>

#include <awsreq/core/encoding.hpp>

#include <cstdio>

namespace awsreq::credentials {
namespace {

// A double-quoted string in curl's config syntax.
std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: out += c;
        }
    }
    return out + "\"";
}

}  // namespace

ProcessCall curl_process_call(const HttpCall& call, const std::string& curl_program) {
    const auto& r = call.request;
    std::string cfg;
    cfg += "url = " + quoted(r.url) + "\n";
    cfg += "request = " + quoted(r.method) + "\n";
    for (const auto& h : r.headers) cfg += "header = " + quoted(h.name + ": " + h.value) + "\n";
    if (!r.headers.contains("Expect")) cfg += "header = \"Expect:\"\n";
    if (!r.body.empty()) cfg += "data-binary = " + quoted(r.body) + "\n";
    char limit[32];
    std::snprintf(limit, sizeof limit, "%.3f", static_cast<double>(call.timeout.count()) / 1000.0);
    cfg += std::string("max-time = ") + limit + "\n";
    cfg += "silent\nshow-error\ninclude\n";
    return ProcessCall{{curl_program, "--disable", "--config", "-"}, std::move(cfg)};
}

Result<HttpResponse> parse_curl_output(const ProcessOutput& output) {
    if (output.exit_code == 28) return fail(error_kind::timeout, "the HTTP request timed out");
    if (output.exit_code == 6 || output.exit_code == 7)
        return fail(error_kind::transport, "could not connect (curl exit status " + std::to_string(output.exit_code) + ")");
    if (output.exit_code != 0)
        return fail(error_kind::transport, "curl failed with exit status " + std::to_string(output.exit_code));
    std::string_view rest = output.out;
    while (true) {
        auto end = rest.find("\r\n\r\n");
        std::size_t sep = 4;
        if (end == std::string_view::npos) {
            end = rest.find("\n\n");
            sep = 2;
        }
        if (end == std::string_view::npos || rest.substr(0, 5) != "HTTP/")
            return fail(error_kind::transport, "curl printed no HTTP response");
        std::string_view head = rest.substr(0, end);
        std::string_view body = rest.substr(end + sep);
        auto sp = head.find(' ');
        if (sp == std::string_view::npos || head.size() < sp + 4)
            return fail(error_kind::transport, "malformed HTTP status line");
        int status = std::atoi(std::string(head.substr(sp + 1, 3)).c_str());
        // Interim responses (100 Continue) precede the real one.
        if (status >= 100 && status < 200 && body.substr(0, 5) == "HTTP/") {
            rest = body;
            continue;
        }
        HttpResponse resp;
        resp.status = status;
        std::size_t pos = head.find('\n');
        while (pos != std::string_view::npos && pos + 1 < head.size()) {
            auto nl = head.find('\n', pos + 1);
            auto line = head.substr(pos + 1, nl == std::string_view::npos ? std::string_view::npos : nl - pos - 1);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (auto colon = line.find(':'); colon != std::string_view::npos) {
                auto value = line.substr(colon + 1);
                while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
                resp.headers.add(std::string(line.substr(0, colon)), std::string(value));
            }
            pos = nl;
        }
        resp.body = std::string(body);
        return resp;
    }
}

Transport curl_transport(ProcessRunner runner, std::string curl_program) {
    return [runner = std::move(runner), curl_program = std::move(curl_program)](const HttpCall& call) -> Result<HttpResponse> {
        auto out = runner(curl_process_call(call, curl_program));
        if (!out) return fail(error_kind::transport, "could not run curl: " + out.error().message);
        return parse_curl_output(*out);
    };
}

}  // namespace awsreq::credentials
