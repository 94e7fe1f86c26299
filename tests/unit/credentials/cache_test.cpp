#include <awsreq/credentials/cache.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

using namespace awsreq;
using namespace awsreq::credentials;
using namespace std::chrono_literals;

namespace {

Timestamp at(long long s) { return Timestamp(std::chrono::seconds(s)); }

Credentials expiring(std::string id, Timestamp when) {
    return Credentials{std::move(id), SecretString("s"), SecretString("t"), when};
}

}  // namespace

TEST_CASE("cached until the advisory window, refreshed inside it") {
    int calls = 0;
    RefreshingCredentials cache([&](Timestamp now) -> Result<Credentials> {
        ++calls;
        return expiring("K" + std::to_string(calls), now + 1h);
    });
    CHECK(cache.get(at(0))->access_key_id == "K1");
    CHECK(cache.get(at(60))->access_key_id == "K1");
    CHECK(calls == 1);
    // 50 minutes on: 10 minutes left is inside the mandatory window.
    CHECK(cache.get(at(3000))->access_key_id == "K2");
    CHECK(calls == 2);
    // 13 minutes before expiry: advisory refresh.
    CHECK(cache.get(at(3000 + 3600 - 13 * 60))->access_key_id == "K3");
}

TEST_CASE("a failed advisory refresh keeps the cached value; a failed mandatory one is an error") {
    bool fail_now = false;
    RefreshingCredentials cache([&](Timestamp now) -> Result<Credentials> {
        if (fail_now) return fail(error_type::credentials_error, "down");
        return expiring("K", now + 1h);
    });
    REQUIRE(cache.get(at(0)).has_value());
    fail_now = true;
    auto advisory = cache.get(at(3600 - 12 * 60));
    REQUIRE(advisory.has_value());
    CHECK(advisory->access_key_id == "K");
    auto mandatory = cache.get(at(3600 - 5 * 60));
    REQUIRE_FALSE(mandatory.has_value());
    CHECK(mandatory.error().message == "down");
}

TEST_CASE("credentials without an expiry are kept; invalidate forces a refresh") {
    int calls = 0;
    RefreshingCredentials cache([&](Timestamp) -> Result<Credentials> {
        ++calls;
        return Credentials{"K", SecretString("s")};
    });
    (void)cache.get(at(0));
    (void)cache.get(at(1'000'000));
    CHECK(calls == 1);
    cache.invalidate();
    (void)cache.get(at(0));
    CHECK(calls == 2);
}

TEST_CASE("one refresh at a time under contention") {
    std::atomic<int> calls{0};
    std::atomic<int> inside{0};
    std::atomic<int> max_inside{0};
    RefreshingCredentials cache([&](Timestamp now) -> Result<Credentials> {
        int n = ++inside;
        int m = max_inside.load();
        while (n > m && !max_inside.compare_exchange_weak(m, n)) {
        }
        std::this_thread::sleep_for(20ms);
        ++calls;
        --inside;
        return expiring("K", now + 1h);
    });
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            if (cache.get(at(0))) ++ok;
        });
    for (auto& t : threads) t.join();
    CHECK(ok == 8);
    CHECK(calls == 1);
    CHECK(max_inside == 1);
}

TEST_CASE("a resolver that throws becomes a typed error") {
    RefreshingCredentials cache([](Timestamp) -> Result<Credentials> { throw std::runtime_error("boom"); });
    auto r = cache.get(at(0));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().type == error_type::credentials_error);
}

#include <awsreq/credentials/chain.hpp>

TEST_CASE("the default chain as the cache's resolver") {
    auto cfg = config::resolve_config({}, config::map_env({{"HOME", "/h"}, {"AWS_ACCESS_KEY_ID", "AKIDCACHE"},
                                                           {"AWS_SECRET_ACCESS_KEY", "s"},
                                                           {"AWS_CREDENTIAL_EXPIRATION", "2030-01-01T00:00:00Z"}}),
                                      config::map_file_system({}));
    REQUIRE(cfg.has_value());
    auto shared = std::make_shared<const config::ResolvedConfig>(std::move(*cfg));
    RefreshingCredentials cache(default_chain_resolver(shared, config::map_file_system({}), ChainOptions{}));
    auto r = cache.get(at(1700000000));
    REQUIRE(r.has_value());
    CHECK(r->access_key_id == "AKIDCACHE");
}
