// The signing-key cache: derives once per scope, stays correct under concurrent use, stays bounded.
#include <awsreq/core/encoding.hpp>
#include <awsreq/signing/key_cache.hpp>
#include <awsreq/signing/sigv4.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
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

// The signer keeps the last scope's key per thread in front of the cache; a change of secret,
// key id, date, region, service or cache must never be served from it.
TEST_CASE("signing after a change of credentials or scope uses the new key", "[key-cache][sigv4]") {
    SignedRequest req{"GET", "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08", {}, ""};
    const Timestamp t = unwrap(parse_timestamp("20150830T123600Z"));
    auto signature_of = [&](const Credentials& c, std::string_view region, std::string_view service, Timestamp when,
                            SigningKeyCache* cache) {
        auto r = unwrap(sign(view(req), c, SigningParams{service, region, when, {}, cache}));
        return std::string(*r.headers.get("Authorization"));
    };
    // Reference values from a thread that has signed nothing before.
    auto fresh = [&](const Credentials& c, std::string_view region, std::string_view service, Timestamp when) {
        std::string out;
        std::thread([&] { out = signature_of(c, region, service, when, nullptr); }).join();
        return out;
    };
    Credentials a{"AKIDEXAMPLE", SecretString("secret-one")};
    Credentials a2{"AKIDEXAMPLE", SecretString("secret-two")};
    Credentials b{"AKIDOTHER", SecretString("secret-one")};
    SigningKeyCache own;
    const auto next_day = t + std::chrono::hours(24);
    std::vector<std::string> seen;
    for (int round = 0; round < 2; ++round) {
        seen = {signature_of(a, "us-east-1", "iam", t, nullptr),    signature_of(a2, "us-east-1", "iam", t, nullptr),
                signature_of(b, "us-east-1", "iam", t, nullptr),    signature_of(a, "eu-west-1", "iam", t, nullptr),
                signature_of(a, "us-east-1", "sts", t, nullptr),    signature_of(a, "us-east-1", "iam", next_day, nullptr),
                signature_of(a, "us-east-1", "iam", t, &own)};
        CHECK(seen[0] == fresh(a, "us-east-1", "iam", t));
        CHECK(seen[1] == fresh(a2, "us-east-1", "iam", t));
        CHECK(seen[2] == fresh(b, "us-east-1", "iam", t));
        CHECK(seen[3] == fresh(a, "eu-west-1", "iam", t));
        CHECK(seen[4] == fresh(a, "us-east-1", "sts", t));
        CHECK(seen[5] == fresh(a, "us-east-1", "iam", next_day));
        CHECK(seen[6] == seen[0]);  // another cache, same key
    }
    for (std::size_t i = 0; i + 1 < 6; ++i)
        for (std::size_t j = i + 1; j < 6; ++j) CHECK(seen[i] != seen[j]);
    CHECK(own.size() == 1);
}
