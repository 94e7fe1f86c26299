// Small inline rule sets and partitions for the endpoints unit tests.
#pragma once

#include <awsreq/endpoints/resolver.hpp>
#include <test_support.hpp>

#include <string>

namespace awsreq::test {

inline const endpoints::Partitions& tiny_partitions() {
    static const endpoints::Partitions p = endpoints::Partitions::parse(R"({"partitions": [
      {"id": "aws", "regionRegex": "^(us|eu)\\-\\w+\\-\\d+$", "regions": {"aws-global": {}},
       "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
                   "supportsFIPS": true, "supportsDualStack": true}},
      {"id": "aws-cn", "regionRegex": "^cn\\-\\w+\\-\\d+$", "regions": {"cn-north-1": {}},
       "outputs": {"name": "aws-cn", "dnsSuffix": "amazonaws.com.cn", "dualStackDnsSuffix": "api.amazonwebservices.com.cn",
                   "supportsFIPS": true, "supportsDualStack": true}}]})")
                                                  .value();
    return p;
}

/// A rule set with `params` (JSON object text) and `rules` (JSON array text).
inline Result<endpoints::RuleSet> rule_set(const std::string& params, const std::string& rules) {
    return endpoints::RuleSet::parse(R"({"version": "1.0", "parameters": )" + params + R"(, "rules": )" + rules + "}",
                                     "inline.json");
}

/// Resolves with a rule set that returns `{"url": URL_EXPR}` after `conditions` (JSON array
/// text), so a test can observe a function's result through the URL.
inline Result<endpoints::ResolvedEndpoint> eval(const std::string& params, const std::string& rules,
                                                const endpoints::EndpointParams& values) {
    auto rs = rule_set(params, rules);
    if (!rs) return rs.failure();
    return endpoints::evaluate(*rs, tiny_partitions(), values);
}

}  // namespace awsreq::test
