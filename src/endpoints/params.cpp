#include <awsreq/endpoints/params.hpp>

#include <nlohmann/json.hpp>

namespace awsreq::endpoints {

EndpointParams::EndpointParams(std::initializer_list<Entry> entries) {
    for (const auto& e : entries) set(e.first, e.second);
}

void EndpointParams::set(std::string_view name, ParamValue value) {
    for (auto& e : entries_) {
        if (e.first == name) {
            e.second = std::move(value);
            return;
        }
    }
    entries_.emplace_back(std::string(name), std::move(value));
}

bool EndpointParams::erase(std::string_view name) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->first == name) {
            entries_.erase(it);
            return true;
        }
    }
    return false;
}

const ParamValue* EndpointParams::find(std::string_view name) const noexcept {
    for (const auto& e : entries_)
        if (e.first == name) return &e.second;
    return nullptr;
}

Result<EndpointParams> params_from_json(const nlohmann::json& object) {
    if (!object.is_object()) return fail(error_type::param_validation, "endpoint parameters must be a JSON object");
    EndpointParams params;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const auto& v = it.value();
        if (v.is_null()) continue;
        if (v.is_string()) {
            params.set(it.key(), v.get<std::string>());
        } else if (v.is_boolean()) {
            params.set(it.key(), v.get<bool>());
        } else if (v.is_array()) {
            std::vector<std::string> list;
            for (const auto& x : v) {
                if (!x.is_string())
                    return fail(error_type::param_validation,
                                "Invalid type for parameter " + it.key() + ": a list must hold only strings", it.key());
                list.push_back(x.get<std::string>());
            }
            params.set(it.key(), std::move(list));
        } else {
            return fail(error_type::param_validation,
                        "Invalid type for parameter " + it.key() + ": expected a string, a boolean or a list of strings, got " +
                            std::string(v.type_name()),
                        it.key());
        }
    }
    return params;
}

}  // namespace awsreq::endpoints
