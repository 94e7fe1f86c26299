#include <awsreq/signing/key_cache.hpp>

#include <awsreq/core/secret.hpp>

#include "bounded_lru.hpp"

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
    struct Scope {
        SecretString secret;
        std::string date, region, service;
    };
    explicit Impl(std::size_t capacity) : lru(capacity) {}
    detail::BoundedLru<Scope, HmacSha256Key> lru;
};

SigningKeyCache::SigningKeyCache(std::size_t capacity) : impl_(std::make_unique<Impl>(capacity)) {}

SigningKeyCache::~SigningKeyCache() = default;

HmacSha256Key SigningKeyCache::get(std::string_view secret, std::string_view date,
                                   std::string_view region, std::string_view service) {
    auto same_scope = [&](const Impl::Scope& s) {
        return s.date == date && s.region == region && s.service == service && s.secret.reveal() == secret;
    };
    auto hit = impl_->lru.find(same_scope);
    if (hit) return *hit;
    // Derived outside the lock: four HMACs are cheap but need not serialize other signers.
    SigningKeyDerivation d = derive_signing_key(secret, date, region, service);
    HmacSha256Key key(d.k_signing);
    secure_wipe(&d, sizeof d);
    impl_->lru.insert(Impl::Scope{SecretString(std::string(secret)), std::string(date), std::string(region),
                                  std::string(service)},
                      key, same_scope);
    return key;
}

std::size_t SigningKeyCache::size() const { return impl_->lru.size(); }

void SigningKeyCache::clear() { impl_->lru.clear(); }

SigningKeyCache& SigningKeyCache::shared() {
    static SigningKeyCache cache;
    return cache;
}

}  // namespace awsreq
