// awsreq client: services loaded from a botocore data path, shared by every client.
#pragma once

#include <awsreq/client/client.hpp>
#include <awsreq/model/registry.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace awsreq {

/// Loads each service's model and endpoint rules once (on first use) from a data path, and
/// makes clients over them. Thread safe; clients share the loaded data.
class ServiceCatalog {
public:
    explicit ServiceCatalog(model::DataPath path);

    /// A client for `service` (e.g. "s3", "dynamodb"). UnknownServiceError when the data path
    /// has no such service.
    [[nodiscard]] Result<Client> client(std::string_view service, ClientConfig config);

    /// The endpoint resolver of `service` (rule set and partitions compiled once).
    [[nodiscard]] Result<std::shared_ptr<const endpoints::EndpointResolver>> resolver(std::string_view service);

    [[nodiscard]] model::ModelRegistry& registry() noexcept { return registry_; }

private:
    model::ModelRegistry registry_;
    std::mutex mutex_;
    std::shared_ptr<const endpoints::Partitions> partitions_;
    std::map<std::string, std::shared_ptr<const endpoints::EndpointResolver>, std::less<>> resolvers_;
};

}  // namespace awsreq
