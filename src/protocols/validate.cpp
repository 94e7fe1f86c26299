// Parameter validation with botocore's rules and messages (botocore/validate.py).
#include "values.hpp"

#include <awsreq/core/encoding.hpp>
#include <awsreq/protocols/serialize.hpp>

namespace awsreq::protocols {
namespace {

using model::ShapeRef;
using model::ShapeType;

// Python's type() of a JSON value as botocore would report it.
const char* python_type(const Json& v) {
    switch (v.type()) {
        case Json::value_t::string: return "<class 'str'>";
        case Json::value_t::boolean: return "<class 'bool'>";
        case Json::value_t::null: return "<class 'NoneType'>";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned: return "<class 'int'>";
        case Json::value_t::number_float: return "<class 'float'>";
        case Json::value_t::array: return "<class 'list'>";
        case Json::value_t::object: return "<class 'dict'>";
        default: return "<class 'object'>";
    }
}

std::string shown(const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    return detail::python_str(v);
}

std::string number_text(double d) {
    if (d == static_cast<double>(static_cast<long long>(d))) return std::to_string(static_cast<long long>(d));
    std::string s;
    detail::append_python_float(s, d);
    return s;
}

class Validator {
public:
    std::vector<std::string> lines;
    std::string first_path;

    void report(const std::string& path, std::string line) {
        if (lines.empty()) first_path = path;
        lines.push_back(std::move(line));
    }

    static std::string display(const std::string& path) {
        if (path.empty()) return "input";
        if (path[0] == '.') return path.substr(1);
        return path;
    }

    void invalid_type(const std::string& path, const Json& v, const char* valid) {
        report(path, "Invalid type for parameter " + display(path) + ", value: " + shown(v) +
                         ", type: " + python_type(v) + ", valid types: " + valid);
    }

    void range(const std::string& path, double value, const ShapeRef& ref, bool is_length,
               const Json& shown_value) {
        std::optional<double> min = ref.min;
        if (!min && ref.host_label) min = 1;
        if (min && value < *min) {
            if (is_length)
                report(path, "Invalid length for parameter " + display(path) + ", value: " +
                                 number_text(value) + ", valid min length: " + number_text(*min));
            else
                report(path, "Invalid value for parameter " + display(path) + ", value: " +
                                 shown(shown_value) + ", valid min value: " + number_text(*min));
        }
    }

    void validate(const Json& v, const ShapeRef& ref, const std::string& path) {
        const model::Shape& s = *ref.shape;
        if (ref.jsonvalue && ref.location == model::Location::header && s.type == ShapeType::string)
            return;  // any JSON value serializes
        if (s.type == ShapeType::structure && s.document) return;  // JSON input is always a document
        switch (s.type) {
            case ShapeType::structure: return structure(v, s, path);
            case ShapeType::string:
                if (!v.is_string()) return invalid_type(path, v, "<class 'str'>");
                if (!is_valid_utf8(v.get_ref<const std::string&>()))
                    return report(path, "Invalid UTF-8 in parameter " + display(path));
                range(path, static_cast<double>(utf8_length(v.get_ref<const std::string&>())), ref, true, v);
                return;
            case ShapeType::list: {
                if (!v.is_array()) return invalid_type(path, v, "<class 'list'>, <class 'tuple'>");
                range(path, static_cast<double>(v.size()), ref, true, v);
                std::size_t i = 0;
                for (const auto& item : v) validate(item, s.member, path + "[" + std::to_string(i++) + "]");
                return;
            }
            case ShapeType::map: {
                if (!v.is_object()) return invalid_type(path, v, "<class 'dict'>");
                for (auto it = v.begin(); it != v.end(); ++it) {
                    validate(Json(it.key()), s.key, path + " (key: " + it.key() + ")");
                    validate(it.value(), s.value, path + "." + it.key());
                }
                return;
            }
            case ShapeType::integer:
            case ShapeType::long_:
                // Python's bool is an int, so botocore lets booleans through here.
                if (!v.is_number_integer() && !v.is_boolean()) return invalid_type(path, v, "<class 'int'>");
                range(path, v.is_boolean() ? double(v.get<bool>()) : v.get<double>(), ref, false, v);
                return;
            case ShapeType::float_:
            case ShapeType::double_:
                if (!v.is_number() && !v.is_boolean())
                    return invalid_type(path, v,
                                        "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>");
                range(path, v.is_boolean() ? double(v.get<bool>()) : v.get<double>(), ref, false, v);
                return;
            case ShapeType::boolean:
                if (!v.is_boolean()) return invalid_type(path, v, "<class 'bool'>");
                return;
            case ShapeType::blob:
                if (!v.is_string())
                    return invalid_type(path, v, "<class 'bytes'>, <class 'bytearray'>, file-like object");
                return;
            case ShapeType::timestamp:
                if (!detail::parse_instant(v))
                    return invalid_type(path, v, "<class 'datetime.datetime'>, timestamp-string");
                return;
        }
    }

    void structure(const Json& v, const model::Shape& s, const std::string& path) {
        if (!v.is_object()) return invalid_type(path, v, "<class 'dict'>");
        if (s.union_ && v.size() != 1) {
            std::string names;
            for (const auto& m : s.members) names += (names.empty() ? "" : ", ") + m.name;
            if (v.empty())
                report(path, "Must set one of the following keys for tagged unionstructure " +
                                 display(path) + ": " + names + ".");
            else
                report(path, "Invalid number of parameters set for tagged union structure " +
                                 display(path) + ". Can only set one of the following keys: " + names + ".");
        }
        for (const auto& req : s.required)
            if (!v.contains(req))
                report(path + "." + req,
                       "Missing required parameter in " + display(path) + ": \"" + req + "\"");
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!s.find_member(it.key())) {
                std::string names;
                for (const auto& m : s.members) names += (names.empty() ? "" : ", ") + m.name;
                report(path + "." + it.key(), "Unknown parameter in " + display(path) + ": \"" +
                                                  it.key() + "\", must be one of: " + names);
            }
        }
        for (auto it = v.begin(); it != v.end(); ++it)
            if (const model::Member* m = s.find_member(it.key()))
                validate(it.value(), m->ref, path + "." + it.key());
    }

    // Python's len() counts code points.
    static std::size_t utf8_length(std::string_view s) {
        std::size_t n = 0;
        for (char c : s)
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
        return n;
    }
};

}  // namespace

Result<void> validate(const model::Operation& op, const Json& params) {
    if (!op.input) {
        if (params.is_object() && !params.empty()) {
            // botocore ignores parameters of input-less operations; so do we.
        }
        return {};
    }
    Validator val;
    val.validate(params, *op.input, "");
    if (val.lines.empty()) return {};
    std::string msg = "Parameter validation failed:";
    for (auto& l : val.lines) msg += "\n" + l;
    std::string field = Validator::display(val.first_path);
    return fail(error_type::param_validation, std::move(msg), std::move(field));
}

}  // namespace awsreq::protocols
