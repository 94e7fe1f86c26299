// aws-chunked streaming uploads: framing, the chunk-signature chain and trailing checksums.
#include <awsreq/signing/chunked.hpp>

#include <awsreq/core/encoding.hpp>
#include <awsreq/core/time.hpp>

#include <openssl/evp.h>
#include <zlib.h>

#include <array>
#include <limits>
#include <stdexcept>

namespace awsreq {
namespace {

constexpr std::string_view kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::size_t kSignatureHexLength = 64;
constexpr std::string_view kChunkSignatureKey = ";chunk-signature=";
constexpr std::string_view kTrailerSignatureKey = "x-amz-trailer-signature:";

// CRC-32C (Castagnoli), reflected polynomial 0x82F63B78, table built once.
const std::array<std::uint32_t, 256>& crc32c_table() {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    return table;
}

std::size_t hex_digits(std::uint64_t n) noexcept {
    std::size_t d = 1;
    while (n >= 16) {
        n >>= 4;
        ++d;
    }
    return d;
}

void append_hex_size(std::string& out, std::uint64_t n) {
    char buf[16];
    std::size_t len = hex_digits(n);
    for (std::size_t i = len; i-- > 0;) {
        buf[i] = "0123456789abcdef"[n & 0xf];
        n >>= 4;
    }
    out.append(buf, len);
}

std::string base64_be32(std::uint32_t v) {
    std::array<std::uint8_t, 4> b{static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
                                  static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
    return base64_encode(std::span<const std::uint8_t>(b));
}

bool trailer_mode(StreamingPayload m) { return m != StreamingPayload::signed_chunks; }
bool signed_mode(StreamingPayload m) { return m != StreamingPayload::unsigned_with_trailer; }

Result<void> check_options(const AwsChunkedOptions& o) {
    if (o.chunk_size == 0)
        return fail(error_type::invalid_argument, "the aws-chunked chunk size must be positive", "chunk_size");
    if (trailer_mode(o.mode) && !o.trailing_checksum)
        return fail(error_type::invalid_argument, "a trailer upload needs a trailing checksum algorithm",
                    "trailing_checksum");
    if (!trailer_mode(o.mode) && o.trailing_checksum)
        return fail(error_type::invalid_argument,
                    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD carries no trailer; use a trailer mode for a checksum",
                    "trailing_checksum");
    return {};
}

}  // namespace

std::string_view streaming_payload_hash(StreamingPayload mode) noexcept {
    switch (mode) {
        case StreamingPayload::signed_chunks: return "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
        case StreamingPayload::signed_chunks_with_trailer: return "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
        case StreamingPayload::unsigned_with_trailer: return "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    }
    return {};
}

std::string_view checksum_header_name(ChecksumAlgorithm a) noexcept {
    switch (a) {
        case ChecksumAlgorithm::crc32: return "x-amz-checksum-crc32";
        case ChecksumAlgorithm::crc32c: return "x-amz-checksum-crc32c";
        case ChecksumAlgorithm::sha1: return "x-amz-checksum-sha1";
        case ChecksumAlgorithm::sha256: return "x-amz-checksum-sha256";
    }
    return {};
}

std::size_t checksum_value_length(ChecksumAlgorithm a) noexcept {
    switch (a) {
        case ChecksumAlgorithm::crc32:
        case ChecksumAlgorithm::crc32c: return 8;
        case ChecksumAlgorithm::sha1: return 28;
        case ChecksumAlgorithm::sha256: return 44;
    }
    return 0;
}

// ---------------------------------------------------------------------------------------------
// Checksums

struct RunningChecksum::State {
    std::uint32_t crc = 0;
    Sha256 sha256;
    EVP_MD_CTX* sha1 = nullptr;
    ~State() { EVP_MD_CTX_free(sha1); }
};

RunningChecksum::RunningChecksum(ChecksumAlgorithm algorithm)
    : algorithm_(algorithm), state_(std::make_unique<State>()) {
    if (algorithm == ChecksumAlgorithm::crc32) state_->crc = static_cast<std::uint32_t>(crc32_z(0, nullptr, 0));
    if (algorithm == ChecksumAlgorithm::crc32c) state_->crc = 0xFFFFFFFFu;
    if (algorithm == ChecksumAlgorithm::sha1) {
        state_->sha1 = EVP_MD_CTX_new();
        if (!state_->sha1 || EVP_DigestInit_ex(state_->sha1, EVP_sha1(), nullptr) != 1)
            throw std::runtime_error("the crypto library could not start SHA-1");
    }
}
RunningChecksum::~RunningChecksum() = default;
RunningChecksum::RunningChecksum(RunningChecksum&&) noexcept = default;
RunningChecksum& RunningChecksum::operator=(RunningChecksum&&) noexcept = default;

void RunningChecksum::update(std::string_view data) {
    auto bytes = reinterpret_cast<const unsigned char*>(data.data());
    switch (algorithm_) {
        case ChecksumAlgorithm::crc32:
            state_->crc = static_cast<std::uint32_t>(crc32_z(state_->crc, bytes, data.size()));
            break;
        case ChecksumAlgorithm::crc32c: {
            const auto& t = crc32c_table();
            std::uint32_t c = state_->crc;
            for (std::size_t i = 0; i < data.size(); ++i) c = t[(c ^ bytes[i]) & 0xff] ^ (c >> 8);
            state_->crc = c;
            break;
        }
        case ChecksumAlgorithm::sha1:
            EVP_DigestUpdate(state_->sha1, bytes, data.size());
            break;
        case ChecksumAlgorithm::sha256:
            state_->sha256.update(data);
            break;
    }
}

std::string RunningChecksum::finish() {
    switch (algorithm_) {
        case ChecksumAlgorithm::crc32: return base64_be32(state_->crc);
        case ChecksumAlgorithm::crc32c: return base64_be32(state_->crc ^ 0xFFFFFFFFu);
        case ChecksumAlgorithm::sha1: {
            std::array<std::uint8_t, EVP_MAX_MD_SIZE> d{};
            unsigned len = 0;
            EVP_DigestFinal_ex(state_->sha1, d.data(), &len);
            return base64_encode(std::span<const std::uint8_t>(d.data(), len));
        }
        case ChecksumAlgorithm::sha256: {
            Sha256Digest d = state_->sha256.finish();
            return base64_encode(std::span<const std::uint8_t>(d));
        }
    }
    return {};
}

std::string checksum_base64(ChecksumAlgorithm algorithm, std::string_view data) {
    RunningChecksum c(algorithm);
    c.update(data);
    return c.finish();
}

// ---------------------------------------------------------------------------------------------
// Framing arithmetic

Result<std::uint64_t> aws_chunked_content_length(const AwsChunkedOptions& o) {
    if (auto r = check_options(o); !r) return r.failure();
    const bool sig = signed_mode(o.mode);
    const std::uint64_t per_chunk_meta = (sig ? kChunkSignatureKey.size() + kSignatureHexLength : 0) + 4;  // 2 CRLFs
    const std::uint64_t full = o.decoded_length / o.chunk_size;
    const std::uint64_t rest = o.decoded_length % o.chunk_size;
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max() / 4;
    if (o.decoded_length > kMax)
        return fail(error_type::invalid_argument, "the decoded length is too large", "decoded_length");
    std::uint64_t total = o.decoded_length;
    total += full * (hex_digits(o.chunk_size) + per_chunk_meta);
    if (rest) total += hex_digits(rest) + per_chunk_meta;
    // Final chunk: "0" + (";chunk-signature=" + sig) + CRLF.
    total += 1 + (sig ? kChunkSignatureKey.size() + kSignatureHexLength : 0) + 2;
    if (o.trailing_checksum) {
        total += checksum_header_name(*o.trailing_checksum).size() + 1 + checksum_value_length(*o.trailing_checksum) + 2;
        if (sig) total += kTrailerSignatureKey.size() + kSignatureHexLength + 2;
    }
    total += 2;  // the closing CRLF
    return total;
}

// ---------------------------------------------------------------------------------------------
// Chunk signatures

ChunkSigner::ChunkSigner(const HmacSha256Key& key, std::string_view amz_date, std::string_view scope) : key_(key) {
    prefix_.append("AWS4-HMAC-SHA256-PAYLOAD\n").append(amz_date).append("\n").append(scope).append("\n");
    trailer_prefix_.append("AWS4-HMAC-SHA256-TRAILER\n").append(amz_date).append("\n").append(scope).append("\n");
}

std::string ChunkSigner::chunk_signature(std::string_view data, std::string_view previous) const {
    std::string tail;
    tail.reserve(1 + kEmptySha256.size() + 1 + 64);
    tail.push_back('\n');
    tail.append(kEmptySha256);
    tail.push_back('\n');
    hex_append(tail, sha256(data));
    std::string out;
    hex_append(out, key_.mac({prefix_, previous, tail}));
    return out;
}

std::string ChunkSigner::frame_chunk(std::string_view data, std::string_view previous, std::string* signature_out) const {
    std::string sig = chunk_signature(data, previous);
    std::string out;
    out.reserve(data.size() + 16 + kChunkSignatureKey.size() + sig.size() + 4);
    append_hex_size(out, data.size());
    out.append(kChunkSignatureKey).append(sig).append("\r\n").append(data).append("\r\n");
    if (signature_out) *signature_out = std::move(sig);
    return out;
}

std::string ChunkSigner::trailer_signature(std::string_view canonical_trailers, std::string_view previous) const {
    std::string tail = "\n";
    hex_append(tail, sha256(canonical_trailers));
    std::string out;
    hex_append(out, key_.mac({trailer_prefix_, previous, tail}));
    return out;
}

// ---------------------------------------------------------------------------------------------
// Encoder

AwsChunkedEncoder::AwsChunkedEncoder(AwsChunkedOptions options, ChunkSigner signer, std::string seed_signature)
    : options_(options), signer_(std::move(signer)), previous_(std::move(seed_signature)) {
    if (options_.trailing_checksum) checksum_.emplace(*options_.trailing_checksum);
}
AwsChunkedEncoder::~AwsChunkedEncoder() = default;
AwsChunkedEncoder::AwsChunkedEncoder(AwsChunkedEncoder&&) noexcept = default;
AwsChunkedEncoder& AwsChunkedEncoder::operator=(AwsChunkedEncoder&&) noexcept = default;

Result<std::string> AwsChunkedEncoder::encode(std::string_view data) {
    if (finished_) return fail(error_type::invalid_argument, "the aws-chunked body is already finished", "chunk");
    if (data.empty())
        return fail(error_type::invalid_argument, "an empty chunk would end the body; call finish()", "chunk");
    if (data.size() > options_.decoded_length - encoded_)
        return fail(error_type::invalid_argument,
                    "the chunks exceed the declared decoded length of " + std::to_string(options_.decoded_length),
                    "decoded_length");
    encoded_ += data.size();
    if (checksum_) checksum_->update(data);
    if (signed_mode(options_.mode)) return signer_.frame_chunk(data, previous_, &previous_);
    std::string out;
    out.reserve(data.size() + 20);
    append_hex_size(out, data.size());
    out.append("\r\n").append(data).append("\r\n");
    return out;
}

Result<std::string> AwsChunkedEncoder::finish() {
    if (finished_) return fail(error_type::invalid_argument, "the aws-chunked body is already finished", "chunk");
    if (encoded_ != options_.decoded_length)
        return fail(error_type::invalid_argument,
                    "only " + std::to_string(encoded_) + " of the declared " + std::to_string(options_.decoded_length) +
                        " bytes were encoded",
                    "decoded_length");
    finished_ = true;
    std::string out;
    if (signed_mode(options_.mode)) out = signer_.frame_chunk({}, previous_, &previous_);
    else out = "0\r\n";
    if (checksum_) {
        std::string value = checksum_->finish();
        std::string canonical;
        canonical.append(checksum_header_name(checksum_->algorithm())).append(":").append(value);
        if (signed_mode(options_.mode)) {
            // The zero-length chunk's framing already ended in CRLF; its data CRLF is not sent
            // before trailers, so drop it.
            out.resize(out.size() - 2);
        }
        out.append(canonical).append("\r\n");
        if (signed_mode(options_.mode)) {
            canonical.push_back('\n');
            std::string sig = signer_.trailer_signature(canonical, previous_);
            out.append(kTrailerSignatureKey).append(sig).append("\r\n");
            previous_ = std::move(sig);
        }
        out.append("\r\n");
    } else if (!signed_mode(options_.mode)) {
        out.append("\r\n");
    }
    return out;
}

Result<std::string> AwsChunkedEncoder::encode_all(std::string_view payload) {
    std::string out;
    while (!payload.empty()) {
        std::string_view piece = payload.substr(0, options_.chunk_size);
        payload.remove_prefix(piece.size());
        auto framed = encode(piece);
        if (!framed) return framed;
        out.append(*framed);
    }
    auto tail = finish();
    if (!tail) return tail;
    out.append(*tail);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Seed request

Result<AwsChunkedUpload> sign_aws_chunked(const RequestView& req, const Credentials& creds, const SigningParams& params,
                                          const AwsChunkedOptions& options) {
    auto length = aws_chunked_content_length(options);
    if (!length) return length.failure();

    HeaderList headers;
    std::string content_encoding = "aws-chunked";
    if (req.headers)
        for (const auto& h : *req.headers) {
            if (iequals(h.name, "content-encoding")) {
                if (h.value != "aws-chunked") content_encoding.append(",").append(h.value);
                continue;
            }
            if (iequals(h.name, "content-length") || iequals(h.name, "x-amz-decoded-content-length") ||
                iequals(h.name, "x-amz-content-sha256") || iequals(h.name, "x-amz-trailer"))
                continue;
            headers.add(h.name, h.value);
        }
    headers.add("Content-Encoding", std::move(content_encoding));
    headers.add("x-amz-decoded-content-length", std::to_string(options.decoded_length));
    headers.add("Content-Length", std::to_string(*length));
    if (options.trailing_checksum) headers.add("x-amz-trailer", std::string(checksum_header_name(*options.trailing_checksum)));

    SigningParams p = params;
    p.options.location = SignatureLocation::header;
    p.options.payload = PayloadSigning::precomputed;
    p.options.payload_hash = std::string(streaming_payload_hash(options.mode));
    p.options.content_sha256 = ContentSha256Header::add;
    const bool keep_trace = p.options.record_trace;
    p.options.record_trace = true;
    auto signed_req = sign(RequestView{req.method, req.url, &headers, {}}, creds, p);
    if (!signed_req) return signed_req.failure();
    std::string seed = signed_req->trace->signature;
    if (!keep_trace) signed_req->trace.reset();

    std::string amz_date = format_amz_date(params.time);
    std::string date = amz_date.substr(0, 8);
    std::string scope = date + "/" + std::string(params.region) + "/" + std::string(params.service) + "/aws4_request";
    SigningKeyCache& cache = params.key_cache ? *params.key_cache : SigningKeyCache::shared();
    HmacSha256Key key = cache.get(creds.secret_access_key.reveal(), date, params.region, params.service);
    ChunkSigner signer(key, amz_date, scope);
    return AwsChunkedUpload{std::move(*signed_req), AwsChunkedEncoder(options, std::move(signer), std::move(seed))};
}

}  // namespace awsreq
