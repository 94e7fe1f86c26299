#include "value.hpp"

namespace awsreq::endpoints::detail {

Value from_json(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::boolean:
            return Value::boolean(j.get<bool>());
        case nlohmann::json::value_t::number_integer:
            return Value::integer(j.get<std::int64_t>());
        case nlohmann::json::value_t::number_unsigned: {
            auto u = j.get<std::uint64_t>();
            return u > static_cast<std::uint64_t>(INT64_MAX) ? Value{} : Value::integer(static_cast<std::int64_t>(u));
        }
        case nlohmann::json::value_t::string:
            return Value::string(j.get<std::string>());
        case nlohmann::json::value_t::array: {
            auto a = std::make_shared<Array>();
            a->reserve(j.size());
            for (const auto& x : j) a->push_back(from_json(x));
            return Value::array(std::move(a));
        }
        case nlohmann::json::value_t::object: {
            auto o = std::make_shared<Object>();
            for (auto it = j.begin(); it != j.end(); ++it) o->fields.emplace_back(it.key(), from_json(it.value()));
            return Value::object(std::move(o));
        }
        default:
            return Value{};
    }
}

nlohmann::json to_json(const Value& v) {
    switch (v.kind) {
        case Value::Kind::null: return nullptr;
        case Value::Kind::boolean: return v.b;
        case Value::Kind::integer: return v.i;
        case Value::Kind::string: return v.s;
        case Value::Kind::array: {
            auto out = nlohmann::json::array();
            for (const auto& x : *v.a) out.push_back(to_json(x));
            return out;
        }
        case Value::Kind::object: {
            auto out = nlohmann::json::object();
            for (const auto& [k, x] : v.o->fields) out[k] = to_json(x);
            return out;
        }
    }
    return nullptr;
}

std::string_view python_type(const Value& v) noexcept {
    switch (v.kind) {
        case Value::Kind::null: return "<class 'NoneType'>";
        case Value::Kind::boolean: return "<class 'bool'>";
        case Value::Kind::integer: return "<class 'int'>";
        case Value::Kind::string: return "<class 'str'>";
        case Value::Kind::array: return "<class 'list'>";
        case Value::Kind::object: return "<class 'dict'>";
    }
    return "<class 'object'>";
}

bool truthy(const Value& v) noexcept {
    switch (v.kind) {
        case Value::Kind::null: return false;
        case Value::Kind::boolean: return v.b;
        case Value::Kind::integer: return v.i != 0;
        case Value::Kind::string: return !v.s.empty();
        case Value::Kind::array: return !v.a->empty();
        case Value::Kind::object: return !v.o->fields.empty();
    }
    return false;
}

std::string python_str(const Value& v) {
    switch (v.kind) {
        case Value::Kind::null: return "None";
        case Value::Kind::boolean: return v.b ? "True" : "False";
        case Value::Kind::integer: return std::to_string(v.i);
        case Value::Kind::string: return v.s;
        default: return to_json(v).dump();
    }
}

}  // namespace awsreq::endpoints::detail
