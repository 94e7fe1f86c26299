// Internal: the values endpoint rules compute with (strings, booleans, integers, records from
// aws.partition / aws.parseArn / parseURL, and lists such as an ARN's resourceId).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awsreq::endpoints::detail {

struct Object;
struct Value;
using Array = std::vector<Value>;

struct Value {
    enum class Kind : std::uint8_t { null, boolean, integer, string, array, object };
    Kind kind = Kind::null;
    bool b = false;
    std::int64_t i = 0;
    std::string s;
    std::shared_ptr<const Array> a;
    std::shared_ptr<const Object> o;

    static Value boolean(bool v) { Value x; x.kind = Kind::boolean; x.b = v; return x; }
    static Value integer(std::int64_t v) { Value x; x.kind = Kind::integer; x.i = v; return x; }
    static Value string(std::string v) { Value x; x.kind = Kind::string; x.s = std::move(v); return x; }
    static Value array(std::shared_ptr<const Array> v) { Value x; x.kind = Kind::array; x.a = std::move(v); return x; }
    static Value object(std::shared_ptr<const Object> v) { Value x; x.kind = Kind::object; x.o = std::move(v); return x; }

    [[nodiscard]] bool is_null() const noexcept { return kind == Kind::null; }
    [[nodiscard]] bool is_string() const noexcept { return kind == Kind::string; }
    [[nodiscard]] bool is_bool() const noexcept { return kind == Kind::boolean; }
};

struct Object {
    std::vector<std::pair<std::string, Value>> fields;
    [[nodiscard]] const Value* find(std::string_view name) const noexcept {
        for (const auto& [k, v] : fields)
            if (k == name) return &v;
        return nullptr;
    }
};

/// Converts JSON (a literal in a rule set, partition outputs) to a Value; numbers that are not
/// integers become null.
Value from_json(const nlohmann::json& j);
/// Converts back, for properties and diagnostics.
nlohmann::json to_json(const Value& v);
/// Python's `type(v)` text, which botocore's error messages quote ("<class 'str'>").
std::string_view python_type(const Value& v) noexcept;
/// Python's truthiness (for `not`): null, false, 0, "" and empty containers are false.
bool truthy(const Value& v) noexcept;
/// Python's str(v) for scalars (True/False/None); containers as JSON.
std::string python_str(const Value& v);

}  // namespace awsreq::endpoints::detail
