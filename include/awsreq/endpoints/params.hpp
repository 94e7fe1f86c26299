// awsreq endpoints: the input of endpoint resolution, one value per rule-set parameter.
#pragma once

#include <awsreq/core/result.hpp>

#include <nlohmann/json_fwd.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace awsreq::endpoints {

/// A parameter value as Smithy endpoint rule sets type them: String, Boolean (or StringArray,
/// which later rule sets declare).
using ParamValue = std::variant<std::string, bool, std::vector<std::string>>;

/// Endpoint parameters by name (`Region`, `UseFIPS`, `Bucket`, ...), in insertion order. An absent
/// name is an unset parameter, which the rule set's `default` may then fill. Names that the rule
/// set does not declare are carried but ignored by resolution (and by its cache).
class EndpointParams {
public:
    using Entry = std::pair<std::string, ParamValue>;

    EndpointParams() = default;
    EndpointParams(std::initializer_list<Entry> entries);

    /// Sets (or replaces) one parameter.
    void set(std::string_view name, ParamValue value);
    /// Unsets one parameter; returns whether it was set.
    bool erase(std::string_view name);
    /// The value of `name`, or nullptr when unset.
    [[nodiscard]] const ParamValue* find(std::string_view name) const noexcept;

    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
    [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
    [[nodiscard]] auto begin() const noexcept { return entries_.begin(); }
    [[nodiscard]] auto end() const noexcept { return entries_.end(); }

private:
    std::vector<Entry> entries_;
};

/// Reads parameters from a JSON object, as the `params` of endpoint-tests-1.json cases and the
/// `awsreq endpoint` command give them: strings, booleans and arrays of strings; `null` means
/// unset. Anything else is a ParamValidationError naming the parameter.
[[nodiscard]] Result<EndpointParams> params_from_json(const nlohmann::json& object);

}  // namespace awsreq::endpoints
