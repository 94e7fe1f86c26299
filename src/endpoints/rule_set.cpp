#include <awsreq/endpoints/rule_set.hpp>

#include "attr_path.hpp"
#include "compiled.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <unordered_map>

namespace awsreq::endpoints {
namespace detail {

namespace {
bool is_word(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
}  // namespace

std::vector<AttrStep> compile_attr_path(std::string_view path) {
    std::vector<AttrStep> steps;
    std::size_t start = 0;
    while (true) {
        std::size_t dot = path.find('.', start);
        std::string_view part = path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        AttrStep step;
        step.name = std::string(part);
        // Leftmost `\w+\[\d+\]` in the part.
        for (std::size_t k = 1; k < part.size(); ++k) {
            if (part[k] != '[' || !is_word(part[k - 1])) continue;
            std::size_t d = k + 1;
            while (d < part.size() && part[d] >= '0' && part[d] <= '9') ++d;
            if (d == k + 1 || d >= part.size() || part[d] != ']') continue;
            std::size_t name_start = k;
            while (name_start > 0 && is_word(part[name_start - 1])) --name_start;
            std::int64_t index = 0;
            auto [p, ec] = std::from_chars(part.data() + k + 1, part.data() + d, index);
            (void)p;
            step.name = std::string(part.substr(name_start, k - name_start));
            step.index = ec == std::errc{} ? index : INT64_MAX;
            break;
        }
        steps.push_back(std::move(step));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return steps;
}

bool looks_like_template(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '{') continue;
        std::size_t j = i + 1;
        while (j < s.size() && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || s[j] == '#')) ++j;
        if (j > i + 1 && j < s.size() && s[j] == '}') return true;
    }
    return false;
}

namespace {

using nlohmann::json;

struct FnInfo {
    std::string_view name;
    Fn fn;
    std::size_t arity;
};

constexpr FnInfo kFunctions[] = {
    {"isSet", Fn::is_set, 1},
    {"not", Fn::not_, 1},
    {"getAttr", Fn::get_attr, 2},
    {"stringEquals", Fn::string_equals, 2},
    {"booleanEquals", Fn::boolean_equals, 2},
    {"substring", Fn::substring, 4},
    {"uriEncode", Fn::uri_encode, 1},
    {"parseURL", Fn::parse_url, 1},
    {"isValidHostLabel", Fn::is_valid_host_label, 2},
    {"aws.partition", Fn::aws_partition, 1},
    {"aws.parseArn", Fn::aws_parse_arn, 1},
    {"aws.isVirtualHostableS3Bucket", Fn::aws_is_virtual_hostable_s3_bucket, 2},
};

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

class Compiler {
public:
    Compiler(std::string_view file_name, CompiledRuleSet& out) : file_(file_name), out_(out) {}

    Result<void> compile(const json& doc) {
        if (!doc.is_object()) return error("the rule set is not a JSON object", "");
        auto params = doc.find("parameters");
        if (params == doc.end() || !params->is_object()) return error("\"parameters\" must be an object", "parameters");
        for (auto it = params->begin(); it != params->end(); ++it) {
            if (auto r = parameter(it.key(), it.value()); !r) return r;
        }
        auto rules = doc.find("rules");
        if (rules == doc.end() || !rules->is_array()) return error("\"rules\" must be an array", "rules");
        return rule_list(*rules, "rules", out_.rules);
    }

private:
    Failure error(std::string message, std::string where) const {
        std::string text = std::string(file_.empty() ? "rule set" : file_);
        if (!where.empty()) text += ": " + where;
        text += ": " + message;
        Error e = make_error(error_type::parse_error, std::move(text), std::move(where));
        e.file = std::string(file_);
        return Failure{std::move(e)};
    }

    std::uint32_t slot(std::string_view name) {
        auto it = slots_.find(name);
        if (it != slots_.end()) return it->second;
        auto n = static_cast<std::uint32_t>(out_.slot_names.size());
        out_.slot_names.emplace_back(name);
        slots_.emplace(std::string(name), n);
        return n;
    }

    Result<void> parameter(const std::string& name, const json& spec) {
        std::string where = "parameters." + name;
        if (!spec.is_object()) return error("must be an object", where);
        ParameterSpec p;
        p.name = name;
        auto type = spec.find("type");
        if (type == spec.end() || !type->is_string()) return error("\"type\" must be a string", where + ".type");
        std::string t = ascii_lower_copy(type->get<std::string>());
        if (t == "string") p.type = ParamType::string;
        else if (t == "boolean") p.type = ParamType::boolean;
        else if (t == "stringarray") p.type = ParamType::string_array;
        else
            return error("Unknown parameter type: " + type->get<std::string>() +
                             ". A parameter must be of type string or boolean.",
                         where + ".type");
        if (auto b = spec.find("builtIn"); b != spec.end()) {
            if (!b->is_string()) return error("\"builtIn\" must be a string", where + ".builtIn");
            p.built_in = b->get<std::string>();
        }
        if (auto r = spec.find("required"); r != spec.end()) {
            if (!r->is_boolean()) return error("\"required\" must be a boolean", where + ".required");
            p.required = r->get<bool>();
        }
        if (auto d = spec.find("documentation"); d != spec.end() && d->is_string()) p.documentation = d->get<std::string>();
        if (auto d = spec.find("default"); d != spec.end() && !d->is_null()) {
            if (p.type == ParamType::string && d->is_string()) p.default_value = d->get<std::string>();
            else if (p.type == ParamType::boolean && d->is_boolean()) p.default_value = d->get<bool>();
            else if (p.type == ParamType::string_array && d->is_array()) {
                std::vector<std::string> v;
                for (const auto& x : *d) {
                    if (!x.is_string()) return error("\"default\" must be an array of strings", where + ".default");
                    v.push_back(x.get<std::string>());
                }
                p.default_value = std::move(v);
            } else {
                return error("\"default\" does not match the parameter's type", where + ".default");
            }
        }
        if (slots_.count(name)) return error("declared twice", where);
        slot(name);
        out_.params.push_back(std::move(p));
        return {};
    }

    static std::string ascii_lower_copy(std::string s) {
        for (auto& c : s)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return s;
    }

    Result<void> rule_list(const json& rules, const std::string& where, std::vector<Rule>& out) {
        out.reserve(rules.size());
        for (std::size_t i = 0; i < rules.size(); ++i) {
            Rule r;
            if (auto res = rule(rules[i], where + "[" + std::to_string(i) + "]", r); !res) return res;
            out.push_back(std::move(r));
        }
        return {};
    }

    Result<void> rule(const json& j, const std::string& where, Rule& r) {
        if (!j.is_object()) return error("a rule must be an object", where);
        auto type = j.find("type");
        if (type == j.end() || !type->is_string()) return error("a rule needs a string \"type\"", where + ".type");
        const std::string& t = type->get_ref<const std::string&>();
        if (auto conds = j.find("conditions"); conds != j.end()) {
            if (!conds->is_array()) return error("\"conditions\" must be an array", where + ".conditions");
            for (std::size_t i = 0; i < conds->size(); ++i) {
                std::string cw = where + ".conditions[" + std::to_string(i) + "]";
                const json& c = (*conds)[i];
                if (!c.is_object() || !c.contains("fn")) return error("a condition must be a function call", cw);
                auto idx = call(c, cw);
                if (!idx) return idx.failure();
                r.conditions.push_back(*idx);
            }
        }
        if (t == "endpoint") {
            r.kind = Rule::Kind::endpoint;
            auto ep = j.find("endpoint");
            if (ep == j.end() || !ep->is_object()) return error("an endpoint rule needs an \"endpoint\" object", where + ".endpoint");
            auto url = ep->find("url");
            if (url == ep->end()) return error("an endpoint needs a \"url\"", where + ".endpoint.url");
            auto u = expr(*url, where + ".endpoint.url");
            if (!u) return u.failure();
            r.url = std::move(*u);
            if (auto props = ep->find("properties"); props != ep->end() && !props->is_null()) {
                if (!props->is_object()) return error("\"properties\" must be an object", where + ".endpoint.properties");
                r.properties = prop(*props);
            } else {
                r.properties.literal = json::object();
            }
            if (auto headers = ep->find("headers"); headers != ep->end() && !headers->is_null()) {
                if (!headers->is_object()) return error("\"headers\" must be an object", where + ".endpoint.headers");
                for (auto it = headers->begin(); it != headers->end(); ++it) {
                    std::string hw = where + ".endpoint.headers." + it.key();
                    if (!it.value().is_array()) return error("header values must be an array", hw);
                    std::vector<Expr> values;
                    for (const auto& v : it.value()) {
                        auto e = expr(v, hw);
                        if (!e) return e.failure();
                        values.push_back(std::move(*e));
                    }
                    r.headers.emplace_back(it.key(), std::move(values));
                }
            }
        } else if (t == "error") {
            r.kind = Rule::Kind::error;
            auto err = j.find("error");
            if (err == j.end()) return error("an error rule needs an \"error\"", where + ".error");
            auto e = expr(*err, where + ".error");
            if (!e) return e.failure();
            r.error = std::move(*e);
        } else if (t == "tree") {
            r.kind = Rule::Kind::tree;
            auto rules = j.find("rules");
            if (rules == j.end() || !rules->is_array()) return error("a tree rule needs a \"rules\" array", where + ".rules");
            return rule_list(*rules, where + ".rules", r.rules);
        } else {
            return error("Unknown rule type: " + t + ". A rule must be of type tree, endpoint or error.", where + ".type");
        }
        return {};
    }

    Result<std::uint32_t> call(const json& j, const std::string& where) {
        auto fn = j.find("fn");
        if (fn == j.end() || !fn->is_string()) return error("\"fn\" must be a string", where + ".fn");
        const FnInfo* info = nullptr;
        for (const auto& f : kFunctions)
            if (f.name == fn->get_ref<const std::string&>()) info = &f;
        if (!info) return error("unknown function \"" + fn->get<std::string>() + "\"", where + ".fn");
        auto argv = j.find("argv");
        if (argv == j.end() || !argv->is_array()) return error("\"argv\" must be an array", where + ".argv");
        if (argv->size() != info->arity)
            return error(std::string(info->name) + " takes " + std::to_string(info->arity) + " argument(s), not " +
                             std::to_string(argv->size()),
                         where + ".argv");
        Call c;
        c.fn = info->fn;
        for (std::size_t i = 0; i < argv->size(); ++i) {
            auto e = expr((*argv)[i], where + ".argv[" + std::to_string(i) + "]");
            if (!e) return e.failure();
            c.args.push_back(std::move(*e));
        }
        if (c.fn == Fn::get_attr && c.args[1].kind == Expr::Kind::literal) {
            if (!c.args[1].literal.is_string()) return error("getAttr's path must be a string", where + ".argv[1]");
            c.attr_path = compile_attr_path(c.args[1].literal.s);
            c.attr_path_compiled = true;
        }
        if (auto a = j.find("assign"); a != j.end()) {
            if (!a->is_string() || a->get_ref<const std::string&>().empty())
                return error("\"assign\" must be a non-empty string", where + ".assign");
            c.assign = static_cast<std::int32_t>(slot(a->get_ref<const std::string&>()));
        }
        out_.calls.push_back(std::move(c));
        return static_cast<std::uint32_t>(out_.calls.size() - 1);
    }

    Result<Expr> expr(const json& j, const std::string& where) {
        Expr e;
        if (j.is_object() && j.contains("fn")) {
            auto c = call(j, where);
            if (!c) return c.failure();
            e.kind = Expr::Kind::call;
            e.index = *c;
        } else if (j.is_object() && j.contains("ref")) {
            const json& ref = j["ref"];
            if (!ref.is_string()) return error("\"ref\" must be a string", where + ".ref");
            e.kind = Expr::Kind::ref;
            e.index = slot(ref.get_ref<const std::string&>());
        } else if (j.is_string() && looks_like_template(j.get_ref<const std::string&>())) {
            auto t = templ(j.get_ref<const std::string&>(), where);
            if (!t) return t.failure();
            e.kind = Expr::Kind::templ;
            e.index = *t;
        } else {
            e.kind = Expr::Kind::literal;
            e.literal = from_json(j);
        }
        return e;
    }

    // Python's string.Formatter.parse: "{{" and "}}" are literal braces, "{a#b}" a reference.
    Result<std::uint32_t> templ(std::string_view s, const std::string& where) {
        Template t;
        TemplatePart part;
        for (std::size_t i = 0; i < s.size(); ++i) {
            char c = s[i];
            if (c == '{') {
                if (i + 1 < s.size() && s[i + 1] == '{') {
                    part.literal += '{';
                    ++i;
                    continue;
                }
                std::size_t close = s.find('}', i + 1);
                if (close == std::string_view::npos) return error("unclosed '{' in template", where);
                std::string_view ref = s.substr(i + 1, close - i - 1);
                if (ref.empty() || ref.find_first_of("{:!") != std::string_view::npos)
                    return error("unsupported template reference \"{" + std::string(ref) + "}\"", where);
                std::size_t hash = ref.find('#');
                part.slot = static_cast<std::int32_t>(slot(ref.substr(0, hash)));
                while (hash != std::string_view::npos) {
                    std::size_t next = ref.find('#', hash + 1);
                    part.fields.emplace_back(ref.substr(hash + 1, next == std::string_view::npos ? std::string_view::npos : next - hash - 1));
                    hash = next;
                }
                t.parts.push_back(std::move(part));
                part = TemplatePart{};
                i = close;
            } else if (c == '}') {
                if (i + 1 < s.size() && s[i + 1] == '}') {
                    part.literal += '}';
                    ++i;
                    continue;
                }
                return error("Single '}' encountered in format string", where);
            } else {
                part.literal += c;
            }
        }
        if (!part.literal.empty()) t.parts.push_back(std::move(part));
        out_.templates.push_back(std::move(t));
        return static_cast<std::uint32_t>(out_.templates.size() - 1);
    }

    // Properties: only strings are resolved (as templates), recursively; subtrees without any
    // template stay literal JSON.
    PropNode prop(const json& j) {
        PropNode n;
        if (j.is_string() && looks_like_template(j.get_ref<const std::string&>())) {
            auto t = templ(j.get_ref<const std::string&>(), "properties");
            if (t) {
                n.kind = PropNode::Kind::templ;
                n.templ = *t;
                return n;
            }
            prop_error_ = t.error();
        } else if (j.is_object() || j.is_array()) {
            bool any_template = false;
            std::vector<std::pair<std::string, PropNode>> children;
            if (j.is_object()) {
                for (auto it = j.begin(); it != j.end(); ++it) {
                    children.emplace_back(it.key(), prop(it.value()));
                    any_template |= children.back().second.kind != PropNode::Kind::literal;
                }
            } else {
                for (const auto& x : j) {
                    children.emplace_back(std::string{}, prop(x));
                    any_template |= children.back().second.kind != PropNode::Kind::literal;
                }
            }
            if (any_template) {
                n.kind = j.is_object() ? PropNode::Kind::object : PropNode::Kind::array;
                n.children = std::move(children);
                return n;
            }
        }
        n.literal = j;
        return n;
    }

public:
    std::optional<Error> prop_error_;

private:
    std::string_view file_;
    CompiledRuleSet& out_;
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> slots_;
};

}  // namespace
}  // namespace detail

Result<RuleSet> RuleSet::parse(std::string_view json_text, std::string_view file_name) {
    nlohmann::json doc = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (doc.is_discarded()) {
        Error e = make_error(error_type::parse_error,
                             std::string(file_name.empty() ? "rule set" : file_name) + ": not valid JSON");
        e.file = std::string(file_name);
        return Failure{std::move(e)};
    }
    auto compiled = std::make_shared<detail::CompiledRuleSet>();
    detail::Compiler compiler(file_name, *compiled);
    if (auto r = compiler.compile(doc); !r) return r.failure();
    if (compiler.prop_error_) return Failure{*compiler.prop_error_};
    return RuleSet(std::move(compiled));
}

const std::vector<ParameterSpec>& RuleSet::parameters() const noexcept { return compiled_->params; }

const ParameterSpec* RuleSet::parameter(std::string_view name) const noexcept {
    for (const auto& p : compiled_->params)
        if (p.name == name) return &p;
    return nullptr;
}

}  // namespace awsreq::endpoints
