// awsreq endpoints: resolving an endpoint from a rule set, partitions and parameters.
#pragma once

#include <awsreq/core/result.hpp>
#include <awsreq/endpoints/endpoint.hpp>
#include <awsreq/endpoints/params.hpp>
#include <awsreq/endpoints/partitions.hpp>
#include <awsreq/endpoints/rule_set.hpp>

#include <cstddef>
#include <memory>

namespace awsreq::endpoints {

/// Evaluates `rules` for `params` once, without any cache, exactly as botocore's
/// EndpointProvider does: parameters are checked against their declared types (a wrong type or
/// a missing required one is an EndpointResolutionError naming it), defaults applied, rules
/// tried in order. An `error` rule yields an EndpointResolutionError whose message is exactly
/// the rule's text; no matching rule yields "No endpoint found for parameters: ...".
[[nodiscard]] Result<ResolvedEndpoint> evaluate(const RuleSet& rules, const Partitions& partitions,
                                                const EndpointParams& params);

/// Options of an EndpointResolver.
struct ResolverOptions {
    /// Distinct parameter combinations remembered; 0 disables the cache. When full, the cache
    /// starts over (clients use few combinations; this just bounds memory).
    std::size_t cache_capacity = 512;
};

/// A rule set with its partitions and a thread-safe cache of resolved endpoints. The cache key
/// is built only from the parameters the rule set declares, so per-request values it ignores
/// (an S3 object Key, say) do not defeat it. Errors are not cached.
class EndpointResolver {
public:
    EndpointResolver(RuleSet rules, Partitions partitions, ResolverOptions options = {});
    ~EndpointResolver();
    EndpointResolver(EndpointResolver&&) noexcept;
    EndpointResolver& operator=(EndpointResolver&&) noexcept;

    /// Resolves `params`; the endpoint is shared with the cache (no copy on a hit).
    [[nodiscard]] Result<std::shared_ptr<const ResolvedEndpoint>> resolve(const EndpointParams& params) const;

    [[nodiscard]] const RuleSet& rules() const noexcept;
    [[nodiscard]] const Partitions& partitions() const noexcept;
    /// Entries currently cached.
    [[nodiscard]] std::size_t cache_size() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace awsreq::endpoints
