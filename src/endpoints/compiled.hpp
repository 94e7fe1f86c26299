// Internal: the compiled form of an endpoint rule set. Names are resolved into slot numbers
// and function ids once, at parse time.
#pragma once

#include "value.hpp"

#include <awsreq/endpoints/rule_set.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace awsreq::endpoints::detail {

enum class Fn : std::uint8_t {
    is_set,
    not_,
    get_attr,
    string_equals,
    boolean_equals,
    substring,
    uri_encode,
    parse_url,
    is_valid_host_label,
    aws_partition,
    aws_parse_arn,
    aws_is_virtual_hostable_s3_bucket,
};

/// One part of a `{name#field}` reference inside a template, or literal text.
struct TemplatePart {
    std::string literal;              ///< text before the reference (braces unescaped)
    std::int32_t slot = -1;           ///< referenced variable; -1 for trailing literal text only
    std::vector<std::string> fields;  ///< `#field` steps after the variable
};

struct Template {
    std::vector<TemplatePart> parts;
};

/// One step of a getAttr path: `name` or `name[index]` (an indexed step ends the path, as in
/// botocore).
struct AttrStep {
    std::string name;
    std::int64_t index = -1;
};

struct Call;

struct Expr {
    enum class Kind : std::uint8_t { literal, ref, templ, call };
    Kind kind = Kind::literal;
    std::uint32_t index = 0;  ///< slot (ref), template index (templ), call index (call)
    Value literal;
};

struct Call {
    Fn fn = Fn::is_set;
    std::vector<Expr> args;
    std::int32_t assign = -1;                  ///< slot the result is assigned to, or -1
    bool attr_path_compiled = false;           ///< getAttr with a literal path
    std::vector<AttrStep> attr_path;
};

/// Endpoint properties with their templates pre-split.
struct PropNode {
    enum class Kind : std::uint8_t { literal, templ, object, array };
    Kind kind = Kind::literal;
    nlohmann::json literal;
    std::uint32_t templ = 0;
    std::vector<std::pair<std::string, PropNode>> children;  // keys empty for arrays
};

struct Rule {
    enum class Kind : std::uint8_t { endpoint, error, tree };
    Kind kind = Kind::tree;
    std::vector<std::uint32_t> conditions;  ///< call indices
    Expr url;                                ///< endpoint
    PropNode properties;                     ///< endpoint
    std::vector<std::pair<std::string, std::vector<Expr>>> headers;  ///< endpoint
    Expr error;                              ///< error
    std::vector<Rule> rules;                 ///< tree
};

struct CompiledRuleSet {
    std::vector<ParameterSpec> params;     ///< slots 0..params.size()-1
    std::vector<std::string> slot_names;   ///< every slot: parameters, then assigned/referenced names
    std::vector<Call> calls;
    std::vector<Template> templates;
    std::vector<Rule> rules;
};

}  // namespace awsreq::endpoints::detail
