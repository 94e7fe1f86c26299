#include <awsreq/client/service_catalog.hpp>

namespace awsreq {

ServiceCatalog::ServiceCatalog(model::DataPath path) : registry_(std::move(path)) {}

Result<std::shared_ptr<const endpoints::EndpointResolver>> ServiceCatalog::resolver(std::string_view service) {
    {
        std::lock_guard lock(mutex_);
        if (auto it = resolvers_.find(service); it != resolvers_.end()) return it->second;
    }
    auto rules_text = registry_.endpoint_rule_set_text(service);
    if (!rules_text) return rules_text.failure();
    std::shared_ptr<const endpoints::Partitions> partitions;
    {
        std::lock_guard lock(mutex_);
        partitions = partitions_;
    }
    if (!partitions) {
        auto text = registry_.partitions_text();
        if (!text) return text.failure();
        auto parsed = endpoints::Partitions::parse(**text, "partitions.json");
        if (!parsed) return parsed.failure();
        partitions = std::make_shared<const endpoints::Partitions>(std::move(*parsed));
    }
    auto rules = endpoints::RuleSet::parse(**rules_text, std::string(service) + "/endpoint-rule-set-1.json");
    if (!rules) return rules.failure();
    auto resolver = std::make_shared<const endpoints::EndpointResolver>(std::move(*rules), *partitions);
    std::lock_guard lock(mutex_);
    if (!partitions_) partitions_ = partitions;
    auto [it, inserted] = resolvers_.emplace(std::string(service), resolver);
    return it->second;
}

Result<Client> ServiceCatalog::client(std::string_view service, ClientConfig config) {
    auto model = registry_.service(service);
    if (!model) return model.failure();
    auto r = resolver(service);
    if (!r) return r.failure();
    return Client::create(*model, *r, std::move(config));
}

}  // namespace awsreq
