// What every example program does before sending: credentials, region and endpoint from the
// environment (the program reads it, never the library), and an S3 client over botocore's models.
#pragma once

#include <awsreq/client/service_catalog.hpp>
#include <awsreq/model/data_path.hpp>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace awsreq::examples {

[[nodiscard]] inline std::string env_or(const char* name, std::string fallback = {}) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.
[[nodiscard]] inline Credentials credentials_from_environment() {
    Credentials c{env_or("AWS_ACCESS_KEY_ID"), SecretString(env_or("AWS_SECRET_ACCESS_KEY"))};
    if (auto token = env_or("AWS_SESSION_TOKEN"); !token.empty()) c.session_token = SecretString(token);
    if (auto ok = c.validate(); !ok) throw std::runtime_error(ok.error().to_string());
    return c;
}

/// Now, to the second: the signing time is always an input.
[[nodiscard]] inline Timestamp now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

/// An S3 client for AWS_REGION (or AWS_DEFAULT_REGION, else us-east-1). With AWS_ENDPOINT_URL
/// (an S3-compatible server such as radosgw), path-style addressing.
[[nodiscard]] inline Client s3_client_from_environment(ServiceCatalog& catalog) {
    ClientConfig config;
    config.region = env_or("AWS_REGION", env_or("AWS_DEFAULT_REGION", "us-east-1"));
    if (auto endpoint = env_or("AWS_ENDPOINT_URL"); !endpoint.empty()) {
        config.endpoint_url = endpoint;
        config.s3_addressing_style = endpoints::S3AddressingStyle::path;
    }
    auto client = catalog.client("s3", config);
    if (!client) throw std::runtime_error(client.error().to_string());
    return *client;
}

/// botocore's models where python3-botocore (or AWSREQ_DATA_PATH) puts them.
[[nodiscard]] inline ServiceCatalog catalog_from_environment() {
    return ServiceCatalog(model::DataPath::resolve({}, env_or("AWSREQ_DATA_PATH"), env_or("HOME"),
                                                   *model::real_file_system()));
}

/// Builds a request or throws with the library's error text.
[[nodiscard]] inline SignedRequest build_or_throw(const Client& client, std::string_view operation,
                                                  const Json& params, const Credentials& credentials) {
    auto req = client.build(operation, params, credentials, now());
    if (!req) throw std::runtime_error(req.error().to_string());
    return std::move(*req);
}

}  // namespace awsreq::examples
