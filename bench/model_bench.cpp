// Benchmarks of the model and protocols layers: cold model loading and request serialization.
#include <benchmark/benchmark.h>

#include <awsreq/model/registry.hpp>
#include <awsreq/model/service_model.hpp>

#include <fstream>
#include <sstream>

namespace {

const char* kS3Model = "/usr/lib/python3/dist-packages/botocore/data/s3/2006-03-01/service-2.json";

std::string slurp(const char* path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Parse and index S3's service-2.json from text already in memory (what a first client pays
// after the file read). botocore needs about 100 ms for the same.
void BM_LoadS3Model(benchmark::State& state) {
    const std::string text = slurp(kS3Model);
    if (text.empty()) {
        state.SkipWithError("python3-botocore's S3 model is not installed");
        return;
    }
    for (auto _ : state) {
        auto model = awsreq::model::ServiceModel::from_json_text(text, "s3");
        if (!model) state.SkipWithError(model.error().message.c_str());
        benchmark::DoNotOptimize(model);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_LoadS3Model)->Unit(benchmark::kMillisecond);

}  // namespace

#include <awsreq/protocols/serialize.hpp>

namespace {

// Validation + serialization of a small DynamoDB PutItem (model already loaded).
void BM_SerializeDynamoDBPutItem(benchmark::State& state) {
    awsreq::model::ModelRegistry reg(awsreq::model::DataPath{{"/usr/lib/python3/dist-packages/botocore/data"}});
    auto model = reg.service("dynamodb");
    if (!model) {
        state.SkipWithError("python3-botocore's DynamoDB model is not installed");
        return;
    }
    const auto* op = (*model)->find_operation("PutItem");
    const awsreq::Json params =
        awsreq::Json::parse(R"({"TableName": "bench", "Item": {"pk": {"S": "user#1"}, "n": {"N": "42"}}})");
    for (auto _ : state) {
        auto r = awsreq::protocols::serialize(**model, *op, params);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_SerializeDynamoDBPutItem);

}  // namespace
