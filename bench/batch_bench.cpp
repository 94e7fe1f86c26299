// `awsreq batch` per-line speed, in-process: one JSON line in, one JSON line out, through the
// same BatchProcessor the command uses (clients already made by a first line).
#include "services.hpp"

#include <awsreq/config/env.hpp>

#include <benchmark/benchmark.h>

#include <string>

using namespace awsreq;

namespace {

const char* kDataDir = "/usr/lib/python3/dist-packages/botocore/data";

// The configuration of a shell with AWS_REGION=us-east-1 and no config files.
Result<config::ResolvedConfig> bench_config() {
    return config::resolve_config({}, config::map_env({{"AWS_REGION", "us-east-1"}}), config::ProfileSet{});
}

Credentials bench_credentials() {
    return Credentials{"AKIDEXAMPLE", SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")};
}

void run_lines(benchmark::State& state, const std::string& line) {
    cli::BatchProcessor batch(model::DataPath{{kDataDir}}, bench_config(), bench_credentials(),
                              unwrap(parse_timestamp("20150830T123600Z")));
    std::string out;
    batch.line(line, out);  // loads the model and rules, makes the client
    if (out.find("{\"error\"") == 0) {
        state.SkipWithError(out.c_str());
        return;
    }
    std::size_t bytes = 0;
    for (auto _ : state) {
        out.clear();
        batch.line(line, out);
        bytes += out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.counters["out_bytes_per_line"] = static_cast<double>(bytes) / static_cast<double>(state.iterations());
}

// The batch target: an S3 GetObject presign line (well over 100,000 lines per second).
void BM_BatchS3PresignLine(benchmark::State& state) {
    run_lines(state, R"({"service":"s3","operation":"GetObject","params":{"Bucket":"examplebucket","Key":"photos/2024/a.jpg"},"region":"us-east-1","time":"20150830T123600Z","presign":3600})");
}
BENCHMARK(BM_BatchS3PresignLine);

// A header-signed DynamoDB PutItem line, JSON body in the output.
void BM_BatchDynamoDBPutItemLine(benchmark::State& state) {
    run_lines(state, R"({"service":"dynamodb","operation":"PutItem","params":{"TableName":"bench","Item":{"pk":{"S":"user#1"},"n":{"N":"42"}}},"region":"us-east-1","time":"20150830T123600Z"})");
}
BENCHMARK(BM_BatchDynamoDBPutItemLine);

// A bad line (unknown operation): errors must not be slow either.
void BM_BatchErrorLine(benchmark::State& state) {
    cli::BatchProcessor batch(model::DataPath{{kDataDir}}, bench_config(), bench_credentials(),
                              unwrap(parse_timestamp("20150830T123600Z")));
    const std::string line = R"({"service":"s3","operation":"NoSuchOperation","params":{},"region":"us-east-1"})";
    std::string out;
    for (auto _ : state) {
        out.clear();
        batch.line(line, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_BatchErrorLine);

}  // namespace
