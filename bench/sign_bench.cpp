// Signing speed: the SigV4 hot path against its floor (hashing the canonical request plus one
// HMAC with a cached key), and large bodies against plain SHA-256.
#include <awsreq/core/crypto.hpp>
#include <awsreq/signing/sigv4.hpp>

#include <benchmark/benchmark.h>

using namespace awsreq;

namespace {

const Credentials kCreds{"AKIDEXAMPLE", SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")};
const Timestamp kTime = unwrap(parse_timestamp("20150830T123600Z"));

void BM_SignSmallGet(benchmark::State& state) {
    SignedRequest req{"GET", "https://sqs.us-east-1.amazonaws.com/?Action=ListQueues&Version=2012-11-05",
                      {{"Host", "sqs.us-east-1.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}}, ""};
    SigningParams p{"sqs", "us-east-1", kTime};
    for (auto _ : state) {
        auto r = sign(view(req), kCreds, p);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_SignSmallGet);

SignedRequest post_with_body(std::size_t n) {
    std::string body = "{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"";
    while (body.size() + 8 < n) body += 'x';
    body += "\"}}}";
    body.resize(n, ' ');
    return SignedRequest{"POST", "https://dynamodb.us-east-1.amazonaws.com/",
                         {{"Content-Type", "application/x-amz-json-1.0"},
                          {"X-Amz-Target", "DynamoDB_20120810.PutItem"},
                          {"Content-Length", std::to_string(n)}},
                         body};
}

void BM_Sign1KiBPost(benchmark::State& state) {
    auto req = post_with_body(1024);
    SigningParams p{"dynamodb", "us-east-1", kTime};
    for (auto _ : state) {
        auto r = sign(view(req), kCreds, p);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * 1024);
}
BENCHMARK(BM_Sign1KiBPost);

void BM_Sign1MiBPost(benchmark::State& state) {
    auto req = post_with_body(1 << 20);
    SigningParams p{"dynamodb", "us-east-1", kTime};
    for (auto _ : state) {
        auto r = sign(view(req), kCreds, p);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) << 20);
}
BENCHMARK(BM_Sign1MiBPost)->Unit(benchmark::kMicrosecond);

// The owned overload: the caller hands its request over, so the body is moved, not copied. The
// request is rebuilt outside the timed region each iteration.
void BM_Sign1MiBPostOwned(benchmark::State& state) {
    const auto req = post_with_body(1 << 20);
    SigningParams p{"dynamodb", "us-east-1", kTime};
    for (auto _ : state) {
        state.PauseTiming();
        SignedRequest mine = req;
        state.ResumeTiming();
        auto r = sign(std::move(mine), kCreds, p);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) << 20);
}
BENCHMARK(BM_Sign1MiBPostOwned)->Unit(benchmark::kMicrosecond);

void BM_PresignS3Get(benchmark::State& state) {
    SignedRequest req{"GET", "https://examplebucket.s3.amazonaws.com/test.txt", {}, ""};
    SigningParams p{"s3", "us-east-1", kTime, s3_presign_options(std::chrono::seconds(86400))};
    for (auto _ : state) {
        auto r = sign(view(req), kCreds, p);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_PresignS3Get);

// What any signer must do at least for one request: SHA-256 of its canonical request, then one
// HMAC of the string to sign with a key whose pads are precomputed.
void floor_loop(benchmark::State& state, const std::string& creq, std::string_view service) {
    HmacSha256Key key(derive_signing_key(kCreds.secret_access_key.reveal(), "20150830", "us-east-1", service).k_signing);
    const std::string sts_head =
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/" + std::string(service) + "/aws4_request\n";
    for (auto _ : state) {
        std::string sts = sts_head;
        sts += sha256_hex(creq);
        auto sig = key.mac(sts);
        benchmark::DoNotOptimize(sig);
    }
}

// The floor for BM_SignSmallGet.
void BM_FloorSmallGet(benchmark::State& state) {
    floor_loop(state,
               "GET\n/\nAction=ListQueues&Version=2012-11-05\nhost:sqs.us-east-1.amazonaws.com\n"
               "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
               "sqs");
}
BENCHMARK(BM_FloorSmallGet);

// The floor for BM_PresignS3Get; its canonical request comes from the signer's own steps,
// outside the timed loop.
void BM_FloorPresignS3Get(benchmark::State& state) {
    SignedRequest req{"GET", "https://examplebucket.s3.amazonaws.com/test.txt", {}, ""};
    SigningParams p{"s3", "us-east-1", kTime, s3_presign_options(std::chrono::seconds(86400))};
    floor_loop(state, unwrap(signing_steps(view(req), kCreds, p)).canonical_request.to_string(), "s3");
}
BENCHMARK(BM_FloorPresignS3Get);

void BM_Sha256_1MiB(benchmark::State& state) {
    std::string body(1 << 20, 'x');
    for (auto _ : state) {
        auto d = sha256(body);
        benchmark::DoNotOptimize(d);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) << 20);
}
BENCHMARK(BM_Sha256_1MiB)->Unit(benchmark::kMicrosecond);

void BM_DeriveSigningKey(benchmark::State& state) {
    for (auto _ : state) {
        auto d = derive_signing_key(kCreds.secret_access_key.reveal(), "20150830", "us-east-1", "sqs");
        benchmark::DoNotOptimize(d);
    }
}
BENCHMARK(BM_DeriveSigningKey);

}  // namespace

