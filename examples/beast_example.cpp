// awsreq + Boost.Beast with C++20 coroutines: several uploads and downloads in flight on one
// io_context thread.
//   AWS_ENDPOINT_URL=http://127.0.0.1:8000 awsreq-example-beast BUCKET
#include "beast_adapter.hpp"
#include "example_support.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <iostream>

namespace {

using awsreq::examples::HttpResponse;
namespace asio = boost::asio;

// Puts one object and reads it back; each call of this coroutine runs concurrently with the others.
asio::awaitable<bool> round_trip(const awsreq::Client& s3, const awsreq::Credentials& credentials,
                                 std::string bucket, std::string key) {
    using namespace awsreq::examples;
    std::string body = "hello from Beast, " + key;
    // Requests and operations are made before co_await: GCC 12 mishandles braced initializer
    // lists and temporaries (default arguments included) inside a co_await expression.
    awsreq::Json put_params = {{"Bucket", bucket}, {"Key", key}, {"Body", body}};
    awsreq::Json get_params = {{"Bucket", bucket}, {"Key", key}};
    awsreq::SignedRequest put_req = build_or_throw(s3, "PutObject", put_params, credentials);
    asio::awaitable<HttpResponse> put_op = async_send_with_beast(std::move(put_req));
    HttpResponse put = co_await std::move(put_op);
    awsreq::SignedRequest get_req = build_or_throw(s3, "GetObject", get_params, credentials);
    asio::awaitable<HttpResponse> get_op = async_send_with_beast(std::move(get_req));
    HttpResponse got = co_await std::move(get_op);
    std::cout << key << ": PUT " << put.status << ", GET " << got.status << "\n";
    co_return put.status == 200 && got.status == 200 && got.body == body;
}

}  // namespace

int main(int argc, char** argv) try {
    using namespace awsreq::examples;
    if (argc != 2) {
        std::cerr << "usage: awsreq-example-beast BUCKET\n";
        return 2;
    }
    const std::string bucket = argv[1];
    auto catalog = catalog_from_environment();
    auto s3 = s3_client_from_environment(catalog);
    auto credentials = credentials_from_environment();

    asio::io_context io;
    int good = 0, done = 0;
    const int count = 5;
    asio::co_spawn(io, async_send_with_beast(build_or_throw(s3, "CreateBucket", {{"Bucket", bucket}}, credentials)),
                   [&](std::exception_ptr e, HttpResponse r) {
                       if (e) std::rethrow_exception(e);
                       std::cout << "CreateBucket: " << r.status << "\n";
                       // the bucket exists (or was already ours): start the concurrent round trips
                       for (int i = 0; i < count; ++i)
                           asio::co_spawn(io, round_trip(s3, credentials, bucket, "beast/" + std::to_string(i)),
                                          [&](std::exception_ptr e2, bool ok) {
                                              if (e2) std::rethrow_exception(e2);
                                              good += ok ? 1 : 0;
                                              ++done;
                                          });
                   });
    io.run();
    std::cout << good << "/" << count << " round trips\n";
    return good == count && done == count ? 0 : 1;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
}
