// awsreq model: the registry that finds, parses and caches service models once per process.
#pragma once

#include <awsreq/core/result.hpp>
#include <awsreq/model/data_path.hpp>
#include <awsreq/model/service_model.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace awsreq::model {

/// Finds `<dir>/<service>/<api-version>/service-2.json` (or `.json.gz`) along a DataPath, the
/// newest API version unless one is asked for (botocore's loader picks the same), compiles it
/// on first use and hands out the shared, immutable result. Thread-safe: concurrent clients
/// share one compiled model per (service, version).
class ModelRegistry {
public:
    explicit ModelRegistry(DataPath path,
                           std::shared_ptr<const FileSystem> fs = real_file_system());

    /// The compiled model of `service` (e.g. "s3", "dynamodb"). Errors: UnknownServiceError when
    /// no directory has the service (or that api_version), JsonParseError / ParseError when the
    /// file is broken (the error names the file).
    [[nodiscard]] Result<std::shared_ptr<const ServiceModel>> service(
        std::string_view service, std::string_view api_version = {});

    /// The text of the service's `endpoint-rule-set-1.json` (same version as its model).
    [[nodiscard]] Result<std::shared_ptr<const std::string>> endpoint_rule_set_text(
        std::string_view service, std::string_view api_version = {});
    /// The text of `partitions.json` (first one along the path).
    [[nodiscard]] Result<std::shared_ptr<const std::string>> partitions_text();
    /// The text of `endpoints.json` (first one along the path).
    [[nodiscard]] Result<std::shared_ptr<const std::string>> endpoints_text();

    /// Every service name with a model somewhere along the path, sorted.
    [[nodiscard]] std::vector<std::string> available_services() const;
    /// The API versions of a service along the path, newest first.
    [[nodiscard]] std::vector<std::string> api_versions(std::string_view service) const;

    [[nodiscard]] const DataPath& data_path() const noexcept { return path_; }

private:
    struct Located {
        std::string dir;        // <data dir>/<service>/<version>
        std::string version;
    };
    Result<Located> locate(std::string_view service, std::string_view api_version,
                           const char* file_stem) const;
    Result<std::string> read_maybe_gz(const std::string& base) const;
    Result<std::shared_ptr<const std::string>> top_level_text(const char* stem,
                                                              std::shared_ptr<const std::string>& slot);

    DataPath path_;
    std::shared_ptr<const FileSystem> fs_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const ServiceModel>, std::less<>> models_;
    std::map<std::string, std::shared_ptr<const std::string>, std::less<>> rule_sets_;
    std::shared_ptr<const std::string> partitions_;
    std::shared_ptr<const std::string> endpoints_;
};

/// Inflates gzip or zlib data (a `.json.gz` model). Errors name `source`.
[[nodiscard]] Result<std::string> inflate_gzip(std::string_view compressed, std::string_view source);

}  // namespace awsreq::model
