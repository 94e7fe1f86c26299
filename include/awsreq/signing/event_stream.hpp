// awsreq signing: the AWS event-stream binary framing (application/vnd.amazon.eventstream) and
// the signing of each message, as Transcribe streaming and other bidirectional APIs require.
//
// A frame is: total length (u32) | headers length (u32) | CRC32 of those 8 bytes | headers |
// payload | CRC32 of everything before. Each event sent on a signed stream is wrapped in an
// outer message whose payload is the encoded event and whose headers are `:date` (timestamp)
// and `:chunk-signature` (32 bytes), the signature chaining from the previous one:
//   AWS4-HMAC-SHA256-PAYLOAD \n time \n scope \n previous signature \n
//   hex(sha256(encoded :date header)) \n hex(sha256(payload))
// The first previous signature is the seed: the HTTP request's own signature, signed with
// the payload hash STREAMING-AWS4-HMAC-SHA256-EVENTS. The stream ends with an empty payload.
#pragma once

#include <awsreq/core/crypto.hpp>
#include <awsreq/core/result.hpp>
#include <awsreq/core/secret.hpp>
#include <awsreq/core/time.hpp>
#include <awsreq/signing/credentials.hpp>
#include <awsreq/signing/key_cache.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace awsreq {

/// The x-amz-content-sha256 value of the HTTP request that opens a signed event stream.
inline constexpr std::string_view kEventStreamPayloadHash = "STREAMING-AWS4-HMAC-SHA256-EVENTS";

/// Header value types of the event-stream format (wire type codes 0-9).
struct EventBytes {  ///< byte_array (type 6), distinct from a string
    std::string bytes;
    friend bool operator==(const EventBytes&, const EventBytes&) = default;
};
struct EventTimestamp {  ///< timestamp (type 8): milliseconds since the Unix epoch
    std::int64_t millis = 0;
    friend bool operator==(const EventTimestamp&, const EventTimestamp&) = default;
};
struct EventUuid {  ///< uuid (type 9)
    std::array<std::uint8_t, 16> bytes{};
    friend bool operator==(const EventUuid&, const EventUuid&) = default;
};
/// bool (types 0/1), byte (2), short (3), integer (4), long (5), byte_array (6), string (7),
/// timestamp (8), uuid (9).
using EventHeaderValue = std::variant<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t, EventBytes,
                                      std::string, EventTimestamp, EventUuid>;

struct EventStreamHeader {
    std::string name;
    EventHeaderValue value;
    friend bool operator==(const EventStreamHeader&, const EventStreamHeader&) = default;
};

struct EventStreamMessage {
    std::vector<EventStreamHeader> headers;
    std::string payload;
    friend bool operator==(const EventStreamMessage&, const EventStreamMessage&) = default;
};

/// The headers section as encoded on the wire. Fails on an empty name or one over 255 bytes, or
/// a string/byte array over 65535 bytes.
[[nodiscard]] Result<std::string> encode_event_stream_headers(const std::vector<EventStreamHeader>& headers);

/// One complete frame (prelude, CRCs, headers, payload).
[[nodiscard]] Result<std::string> encode_event_stream_message(const EventStreamMessage& message);

/// Reads one frame from the start of `bytes`, checking both CRCs and every length; `consumed`
/// receives the frame's size. Fails on truncation, a CRC mismatch or an unknown header type.
[[nodiscard]] Result<EventStreamMessage> decode_event_stream_message(std::string_view bytes,
                                                                     std::size_t* consumed = nullptr);

/// CRC-32 (IEEE 802.3, as zlib) used by the framing.
[[nodiscard]] std::uint32_t event_stream_crc32(std::string_view bytes) noexcept;

/// The result of signing one event: the signature (hex; the next message's prior signature),
/// the two headers, and the outer message that carries the event.
struct SignedEventMessage {
    std::string signature;
    std::string string_to_sign;
    EventStreamHeader date_header;       ///< `:date`, the signing time
    EventStreamHeader signature_header;  ///< `:chunk-signature`, the raw 32-byte signature
    EventStreamMessage message;          ///< {:date, :chunk-signature} + payload
};

/// Signs one event payload (the encoded inner message; empty for the end of the stream): a pure
/// function of the payload, the prior signature (hex), the time, the SigV4 signing key and the
/// scope (`date/region/service/aws4_request`, the date matching `time`).
[[nodiscard]] SignedEventMessage sign_event_stream_message(std::string_view payload, std::string_view prior_signature,
                                                           Timestamp time, const HmacSha256Key& key,
                                                           std::string_view scope);

/// Keeps the signature chain of one stream and turns events into signed frames. The key is
/// taken from the cache for each message's date, so a stream may cross midnight.
class EventStreamSigner {
public:
    /// `seed_signature` is the signature of the HTTP request that opened the stream.
    EventStreamSigner(const Credentials& credentials, std::string region, std::string service,
                      std::string seed_signature, SigningKeyCache* key_cache = nullptr);

    /// The encoded outer frame carrying `event` (encoded first), signed at `time`.
    [[nodiscard]] Result<std::string> sign_frame(const EventStreamMessage& event, Timestamp time);
    /// The frame for an already-encoded payload (empty: the end-of-stream frame).
    [[nodiscard]] Result<std::string> sign_payload_frame(std::string_view payload, Timestamp time);
    [[nodiscard]] Result<std::string> end_frame(Timestamp time) { return sign_payload_frame({}, time); }

    [[nodiscard]] const std::string& prior_signature() const noexcept { return prior_; }

private:
    SecretString secret_;
    std::string region_, service_, prior_;
    SigningKeyCache* cache_;
};

}  // namespace awsreq
