// Internal: one evaluation of a compiled rule set over parameter values given per slot.
#pragma once

#include "compiled.hpp"
#include "partitions_data.hpp"

#include <awsreq/core/result.hpp>
#include <awsreq/endpoints/endpoint.hpp>
#include <awsreq/endpoints/params.hpp>

#include <vector>

namespace awsreq::endpoints::detail {

/// `given[i]` is the caller's value of declared parameter i, or nullptr when unset.
Result<ResolvedEndpoint> evaluate_compiled(const CompiledRuleSet& rules, const PartitionsData& partitions,
                                           const std::vector<const ParamValue*>& given);

/// Collects, per declared parameter, the caller's value (nullptr when unset).
void gather_params(const CompiledRuleSet& rules, const EndpointParams& params, std::vector<const ParamValue*>& out);

}  // namespace awsreq::endpoints::detail
