#include <awsreq/endpoints/resolver.hpp>

#include "evaluate.hpp"

#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace awsreq::endpoints {
namespace {

struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Appends one declared parameter to the cache key: a tag, then length-prefixed bytes, so no two
// different parameter combinations share a key.
void append_key(std::string& key, const ParamValue* v) {
    auto append_string = [&](const std::string& s) {
        auto n = static_cast<std::uint32_t>(s.size());
        key.append(reinterpret_cast<const char*>(&n), sizeof n);
        key += s;
    };
    if (!v) {
        key += 'n';
    } else if (const auto* b = std::get_if<bool>(v)) {
        key += *b ? 't' : 'f';
    } else if (const auto* s = std::get_if<std::string>(v)) {
        key += 's';
        append_string(*s);
    } else {
        const auto& list = std::get<std::vector<std::string>>(*v);
        key += 'a';
        auto n = static_cast<std::uint32_t>(list.size());
        key.append(reinterpret_cast<const char*>(&n), sizeof n);
        for (const auto& s : list) append_string(s);
    }
}

}  // namespace

struct EndpointResolver::State {
    State(RuleSet r, Partitions p, ResolverOptions o) : rules(std::move(r)), partitions(std::move(p)), options(o) {}
    RuleSet rules;
    Partitions partitions;
    ResolverOptions options;
    mutable std::shared_mutex mutex;
    mutable std::unordered_map<std::string, std::shared_ptr<const ResolvedEndpoint>, KeyHash, std::equal_to<>> cache;
};

EndpointResolver::EndpointResolver(RuleSet rules, Partitions partitions, ResolverOptions options)
    : state_(std::make_unique<State>(std::move(rules), std::move(partitions), options)) {}
EndpointResolver::~EndpointResolver() = default;
EndpointResolver::EndpointResolver(EndpointResolver&&) noexcept = default;
EndpointResolver& EndpointResolver::operator=(EndpointResolver&&) noexcept = default;

const RuleSet& EndpointResolver::rules() const noexcept { return state_->rules; }
const Partitions& EndpointResolver::partitions() const noexcept { return state_->partitions; }

std::size_t EndpointResolver::cache_size() const {
    std::shared_lock lock(state_->mutex);
    return state_->cache.size();
}

Result<std::shared_ptr<const ResolvedEndpoint>> EndpointResolver::resolve(const EndpointParams& params) const {
    const auto& compiled = state_->rules.compiled();
    // Reused per thread so a cache hit allocates nothing.
    thread_local std::vector<const ParamValue*> given;
    thread_local std::string key;
    detail::gather_params(compiled, params, given);

    if (state_->options.cache_capacity == 0) {
        auto r = detail::evaluate_compiled(compiled, state_->partitions.data(), given);
        if (!r) return r.failure();
        return std::make_shared<const ResolvedEndpoint>(std::move(*r));
    }

    key.clear();
    for (const auto* v : given) append_key(key, v);
    {
        std::shared_lock lock(state_->mutex);
        auto it = state_->cache.find(std::string_view(key));
        if (it != state_->cache.end()) return it->second;
    }
    auto r = detail::evaluate_compiled(compiled, state_->partitions.data(), given);
    if (!r) return r.failure();
    auto endpoint = std::make_shared<const ResolvedEndpoint>(std::move(*r));
    std::unique_lock lock(state_->mutex);
    if (state_->cache.size() >= state_->options.cache_capacity) state_->cache.clear();
    state_->cache.emplace(key, endpoint);
    return endpoint;
}

}  // namespace awsreq::endpoints
