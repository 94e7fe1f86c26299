// Advanced signing speed: SigV4A (ECDSA P-256 with a cached derived key) and one aws-chunked
// 64 KiB chunk (SHA-256 of the chunk plus one HMAC), each against its floor.
#include <awsreq/core/crypto.hpp>
#include <awsreq/signing/chunked.hpp>
#include <awsreq/signing/event_stream.hpp>
#include <awsreq/signing/sigv4a.hpp>

#include <benchmark/benchmark.h>

using namespace awsreq;

namespace {

const Credentials kV4aCreds{"AKIDEXAMPLE", SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")};
const Timestamp kV4aTime = unwrap(parse_timestamp("20150830T123600Z"));

void BM_SignV4aSmallGet(benchmark::State& state) {
    SignedRequest req{"GET", "https://example.amazonaws.com/?Action=ListQueues&Version=2012-11-05",
                      {{"Host", "example.amazonaws.com"}}, ""};
    SigV4aKeyCache cache;
    SigningParamsV4a p{"sqs", {"us-east-1", "us-west-2"}, kV4aTime, {}, &cache};
    for (auto _ : state) {
        auto r = sign_sigv4a(view(req), kV4aCreds, p);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_SignV4aSmallGet);

// The floor of the above: one ECDSA signature over a string to sign of the same size.
void BM_EcdsaP256SignOnly(benchmark::State& state) {
    auto key = unwrap(derive_sigv4a_key("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    std::string sts(120, 's');
    for (auto _ : state) {
        auto r = key.sign(sts);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_EcdsaP256SignOnly);

void BM_DeriveSigV4aKey(benchmark::State& state) {
    for (auto _ : state) {
        auto k = derive_sigv4a_key("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        benchmark::DoNotOptimize(k);
    }
}
BENCHMARK(BM_DeriveSigV4aKey);

ChunkSigner bench_chunk_signer() {
    auto k = derive_signing_key("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524", "us-east-1", "s3");
    return ChunkSigner(HmacSha256Key(k.k_signing), "20130524T000000Z", "20130524/us-east-1/s3/aws4_request");
}

void BM_ChunkSign64KiB(benchmark::State& state) {
    ChunkSigner signer = bench_chunk_signer();
    const std::string chunk(64 * 1024, 'a');
    std::string previous(64, '0');
    for (auto _ : state) {
        std::string framed = signer.frame_chunk(chunk, previous, &previous);
        benchmark::DoNotOptimize(framed);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(chunk.size()));
}
BENCHMARK(BM_ChunkSign64KiB);

// The floor of the above: SHA-256 of 64 KiB.
void BM_Sha256_64KiB(benchmark::State& state) {
    const std::string chunk(64 * 1024, 'a');
    for (auto _ : state) benchmark::DoNotOptimize(sha256(chunk));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(chunk.size()));
}
BENCHMARK(BM_Sha256_64KiB);

void BM_EventStreamSignFrame(benchmark::State& state) {
    SigningKeyCache cache;
    EventStreamSigner signer(kV4aCreds, "us-east-1", "transcribe", std::string(64, '0'), &cache);
    EventStreamMessage audio{{{":message-type", std::string("event")}, {":event-type", std::string("AudioEvent")}},
                             std::string(3200, '\x01')};
    for (auto _ : state) {
        auto frame = signer.sign_frame(audio, kV4aTime);
        benchmark::DoNotOptimize(frame);
    }
}
BENCHMARK(BM_EventStreamSignFrame);

}  // namespace
