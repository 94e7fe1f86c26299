// awsreq + libcurl (easy interface): put an object with a signed request, then fetch it through
// a presigned URL, which needs no headers at all.
//   AWS_ENDPOINT_URL=http://127.0.0.1:8000 awsreq-example-curl BUCKET
#include "curl_adapter.hpp"
#include "example_support.hpp"

#include <iostream>

int main(int argc, char** argv) try {
    using namespace awsreq::examples;
    if (argc != 2) {
        std::cerr << "usage: awsreq-example-curl BUCKET\n";
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const std::string bucket = argv[1];
    auto catalog = catalog_from_environment();
    auto s3 = s3_client_from_environment(catalog);
    auto credentials = credentials_from_environment();

    HttpResponse created = send_with_curl(build_or_throw(s3, "CreateBucket", {{"Bucket", bucket}}, credentials));
    std::cout << "CreateBucket: " << created.status << "\n";
    HttpResponse put = send_with_curl(build_or_throw(
        s3, "PutObject", {{"Bucket", bucket}, {"Key", "hello/curl.txt"}, {"Body", "hello from libcurl"}}, credentials));
    std::cout << "PutObject: " << put.status << " ETag " << put.header("ETag") << "\n";

    auto url = s3.presign("GetObject", {{"Bucket", bucket}, {"Key", "hello/curl.txt"}}, credentials, now(),
                          std::chrono::minutes(5));
    if (!url) throw std::runtime_error(url.error().to_string());
    // A presigned request is a plain GET of the URL plus the headers it was signed with (none here).
    HttpResponse got = send_with_curl(awsreq::SignedRequest{url->method, url->url, url->headers, {}});
    std::cout << "presigned GET: " << got.status << " " << got.body << "\n";
    curl_global_cleanup();
    return put.status == 200 && got.status == 200 && got.body == "hello from libcurl" ? 0 : 1;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
}
