// awsreq endpoints: what endpoint resolution returns, and the signing it asks for.
#pragma once

#include <awsreq/core/result.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace awsreq::endpoints {

/// One entry of the endpoint's `authSchemes` property: how a request to it must be signed.
/// `name` is "sigv4" or "sigv4a" (other names are kept as given, for the caller to refuse).
struct AuthScheme {
    std::string name{};
    std::string signing_name{};                    ///< `signingName`; empty when not given
    std::string signing_region{};                  ///< `signingRegion` (sigv4)
    std::vector<std::string> signing_region_set{};  ///< `signingRegionSet` (sigv4a)
    bool disable_double_encoding = false;          ///< `disableDoubleEncoding` (S3-style single encoding)
};

/// A resolved endpoint as an endpoint rule's `endpoint` object describes it, templates filled in.
struct ResolvedEndpoint {
    std::string url;
    /// Headers the rule adds to the request, name -> values.
    std::map<std::string, std::vector<std::string>> headers;
    /// The rule's `properties`, resolved (always an object, possibly empty).
    nlohmann::json properties = nlohmann::json::object();
    /// `properties.authSchemes`, in the rule's order of preference; empty when the rule names none.
    std::vector<AuthScheme> auth_schemes;

    /// {"url": ..., "properties": {...}, "headers": {...}}, the shape `awsreq endpoint` prints.
    [[nodiscard]] nlohmann::json to_json() const;
};

/// Error type when an endpoint names only auth schemes this library cannot sign with.
inline constexpr const char* unknown_signature_version_error = "UnknownSignatureVersionError";

/// Picks the auth scheme to sign with as botocore does: the first of `schemes` named sigv4 or
/// (when `sigv4a_supported`) sigv4a, a "sig" prefix being optional. nullptr when `schemes` is
/// empty (sign as the service model says); an UnknownSignatureVersionError listing the names
/// when none is usable.
[[nodiscard]] Result<const AuthScheme*> select_auth_scheme(const std::vector<AuthScheme>& schemes,
                                                           bool sigv4a_supported = true);

/// Reads `authSchemes` out of resolved properties; entries that are not objects with a string
/// `name` are skipped.
[[nodiscard]] std::vector<AuthScheme> auth_schemes_from_properties(const nlohmann::json& properties);

}  // namespace awsreq::endpoints
