// `awsreq credentials --allow-network` against a fake container-credentials server on loopback
// (HTTP through curl); without the flag the same setup makes no request.
#include "config_cli_support.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <thread>

using namespace awsreq::test;
using nlohmann::json;

TEST_CASE("credentials --allow-network reaches container credentials; without it, nothing is sent") {
    httplib::Server srv;
    std::atomic<int> hits{0};
    srv.Get("/creds", [&](const httplib::Request& req, httplib::Response& res) {
        ++hits;
        if (req.get_header_value("Authorization") != "secret-auth") {
            res.status = 401;
            return;
        }
        res.set_content(R"({"AccessKeyId":"AKIDNET","SecretAccessKey":"netsecret","Token":"nettoken","Expiration":"2030-01-01T00:00:00Z"})",
                        "application/json");
    });
    int port = srv.bind_to_any_port("127.0.0.1");
    std::thread t([&] { srv.listen_after_bind(); });
    while (!srv.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

    TempDir dir;
    std::map<std::string, std::string> env = {
        {"HOME", dir.path().string()},
        {"PATH", "/usr/bin:/bin"},
        {"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + std::to_string(port) + "/creds"},
        {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "secret-auth"}};
    auto offline = run_awsreq(env, "credentials", dir);
    CHECK(offline.status == 1);
    CHECK_THAT(offline.err, Catch::Contains("--allow-network"));
    CHECK(hits == 0);

    auto online = run_awsreq(env, "credentials --allow-network", dir);
    CHECK(online.status == 0);
    CHECK(hits == 1);
    if (online.status == 0) {
        auto j = json::parse(online.out);
        CHECK(j["AccessKeyId"] == "AKIDNET");
        CHECK(j["SessionToken"] == "nettoken");
        CHECK(j["Expiration"] == "2030-01-01T00:00:00Z");
    } else {
        WARN(online.err);
    }
    srv.stop();
    t.join();
}
