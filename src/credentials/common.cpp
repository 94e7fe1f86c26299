#include "common.hpp"

#include <awsreq/core/time.hpp>

namespace awsreq::credentials::detail {

HttpCall make_call(std::string method, std::string url, HeaderList headers, std::chrono::milliseconds timeout,
                   std::string body) {
    HttpCall call;
    call.request.method = std::move(method);
    call.request.url = std::move(url);
    call.request.headers = std::move(headers);
    call.request.body = std::move(body);
    call.timeout = timeout;
    return call;
}

Result<Credentials> credentials_from_json(const JsonValue& doc, std::string_view what, std::string_view id_key,
                                          std::string_view secret_key, std::string_view token_key,
                                          std::string_view expiry_key) {
    if (doc.kind != JsonValue::Kind::object)
        return fail(error_type::credentials_error, std::string(what) + " is not a JSON object");
    auto id = doc.string_member(id_key);
    auto secret = doc.string_member(secret_key);
    if (!id || id->empty())
        return fail(error_type::credentials_error, std::string(what) + " has no " + std::string(id_key),
                    std::string(id_key));
    if (!secret || secret->empty())
        return fail(error_type::credentials_error, std::string(what) + " has no " + std::string(secret_key),
                    std::string(secret_key));
    Credentials c{*id, SecretString(*secret)};
    if (auto t = doc.string_member(token_key); t && !t->empty()) c.session_token = SecretString(*t);
    if (const JsonValue* e = doc.get(expiry_key); e != nullptr && e->kind != JsonValue::Kind::null) {
        if (e->kind == JsonValue::Kind::string) {
            auto ts = parse_timestamp(e->text);
            if (!ts)
                return fail(error_type::credentials_error,
                            std::string(what) + " has an invalid " + std::string(expiry_key), std::string(expiry_key));
            c.expiration = *ts;
        } else if (e->kind == JsonValue::Kind::number) {
            // SSO returns epoch milliseconds.
            c.expiration = Timestamp(std::chrono::seconds(static_cast<long long>(e->number / 1000)));
        } else {
            return fail(error_type::credentials_error, std::string(what) + " has an invalid " + std::string(expiry_key),
                        std::string(expiry_key));
        }
    }
    if (auto v = c.validate(); !v) return v.failure();
    return c;
}

Result<HttpResponse> take_response(Input& in) {
    if (auto* r = std::get_if<Result<HttpResponse>>(&in)) return std::move(*r);
    return fail(error_type::credentials_error, "expected an HTTP response to be fed back");
}

Result<ProcessOutput> take_process_output(Input& in) {
    if (auto* r = std::get_if<Result<ProcessOutput>>(&in)) return std::move(*r);
    return fail(error_type::credentials_error, "expected a process result to be fed back");
}

Failure unreachable(std::string_view what, const Error& cause) {
    const char* type = cause.type == error_kind::io_not_allowed ? error_kind::io_not_allowed : error_type::credentials_error;
    return fail(type, std::string(what) + " could not be reached: " + cause.message);
}

Failure http_status_error(std::string_view what, int status) {
    return fail(error_type::credentials_error, std::string(what) + " returned HTTP " + std::to_string(status));
}

}  // namespace awsreq::credentials::detail
