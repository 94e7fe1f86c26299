// protocols::serialize(): botocore's parameter handlers, validation, the protocol serializer,
// host prefixes and request checksums, in botocore's order.
#include "serializers.hpp"
#include "values.hpp"

#include <awsreq/core/crypto.hpp>
#include <awsreq/core/encoding.hpp>
#include <awsreq/protocols/checksum.hpp>
#include <awsreq/protocols/serialize.hpp>

#include <array>

namespace awsreq::protocols {
namespace {

using model::Operation;
using model::ServiceModel;

bool is_s3(const ServiceModel& m) {
    return m.metadata().endpoint_prefix == "s3" && m.metadata().protocol == "rest-xml";
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    for (auto n : names)
        if (n == name) return true;
    return false;
}

bool is_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// Copy-on-write access to the parameters: handlers that change them copy once.
class Params {
public:
    explicit Params(const Json& original) : view_(&original) {}
    const Json& get() const { return *view_; }
    Json& mut() {
        if (view_ != &owned_) {
            owned_ = *view_;
            view_ = &owned_;
        }
        return owned_;
    }
    bool has(const char* k) const { return view_->is_object() && view_->contains(k); }
    const Json* find(const char* k) const {
        if (!view_->is_object()) return nullptr;
        auto it = view_->find(k);
        return it == view_->end() ? nullptr : &*it;
    }

private:
    const Json* view_;
    Json owned_;
};

// S3's copy source: {Bucket, Key, VersionId} or "bucket/key[?versionId=...]", key percent-encoded.
void s3_copy_source(Params& p, const char* member) {
    const Json* v = p.find(member);
    if (!v) return;
    if (v->is_object()) {
        auto b = v->find("Bucket");
        auto k = v->find("Key");
        if (b == v->end() || k == v->end() || !b->is_string() || !k->is_string()) return;  // validation reports
        std::string out = b->get<std::string>() + "/";
        detail::append_percent_encoded(out, k->get_ref<const std::string&>(), true);
        if (auto vid = v->find("VersionId"); vid != v->end() && vid->is_string())
            out += "?versionId=" + vid->get<std::string>();
        p.mut()[member] = out;
    } else if (v->is_string()) {
        const std::string& s = v->get_ref<const std::string&>();
        auto pos = s.find("?versionId=");
        std::string out;
        detail::append_percent_encoded(out, s.substr(0, pos), true);
        if (pos != std::string::npos) out += s.substr(pos);
        p.mut()[member] = out;
    }
}

// SSE-C: the key goes base64-encoded, with its MD5 alongside.
void s3_sse_md5(Params& p, const std::string& prefix) {
    const std::string key = prefix + "Key";
    const std::string md5 = prefix + "KeyMD5";
    const Json* v = p.find(key.c_str());
    if (!v || v->is_null() || p.has(md5.c_str()) || !v->is_string()) return;
    std::string raw = v->get<std::string>();
    Json& m = p.mut();
    m[md5] = md5_base64(raw);
    m[key] = base64_encode(raw);
}

Result<void> before_parameter_build(const ServiceModel& model, const Operation& op, Params& p) {
    if (!p.get().is_object()) return {};
    const auto& md = model.metadata();
    const std::string& name = op.name;
    if (is_s3(model)) {
        if (const Json* b = p.find("Bucket"); b && b->is_string()) {
            const std::string& bucket = b->get_ref<const std::string&>();
            bool ok = !bucket.empty() && bucket.size() <= 255;
            for (char c : bucket)
                if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) ok = false;
            if (!ok && bucket.rfind("arn:", 0) != 0)
                return fail(error_type::param_validation,
                            "Parameter validation failed:\nInvalid bucket name \"" + bucket +
                                "\": Bucket name must match the regex \"^[a-zA-Z0-9.\\-_]{1,255}$\" or be an "
                                "ARN matching the regex \"^arn:(aws).*:(s3|s3-object-lambda):[a-z\\-0-9]*:"
                                "[0-9]{12}:accesspoint[/:][a-zA-Z0-9\\-.]{1,63}$|^arn:(aws).*:s3-outposts:"
                                "[a-z\\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\\-]{1,63}[/:]accesspoint[/:]"
                                "[a-zA-Z0-9\\-]{1,63}$\"",
                            "Bucket");
        }
        if (one_of(name, {"ListObjects", "ListObjectsV2", "ListObjectVersions"}) && !p.has("EncodingType"))
            p.mut()["EncodingType"] = "url";
        if (one_of(name, {"CopyObject", "UploadPartCopy"})) s3_copy_source(p, "CopySource");
        if (one_of(name, {"PutObject", "CopyObject", "CreateMultipartUpload"}))
            if (const Json* meta = p.find("Metadata"); meta && meta->is_object())
                for (auto it = meta->begin(); it != meta->end(); ++it)
                    if (!is_ascii(it.key()) || (it.value().is_string() && !is_ascii(it.value().get_ref<const std::string&>())))
                        return fail(error_type::param_validation,
                                    "Parameter validation failed:\nNon ascii characters found in S3 metadata for key \"" +
                                        it.key() + "\", value: \"" + detail::python_str(it.value()) +
                                        "\".  \nS3 metadata can only contain ASCII characters. ",
                                    "Metadata");
        if (one_of(name, {"HeadObject", "GetObject", "PutObject", "CopyObject", "CreateMultipartUpload",
                          "UploadPart", "UploadPartCopy", "SelectObjectContent"}))
            s3_sse_md5(p, "SSECustomer");
        if (one_of(name, {"CopyObject", "UploadPartCopy"})) s3_sse_md5(p, "CopySourceSSECustomer");
    } else if (md.endpoint_prefix == "glacier") {
        if (op.input && op.input->shape->find_member("accountId") && !p.has("accountId"))
            p.mut()["accountId"] = "-";
    } else if (md.endpoint_prefix == "route53" && op.input) {
        for (const auto& m : op.input->shape->members)
            if (one_of(m.ref.shape->name, {"ResourceId", "DelegationSetId", "ChangeId"}))
                if (const Json* v = p.find(m.name.c_str()); v && v->is_string()) {
                    const std::string& s = v->get_ref<const std::string&>();
                    p.mut()[m.name] = s.substr(s.rfind('/') + 1);
                }
    } else if ((md.endpoint_prefix == "ec2" && name == "RunInstances") ||
               (md.endpoint_prefix == "autoscaling" && name == "CreateLaunchConfiguration")) {
        if (const Json* v = p.find("UserData"); v && v->is_string())
            p.mut()["UserData"] = base64_encode(v->get_ref<const std::string&>());
    }
    return {};
}

bool has_checksum_header(const HeaderList& h) {
    for (const auto& x : h)
        if (x.name.size() > 15 && iequals(std::string_view(x.name).substr(0, 15), "x-amz-checksum-")) return true;
    return false;
}

void conditional_md5(SerializedRequest& r) {
    if (has_checksum_header(r.headers) || r.headers.contains("Content-MD5")) return;
    r.headers.add("Content-MD5", md5_base64(r.body));
    r.checksum_header = "Content-MD5";
}

Result<void> apply_checksums(const ServiceModel& model, const Operation& op, const Json& params,
                             const SerializeOptions& opt, SerializedRequest& r) {
    bool flexible = false;
    const std::string& algo_member = op.checksum.request_algorithm_member;
    if (!algo_member.empty() && params.is_object()) {
        auto it = params.find(algo_member);
        if (it != params.end() && it->is_string()) {
            auto algo = parse_checksum_algorithm(it->get_ref<const std::string&>());
            if (!algo)
                return fail("FlexibleChecksumError",
                            "Unsupported checksum algorithm: " + ascii_lower(it->get_ref<const std::string&>()),
                            algo_member);
            flexible = true;
            const std::string header = std::string("x-amz-checksum-") + to_string(*algo);
            if (!r.headers.contains(header)) {
                if (op.has_streaming_input && opt.https) {
                    r.trailer_checksum_algorithm = to_string(*algo);
                } else {
                    r.headers.add(header, checksum_base64(*algo, r.body));
                    r.checksum_header = header;
                }
            }
        }
    }
    if (!flexible && op.checksum.required) conditional_md5(r);
    // S3 PutObject and UploadPart always get a Content-MD5 unless a flexible checksum is used.
    if (!flexible && is_s3(model) && one_of(op.name, {"PutObject", "UploadPart"})) conditional_md5(r);
    return {};
}

Result<std::string> expand_host_prefix(const Operation& op, const Json& params) {
    std::string out;
    const std::string& t = op.host_prefix;
    for (std::size_t i = 0; i < t.size();) {
        if (t[i] != '{') {
            out += t[i++];
            continue;
        }
        auto close = t.find('}', i);
        if (close == std::string::npos) {
            out += t.substr(i);
            break;
        }
        std::string name = t.substr(i + 1, close - i - 1);
        auto it = params.is_object() ? params.find(name) : params.end();
        if (it == params.end() || it->is_null())
            return fail(error_type::param_validation,
                        "Parameter validation failed:\nMissing required parameter in input: \"" + name + "\"",
                        name);
        std::string value = detail::python_str(*it);
        bool ok = !value.empty() && value.size() <= 63;
        for (char c : value)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.')) ok = false;
        if (!ok)
            return fail(error_type::param_validation,
                        "Parameter validation failed:\nInvalid host label to be bound to the hostname of the "
                        "endpoint: \"" + value + "\"",
                        name);
        out += value;
        i = close + 1;
    }
    return out;
}

}  // namespace

std::string join_endpoint_path(std::string_view endpoint_path, std::string_view request_path) {
    if (request_path.empty() || request_path == "/")
        return endpoint_path.empty() ? std::string("/") : std::string(endpoint_path);
    if (!endpoint_path.empty() && endpoint_path.back() == '/' && request_path.front() == '/')
        return std::string(endpoint_path.substr(0, endpoint_path.size() - 1)) + std::string(request_path);
    return std::string(endpoint_path) + std::string(request_path);
}

std::string random_uuid4() {
    std::array<std::uint8_t, 16> b{};
    random_bytes(b);
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
    std::string hex = hex_encode(std::span<const std::uint8_t>(b));
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20);
}

std::vector<std::pair<std::string, Json>> endpoint_context_params(const model::Operation& op, const Json& params) {
    std::vector<std::pair<std::string, Json>> out = op.static_context_params;
    if (!op.input || !params.is_object()) return out;
    for (const auto& m : op.input->shape->members) {
        if (m.ref.context_param.empty()) continue;
        auto it = params.find(m.name);
        if (it == params.end() || it->is_null()) continue;
        bool replaced = false;
        for (auto& [k, v] : out)
            if (k == m.ref.context_param) {
                v = *it;
                replaced = true;
            }
        if (!replaced) out.emplace_back(m.ref.context_param, *it);
    }
    return out;
}

Result<SerializedRequest> serialize(const model::ServiceModel& model, const model::Operation& op,
                                    const Json& params, const SerializeOptions& opt) {
    static const Json kEmpty = Json::object();
    Params p(params.is_null() ? kEmpty : params);

    // before-parameter-build: idempotency tokens, then the service's parameter handlers.
    if (op.input && p.get().is_object())
        for (const auto& m : op.input->shape->members)
            if (m.ref.idempotency_token && !p.has(m.name.c_str()))
                p.mut()[m.name] = opt.idempotency_token ? opt.idempotency_token() : random_uuid4();
    if (opt.customizations)
        if (auto r = before_parameter_build(model, op, p); !r) return r.failure();

    if (opt.validate)
        if (auto r = validate(op, p.get()); !r) return r.failure();

    SerializedRequest out;
    detail::ProtocolInput in{model, op, p.get(), opt.customizations && is_s3(model)};
    const std::string& protocol = model.metadata().protocol;
    Result<void> done;
    if (protocol == "rest-json") done = detail::serialize_rest(in, false, out);
    else if (protocol == "rest-xml") done = detail::serialize_rest(in, true, out);
    else if (protocol == "json") done = detail::serialize_json(in, out);
    else if (protocol == "query") done = detail::serialize_query(in, false, out);
    else if (protocol == "ec2") done = detail::serialize_query(in, true, out);
    else return fail(error_type::invalid_argument, "unsupported protocol \"" + protocol + "\"", "protocol");
    if (!done) return done.failure();

    if (!op.host_prefix.empty()) {
        auto prefix = expand_host_prefix(op, p.get());
        if (!prefix) return prefix.failure();
        out.host_prefix = std::move(*prefix);
    }
    out.has_streaming_input = op.has_streaming_input;
    out.authtype = op.authtype;

    // A presigned URL carries a form body in its query string instead, without the form
    // Content-Type (botocore's SigV4QueryAuth does this while signing).
    if (opt.kind == RequestKind::presign && (protocol == "query" || protocol == "ec2")) {
        if (!out.body.empty()) {
            out.query = out.query.empty() ? std::move(out.body) : out.query + "&" + out.body;
            out.body.clear();
        }
        out.headers.remove("Content-Type");
    }

    // before-call handlers and request checksums: only for requests that are sent.
    if (opt.kind == RequestKind::send) {
        if (opt.customizations) {
            const auto& md = model.metadata();
            if (is_s3(model) && one_of(op.name, {"PutObject", "UploadPart"}) && p.has("Body") &&
                (out.method == "PUT" || out.method == "POST"))
                out.headers.set("Expect", "100-continue");
            if (md.endpoint_prefix == "glacier") out.headers.set("x-amz-glacier-version", md.api_version);
            if (md.endpoint_prefix == "apigateway" && !out.headers.contains("Accept"))
                out.headers.add("Accept", "application/json");
        }
        if (auto r = apply_checksums(model, op, p.get(), opt, out); !r) return r.failure();
    }
    return out;
}

}  // namespace awsreq::protocols
