#include <awsreq/signing/key_cache.hpp>

#include <awsreq/core/secret.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace awsreq {

SigningKeyDerivation derive_signing_key(std::string_view secret, std::string_view date,
                                        std::string_view region, std::string_view service) {
    SigningKeyDerivation d;
    std::string k = "AWS4";
    k.append(secret);
    d.k_date = hmac_sha256(k, date);
    secure_wipe(k.data(), k.size());
    d.k_region = hmac_sha256(d.k_date, region);
    d.k_service = hmac_sha256(d.k_region, service);
    d.k_signing = hmac_sha256(d.k_service, "aws4_request");
    return d;
}

struct SigningKeyCache::Impl {
    struct Entry {
        SecretString secret;
        std::string date, region, service;
        HmacSha256Key key;
        std::uint64_t last_used = 0;
    };
    std::size_t capacity;
    mutable std::mutex mu;
    std::vector<Entry> entries;
    std::uint64_t tick = 0;
};

SigningKeyCache::SigningKeyCache(std::size_t capacity) : impl_(std::make_unique<Impl>()) {
    impl_->capacity = capacity == 0 ? 1 : capacity;
}

SigningKeyCache::~SigningKeyCache() = default;

HmacSha256Key SigningKeyCache::get(std::string_view secret, std::string_view date,
                                   std::string_view region, std::string_view service) {
    {
        std::lock_guard lock(impl_->mu);
        for (auto& e : impl_->entries) {
            if (e.date == date && e.region == region && e.service == service &&
                e.secret.reveal() == secret) {
                e.last_used = ++impl_->tick;
                return e.key;
            }
        }
    }
    // Derive outside the lock: four HMACs are cheap but need not serialize other signers.
    SigningKeyDerivation d = derive_signing_key(secret, date, region, service);
    HmacSha256Key key(d.k_signing);
    secure_wipe(&d, sizeof d);
    std::lock_guard lock(impl_->mu);
    auto& v = impl_->entries;
    if (v.size() >= impl_->capacity) {
        std::size_t oldest = 0;
        for (std::size_t i = 1; i < v.size(); ++i)
            if (v[i].last_used < v[oldest].last_used) oldest = i;
        v.erase(v.begin() + static_cast<std::ptrdiff_t>(oldest));
    }
    v.push_back(Impl::Entry{SecretString(std::string(secret)), std::string(date), std::string(region),
                            std::string(service), key, ++impl_->tick});
    return key;
}

std::size_t SigningKeyCache::size() const {
    std::lock_guard lock(impl_->mu);
    return impl_->entries.size();
}

void SigningKeyCache::clear() {
    std::lock_guard lock(impl_->mu);
    impl_->entries.clear();
}

SigningKeyCache& SigningKeyCache::shared() {
    static SigningKeyCache cache;
    return cache;
}

}  // namespace awsreq
