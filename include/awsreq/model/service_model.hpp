// awsreq model: a botocore service model (service-2.json) compiled once into metadata,
// operations indexed by API and snake_case names, and shapes.
#pragma once

#include <awsreq/core/result.hpp>
#include <awsreq/model/shape.hpp>

#include <awsreq/model/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace awsreq::model {

/// The service-wide `metadata` block.
struct ServiceMetadata {
    std::string protocol;          ///< "query", "ec2", "json", "rest-json", "rest-xml"
    std::string json_version;      ///< "1.0" / "1.1" (json protocol)
    std::string target_prefix;     ///< X-Amz-Target prefix (json protocol)
    std::string api_version;
    std::string endpoint_prefix;
    std::string signing_name;      ///< `signingName`, or endpointPrefix when absent
    std::string signature_version; ///< "v4", "s3v4", "v2", "bearer", ...
    std::string service_id;        ///< `serviceId`, e.g. "S3"
    std::string service_full_name;
    std::string global_endpoint;
    std::string checksum_format;   ///< "sha256" (glacier) or empty
    std::string xml_namespace;
    std::string uid;
};

/// One piece of a URI template: literal text, or a `{Label}` / greedy `{Label+}` member.
struct UriPart {
    std::string text;   ///< literal text, or the label name
    bool is_label = false;
    bool greedy = false;
};

/// `http.checksum` traits and their older form.
struct HttpChecksum {
    bool required = false;                ///< `httpChecksumRequired` or `requestChecksumRequired`
    std::string request_algorithm_member; ///< member naming the flexible checksum algorithm
    std::string request_validation_mode_member;
};

/// An operation: its HTTP binding, input shape and the traits request building needs.
struct Operation {
    std::string name;                 ///< API (wire) name, e.g. "ListObjectsV2"
    std::string key;                  ///< the key in the model's operations map (usually == name)
    std::string snake_name;           ///< botocore's method name from the key: "list_objects_v2"
    std::string http_method = "POST";
    std::string request_uri = "/";    ///< as in the model, e.g. "/{Bucket}/{Key+}?tagging"
    /// request_uri parsed into literals and labels. Rendered values are percent-encoded, so the
    /// first literal '?' after rendering starts the static query ("tagging").
    std::vector<UriPart> uri_template;
    std::optional<ShapeRef> input;    ///< input reference (its locationName/xmlNamespace apply)
    std::string output_shape;
    std::string host_prefix;          ///< `endpoint.hostPrefix`, e.g. "{Foo}-data."
    HttpChecksum checksum;
    std::string authtype;             ///< "none", "v4-unsigned-body", ... or empty
    bool deprecated = false;
    bool endpoint_discovery_required = false;
    bool has_streaming_input = false; ///< the payload member is a streaming blob
    /// `staticContextParams`: endpoint parameters fixed by the operation.
    std::vector<std::pair<std::string, Json>> static_context_params;
};

/// A compiled service model. Immutable once built; share it as shared_ptr<const ServiceModel>.
class ServiceModel {
public:
    /// Compiles a parsed service model document (`metadata`, `operations`, `shapes`). Fails with
    /// a typed error naming the broken shape or operation (unknown shape reference, missing type).
    [[nodiscard]] static Result<std::shared_ptr<const ServiceModel>> from_document(
        const Json& doc, std::string_view service_name = {});
    /// Parses and compiles service-2.json text; `source` names the file in errors.
    [[nodiscard]] static Result<std::shared_ptr<const ServiceModel>> from_json_text(
        std::string_view text, std::string_view service_name = {}, std::string_view source = {});

    [[nodiscard]] const std::string& service_name() const noexcept { return service_name_; }
    [[nodiscard]] const ServiceMetadata& metadata() const noexcept { return metadata_; }

    /// The operation with this API name (`PutObject`) or snake_case name (`put_object`), or an
    /// OperationNotFoundError naming the service.
    [[nodiscard]] Result<const Operation*> operation(std::string_view name) const;
    /// Same, nullptr when absent.
    [[nodiscard]] const Operation* find_operation(std::string_view name) const noexcept;
    [[nodiscard]] const std::vector<std::unique_ptr<Operation>>& operations() const noexcept {
        return operations_;
    }
    /// The shape with this name, or nullptr.
    [[nodiscard]] const Shape* find_shape(std::string_view name) const noexcept;
    [[nodiscard]] std::size_t shape_count() const noexcept { return shapes_.size(); }

    ServiceModel() = default;
    ServiceModel(const ServiceModel&) = delete;
    ServiceModel& operator=(const ServiceModel&) = delete;

private:
    friend struct ModelCompiler;
    std::string service_name_;
    ServiceMetadata metadata_;
    std::vector<std::unique_ptr<Shape>> shapes_;
    std::unordered_map<std::string_view, const Shape*> shapes_by_name_;
    std::vector<std::unique_ptr<Operation>> operations_;
    std::unordered_map<std::string_view, const Operation*> operations_by_name_;
};

}  // namespace awsreq::model
