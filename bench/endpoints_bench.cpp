// Endpoint resolution speed: loading S3's 1.4 MB rule set, and resolving a virtual-hosted
// GetObject endpoint with and without the resolver's cache.
#include <awsreq/endpoints/resolver.hpp>

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::string& s3_rules_text() {
    static const std::string text = read(std::string(AWSREQ_TESTDATA) + "/endpoints/s3/endpoint-rule-set-1.json");
    return text;
}

awsreq::endpoints::EndpointResolver make_resolver(std::size_t cache_capacity) {
    using namespace awsreq::endpoints;
    auto rules = RuleSet::parse(s3_rules_text()).value();
    auto partitions = Partitions::parse(read(std::string(AWSREQ_TESTDATA) + "/endpoints/partitions.json")).value();
    return EndpointResolver(std::move(rules), std::move(partitions), ResolverOptions{.cache_capacity = cache_capacity});
}

awsreq::endpoints::EndpointParams get_object_params(std::string key) {
    return {{"Region", std::string("us-west-2")}, {"Bucket", std::string("mybucket")}, {"Key", std::move(key)},
            {"UseFIPS", false},  {"UseDualStack", false}, {"ForcePathStyle", false}, {"Accelerate", false}};
}

void BM_LoadS3Rules(benchmark::State& state) {
    const std::string& text = s3_rules_text();
    for (auto _ : state) {
        auto rules = awsreq::endpoints::RuleSet::parse(text);
        benchmark::DoNotOptimize(rules);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_LoadS3Rules)->Unit(benchmark::kMillisecond);

void BM_ResolveEndpointS3Uncached(benchmark::State& state) {
    auto resolver = make_resolver(0);
    auto params = get_object_params("photos/2024/a.jpg");
    for (auto _ : state) {
        auto ep = resolver.resolve(params);
        benchmark::DoNotOptimize(ep);
    }
}
BENCHMARK(BM_ResolveEndpointS3Uncached);

// A hot client: every request carries a different object Key, which the S3 rule set does not
// declare, so every resolution after the first is a cache hit.
void BM_ResolveEndpointS3Cached(benchmark::State& state) {
    auto resolver = make_resolver(512);
    std::vector<awsreq::endpoints::EndpointParams> requests;
    for (int i = 0; i < 64; ++i) requests.push_back(get_object_params("photos/" + std::to_string(i) + ".jpg"));
    std::size_t i = 0;
    for (auto _ : state) {
        auto ep = resolver.resolve(requests[i++ & 63]);
        benchmark::DoNotOptimize(ep);
    }
    if (resolver.cache_size() != 1) state.SkipWithError("the object Key defeated the cache");
}
BENCHMARK(BM_ResolveEndpointS3Cached);

}  // namespace
