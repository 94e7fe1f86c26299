// awsreq + libcurl (multi interface): upload many objects concurrently on one thread, never
// more than MAX_IN_FLIGHT at once, like an async client's max_clients.
//   AWS_ENDPOINT_URL=http://127.0.0.1:8000 awsreq-example-curl-multi BUCKET [COUNT] [MAX_IN_FLIGHT]
#include "curl_adapter.hpp"
#include "example_support.hpp"

#include <iostream>

int main(int argc, char** argv) try {
    using namespace awsreq::examples;
    if (argc < 2 || argc > 4) {
        std::cerr << "usage: awsreq-example-curl-multi BUCKET [COUNT] [MAX_IN_FLIGHT]\n";
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const std::string bucket = argv[1];
    const int count = argc > 2 ? std::stoi(argv[2]) : 20;
    const std::size_t max_in_flight = argc > 3 ? std::stoul(argv[3]) : 4;
    auto catalog = catalog_from_environment();
    auto s3 = s3_client_from_environment(catalog);
    auto credentials = credentials_from_environment();

    std::cout << "CreateBucket: "
              << send_with_curl(build_or_throw(s3, "CreateBucket", {{"Bucket", bucket}}, credentials)).status << "\n";

    // Building and signing is cheap and needs no network: sign them all first, then send.
    std::vector<awsreq::SignedRequest> puts;
    for (int i = 0; i < count; ++i) {
        std::string key = "multi/object-" + std::to_string(i) + ".txt";
        puts.push_back(build_or_throw(s3, "PutObject", {{"Bucket", bucket}, {"Key", key}, {"Body", "object " + key}},
                                      credentials));
    }
    int succeeded = 0;
    for (const CurlOutcome& o : send_all_with_curl(puts, max_in_flight)) {
        if (!o.error.empty()) std::cerr << "failed: " << o.error << "\n";
        else if (o.response.status != 200) std::cerr << "HTTP " << o.response.status << ": " << o.response.body << "\n";
        else ++succeeded;
    }
    std::cout << succeeded << "/" << count << " uploaded, at most " << max_in_flight << " in flight\n";

    auto listing = send_with_curl(build_or_throw(s3, "ListObjectsV2", {{"Bucket", bucket}, {"Prefix", "multi/"}},
                                                 credentials));
    std::size_t listed = 0;
    for (auto at = listing.body.find("<Key>"); at != std::string::npos; at = listing.body.find("<Key>", at + 1))
        ++listed;
    std::cout << "ListObjectsV2: " << listing.status << ", " << listed << " keys\n";
    curl_global_cleanup();
    return succeeded == count && listed >= static_cast<std::size_t>(count) ? 0 : 1;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
}
