// The five protocol serializers, following botocore's serialize.py rule for rule.
#include "serializers.hpp"
#include "values.hpp"

#include <awsreq/core/encoding.hpp>

namespace awsreq::protocols::detail {
namespace {

using model::Location;
using model::Member;
using model::Shape;
using model::ShapeRef;
using model::ShapeType;
using model::TimestampFormat;

std::string timestamp_text(const Json& v, TimestampFormat fmt, TimestampFormat protocol_default,
                           bool drop_micros = false) {
    auto t = parse_instant(v);
    if (!t) return python_str(v);  // validation normally refuses this earlier
    if (drop_micros) t->micros = 0;
    if (fmt == TimestampFormat::protocol_default) fmt = protocol_default;
    switch (fmt) {
        case TimestampFormat::unix_timestamp: {
            // int(calendar.timegm(...)): whole seconds.
            return std::to_string(t->seconds);
        }
        case TimestampFormat::rfc822: return format_rfc822(*t);
        default: return format_iso8601(*t);
    }
}

std::string_view blob_bytes(const Json& v) {
    return v.is_string() ? std::string_view(v.get_ref<const std::string&>()) : std::string_view();
}

// ---------------------------------------------------------------- query and ec2

class QueryWriter {
public:
    QueryWriter(std::string& body, bool ec2) : body_(body), ec2_(ec2) {}

    void pair(std::string_view key, std::string_view value) {
        body_ += '&';
        append_percent_encoded(body_, key);
        body_ += '=';
        append_percent_encoded(body_, value);
    }

    std::string name_of(const ShapeRef& ref, std::string_view fallback) const {
        if (ec2_) {
            if (!ref.query_name.empty()) return ref.query_name;
            if (!ref.location_name.empty()) {
                std::string n = ref.location_name;
                if (n[0] >= 'a' && n[0] <= 'z') n[0] = static_cast<char>(n[0] - 'a' + 'A');
                return n;
            }
            return std::string(fallback);
        }
        return ref.location_name.empty() ? std::string(fallback) : ref.location_name;
    }

    void structure(const Json& v, const Shape& s, const std::string& prefix) {
        for (auto it = v.begin(); it != v.end(); ++it) {
            const Member* m = s.find_member(it.key());
            if (!m || it.value().is_null()) continue;
            std::string name = name_of(m->ref, it.key());
            value(it.value(), m->ref, prefix.empty() ? name : prefix + "." + name);
        }
    }

    void value(const Json& v, const ShapeRef& ref, const std::string& prefix) {
        const Shape& s = *ref.shape;
        switch (s.type) {
            case ShapeType::structure:
                if (v.is_object()) structure(v, s, prefix);
                return;
            case ShapeType::list: {
                if (!v.is_array()) return;
                std::string list_prefix;
                if (ec2_) {
                    list_prefix = prefix;
                } else {
                    if (v.empty()) {
                        pair(prefix, "");
                        return;
                    }
                    if (ref.flattened) {
                        list_prefix = prefix;
                        if (!s.member.location_name.empty()) {
                            auto dot = prefix.rfind('.');
                            list_prefix = (dot == std::string::npos ? std::string() : prefix.substr(0, dot + 1)) +
                                          name_of(s.member, "");
                        }
                    } else {
                        list_prefix = prefix + "." +
                                      (s.member.location_name.empty() ? "member" : s.member.location_name);
                    }
                }
                std::size_t i = 1;
                for (const auto& item : v) value(item, s.member, list_prefix + "." + std::to_string(i++));
                return;
            }
            case ShapeType::map: {
                if (!v.is_object()) return;
                const std::string full = ref.flattened ? prefix : prefix + ".entry";
                const std::string key_suffix = name_of(s.key, "key");
                const std::string value_suffix = name_of(s.value, "value");
                std::size_t i = 1;
                for (auto it = v.begin(); it != v.end(); ++it, ++i) {
                    const std::string base = full + "." + std::to_string(i) + ".";
                    value(Json(it.key()), s.key, base + key_suffix);
                    value(it.value(), s.value, base + value_suffix);
                }
                return;
            }
            case ShapeType::blob: pair(prefix, base64_encode(blob_bytes(v))); return;
            case ShapeType::timestamp:
                pair(prefix, timestamp_text(v, ref.timestamp_format, TimestampFormat::iso8601));
                return;
            case ShapeType::boolean: pair(prefix, v.is_boolean() && v.get<bool>() ? "true" : "false"); return;
            default: pair(prefix, python_str(v)); return;
        }
    }

private:
    std::string& body_;
    bool ec2_;
};

// ---------------------------------------------------------------- JSON bodies

void json_structure_members(std::string& out, const Json& v, const Shape& s) {
    out += '{';
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
        const Member* m = s.find_member(it.key());
        if (!m || it.value().is_null()) continue;
        if (!first) out += ", ";
        first = false;
        python_json_string_append(out, m->ref.location_name.empty() ? it.key() : m->ref.location_name);
        out += ": ";
        append_json_value(out, it.value(), m->ref);
    }
    out += '}';
}

// ---------------------------------------------------------------- XML bodies

void xml_escape_text(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += c;
        }
    }
}

void xml_escape_attr(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            case '\t': out += "&#09;"; break;
            default: out += c;
        }
    }
}

// <name>text</name>, or <name /> when the text is empty (ElementTree's short empty elements).
void xml_element(std::string& out, std::string_view name, std::string_view text) {
    out += '<';
    out += name;
    if (text.empty()) {
        out += " />";
        return;
    }
    out += '>';
    xml_escape_text(out, text);
    out += "</";
    out += name;
    out += '>';
}

// Closes an element opened with "<name ...>" whose children start at `mark`.
void xml_close(std::string& out, std::string_view name, std::size_t mark) {
    if (out.size() == mark) {
        out.pop_back();  // the '>'
        out += " />";
    } else {
        out += "</";
        out += name;
        out += '>';
    }
}

void xml_namespace_attr(std::string& out, const ShapeRef& ref) {
    if (!ref.has_xml_namespace) return;
    out += " xmlns";
    if (!ref.xml_namespace_prefix.empty()) {
        out += ':';
        out += ref.xml_namespace_prefix;
    }
    out += "=\"";
    xml_escape_attr(out, ref.xml_namespace_uri);
    out += '"';
}

template <class Pairs>
void xml_structure(std::string& out, const Pairs& pairs, const ShapeRef& ref, std::string_view name) {
    out += '<';
    out += name;
    xml_namespace_attr(out, ref);
    for (const auto& [m, v] : pairs) {
        if (v->is_null()) break;  // botocore stops at the first None
        if (m->ref.xml_attribute) {
            out += ' ';
            out += m->ref.location_name.empty() ? m->name : m->ref.location_name;
            out += "=\"";
            xml_escape_attr(out, python_str(*v));
            out += '"';
        }
    }
    out += '>';
    const std::size_t mark = out.size();
    for (const auto& [m, v] : pairs) {
        if (v->is_null()) break;
        if (m->ref.xml_attribute) continue;
        append_xml_value(out, *v, m->ref, m->ref.location_name.empty() ? m->name : m->ref.location_name);
    }
    xml_close(out, name, mark);
}

using MemberValues = std::vector<std::pair<const Member*, const Json*>>;

MemberValues members_of(const Json& v, const Shape& s) {
    MemberValues pairs;
    if (!v.is_object()) return pairs;
    pairs.reserve(v.size());
    for (auto it = v.begin(); it != v.end(); ++it)
        if (const Member* m = s.find_member(it.key())) pairs.emplace_back(m, &it.value());
    return pairs;
}

}  // namespace

void append_json_value(std::string& out, const Json& v, const ShapeRef& ref) {
    const Shape& s = *ref.shape;
    switch (s.type) {
        case ShapeType::structure:
            if (s.document || !v.is_object()) append_python_json(out, v);
            else json_structure_members(out, v, s);
            return;
        case ShapeType::list: {
            out += '[';
            bool first = true;
            for (const auto& item : v) {
                if (!first) out += ", ";
                first = false;
                append_json_value(out, item, s.member);
            }
            out += ']';
            return;
        }
        case ShapeType::map: {
            out += '{';
            bool first = true;
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (!first) out += ", ";
                first = false;
                python_json_string_append(out, it.key());
                out += ": ";
                append_json_value(out, it.value(), s.value);
            }
            out += '}';
            return;
        }
        case ShapeType::blob: python_json_string_append(out, base64_encode(blob_bytes(v))); return;
        case ShapeType::timestamp: {
            const TimestampFormat fmt = ref.timestamp_format == TimestampFormat::protocol_default
                                            ? TimestampFormat::unix_timestamp
                                            : ref.timestamp_format;
            std::string text = timestamp_text(v, fmt, fmt);
            if (fmt == TimestampFormat::unix_timestamp) out += text;  // a JSON number
            else python_json_string_append(out, text);
            return;
        }
        default: append_python_json(out, v); return;
    }
}

void append_xml_value(std::string& out, const Json& v, const ShapeRef& ref, std::string_view name) {
    const Shape& s = *ref.shape;
    switch (s.type) {
        case ShapeType::structure: xml_structure(out, members_of(v, s), ref, name); return;
        case ShapeType::list: {
            if (ref.flattened) {
                for (const auto& item : v) append_xml_value(out, item, s.member, name);
                return;
            }
            const std::string element = s.member.location_name.empty() ? "member" : s.member.location_name;
            out += '<';
            out += name;
            out += '>';
            const std::size_t mark = out.size();
            for (const auto& item : v) append_xml_value(out, item, s.member, element);
            xml_close(out, name, mark);
            return;
        }
        case ShapeType::map: {
            const std::string key_name = s.key.location_name.empty() ? "key" : s.key.location_name;
            const std::string value_name = s.value.location_name.empty() ? "value" : s.value.location_name;
            out += '<';
            out += name;
            out += '>';
            const std::size_t mark = out.size();
            for (auto it = v.begin(); it != v.end(); ++it) {
                out += "<entry>";
                append_xml_value(out, Json(it.key()), s.key, key_name);
                append_xml_value(out, it.value(), s.value, value_name);
                out += "</entry>";
            }
            xml_close(out, name, mark);
            return;
        }
        case ShapeType::boolean: xml_element(out, name, v.is_boolean() && v.get<bool>() ? "true" : "false"); return;
        case ShapeType::blob: xml_element(out, name, base64_encode(blob_bytes(v))); return;
        case ShapeType::timestamp:
            xml_element(out, name, timestamp_text(v, ref.timestamp_format, TimestampFormat::iso8601));
            return;
        default: xml_element(out, name, python_str(v)); return;
    }
}

// ---------------------------------------------------------------- entry points

Result<void> serialize_query(const ProtocolInput& in, bool ec2, SerializedRequest& out) {
    out.method = in.op.http_method.empty() ? "POST" : in.op.http_method;
    out.path = "/";
    out.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    out.body.reserve(256);
    out.body += "Action=";
    append_percent_encoded(out.body, in.op.name);
    out.body += "&Version=";
    append_percent_encoded(out.body, in.model.metadata().api_version);
    if (in.op.input && in.params.is_object()) {
        QueryWriter w(out.body, ec2);
        w.structure(in.params, *in.op.input->shape, "");
    }
    return {};
}

Result<void> serialize_json(const ProtocolInput& in, SerializedRequest& out) {
    const auto& md = in.model.metadata();
    out.method = in.op.http_method.empty() ? "POST" : in.op.http_method;
    out.path = "/";
    std::string target;
    target.reserve(md.target_prefix.size() + 1 + in.op.name.size());
    target += md.target_prefix;
    target += '.';
    target += in.op.name;
    out.headers.add("X-Amz-Target", std::move(target));
    out.headers.add("Content-Type",
                    "application/x-amz-json-" + (md.json_version.empty() ? std::string("1.0") : md.json_version));
    out.body.reserve(128);
    if (in.op.input && in.params.is_object()) json_structure_members(out.body, in.params, *in.op.input->shape);
    else out.body += "{}";
    return {};
}

namespace {

// One query-string entry of a rest request: a name with one value or several (a list).
struct QueryEntry {
    std::string name;
    std::vector<std::string> values;
    bool is_list = false;
};

void query_set(std::vector<QueryEntry>& q, std::string name, std::vector<std::string> values, bool is_list) {
    for (auto& e : q)
        if (e.name == name) {  // a later value replaces, keeping the first position (a dict)
            e.values = std::move(values);
            e.is_list = is_list;
            return;
        }
    q.push_back({std::move(name), std::move(values), is_list});
}

std::string header_value(const Json& v, const ShapeRef& ref) {
    const Shape& s = *ref.shape;
    if (s.type == ShapeType::timestamp)
        return timestamp_text(v, ref.timestamp_format, TimestampFormat::rfc822, /*drop_micros=*/true);
    if (s.type == ShapeType::list) {
        std::string joined;
        bool first = true;
        for (const auto& item : v) {
            if (item.is_null()) continue;
            if (!first) joined += ',';
            first = false;
            joined += header_value(item, s.member);
        }
        return joined;
    }
    if (ref.jsonvalue && s.type == ShapeType::string) {
        std::string compact;
        append_python_json(compact, v, /*compact=*/true);
        return base64_encode(compact);
    }
    return python_str(v);
}

}  // namespace

Result<void> serialize_rest(const ProtocolInput& in, bool xml, SerializedRequest& out) {
    const model::Operation& op = in.op;
    out.method = op.http_method.empty() ? "POST" : op.http_method;

    // Partition the parameters by location.
    std::vector<std::pair<std::string_view, const Json*>> uri_args;
    std::vector<QueryEntry> query;
    MemberValues body_members;
    const Shape* input = op.input ? op.input->shape : nullptr;
    if (input && in.params.is_object()) {
        for (auto it = in.params.begin(); it != in.params.end(); ++it) {
            const Json& v = it.value();
            if (v.is_null()) continue;
            const Member* m = input->find_member(it.key());
            if (!m) continue;
            const ShapeRef& ref = m->ref;
            const std::string& key_name = ref.location_name.empty() ? m->name : ref.location_name;
            switch (ref.location) {
                case Location::uri: uri_args.emplace_back(key_name, &v); break;
                case Location::querystring:
                    if (v.is_object()) {
                        for (auto q = v.begin(); q != v.end(); ++q) {
                            if (q.value().is_array()) {
                                std::vector<std::string> vals;
                                for (const auto& e : q.value()) vals.push_back(python_str(e));
                                query_set(query, q.key(), std::move(vals), true);
                            } else {
                                query_set(query, q.key(), {python_str(q.value())}, false);
                            }
                        }
                    } else if (v.is_boolean()) {
                        query_set(query, key_name, {v.get<bool>() ? "true" : "false"}, false);
                    } else if (ref.shape->type == ShapeType::timestamp) {
                        query_set(query, key_name,
                                  {timestamp_text(v, ref.timestamp_format, TimestampFormat::iso8601)}, false);
                    } else if (v.is_array()) {
                        std::vector<std::string> vals;
                        for (const auto& e : v) vals.push_back(python_str(e));
                        query_set(query, key_name, std::move(vals), true);
                    } else {
                        query_set(query, key_name, {python_str(v)}, false);
                    }
                    break;
                case Location::header:
                    if (ref.shape->type == ShapeType::list && v.empty()) break;
                    out.headers.set(key_name, header_value(v, ref));
                    break;
                case Location::headers:
                    if (v.is_object())
                        for (auto h = v.begin(); h != v.end(); ++h)
                            out.headers.set(key_name + h.key(), python_str(h.value()));
                    break;
                case Location::status_code: break;
                case Location::body: body_members.emplace_back(m, &v); break;
            }
        }
    }

    // The URI: labels percent-encoded ('/' kept in greedy ones), then split off the static query.
    auto render = [&](std::size_t first_part, std::string& dest) -> Result<void> {
        for (std::size_t i = first_part; i < op.uri_template.size(); ++i) {
            const auto& part = op.uri_template[i];
            if (!part.is_label) {
                dest += part.text;
                continue;
            }
            const Json* value = nullptr;
            for (auto& [name, v] : uri_args)
                if (name == part.text) value = v;
            if (!value)
                return fail(error_type::param_validation,
                            "Parameter validation failed:\nMissing required parameter in input: \"" +
                                part.text + "\" (bound to the request URI)",
                            part.text);
            append_percent_encoded(dest, python_str(*value), part.greedy);
        }
        return {};
    };
    std::string uri;
    std::size_t first_part = 0;
    if (in.strip_s3_bucket && op.uri_template.size() >= 2 && !op.uri_template[0].is_label &&
        op.uri_template[0].text == "/" && op.uri_template[1].is_label && op.uri_template[1].text == "Bucket") {
        first_part = 2;
        std::string auth;
        if (auto r = render(0, auth); !r) return r;
        auto q = auth.find('?');
        out.auth_path = auth.substr(0, q);
        if (op.request_uri == "/{Bucket}") out.auth_path += '/';
    }
    if (auto r = render(first_part, uri); !r) return r;
    auto qmark = uri.find('?');
    out.path = uri.substr(0, qmark);
    if (qmark != std::string::npos) out.query = uri.substr(qmark + 1);
    for (const auto& e : query) {
        if (e.is_list && e.values.empty()) continue;
        for (const auto& val : e.values) {
            if (!out.query.empty()) out.query += '&';
            append_percent_encoded(out.query, e.name);
            out.query += '=';
            append_percent_encoded(out.query, val);
        }
    }

    // The payload.
    bool streaming_payload = false;
    if (input) {
        const std::string& payload = op.input->payload;
        const Member* pm = payload.empty() ? nullptr : input->find_member(payload);
        if (pm && (pm->ref.shape->type == ShapeType::blob || pm->ref.shape->type == ShapeType::string)) {
            streaming_payload = true;
            auto it = in.params.is_object() ? in.params.find(payload) : in.params.end();
            if (it != in.params.end() && it->is_string()) out.body = it->get<std::string>();
        } else if (pm) {
            auto it = in.params.is_object() ? in.params.find(payload) : in.params.end();
            if (it != in.params.end() && !it->is_null()) {
                if (xml) append_xml_value(out.body, *it, pm->ref,
                                          pm->ref.location_name.empty() ? pm->name : pm->ref.location_name);
                else append_json_value(out.body, *it, pm->ref);
            } else if (!xml) {
                out.body = "{}";
            }
        } else if (!body_members.empty()) {
            if (xml) {
                const std::string& root =
                    op.input->location_name.empty() ? input->name : op.input->location_name;
                xml_structure(out.body, body_members, *op.input, root);
            } else {
                out.body += '{';
                bool first = true;
                for (const auto& [m, v] : body_members) {
                    if (!first) out.body += ", ";
                    first = false;
                    python_json_string_append(out.body, m->ref.location_name.empty() ? m->name : m->ref.location_name);
                    out.body += ": ";
                    append_json_value(out.body, *v, m->ref);
                }
                out.body += '}';
            }
        } else if (!xml) {
            for (const auto& m : input->members)
                if (m.ref.location == Location::body) {
                    out.body = "{}";
                    break;
                }
        }
    }
    if (!xml && !streaming_payload && !out.body.empty() && !out.headers.contains("Content-Type"))
        out.headers.add("Content-Type", "application/json");
    return {};
}

}  // namespace awsreq::protocols::detail
