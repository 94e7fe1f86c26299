// awsreq endpoints: an endpoint rule set (endpoint-rule-set-1.json), compiled once.
#pragma once

#include <awsreq/core/result.hpp>
#include <awsreq/endpoints/params.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awsreq::endpoints {

namespace detail {
struct CompiledRuleSet;
}

/// The declared type of a rule-set parameter.
enum class ParamType { string, boolean, string_array };

/// One entry of the rule set's `parameters`.
struct ParameterSpec {
    std::string name;
    ParamType type = ParamType::string;
    std::string built_in;               ///< e.g. "AWS::Region"; empty when none
    std::optional<ParamValue> default_value;
    bool required = false;
    std::string documentation;
};

/// A Smithy endpoint rule set, parsed and compiled into an indexed tree: parameters and
/// assigned variables become slots, templates are split, function names resolved, so evaluation
/// does no JSON lookups and never re-parses. Immutable and cheap to copy (shared).
class RuleSet {
public:
    /// Parses and compiles `endpoint-rule-set-1.json`. A malformed rule set (unknown rule type,
    /// function or parameter type, wrong arity, missing fields) is a ParseError naming where.
    /// `file_name` only labels errors.
    [[nodiscard]] static Result<RuleSet> parse(std::string_view json_text, std::string_view file_name = {});

    /// The declared parameters, in the rule set's order.
    [[nodiscard]] const std::vector<ParameterSpec>& parameters() const noexcept;
    /// The declared parameter `name`, or nullptr.
    [[nodiscard]] const ParameterSpec* parameter(std::string_view name) const noexcept;

    [[nodiscard]] const detail::CompiledRuleSet& compiled() const noexcept { return *compiled_; }

private:
    explicit RuleSet(std::shared_ptr<const detail::CompiledRuleSet> c) : compiled_(std::move(c)) {}
    std::shared_ptr<const detail::CompiledRuleSet> compiled_;
};

}  // namespace awsreq::endpoints
