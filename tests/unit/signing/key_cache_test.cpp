// The signing-key cache: derives once per scope, stays correct under concurrent use, stays bounded.
#include <awsreq/core/encoding.hpp>
#include <awsreq/signing/key_cache.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

using namespace awsreq;

TEST_CASE("cached keys equal freshly derived ones", "[key-cache]") {
    SigningKeyCache cache(4);
    auto fresh = HmacSha256Key(derive_signing_key("secret", "20150830", "us-east-1", "iam").k_signing);
    CHECK(cache.get("secret", "20150830", "us-east-1", "iam").mac("x") == fresh.mac("x"));
    CHECK(cache.get("secret", "20150830", "us-east-1", "iam").mac("x") == fresh.mac("x"));
    CHECK(cache.size() == 1);
    CHECK(cache.get("other", "20150830", "us-east-1", "iam").mac("x") != fresh.mac("x"));
    CHECK(cache.size() == 2);
}

TEST_CASE("the cache is bounded", "[key-cache]") {
    SigningKeyCache cache(3);
    for (int d = 10; d < 20; ++d) (void)cache.get("s", "201508" + std::to_string(d), "r", "svc");
    CHECK(cache.size() == 3);
}

TEST_CASE("concurrent signers get correct keys", "[key-cache]") {
    SigningKeyCache cache(8);
    std::vector<std::string> regions = {"us-east-1", "eu-west-1", "ap-south-1", "sa-east-1"};
    std::vector<Sha256Digest> expected;
    for (const auto& r : regions)
        expected.push_back(HmacSha256Key(derive_signing_key("s", "20150830", r, "svc").k_signing).mac("m"));
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 2000; ++i) {
                std::size_t k = static_cast<std::size_t>((i + t) % 4);
                if (cache.get("s", "20150830", regions[k], "svc").mac("m") != expected[k]) ++wrong;
            }
        });
    for (auto& th : threads) th.join();
    CHECK(wrong == 0);
    CHECK(cache.size() == 4);
}
