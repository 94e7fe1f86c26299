// awsreq credentials + libcurl: instance-metadata (IMDSv2) credentials fetched through the curl
// adapter plugged into the credentials Transport seam, then used to sign an S3 ListBuckets.
//   awsreq-example-imds-credentials
// On EC2 it needs nothing; elsewhere AWS_EC2_METADATA_SERVICE_ENDPOINT names an IMDS to use, and
// AWS_ENDPOINT_URL an S3-compatible server.
#include "curl_credentials_transport.hpp"
#include "example_support.hpp"

#include <awsreq/config/resolved_config.hpp>
#include <awsreq/credentials/imds.hpp>

#include <iostream>

int main() try {
    using namespace awsreq;
    using namespace awsreq::examples;
    curl_global_init(CURL_GLOBAL_DEFAULT);

    // The configuration (environment and ~/.aws files) says where IMDS is and how patient to be.
    auto config = config::resolve_config({}, config::process_env(), config::real_file_system());
    if (!config) throw std::runtime_error(config.error().to_string());
    credentials::ProviderContext context{.config = &*config, .fs = config::real_file_system(), .now = now()};
    auto imds = credentials::imds_options_from_config(*config);
    if (!imds) throw std::runtime_error(imds.error().to_string());
    context.options.imds = *imds;

    // The provider yields HTTP calls (PUT token, GET role, GET credentials); curl performs them.
    auto provider = credentials::make_imds_provider(context);
    credentials::Transport transport = curl_credentials_transport();
    auto creds = credentials::drive(*provider, &transport, nullptr);
    if (!creds) throw std::runtime_error(creds.error().to_string());
    std::cout << "credentials from instance metadata: " << creds->access_key_id
              << (creds->expiration ? ", expiring " + format_iso8601(*creds->expiration) : std::string()) << "\n";

    auto catalog = catalog_from_environment();
    auto s3 = s3_client_from_environment(catalog);
    HttpResponse listed = send_with_curl(build_or_throw(s3, "ListBuckets", Json::object(), *creds));
    std::cout << "ListBuckets: " << listed.status << "\n";
    curl_global_cleanup();
    return listed.status == 200 ? 0 : 1;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
}
