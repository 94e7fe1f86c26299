#include <awsreq/signing/trace.hpp>

namespace awsreq {

std::string CredentialScope::to_string() const {
    if (region.empty()) return date + "/" + service + "/aws4_request";  // SigV4A scopes have no region
    return date + "/" + region + "/" + service + "/aws4_request";
}

std::string CanonicalRequest::to_string() const {
    std::string s;
    s.reserve(method.size() + uri.size() + query.size() + headers.size() + signed_headers.size() +
              payload_hash.size() + 8);
    s += method;
    s += '\n';
    s += uri;
    s += '\n';
    s += query;
    s += '\n';
    s += headers;
    s += '\n';
    s += signed_headers;
    s += '\n';
    s += payload_hash;
    return s;
}

std::string StringToSign::to_string() const {
    return algorithm + "\n" + request_time + "\n" + scope + "\n" + canonical_request_hash;
}

std::string SigningTrace::to_string() const {
    std::string s = "---- canonical request ----\n" + canonical_request.to_string() +
                    "\n---- string to sign ----\n" + string_to_sign.to_string() +
                    "\n---- credential scope ----\n" + scope.to_string() + "\n";
    if (expires_at) {
        s += "---- expires ----\n" + format_iso8601(*expires_at);
        if (expiry_limited_by_credentials) s += " (limited by the credentials' expiration)";
        s += "\n";
    }
    return s;
}

}  // namespace awsreq
