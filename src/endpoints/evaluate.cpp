#include "evaluate.hpp"

#include "attr_path.hpp"
#include "functions.hpp"

#include <awsreq/core/encoding.hpp>
#include <awsreq/endpoints/resolver.hpp>

namespace awsreq::endpoints {
namespace detail {
namespace {

std::string_view python_param_type(ParamType t) {
    switch (t) {
        case ParamType::string: return "<class 'str'>";
        case ParamType::boolean: return "<class 'bool'>";
        case ParamType::string_array: return "<class 'list'>";
    }
    return "";
}

bool type_matches(ParamType t, const ParamValue& v) {
    switch (t) {
        case ParamType::string: return std::holds_alternative<std::string>(v);
        case ParamType::boolean: return std::holds_alternative<bool>(v);
        case ParamType::string_array: return std::holds_alternative<std::vector<std::string>>(v);
    }
    return false;
}

Value to_value(const ParamValue& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return Value::string(*s);
    if (const auto* b = std::get_if<bool>(&v)) return Value::boolean(*b);
    auto a = std::make_shared<Array>();
    for (const auto& s : std::get<std::vector<std::string>>(v)) a->push_back(Value::string(s));
    return Value::array(std::move(a));
}

std::string python_repr_param(const ParamValue& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* b = std::get_if<bool>(&v)) return *b ? "True" : "False";
    std::string out = "[";
    bool first = true;
    for (const auto& s : std::get<std::vector<std::string>>(v)) {
        if (!first) out += ", ";
        first = false;
        out += "'" + s + "'";
    }
    return out + "]";
}

Failure resolution_error(std::string message, std::string field = {}) {
    return fail(error_type::endpoint_resolution, std::move(message), std::move(field));
}

class Evaluator {
public:
    Evaluator(const CompiledRuleSet& rs, const PartitionsData& parts) : rs_(rs), parts_(parts), slots_(rs.slot_names.size()) {}

    std::vector<Value>& slots() { return slots_; }

    enum class Outcome { no_match, endpoint, error };

    Outcome run_rules(const std::vector<Rule>& rules) {
        for (const auto& r : rules) {
            Outcome o = rule(r);
            if (o != Outcome::no_match) return o;
        }
        return Outcome::no_match;
    }

    ResolvedEndpoint endpoint_;
    Error error_;

private:
    Outcome rule(const Rule& r) {
        std::size_t mark = assigned_.size();
        Outcome o = conditions(r);
        if (o == Outcome::endpoint) {  // every condition holds
            switch (r.kind) {
                case Rule::Kind::endpoint: o = endpoint(r); break;
                case Rule::Kind::error: o = error_rule(r); break;
                case Rule::Kind::tree: o = run_rules(r.rules); break;
            }
        }
        // A rule's assignments are visible only to itself and its sub-rules.
        while (assigned_.size() > mark) {
            slots_[assigned_.back()] = Value{};
            assigned_.pop_back();
        }
        return o;
    }

    // Returns endpoint when every condition holds, no_match when one is false/null, error on a
    // failed evaluation.
    Outcome conditions(const Rule& r) {
        for (auto idx : r.conditions) {
            Value tmp;
            const Value* v = call(rs_.calls[idx], tmp);
            if (!v) return Outcome::error;
            if (v->is_null() || (v->is_bool() && !v->b)) return Outcome::no_match;
        }
        return Outcome::endpoint;
    }

    Outcome endpoint(const Rule& r) {
        Value tmp;
        const Value* url = expr(r.url, tmp);
        if (!url) return Outcome::error;
        if (!url->is_string()) return fail_with("the endpoint url is not a string");
        ResolvedEndpoint ep;
        ep.url = url->s;
        if (!properties(r.properties, ep.properties)) return Outcome::error;
        for (const auto& [name, exprs] : r.headers) {
            auto& values = ep.headers[name];
            for (const auto& e : exprs) {
                Value t;
                const Value* v = expr(e, t);
                if (!v) return Outcome::error;
                values.push_back(python_str(*v));
            }
        }
        ep.auth_schemes = auth_schemes_from_properties(ep.properties);
        endpoint_ = std::move(ep);
        return Outcome::endpoint;
    }

    Outcome error_rule(const Rule& r) {
        Value tmp;
        const Value* v = expr(r.error, tmp);
        if (!v) return Outcome::error;
        error_ = make_error(error_type::endpoint_resolution, python_str(*v));
        return Outcome::error;
    }

    Outcome fail_with(std::string message) {
        error_ = make_error(error_type::endpoint_resolution, std::move(message));
        return Outcome::error;
    }

    bool properties(const PropNode& n, nlohmann::json& out) {
        switch (n.kind) {
            case PropNode::Kind::literal: out = n.literal; return true;
            case PropNode::Kind::templ: {
                std::string s;
                if (!templ(rs_.templates[n.templ], s)) return false;
                out = std::move(s);
                return true;
            }
            case PropNode::Kind::object: {
                out = nlohmann::json::object();
                for (const auto& [k, child] : n.children)
                    if (!properties(child, out[k])) return false;
                return true;
            }
            case PropNode::Kind::array: {
                out = nlohmann::json::array();
                for (const auto& child : n.children) {
                    out.push_back(nullptr);
                    if (!properties(child.second, out.back())) return false;
                }
                return true;
            }
        }
        return false;
    }

    bool templ(const Template& t, std::string& out) {
        for (const auto& part : t.parts) {
            out += part.literal;
            if (part.slot < 0) continue;
            const Value* v = &slots_[static_cast<std::size_t>(part.slot)];
            if (v->is_null()) {
                fail_with("template references \"" + rs_.slot_names[static_cast<std::size_t>(part.slot)] + "\", which is not set");
                return false;
            }
            for (const auto& f : part.fields) {
                const Value* next = v->kind == Value::Kind::object ? v->o->find(f) : nullptr;
                if (!next) {
                    fail_with("template references \"" + rs_.slot_names[static_cast<std::size_t>(part.slot)] + "#" + f +
                              "\", which does not exist");
                    return false;
                }
                v = next;
            }
            if (v->is_string()) out += v->s;
            else out += python_str(*v);
        }
        return true;
    }

    // The value of `e`: a pointer into a slot or literal, or to `tmp` when computed; nullptr on error.
    const Value* expr(const Expr& e, Value& tmp) {
        switch (e.kind) {
            case Expr::Kind::literal: return &e.literal;
            case Expr::Kind::ref: return &slots_[e.index];
            case Expr::Kind::templ: {
                std::string s;
                if (!templ(rs_.templates[e.index], s)) return nullptr;
                tmp = Value::string(std::move(s));
                return &tmp;
            }
            case Expr::Kind::call: return call(rs_.calls[e.index], tmp);
        }
        return nullptr;
    }

    const Value* call(const Call& c, Value& tmp) {
        Value args_tmp[4];
        const Value* args[4] = {nullptr, nullptr, nullptr, nullptr};
        for (std::size_t i = 0; i < c.args.size() && i < 4; ++i) {
            args[i] = expr(c.args[i], args_tmp[i]);
            if (!args[i]) return nullptr;
        }
        if (!apply(c, args, tmp)) return nullptr;
        if (c.assign >= 0) {
            auto slot = static_cast<std::size_t>(c.assign);
            if (!slots_[slot].is_null()) {
                fail_with("Assignment " + rs_.slot_names[slot] + " already exists in scoped variables and cannot be overwritten");
                return nullptr;
            }
            slots_[slot] = std::move(tmp);
            assigned_.push_back(static_cast<std::uint32_t>(slot));
            return &slots_[slot];
        }
        return &tmp;
    }

    bool type_error(std::string message) {
        fail_with(std::move(message));
        return false;
    }

    bool need_string(const Value& v, std::string_view fn) {
        if (v.is_string()) return true;
        return type_error(std::string(fn) + " needs a string, not " + std::string(python_type(v)) + ".");
    }

    bool apply(const Call& c, const Value* const* a, Value& out) {
        switch (c.fn) {
            case Fn::is_set: out = Value::boolean(!a[0]->is_null()); return true;
            case Fn::not_: out = Value::boolean(!truthy(*a[0])); return true;
            case Fn::get_attr:
                if (c.attr_path_compiled) {
                    out = get_attr(*a[0], c.attr_path);
                } else {
                    if (!need_string(*a[1], "getAttr")) return false;
                    out = get_attr(*a[0], compile_attr_path(a[1]->s));
                }
                return true;
            case Fn::string_equals:
                if (!a[0]->is_string() || !a[1]->is_string())
                    return type_error("Both values must be strings, not " + std::string(python_type(*a[0])) + " and " +
                                      std::string(python_type(*a[1])) + ".");
                out = Value::boolean(a[0]->s == a[1]->s);
                return true;
            case Fn::boolean_equals:
                if (!a[0]->is_bool() || !a[1]->is_bool())
                    return type_error("Both arguments must be bools, not " + std::string(python_type(*a[0])) + " and " +
                                      std::string(python_type(*a[1])) + ".");
                out = Value::boolean(a[0]->b == a[1]->b);
                return true;
            case Fn::substring:
                if (!a[0]->is_string()) return type_error("Input must be a string, not " + std::string(python_type(*a[0])) + ".");
                if (a[1]->kind != Value::Kind::integer || a[2]->kind != Value::Kind::integer)
                    return type_error("substring needs integer start and stop");
                out = substring(a[0]->s, a[1]->i, a[2]->i, a[3]->is_bool() && a[3]->b);
                return true;
            case Fn::uri_encode:
                if (a[0]->is_null()) out = Value{};
                else out = Value::string(uri_encode(a[0]->is_string() ? a[0]->s : python_str(*a[0])));
                return true;
            case Fn::parse_url:
                if (a[0]->is_null()) {
                    out = Value{};
                    return true;
                }
                if (!need_string(*a[0], "parseURL")) return false;
                out = parse_url(a[0]->s);
                return true;
            case Fn::is_valid_host_label:
                if (a[0]->is_null()) {
                    out = Value::boolean(false);
                    return true;
                }
                if (!need_string(*a[0], "isValidHostLabel")) return false;
                out = Value::boolean(is_valid_host_label(a[0]->s, *a[1]));
                return true;
            case Fn::aws_partition:
                if (a[0]->is_null()) {
                    out = parts_.partitions.front().outputs;
                    return true;
                }
                if (!need_string(*a[0], "aws.partition")) return false;
                out = parts_.match(a[0]->s).outputs;
                return true;
            case Fn::aws_parse_arn:
                if (a[0]->is_null()) {
                    out = Value{};
                    return true;
                }
                if (!need_string(*a[0], "aws.parseArn")) return false;
                out = parse_arn(a[0]->s);
                return true;
            case Fn::aws_is_virtual_hostable_s3_bucket:
                if (a[0]->is_null()) {
                    out = Value::boolean(false);
                    return true;
                }
                if (!need_string(*a[0], "aws.isVirtualHostableS3Bucket")) return false;
                out = Value::boolean(is_virtual_hostable_s3_bucket(a[0]->s, *a[1]));
                return true;
        }
        return type_error("unknown function");
    }

    const CompiledRuleSet& rs_;
    const PartitionsData& parts_;
    std::vector<Value> slots_;
    std::vector<std::uint32_t> assigned_;
};

}  // namespace

void gather_params(const CompiledRuleSet& rules, const EndpointParams& params, std::vector<const ParamValue*>& out) {
    out.assign(rules.params.size(), nullptr);
    for (const auto& [name, value] : params) {
        for (std::size_t i = 0; i < rules.params.size(); ++i) {
            const std::string& declared = rules.params[i].name;
            if (declared.size() == name.size() && declared == name) {
                out[i] = &value;
                break;
            }
        }
    }
}

Result<ResolvedEndpoint> evaluate_compiled(const CompiledRuleSet& rules, const PartitionsData& partitions,
                                           const std::vector<const ParamValue*>& given) {
    Evaluator ev(rules, partitions);
    auto& slots = ev.slots();
    for (std::size_t i = 0; i < rules.params.size(); ++i) {
        const ParameterSpec& spec = rules.params[i];
        const ParamValue* v = i < given.size() ? given[i] : nullptr;
        if (!v) {
            if (spec.default_value) slots[i] = to_value(*spec.default_value);
            else if (spec.required) return resolution_error("Cannot find value for required parameter " + spec.name, spec.name);
            continue;
        }
        if (!type_matches(spec.type, *v))
            return resolution_error("Value (" + spec.name + ") is the wrong type. Must be " +
                                        std::string(python_param_type(spec.type)) + ".",
                                    spec.name);
        slots[i] = to_value(*v);
    }
    switch (ev.run_rules(rules.rules)) {
        case Evaluator::Outcome::endpoint: return std::move(ev.endpoint_);
        case Evaluator::Outcome::error: return Failure{std::move(ev.error_)};
        case Evaluator::Outcome::no_match: break;
    }
    // botocore lists the parameters it was given, one "Name: value" per line.
    std::string message = "No endpoint found for parameters:\n";
    bool first = true;
    for (std::size_t i = 0; i < rules.params.size(); ++i) {
        if (i >= given.size() || !given[i]) continue;
        if (!first) message += '\n';
        first = false;
        message += rules.params[i].name + ": " + python_repr_param(*given[i]);
    }
    return resolution_error(std::move(message));
}

}  // namespace detail

Result<ResolvedEndpoint> evaluate(const RuleSet& rules, const Partitions& partitions, const EndpointParams& params) {
    std::vector<const ParamValue*> given;
    detail::gather_params(rules.compiled(), params, given);
    return detail::evaluate_compiled(rules.compiled(), partitions.data(), given);
}

}  // namespace awsreq::endpoints
