// awsreq + cpp-httplib: create a bucket, put, get and list an object, one blocking call each.
//   AWS_ENDPOINT_URL=http://127.0.0.1:8000 awsreq-example-httplib BUCKET
#include "example_support.hpp"
#include "httplib_adapter.hpp"

#include <iostream>

int main(int argc, char** argv) try {
    using namespace awsreq::examples;
    if (argc != 2) {
        std::cerr << "usage: awsreq-example-httplib BUCKET\n";
        return 2;
    }
    const std::string bucket = argv[1];
    auto catalog = catalog_from_environment();
    auto s3 = s3_client_from_environment(catalog);
    auto credentials = credentials_from_environment();

    bool ok = true;
    auto call = [&](std::string_view operation, const awsreq::Json& params) {
        HttpResponse res = send_with_httplib(build_or_throw(s3, operation, params, credentials));
        std::cout << operation << ": " << res.status << "\n";
        // an existing bucket of ours is fine for this demo
        ok = ok && (res.status / 100 == 2 || res.body.find("BucketAlreadyOwnedByYou") != std::string::npos);
        return res;
    };
    call("CreateBucket", {{"Bucket", bucket}});
    call("PutObject", {{"Bucket", bucket}, {"Key", "hello/httplib.txt"}, {"Body", "hello from cpp-httplib"}});
    std::cout << call("GetObject", {{"Bucket", bucket}, {"Key", "hello/httplib.txt"}}).body << "\n";
    auto listing = call("ListObjectsV2", {{"Bucket", bucket}, {"Prefix", "hello/"}});
    std::cout << (listing.body.find("<Key>hello/httplib.txt</Key>") != std::string::npos ? "listed" : "NOT listed")
              << "\n";
    return ok ? 0 : 1;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
}
