// Event-stream framing and message signing.
#include <awsreq/signing/event_stream.hpp>

#include <awsreq/core/encoding.hpp>

#include <zlib.h>

#include <cstring>
#include <limits>

namespace awsreq {
namespace {

constexpr std::size_t kPreludeSize = 12;  // total length, headers length, prelude CRC
constexpr std::size_t kMinFrameSize = kPreludeSize + 4;

void put_be(std::string& out, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint64_t get_be(std::string_view s, std::size_t pos, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(s[pos + static_cast<std::size_t>(i)]);
    return v;
}

Failure frame_error(const std::string& what) { return fail(error_type::parse_error, "event-stream frame: " + what, "event"); }

Result<void> append_header(std::string& out, const EventStreamHeader& h) {
    if (h.name.empty() || h.name.size() > 255)
        return fail(error_type::invalid_argument, "event-stream header names must be 1 to 255 bytes", "headers");
    out.push_back(static_cast<char>(h.name.size()));
    out.append(h.name);
    auto put_blob = [&](char type, std::string_view blob) -> Result<void> {
        if (blob.size() > 0xffff)
            return fail(error_type::invalid_argument,
                        "event-stream header \"" + h.name + "\" is longer than 65535 bytes", h.name);
        out.push_back(type);
        put_be(out, blob.size(), 2);
        out.append(blob);
        return {};
    };
    return std::visit(
        [&](const auto& v) -> Result<void> {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>) {
                out.push_back(v ? 0 : 1);
            } else if constexpr (std::is_same_v<T, std::int8_t>) {
                out.push_back(2);
                put_be(out, static_cast<std::uint8_t>(v), 1);
            } else if constexpr (std::is_same_v<T, std::int16_t>) {
                out.push_back(3);
                put_be(out, static_cast<std::uint16_t>(v), 2);
            } else if constexpr (std::is_same_v<T, std::int32_t>) {
                out.push_back(4);
                put_be(out, static_cast<std::uint32_t>(v), 4);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                out.push_back(5);
                put_be(out, static_cast<std::uint64_t>(v), 8);
            } else if constexpr (std::is_same_v<T, EventBytes>) {
                return put_blob(6, v.bytes);
            } else if constexpr (std::is_same_v<T, std::string>) {
                return put_blob(7, v);
            } else if constexpr (std::is_same_v<T, EventTimestamp>) {
                out.push_back(8);
                put_be(out, static_cast<std::uint64_t>(v.millis), 8);
            } else {
                out.push_back(9);
                out.append(reinterpret_cast<const char*>(v.bytes.data()), v.bytes.size());
            }
            return {};
        },
        h.value);
}

}  // namespace

std::uint32_t event_stream_crc32(std::string_view bytes) noexcept {
    return static_cast<std::uint32_t>(
        crc32_z(crc32_z(0, nullptr, 0), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()));
}

Result<std::string> encode_event_stream_headers(const std::vector<EventStreamHeader>& headers) {
    std::string out;
    for (const auto& h : headers)
        if (auto r = append_header(out, h); !r) return r.failure();
    return out;
}

Result<std::string> encode_event_stream_message(const EventStreamMessage& message) {
    auto headers = encode_event_stream_headers(message.headers);
    if (!headers) return headers;
    const std::uint64_t total = kMinFrameSize + headers->size() + message.payload.size();
    if (total > std::numeric_limits<std::uint32_t>::max())
        return fail(error_type::invalid_argument, "the event-stream message exceeds 4 GiB", "payload");
    std::string out;
    out.reserve(static_cast<std::size_t>(total));
    put_be(out, total, 4);
    put_be(out, headers->size(), 4);
    put_be(out, event_stream_crc32(out), 4);
    out.append(*headers);
    out.append(message.payload);
    put_be(out, event_stream_crc32(out), 4);
    return out;
}

Result<EventStreamMessage> decode_event_stream_message(std::string_view bytes, std::size_t* consumed) {
    if (bytes.size() < kMinFrameSize) return frame_error("shorter than the 16-byte minimum");
    const std::uint64_t total = get_be(bytes, 0, 4);
    const std::uint64_t headers_len = get_be(bytes, 4, 4);
    if (get_be(bytes, 8, 4) != event_stream_crc32(bytes.substr(0, 8))) return frame_error("prelude CRC mismatch");
    if (total < kMinFrameSize || total > bytes.size()) return frame_error("total length out of range");
    if (headers_len > total - kMinFrameSize) return frame_error("headers length out of range");
    const std::string_view frame = bytes.substr(0, static_cast<std::size_t>(total));
    if (get_be(frame, frame.size() - 4, 4) != event_stream_crc32(frame.substr(0, frame.size() - 4)))
        return frame_error("message CRC mismatch");

    EventStreamMessage msg;
    std::size_t pos = kPreludeSize;
    const std::size_t headers_end = kPreludeSize + static_cast<std::size_t>(headers_len);
    auto need = [&](std::size_t n) { return pos + n <= headers_end; };
    while (pos < headers_end) {
        std::size_t name_len = static_cast<unsigned char>(frame[pos++]);
        if (name_len == 0 || !need(name_len + 1)) return frame_error("truncated header name");
        EventStreamHeader h;
        h.name = std::string(frame.substr(pos, name_len));
        pos += name_len;
        int type = static_cast<unsigned char>(frame[pos++]);
        auto fixed = [&](int n) -> Result<std::uint64_t> {
            if (!need(static_cast<std::size_t>(n))) return frame_error("truncated value of header \"" + h.name + "\"");
            std::uint64_t v = get_be(frame, pos, n);
            pos += static_cast<std::size_t>(n);
            return v;
        };
        switch (type) {
            case 0: h.value = true; break;
            case 1: h.value = false; break;
            case 2: { auto v = fixed(1); if (!v) return v.failure(); h.value = static_cast<std::int8_t>(*v); break; }
            case 3: { auto v = fixed(2); if (!v) return v.failure(); h.value = static_cast<std::int16_t>(*v); break; }
            case 4: { auto v = fixed(4); if (!v) return v.failure(); h.value = static_cast<std::int32_t>(*v); break; }
            case 5: { auto v = fixed(8); if (!v) return v.failure(); h.value = static_cast<std::int64_t>(*v); break; }
            case 6:
            case 7: {
                auto len = fixed(2);
                if (!len) return len.failure();
                if (!need(static_cast<std::size_t>(*len))) return frame_error("truncated value of header \"" + h.name + "\"");
                std::string blob(frame.substr(pos, static_cast<std::size_t>(*len)));
                pos += static_cast<std::size_t>(*len);
                if (type == 6) h.value = EventBytes{std::move(blob)};
                else h.value = std::move(blob);
                break;
            }
            case 8: {
                auto v = fixed(8);
                if (!v) return v.failure();
                h.value = EventTimestamp{static_cast<std::int64_t>(*v)};
                break;
            }
            case 9: {
                if (!need(16)) return frame_error("truncated uuid in header \"" + h.name + "\"");
                EventUuid u;
                std::memcpy(u.bytes.data(), frame.data() + pos, 16);
                pos += 16;
                h.value = u;
                break;
            }
            default: return frame_error("unknown header type " + std::to_string(type) + " for \"" + h.name + "\"");
        }
        msg.headers.push_back(std::move(h));
    }
    msg.payload = std::string(frame.substr(headers_end, frame.size() - 4 - headers_end));
    if (consumed) *consumed = frame.size();
    return msg;
}

SignedEventMessage sign_event_stream_message(std::string_view payload, std::string_view prior_signature,
                                             Timestamp time, const HmacSha256Key& key, std::string_view scope) {
    SignedEventMessage out;
    out.date_header = EventStreamHeader{":date", EventTimestamp{time.time_since_epoch().count() * 1000}};
    std::string encoded_date;
    (void)append_header(encoded_date, out.date_header);  // a fixed, valid header: cannot fail

    out.string_to_sign.reserve(25 + 17 + scope.size() + prior_signature.size() + 132);
    out.string_to_sign.append("AWS4-HMAC-SHA256-PAYLOAD\n").append(format_amz_date(time)).append("\n");
    out.string_to_sign.append(scope).append("\n").append(prior_signature).append("\n");
    hex_append(out.string_to_sign, sha256(encoded_date));
    out.string_to_sign.push_back('\n');
    hex_append(out.string_to_sign, sha256(payload));

    Sha256Digest sig = key.mac(out.string_to_sign);
    hex_append(out.signature, sig);
    out.signature_header =
        EventStreamHeader{":chunk-signature", EventBytes{std::string(reinterpret_cast<const char*>(sig.data()), sig.size())}};
    out.message.headers = {out.date_header, out.signature_header};
    out.message.payload = std::string(payload);
    return out;
}

EventStreamSigner::EventStreamSigner(const Credentials& credentials, std::string region, std::string service,
                                     std::string seed_signature, SigningKeyCache* key_cache)
    : secret_(credentials.secret_access_key),
      region_(std::move(region)),
      service_(std::move(service)),
      prior_(std::move(seed_signature)),
      cache_(key_cache) {}

Result<std::string> EventStreamSigner::sign_frame(const EventStreamMessage& event, Timestamp time) {
    auto payload = encode_event_stream_message(event);
    if (!payload) return payload;
    return sign_payload_frame(*payload, time);
}

Result<std::string> EventStreamSigner::sign_payload_frame(std::string_view payload, Timestamp time) {
    if (secret_.empty())
        return fail(error_type::invalid_credentials, "the secret access key is empty", "secret_access_key");
    if (region_.empty() || service_.empty())
        return fail(error_type::invalid_argument, "the signing region and service must be set",
                    region_.empty() ? "region" : "service");
    std::string date = format_date_stamp(time);
    SigningKeyCache& cache = cache_ ? *cache_ : SigningKeyCache::shared();
    HmacSha256Key key = cache.get(secret_.reveal(), date, region_, service_);
    std::string scope = date + "/" + region_ + "/" + service_ + "/aws4_request";
    SignedEventMessage signed_msg = sign_event_stream_message(payload, prior_, time, key, scope);
    auto frame = encode_event_stream_message(signed_msg.message);
    if (!frame) return frame;
    prior_ = std::move(signed_msg.signature);
    return frame;
}

}  // namespace awsreq
