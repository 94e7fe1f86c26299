#include <awsreq/model/names.hpp>
#include <awsreq/model/service_model.hpp>

#include <awsreq/core/encoding.hpp>

namespace awsreq::model {

const Member* Shape::find_member(std::string_view member_name) const noexcept {
    for (const auto& m : members)
        if (m.name == member_name) return &m;
    return nullptr;
}

const char* to_string(ShapeType t) noexcept {
    switch (t) {
        case ShapeType::structure: return "structure";
        case ShapeType::list: return "list";
        case ShapeType::map: return "map";
        case ShapeType::string: return "string";
        case ShapeType::integer: return "integer";
        case ShapeType::long_: return "long";
        case ShapeType::float_: return "float";
        case ShapeType::double_: return "double";
        case ShapeType::boolean: return "boolean";
        case ShapeType::blob: return "blob";
        case ShapeType::timestamp: return "timestamp";
    }
    return "?";
}

namespace {

using json = Json;

std::optional<ShapeType> parse_type(std::string_view t) {
    if (t == "structure") return ShapeType::structure;
    if (t == "string") return ShapeType::string;
    if (t == "list") return ShapeType::list;
    if (t == "map") return ShapeType::map;
    if (t == "integer") return ShapeType::integer;
    if (t == "long") return ShapeType::long_;
    if (t == "boolean") return ShapeType::boolean;
    if (t == "timestamp") return ShapeType::timestamp;
    if (t == "blob") return ShapeType::blob;
    if (t == "double") return ShapeType::double_;
    if (t == "float") return ShapeType::float_;
    if (t == "bigdecimal") return ShapeType::double_;
    if (t == "biginteger") return ShapeType::long_;
    return std::nullopt;
}

const std::string* get_string(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_string()) return nullptr;
    return it->get_ptr<const std::string*>();
}

bool get_bool(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_boolean() && it->get<bool>();
}

TimestampFormat parse_timestamp_format(std::string_view f) {
    if (iequals(f, "iso8601")) return TimestampFormat::iso8601;
    if (iequals(f, "unixtimestamp")) return TimestampFormat::unix_timestamp;
    if (iequals(f, "rfc822")) return TimestampFormat::rfc822;
    return TimestampFormat::protocol_default;
}

// Overlays the traits present in `obj` (a shape definition or a member reference) onto `ref`.
void overlay_traits(ShapeRef& ref, const json& obj) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const std::string& k = it.key();
        const json& v = it.value();
        switch (k[0]) {
            case 'l':
                if (k == "locationName" && v.is_string()) ref.location_name = v.get<std::string>();
                else if (k == "location" && v.is_string()) {
                    const auto& l = v.get_ref<const std::string&>();
                    if (l == "uri") ref.location = Location::uri;
                    else if (l == "querystring") ref.location = Location::querystring;
                    else if (l == "header") ref.location = Location::header;
                    else if (l == "headers") ref.location = Location::headers;
                    else if (l == "statusCode") ref.location = Location::status_code;
                }
                break;
            case 'q':
                if (k == "queryName" && v.is_string()) ref.query_name = v.get<std::string>();
                break;
            case 'x':
                if (k == "xmlNamespace") {
                    ref.has_xml_namespace = true;
                    if (v.is_object()) {
                        if (auto* u = get_string(v, "uri")) ref.xml_namespace_uri = *u;
                        if (auto* p = get_string(v, "prefix")) ref.xml_namespace_prefix = *p;
                    } else if (v.is_string()) {
                        ref.xml_namespace_uri = v.get<std::string>();
                    }
                } else if (k == "xmlAttribute") {
                    ref.xml_attribute = v.is_boolean() && v.get<bool>();
                }
                break;
            case 't':
                if (k == "timestampFormat" && v.is_string())
                    ref.timestamp_format = parse_timestamp_format(v.get_ref<const std::string&>());
                break;
            case 'f':
                if (k == "flattened") ref.flattened = v.is_boolean() && v.get<bool>();
                break;
            case 'j':
                if (k == "jsonvalue") ref.jsonvalue = v.is_boolean() && v.get<bool>();
                break;
            case 'h':
                if (k == "hostLabel") ref.host_label = v.is_boolean() && v.get<bool>();
                break;
            case 'i':
                if (k == "idempotencyToken") ref.idempotency_token = v.is_boolean() && v.get<bool>();
                break;
            case 's':
                if (k == "streaming") ref.streaming = v.is_boolean() && v.get<bool>();
                break;
            case 'r':
                if (k == "requiresLength") ref.requires_length = v.is_boolean() && v.get<bool>();
                break;
            case 'e':
                if (k == "eventstream") ref.event_stream = v.is_boolean() && v.get<bool>();
                break;
            case 'd':
                if (k == "deprecated") ref.deprecated = v.is_boolean() && v.get<bool>();
                break;
            case 'm':
                if (k == "min" && v.is_number()) ref.min = v.get<double>();
                else if (k == "max" && v.is_number()) ref.max = v.get<double>();
                break;
            case 'p':
                if (k == "payload" && v.is_string()) ref.payload = v.get<std::string>();
                break;
            case 'c':
                if (k == "contextParam" && v.is_object())
                    if (auto* n = get_string(v, "name")) ref.context_param = *n;
                break;
            default: break;
        }
    }
}

std::vector<UriPart> parse_uri_template(std::string_view uri) {
    std::vector<UriPart> parts;
    std::size_t i = 0;
    while (i < uri.size()) {
        auto open = uri.find('{', i);
        if (open == std::string_view::npos) {
            parts.push_back({std::string(uri.substr(i)), false, false});
            break;
        }
        if (open > i) parts.push_back({std::string(uri.substr(i, open - i)), false, false});
        auto close = uri.find('}', open);
        if (close == std::string_view::npos) {
            parts.push_back({std::string(uri.substr(open)), false, false});
            break;
        }
        std::string_view label = uri.substr(open + 1, close - open - 1);
        bool greedy = !label.empty() && label.back() == '+';
        if (greedy) label.remove_suffix(1);
        parts.push_back({std::string(label), true, greedy});
        i = close + 1;
    }
    return parts;
}

}  // namespace

struct ModelCompiler {
    ServiceModel& m;
    std::unordered_map<std::string_view, ShapeRef> own_traits;  // each shape's traits, unmerged

    Failure broken(const std::string& where, const std::string& why) const {
        return fail(error_type::parse_error,
                    "invalid service model" +
                        (m.service_name_.empty() ? std::string() : " for " + m.service_name_) +
                        ": " + where + ": " + why,
                    where);
    }

    Result<ShapeRef> resolve(const json& ref_json, const std::string& where) {
        if (!ref_json.is_object()) return broken(where, "shape reference is not an object");
        const std::string* target = get_string(ref_json, "shape");
        if (!target) return broken(where, "shape reference has no \"shape\"");
        auto it = own_traits.find(*target);
        if (it == own_traits.end()) return broken(where, "unknown shape \"" + *target + "\"");
        ShapeRef ref = it->second;
        if (ref_json.size() > 1) overlay_traits(ref, ref_json);
        return ref;
    }

    Result<void> compile(const json& doc) {
        if (!doc.is_object()) return broken("document", "not a JSON object");
        auto meta_it = doc.find("metadata");
        if (meta_it == doc.end() || !meta_it->is_object()) return broken("metadata", "missing");
        const json& meta = *meta_it;
        auto str = [&](const char* k) {
            const std::string* s = get_string(meta, k);
            return s ? *s : std::string();
        };
        auto& md = m.metadata_;
        md.protocol = str("protocol");
        md.json_version = str("jsonVersion");
        md.target_prefix = str("targetPrefix");
        md.api_version = str("apiVersion");
        md.endpoint_prefix = str("endpointPrefix");
        md.signing_name = str("signingName");
        if (md.signing_name.empty()) md.signing_name = md.endpoint_prefix;
        md.signature_version = str("signatureVersion");
        md.service_id = str("serviceId");
        md.service_full_name = str("serviceFullName");
        md.global_endpoint = str("globalEndpoint");
        md.checksum_format = str("checksumFormat");
        md.xml_namespace = str("xmlNamespace");
        md.uid = str("uid");
        if (md.protocol.empty()) return broken("metadata.protocol", "missing");
        if (md.protocol != "query" && md.protocol != "ec2" && md.protocol != "json" &&
            md.protocol != "rest-json" && md.protocol != "rest-xml")
            return broken("metadata.protocol", "unsupported protocol \"" + md.protocol + "\"");

        // Pass 1: create every shape with its own traits, so references can resolve in any order.
        auto shapes_it = doc.find("shapes");
        if (shapes_it != doc.end()) {
            if (!shapes_it->is_object()) return broken("shapes", "not an object");
            m.shapes_.reserve(shapes_it->size());
            own_traits.reserve(shapes_it->size());
            for (auto it = shapes_it->begin(); it != shapes_it->end(); ++it) {
                const json& def = it.value();
                if (!def.is_object()) return broken("shapes." + it.key(), "not an object");
                const std::string* type = get_string(def, "type");
                if (!type) return broken("shapes." + it.key(), "missing \"type\"");
                auto t = parse_type(*type);
                if (!t) return broken("shapes." + it.key(), "unknown type \"" + *type + "\"");
                auto shape = std::make_unique<Shape>();
                shape->name = it.key();
                shape->type = *t;
                ShapeRef own;
                own.shape = shape.get();
                overlay_traits(own, def);
                m.shapes_by_name_.emplace(shape->name, shape.get());
                own_traits.emplace(shape->name, std::move(own));
                m.shapes_.push_back(std::move(shape));
            }
            // Pass 2: structure (same iteration order as pass 1; no keyed lookups in the big map).
            std::size_t index = 0;
            for (auto it = shapes_it->begin(); it != shapes_it->end(); ++it, ++index) {
                Shape& s = *m.shapes_[index];
                const json& def = it.value();
                const std::string where = "shapes." + s.name;
                switch (s.type) {
                    case ShapeType::structure: {
                        s.document = get_bool(def, "document");
                        s.union_ = get_bool(def, "union");
                        if (auto* p = get_string(def, "payload")) s.payload = *p;
                        if (auto r = def.find("required"); r != def.end() && r->is_array())
                            for (const auto& n : *r)
                                if (n.is_string()) s.required.push_back(n.get<std::string>());
                        auto members = def.find("members");
                        if (members == def.end()) break;
                        if (!members->is_object()) return broken(where, "members is not an object");
                        s.members.reserve(members->size());
                        for (auto mi = members->begin(); mi != members->end(); ++mi) {
                            auto ref = resolve(mi.value(), where + ".members." + mi.key());
                            if (!ref) return ref.failure();
                            s.members.push_back(Member{mi.key(), std::move(*ref)});
                        }
                        break;
                    }
                    case ShapeType::list: {
                        auto mem = def.find("member");
                        if (mem == def.end()) return broken(where, "list without \"member\"");
                        auto ref = resolve(*mem, where + ".member");
                        if (!ref) return ref.failure();
                        s.member = std::move(*ref);
                        break;
                    }
                    case ShapeType::map: {
                        auto k = def.find("key");
                        auto v = def.find("value");
                        if (k == def.end() || v == def.end())
                            return broken(where, "map without \"key\" or \"value\"");
                        auto kr = resolve(*k, where + ".key");
                        if (!kr) return kr.failure();
                        auto vr = resolve(*v, where + ".value");
                        if (!vr) return vr.failure();
                        s.key = std::move(*kr);
                        s.value = std::move(*vr);
                        break;
                    }
                    case ShapeType::string:
                        if (auto e = def.find("enum"); e != def.end() && e->is_array())
                            for (const auto& v : *e)
                                if (v.is_string()) s.enum_values.push_back(v.get<std::string>());
                        break;
                    default: break;
                }
            }
        }

        // Operations.
        auto ops_it = doc.find("operations");
        if (ops_it != doc.end()) {
            if (!ops_it->is_object()) return broken("operations", "not an object");
            m.operations_.reserve(ops_it->size());
            for (auto it = ops_it->begin(); it != ops_it->end(); ++it) {
                auto op = compile_operation(it.key(), it.value());
                if (!op) return op.failure();
                m.operations_.push_back(std::move(*op));
            }
        }
        m.operations_by_name_.reserve(m.operations_.size() * 2);
        for (const auto& op : m.operations_) {
            m.operations_by_name_.emplace(op->name, op.get());
            m.operations_by_name_.emplace(op->key, op.get());
            m.operations_by_name_.emplace(op->snake_name, op.get());
        }
        return {};
    }

    Result<std::unique_ptr<Operation>> compile_operation(const std::string& key, const json& def) {
        const std::string where = "operations." + key;
        if (!def.is_object()) return broken(where, "not an object");
        auto op = std::make_unique<Operation>();
        const std::string* name = get_string(def, "name");
        op->name = name ? *name : key;
        // Client method names come from the operations map's key (CloudFront's key
    // "CreateInvalidation" has the wire name "CreateInvalidation2020_05_31").
    op->key = key;
    op->snake_name = snake_case(key);
        if (auto h = def.find("http"); h != def.end() && h->is_object()) {
            if (auto* method = get_string(*h, "method")) op->http_method = *method;
            if (auto* uri = get_string(*h, "requestUri")) op->request_uri = *uri;
        }
        op->uri_template = parse_uri_template(op->request_uri);
        if (auto in = def.find("input"); in != def.end()) {
            auto ref = resolve(*in, where + ".input");
            if (!ref) return ref.failure();
            if (ref->shape->type != ShapeType::structure)
                return broken(where + ".input", "input is not a structure");
            op->input = std::move(*ref);
            const Shape& s = *op->input->shape;
            if (!op->input->payload.empty())
                if (const Member* p = s.find_member(op->input->payload);
                    p && p->ref.shape->type == ShapeType::blob)
                    op->has_streaming_input = true;
        }
        if (auto out = def.find("output"); out != def.end() && out->is_object())
            if (auto* s = get_string(*out, "shape")) op->output_shape = *s;
        if (auto ep = def.find("endpoint"); ep != def.end() && ep->is_object())
            if (auto* hp = get_string(*ep, "hostPrefix")) op->host_prefix = *hp;
        op->checksum.required = get_bool(def, "httpChecksumRequired");
        if (auto hc = def.find("httpChecksum"); hc != def.end() && hc->is_object()) {
            if (get_bool(*hc, "requestChecksumRequired")) op->checksum.required = true;
            if (auto* m = get_string(*hc, "requestAlgorithmMember"))
                op->checksum.request_algorithm_member = *m;
            if (auto* m = get_string(*hc, "requestValidationModeMember"))
                op->checksum.request_validation_mode_member = *m;
        }
        if (auto* a = get_string(def, "authtype")) op->authtype = *a;
        op->deprecated = get_bool(def, "deprecated");
        if (auto ed = def.find("endpointdiscovery"); ed != def.end() && ed->is_object())
            op->endpoint_discovery_required = get_bool(*ed, "required");
        if (auto sc = def.find("staticContextParams"); sc != def.end() && sc->is_object())
            for (auto it = sc->begin(); it != sc->end(); ++it)
                if (it.value().is_object() && it.value().contains("value"))
                    op->static_context_params.emplace_back(it.key(), it.value()["value"]);
        return op;
    }
};

Result<std::shared_ptr<const ServiceModel>> ServiceModel::from_document(const Json& doc,
                                                                        std::string_view service) {
    auto model = std::make_shared<ServiceModel>();
    model->service_name_ = std::string(service);
    ModelCompiler c{*model, {}};
    if (auto r = c.compile(doc); !r) return r.failure();
    return std::shared_ptr<const ServiceModel>(std::move(model));
}

namespace {

// Builds the document with a SAX handler: "documentation" values (most of a model's bytes, never
// read here) are dropped, and object members are appended without the duplicate-key search
// ordered_json's insert does, which is quadratic in the thousands of shapes of a big model.
class ModelSax final : public nlohmann::json_sax<Json> {
public:
    Json root;
    std::string error;

    bool null() override { return put(Json(nullptr)); }
    bool boolean(bool v) override { return put(Json(v)); }
    bool number_integer(number_integer_t v) override { return put(Json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return put(Json(v)); }
    bool number_float(number_float_t v, const string_t&) override { return put(Json(v)); }
    bool string(string_t& v) override {
        if (skip_next_) {
            skip_next_ = false;
            if (!stack_.empty() && stack_.back()->is_object()) members(*stack_.back()).pop_back();
            return true;
        }
        return put(Json(std::move(v)));
    }
    bool binary(binary_t&) override { return put(Json()); }
    bool start_object(std::size_t) override {
        skip_next_ = false;
        Json* j = put_container(Json::object());
        stack_.push_back(j);
        return true;
    }
    bool key(string_t& k) override {
        skip_next_ = k == "documentation";
        members(*stack_.back()).emplace_back(std::move(k), Json());
        return true;
    }
    bool end_object() override {
        stack_.pop_back();
        return true;
    }
    bool start_array(std::size_t) override {
        skip_next_ = false;
        stack_.push_back(put_container(Json::array()));
        return true;
    }
    bool end_array() override {
        stack_.pop_back();
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
        error = ex.what();
        return false;
    }

private:
    using Members = std::vector<std::pair<const std::string, Json>>;
    static Members& members(Json& obj) { return *obj.get_ptr<Json::object_t*>(); }

    Json* slot() {
        if (stack_.empty()) return &root;
        Json& top = *stack_.back();
        if (top.is_array()) {
            top.get_ptr<Json::array_t*>()->emplace_back();
            return &top.get_ptr<Json::array_t*>()->back();
        }
        return &members(top).back().second;
    }
    bool put(Json&& v) {
        skip_next_ = false;
        *slot() = std::move(v);
        return true;
    }
    Json* put_container(Json&& v) {
        Json* s = slot();
        *s = std::move(v);
        return s;
    }

    std::vector<Json*> stack_;
    bool skip_next_ = false;
};

// The text with the contents of every "documentation" string value emptied: two thirds of a
// big model's bytes, which the JSON lexer would otherwise read byte by byte. Well-formed JSON
// stays well-formed; anything else is left for the parser to report.
std::string without_documentation(std::string_view text) {
    static constexpr std::string_view kKey = "\"documentation\"";
    std::string out;
    out.reserve(text.size() / 2);
    std::size_t copied = 0, i = 0;
    auto string_end = [&](std::size_t open) {  // index of the closing quote, or npos
        for (std::size_t j = open + 1; j < text.size(); ++j) {
            j = text.find_first_of("\"\\", j);
            if (j == std::string_view::npos) return j;
            if (text[j] == '\\') { ++j; continue; }
            return j;
        }
        return std::string_view::npos;
    };
    while (i < text.size()) {
        std::size_t q = text.find('"', i);
        if (q == std::string_view::npos) break;
        std::size_t end = string_end(q);
        if (end == std::string_view::npos) break;
        i = end + 1;
        if (end - q + 1 != kKey.size() || text.compare(q, kKey.size(), kKey) != 0) continue;
        std::size_t v = text.find_first_not_of(" \t\r\n", i);
        if (v == std::string_view::npos || text[v] != ':') continue;
        v = text.find_first_not_of(" \t\r\n", v + 1);
        if (v == std::string_view::npos || text[v] != '"') continue;
        std::size_t vend = string_end(v);
        if (vend == std::string_view::npos) break;
        out.append(text, copied, v + 1 - copied);  // up to and including the opening quote
        copied = vend;                              // resume at the closing quote
        i = vend + 1;
    }
    out.append(text, copied, std::string_view::npos);
    return out;
}

}  // namespace

Result<std::shared_ptr<const ServiceModel>> ServiceModel::from_json_text(std::string_view text,
                                                                         std::string_view service,
                                                                         std::string_view source) {
    ModelSax sax;
    const std::string lean = without_documentation(text);
    bool ok = Json::sax_parse(lean.begin(), lean.end(), &sax);
    if (!ok) {
        Error err = make_error(error_type::json_error,
                               "malformed JSON in service model" +
                                   (source.empty() ? std::string() : " " + std::string(source)) +
                                   ": " + (sax.error.empty() ? std::string("parse failed") : sax.error));
        err.file = std::string(source);
        return fail(std::move(err));
    }
    return from_document(sax.root, service);
}

Result<const Operation*> ServiceModel::operation(std::string_view name) const {
    if (const Operation* op = find_operation(name)) return op;
    return fail(error_type::unknown_operation,
                "operation \"" + std::string(name) + "\" not found in service \"" +
                    service_name_ + "\"",
                std::string(name));
}

const Operation* ServiceModel::find_operation(std::string_view name) const noexcept {
    auto it = operations_by_name_.find(name);
    return it == operations_by_name_.end() ? nullptr : it->second;
}

const Shape* ServiceModel::find_shape(std::string_view name) const noexcept {
    auto it = shapes_by_name_.find(name);
    return it == shapes_by_name_.end() ? nullptr : it->second;
}

}  // namespace awsreq::model
