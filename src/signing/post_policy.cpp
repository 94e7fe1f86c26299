// S3 POST policies: a botocore-compatible policy writer, a small reader for caller-supplied
// JSON conditions and fields (the signing layer has no JSON library), and the signature.
#include <awsreq/signing/post_policy.hpp>

#include <awsreq/core/crypto.hpp>
#include <awsreq/core/encoding.hpp>

#include <charconv>
#include <memory>

namespace awsreq {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

// ---------------------------------------------------------------------------------------------
// A minimal JSON reader: enough to accept what a caller writes for conditions and fields.
struct JsonValue {
    enum class Type { null, boolean, number, string, array, object } type = Type::null;
    std::string text;  // string contents (decoded) or the number's literal
    bool boolean = false;
    std::vector<JsonValue> items;
    std::vector<std::pair<std::string, JsonValue>> members;
};

class JsonReader {
public:
    explicit JsonReader(std::string_view s) : s_(s) {}

    Result<JsonValue> document() {
        JsonValue v;
        if (auto r = value(v, 0); !r) return r.failure();
        skip_ws();
        if (pos_ != s_.size()) return error("unexpected text after the JSON value");
        return v;
    }

private:
    Failure error(const std::string& what) const {
        return fail(error_type::json_error, what + " at offset " + std::to_string(pos_));
    }
    void skip_ws() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
    }
    bool consume(char c) {
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    Result<void> value(JsonValue& out, int depth) {
        if (depth > 64) return error("JSON nested too deeply");
        skip_ws();
        if (pos_ >= s_.size()) return error("unexpected end of JSON");
        char c = s_[pos_];
        if (c == '"') {
            out.type = JsonValue::Type::string;
            return string(out.text);
        }
        if (c == '[') {
            ++pos_;
            out.type = JsonValue::Type::array;
            if (consume(']')) return {};
            do {
                out.items.emplace_back();
                if (auto r = value(out.items.back(), depth + 1); !r) return r;
            } while (consume(','));
            if (!consume(']')) return error("expected ',' or ']'");
            return {};
        }
        if (c == '{') {
            ++pos_;
            out.type = JsonValue::Type::object;
            if (consume('}')) return {};
            do {
                skip_ws();
                std::string name;
                if (pos_ >= s_.size() || s_[pos_] != '"') return error("expected a member name");
                if (auto r = string(name); !r) return r;
                if (!consume(':')) return error("expected ':'");
                out.members.emplace_back(std::move(name), JsonValue{});
                if (auto r = value(out.members.back().second, depth + 1); !r) return r;
            } while (consume(','));
            if (!consume('}')) return error("expected ',' or '}'");
            return {};
        }
        for (auto [word, type, b] : {std::tuple{"true", JsonValue::Type::boolean, true},
                                     std::tuple{"false", JsonValue::Type::boolean, false},
                                     std::tuple{"null", JsonValue::Type::null, false}}) {
            std::string_view w(word);
            if (s_.substr(pos_, w.size()) == w) {
                pos_ += w.size();
                out.type = type;
                out.boolean = b;
                return {};
            }
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t start = pos_;
            if (s_[pos_] == '-') ++pos_;
            auto digits = [&] {
                std::size_t n = 0;
                while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_, ++n;
                return n;
            };
            if (!digits()) return error("malformed number");
            if (pos_ < s_.size() && s_[pos_] == '.') {
                ++pos_;
                if (!digits()) return error("malformed number");
            }
            if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
                ++pos_;
                if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
                if (!digits()) return error("malformed number");
            }
            out.type = JsonValue::Type::number;
            out.text = std::string(s_.substr(start, pos_ - start));
            return {};
        }
        return error("unexpected character");
    }

    Result<std::uint32_t> hex4() {
        if (pos_ + 4 > s_.size()) return error("truncated \\u escape");
        std::uint32_t v = 0;
        auto [p, ec] = std::from_chars(s_.data() + pos_, s_.data() + pos_ + 4, v, 16);
        if (ec != std::errc() || p != s_.data() + pos_ + 4) return error("malformed \\u escape");
        pos_ += 4;
        return v;
    }

    Result<void> string(std::string& out) {
        ++pos_;  // opening quote
        while (pos_ < s_.size()) {
            char c = s_[pos_++];
            if (c == '"') {
                if (!is_valid_utf8(out)) return error("string is not valid UTF-8");
                return {};
            }
            if (static_cast<unsigned char>(c) < 0x20) return error("control character in a string");
            if (c != '\\') {
                out.push_back(c);
                continue;
            }
            if (pos_ >= s_.size()) break;
            char e = s_[pos_++];
            switch (e) {
                case '"': out.push_back('"'); break;
                case '\\': out.push_back('\\'); break;
                case '/': out.push_back('/'); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                case 'n': out.push_back('\n'); break;
                case 'r': out.push_back('\r'); break;
                case 't': out.push_back('\t'); break;
                case 'u': {
                    auto hi = hex4();
                    if (!hi) return hi.failure();
                    std::uint32_t cp = *hi;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (s_.substr(pos_, 2) != "\\u") return error("unpaired surrogate");
                        pos_ += 2;
                        auto lo = hex4();
                        if (!lo) return lo.failure();
                        if (*lo < 0xDC00 || *lo > 0xDFFF) return error("unpaired surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (*lo - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return error("unpaired surrogate");
                    }
                    utf8_append(out, cp);
                    break;
                }
                default: return error("unknown escape");
            }
        }
        return error("unterminated string");
    }

    std::string_view s_;
    std::size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Writing JSON the way Python's json.dumps does (ensure_ascii, ", " and ": ").

void write_condition(std::string& out, const PostPolicyCondition& c) {
    using K = PostPolicyCondition::Kind;
    switch (c.kind) {
        case K::exact:
            out.push_back('{');
            python_json_string_append(out, c.name);
            out.append(": ");
            python_json_string_append(out, c.value);
            out.push_back('}');
            break;
        case K::starts_with:
        case K::equals:
            out.append(c.kind == K::starts_with ? "[\"starts-with\", " : "[\"eq\", ");
            python_json_string_append(out, c.name);
            out.append(", ");
            python_json_string_append(out, c.value);
            out.push_back(']');
            break;
        case K::content_length_range:
            out.append("[\"content-length-range\", ")
                .append(std::to_string(c.min))
                .append(", ")
                .append(std::to_string(c.max))
                .push_back(']');
            break;
    }
}

Failure bad_condition(std::size_t i, const std::string& what) {
    return fail(error_type::param_validation, "Invalid condition Conditions[" + std::to_string(i) + "]: " + what,
                "Conditions[" + std::to_string(i) + "]");
}

Result<void> check_condition(const PostPolicyCondition& c, std::size_t i) {
    using K = PostPolicyCondition::Kind;
    if (!is_valid_utf8(c.name) || !is_valid_utf8(c.value)) return bad_condition(i, "text is not valid UTF-8");
    switch (c.kind) {
        case K::exact:
            if (c.name.empty()) return bad_condition(i, "the field name is empty");
            break;
        case K::starts_with:
        case K::equals:
            if (c.name.size() < 2 || c.name.front() != '$')
                return bad_condition(i, "the field must be written \"$name\"");
            break;
        case K::content_length_range:
            if (c.min > c.max) return bad_condition(i, "content-length-range minimum exceeds the maximum");
            break;
    }
    return {};
}

Result<std::uint64_t> json_uint(const JsonValue& v, std::size_t i, const char* what) {
    if (v.type != JsonValue::Type::number || v.text.find_first_of(".eE-") != std::string::npos)
        return bad_condition(i, std::string(what) + " must be a non-negative integer");
    std::uint64_t n = 0;
    auto [p, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
    if (ec != std::errc() || p != v.text.data() + v.text.size()) return bad_condition(i, std::string(what) + " is out of range");
    return n;
}

void set_field(std::vector<PostField>& fields, std::string_view name, std::string value) {
    for (auto& f : fields)
        if (f.name == name) {
            f.value = std::move(value);
            return;
        }
    fields.push_back(PostField{std::string(name), std::move(value)});
}

Result<void> check_region(std::string_view region) {
    if (region.empty()) return fail(error_type::invalid_argument, "the signing region is empty", "region");
    for (char c : region) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f || c == '/')
            return fail(error_type::invalid_argument, "the signing region contains whitespace, '/' or a control character",
                        "region");
    }
    return {};
}

}  // namespace

PostPolicyCondition PostPolicyCondition::exact_match(std::string name, std::string value) {
    return PostPolicyCondition{Kind::exact, std::move(name), std::move(value)};
}
PostPolicyCondition PostPolicyCondition::starts_with_prefix(std::string field, std::string prefix) {
    return PostPolicyCondition{Kind::starts_with, std::move(field), std::move(prefix)};
}
PostPolicyCondition PostPolicyCondition::content_length(std::uint64_t min, std::uint64_t max) {
    PostPolicyCondition c;
    c.kind = Kind::content_length_range;
    c.min = min;
    c.max = max;
    return c;
}

Result<std::vector<PostPolicyCondition>> parse_post_policy_conditions(std::string_view json) {
    auto doc = JsonReader(json).document();
    if (!doc) {
        Error e = doc.error();
        e.type = error_type::param_validation;
        e.message = "Conditions is not valid JSON: " + e.message;
        e.field = "Conditions";
        return fail(std::move(e));
    }
    if (doc->type != JsonValue::Type::array)
        return fail(error_type::param_validation, "Conditions must be a list", "Conditions");
    std::vector<PostPolicyCondition> out;
    out.reserve(doc->items.size());
    for (std::size_t i = 0; i < doc->items.size(); ++i) {
        const JsonValue& item = doc->items[i];
        PostPolicyCondition c;
        if (item.type == JsonValue::Type::object) {
            if (item.members.size() != 1) return bad_condition(i, "an exact-match condition has exactly one member");
            if (item.members[0].second.type != JsonValue::Type::string)
                return bad_condition(i, "an exact-match value must be a string");
            c = PostPolicyCondition::exact_match(item.members[0].first, item.members[0].second.text);
        } else if (item.type == JsonValue::Type::array) {
            if (item.items.empty() || item.items[0].type != JsonValue::Type::string)
                return bad_condition(i, "a list condition starts with its operator name");
            std::string op = ascii_lower(item.items[0].text);
            if (item.items.size() != 3) return bad_condition(i, "a list condition has an operator and two operands");
            if (op == "starts-with" || op == "eq") {
                if (item.items[1].type != JsonValue::Type::string || item.items[2].type != JsonValue::Type::string)
                    return bad_condition(i, "\"" + op + "\" takes two strings");
                c.kind = op == "eq" ? PostPolicyCondition::Kind::equals : PostPolicyCondition::Kind::starts_with;
                c.name = item.items[1].text;
                c.value = item.items[2].text;
            } else if (op == "content-length-range") {
                auto lo = json_uint(item.items[1], i, "the minimum");
                if (!lo) return lo.failure();
                auto hi = json_uint(item.items[2], i, "the maximum");
                if (!hi) return hi.failure();
                c = PostPolicyCondition::content_length(*lo, *hi);
            } else {
                return bad_condition(i, "unknown operator \"" + item.items[0].text + "\"");
            }
        } else {
            return bad_condition(i, "a condition is an object or a list");
        }
        if (auto r = check_condition(c, i); !r) return r.failure();
        out.push_back(std::move(c));
    }
    return out;
}

Result<std::vector<PostField>> parse_post_policy_fields(std::string_view json) {
    auto doc = JsonReader(json).document();
    if (!doc) {
        Error e = doc.error();
        e.type = error_type::param_validation;
        e.message = "Fields is not valid JSON: " + e.message;
        e.field = "Fields";
        return fail(std::move(e));
    }
    if (doc->type != JsonValue::Type::object)
        return fail(error_type::param_validation, "Fields must be an object of strings", "Fields");
    std::vector<PostField> out;
    for (auto& [name, v] : doc->members) {
        if (v.type != JsonValue::Type::string)
            return fail(error_type::param_validation, "Fields." + name + " must be a string", "Fields." + name);
        set_field(out, name, v.text);
    }
    return out;
}

Result<PostPolicySignature> sign_post_policy(std::string_view policy_document, const Credentials& credentials,
                                             const PostPolicyParams& params) {
    if (auto r = credentials.validate(); !r) return r.failure();
    if (auto r = check_region(params.region); !r) return r.failure();
    if (policy_document.empty())
        return fail(error_type::invalid_argument, "the policy document is empty", "policy");
    PostPolicySignature s;
    s.amz_date = format_amz_date(params.time);
    std::string date = s.amz_date.substr(0, 8);
    s.credential = credentials.access_key_id + "/" + date + "/" + std::string(params.region) + "/s3/aws4_request";
    s.policy_base64 = base64_encode(policy_document);
    SigningKeyCache& cache = params.key_cache ? *params.key_cache : SigningKeyCache::shared();
    HmacSha256Key key = cache.get(credentials.secret_access_key.reveal(), date, params.region, "s3");
    hex_append(s.signature, key.mac(s.policy_base64));
    return s;
}

Result<PresignedPost> presign_post_with_policy(std::string url, std::string_view policy_document,
                                               std::vector<PostField> fields, const Credentials& credentials,
                                               const PostPolicyParams& params) {
    auto sig = sign_post_policy(policy_document, credentials, params);
    if (!sig) return sig.failure();
    PresignedPost out;
    out.url = std::move(url);
    out.fields = std::move(fields);
    set_field(out.fields, "x-amz-algorithm", std::string(kAlgorithm));
    set_field(out.fields, "x-amz-credential", sig->credential);
    set_field(out.fields, "x-amz-date", sig->amz_date);
    if (credentials.session_token)
        set_field(out.fields, "x-amz-security-token", std::string(credentials.session_token->reveal()));
    set_field(out.fields, "policy", sig->policy_base64);
    set_field(out.fields, "x-amz-signature", sig->signature);
    out.policy_document = std::string(policy_document);
    return out;
}

Result<PresignedPost> presign_post(const PostPolicyRequest& req, const Credentials& credentials,
                                   const PostPolicyParams& params) {
    if (auto r = credentials.validate(); !r) return r.failure();
    if (auto r = check_region(params.region); !r) return r.failure();
    if (req.expires_in.count() < 1 || req.expires_in > std::chrono::seconds(7 * 24 * 3600))
        return fail(error_type::invalid_expiry,
                    "the POST policy expiry must be between 1 and 604800 seconds (7 days), got " +
                        std::to_string(req.expires_in.count()),
                    "ExpiresIn");
    if (req.bucket.empty()) return fail(error_type::param_validation, "Missing required parameter: \"Bucket\"", "Bucket");
    if (req.key.empty()) return fail(error_type::param_validation, "Missing required parameter: \"Key\"", "Key");
    if (!is_valid_utf8(req.bucket) || !is_valid_utf8(req.key))
        return fail(error_type::param_validation, "Bucket and Key must be valid UTF-8", "Key");
    for (std::size_t i = 0; i < req.conditions.size(); ++i)
        if (auto r = check_condition(req.conditions[i], i); !r) return r.failure();
    for (const auto& f : req.fields)
        if (!is_valid_utf8(f.name) || !is_valid_utf8(f.value))
            return fail(error_type::param_validation, "form fields must be valid UTF-8", "Fields." + f.name);

    std::string amz_date = format_amz_date(params.time);
    std::string credential = credentials.access_key_id + "/" + amz_date.substr(0, 8) + "/" +
                             std::string(params.region) + "/s3/aws4_request";

    std::vector<PostPolicyCondition> conditions = req.conditions;
    conditions.push_back(PostPolicyCondition::exact_match("bucket", req.bucket));
    constexpr std::string_view kFilename = "${filename}";
    if (req.key.ends_with(kFilename))
        conditions.push_back(
            PostPolicyCondition::starts_with_prefix("$key", req.key.substr(0, req.key.size() - kFilename.size())));
    else
        conditions.push_back(PostPolicyCondition::exact_match("key", req.key));
    conditions.push_back(PostPolicyCondition::exact_match("x-amz-algorithm", std::string(kAlgorithm)));
    conditions.push_back(PostPolicyCondition::exact_match("x-amz-credential", credential));
    conditions.push_back(PostPolicyCondition::exact_match("x-amz-date", amz_date));
    if (credentials.session_token)
        conditions.push_back(
            PostPolicyCondition::exact_match("x-amz-security-token", std::string(credentials.session_token->reveal())));

    std::string expiration = format_iso8601(params.time + req.expires_in);  // 2015-12-30T12:00:00Z
    if (params.expiration_format == PolicyExpirationFormat::milliseconds) expiration.insert(expiration.size() - 1, ".000");
    std::string policy = "{\"expiration\": ";
    python_json_string_append(policy, expiration);
    policy.append(", \"conditions\": [");
    for (std::size_t i = 0; i < conditions.size(); ++i) {
        if (i) policy.append(", ");
        write_condition(policy, conditions[i]);
    }
    policy.append("]}");

    std::vector<PostField> fields = req.fields;
    set_field(fields, "key", req.key);
    return presign_post_with_policy(req.url, policy, std::move(fields), credentials, params);
}

}  // namespace awsreq
