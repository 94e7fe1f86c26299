// awsreq batch: JSON Lines in, one JSON line out per input line (cli-contract.md, command 3).
// One bad line never stops the batch: it becomes {"error": {...}} and the next line follows.
#include "cli.hpp"
#include "common.hpp"
#include "services.hpp"

#include <awsreq/core/encoding.hpp>
#include <awsreq/http/raw_request.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <unordered_map>

namespace awsreq::cli {
namespace {

constexpr const char* kHelp = R"(usage: awsreq batch [--data-path DIR] < lines.jsonl

Reads one JSON object per line:
  {"service": "s3", "operation": "PutObject", "params": {...}, "region": "us-east-1",
   "time": "20150830T123600Z", "endpoint_url": "...", "presign": SECONDS,
   "config": {"s3": {"addressing_style": "path"}, "use_fips_endpoint": true, ...}}
and writes, in order, one line each: the signed request as JSON, for "presign" the URL with
the headers to send, or {"error": {"type": ..., "message": ...}}.
Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.
)";

constexpr const char* kLineError = "InvalidBatchLineError";

void append_json_string(std::string& out, std::string_view s);

void append_error(std::string& out, const Error& e) {
    out += "{\"error\":{\"type\":";
    append_json_string(out, e.type);
    out += ",\"message\":";
    append_json_string(out, e.message);
    out += "}}";
}

// Each setter reads one setting's JSON value into the config, naming the field on error.
Result<void> set_regional(const Json& v, const char* field, endpoints::RegionalEndpoints& out) {
    if (v == "regional") out = endpoints::RegionalEndpoints::regional;
    else if (v == "legacy") out = endpoints::RegionalEndpoints::legacy;
    else return fail(kLineError, std::string("config ") + field + " must be \"regional\" or \"legacy\"", field);
    return {};
}

template <class Bool>  // bool, or std::optional<bool> for settings that may stay unset
Result<void> set_bool(const Json& v, const char* field, Bool& out) {
    if (v.is_boolean()) out = v.get<bool>();
    else if (v == "true") out = true;
    else if (v == "false") out = false;
    else return fail(kLineError, std::string("config ") + field + " must be a boolean", field);
    return {};
}

Result<void> set_addressing_style(const Json& v, endpoints::S3AddressingStyle& out) {
    if (v == "path") out = endpoints::S3AddressingStyle::path;
    else if (v == "virtual") out = endpoints::S3AddressingStyle::virtual_hosted;
    else if (v == "auto") out = endpoints::S3AddressingStyle::automatic;
    else return fail(kLineError, "s3.addressing_style must be auto, virtual or path", "s3.addressing_style");
    return {};
}

// The per-line "config" object's "s3" member, as in the AWS config file's s3 section.
Result<void> apply_s3_config(const Json& s3, ClientConfig& c) {
    if (!s3.is_object()) return fail(kLineError, "config \"s3\" must be an object", "s3");
    for (const auto& [k, v] : s3.items()) {
        Result<void> r;
        bool dualstack = false;
        if (k == "addressing_style") r = set_addressing_style(v, c.s3_addressing_style);
        else if (k == "use_accelerate_endpoint") r = set_bool(v, "s3.use_accelerate_endpoint", c.s3_use_accelerate_endpoint);
        else if (k == "use_arn_region") r = set_bool(v, "s3.use_arn_region", c.s3_use_arn_region);
        else if (k == "us_east_1_regional_endpoint")
            r = set_regional(v, "s3.us_east_1_regional_endpoint", c.s3_us_east_1_regional_endpoint);
        else if (k == "use_dualstack_endpoint") {
            r = set_bool(v, "s3.use_dualstack_endpoint", dualstack);
            c.use_dualstack_endpoint = c.use_dualstack_endpoint || dualstack;  // either setting turns it on
        } else
            return fail(kLineError, "unknown s3 config setting \"" + k + "\"", "s3." + k);
        if (!r) return r;
    }
    return {};
}

// The per-line "config" object, named like the AWS config file's settings.
Result<void> apply_config(const Json& cfg, ClientConfig& c) {
    if (!cfg.is_object()) return fail(kLineError, "\"config\" must be an object", "config");
    for (const auto& [key, v] : cfg.items()) {
        Result<void> r;
        if (key == "use_fips_endpoint") r = set_bool(v, "use_fips_endpoint", c.use_fips_endpoint);
        else if (key == "use_dualstack_endpoint") r = set_bool(v, "use_dualstack_endpoint", c.use_dualstack_endpoint);
        else if (key == "sts_regional_endpoints") r = set_regional(v, "sts_regional_endpoints", c.sts_regional_endpoints);
        else if (key == "s3") r = apply_s3_config(v, c);
        else return fail(kLineError, "unknown config setting \"" + key + "\"", key);
        if (!r) return r;
    }
    return {};
}

// Appends `s` as a JSON string, escaped exactly as json_quote() does, but copying runs of
// plain characters at once: batch output is mostly long URLs with nothing to escape.
void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    std::size_t run = 0;
    std::size_t i = 0;
    // Eight bytes at a time: skip words with no control character, quote, backslash or DEL.
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    auto has_byte = [](std::uint64_t w, std::uint8_t b) {
        std::uint64_t x = w ^ (kOnes * b);
        return ((x - kOnes) & ~x & kHigh) != 0;
    };
    for (;;) {
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            bool low = ((w - kOnes * 0x20) & ~w & kHigh) != 0;  // some byte < 0x20
            if (low || has_byte(w, '"') || has_byte(w, '\\') || has_byte(w, 0x7f)) break;
        }
        // Byte by byte until the next special character (or the end).
        for (; i < s.size(); ++i) {
            auto c = static_cast<unsigned char>(s[i]);
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) break;
        }
        if (i >= s.size()) break;
        out.append(s.data() + run, i - run);
        json_escape_append(out, s.substr(i, 1));
        run = ++i;
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

// The request JSON of the contract, as to_json() writes it for an absolute URL: headers of the
// same name (any case) joined with ", " under the first one's spelling, "body_base64" for a
// body that is not UTF-8.
void append_request_json(std::string& out, const SignedRequest& r) {
    out += "{\"method\":";
    append_json_string(out, r.method);
    out += ",\"url\":";
    append_json_string(out, r.url);
    out += ",\"headers\":{";
    bool first = true;
    const auto& h = r.headers.items();
    for (std::size_t i = 0; i < h.size(); ++i) {
        bool seen = false;
        for (std::size_t j = 0; j < i && !seen; ++j) seen = iequals(h[j].name, h[i].name);
        if (seen) continue;
        if (!first) out += ',';
        first = false;
        append_json_string(out, h[i].name);
        out += ':';
        bool repeated = false;
        for (std::size_t j = i + 1; j < h.size() && !repeated; ++j) repeated = iequals(h[j].name, h[i].name);
        if (!repeated) {
            append_json_string(out, h[i].value);
            continue;
        }
        std::string value;
        for (std::size_t j = i; j < h.size(); ++j) {
            if (!iequals(h[j].name, h[i].name)) continue;
            if (!value.empty()) value += ", ";
            value += h[j].value;
        }
        append_json_string(out, value);
    }
    out += '}';
    if (is_valid_utf8(r.body)) {
        out += ",\"body\":";
        append_json_string(out, r.body);
    } else {
        out += ",\"body_base64\":";
        append_json_string(out, base64_encode(r.body));
    }
    out += '}';
}

// The fields of one input line, viewing the line itself (fast path) or its parsed document.
struct LineFields {
    std::string_view service;
    std::string_view operation;
    std::optional<std::string_view> region;
    std::optional<std::string_view> time;
    std::optional<std::string_view> endpoint_url;
    std::optional<long long> presign;
    const Json* params = nullptr;
    const Json* config = nullptr;
};

// A reader for the common shape of a line: a flat object of known keys whose strings are plain
// printable ASCII, and an integer "presign". It gives up (returns false) on anything else, and
// the line then goes through the full JSON parser, so every error and every unusual but valid
// line is handled exactly as before. "params" and "config" are parsed by nlohmann::json.
class FastLineReader {
public:
    bool read(std::string_view line, LineFields& f, Json& params, Json& config) {
        s_ = line;
        i_ = 0;
        unsigned seen = 0;
        ws();
        if (!eat('{')) return false;
        ws();
        for (;;) {
            std::string_view key;
            if (!string(key)) return false;
            ws();
            if (!eat(':')) return false;
            ws();
            unsigned bit = 0;
            if (key == "service") bit = 1, ok_ = string(f.service);
            else if (key == "operation") bit = 2, ok_ = string(f.operation);
            else if (key == "region") bit = 4, ok_ = optional_string(f.region);
            else if (key == "time") bit = 8, ok_ = optional_string(f.time);
            else if (key == "endpoint_url") bit = 16, ok_ = optional_string(f.endpoint_url);
            else if (key == "presign") bit = 32, ok_ = presign(f.presign);
            else if (key == "params") bit = 64, ok_ = document(params), f.params = &params;
            else if (key == "config") bit = 128, ok_ = document(config), f.config = &config;
            if (!bit || !ok_ || (seen & bit)) return false;  // unknown or repeated keys: the full parser decides
            seen |= bit;
            ws();
            if (eat('}')) return (seen & 3) == 3 && end();
            if (!eat(',')) return false;
            ws();
        }
    }

private:
    bool end() {
        ws();
        return i_ == s_.size();
    }
    void ws() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n')) ++i_;
    }
    bool eat(char c) {
        if (i_ < s_.size() && s_[i_] == c) {
            ++i_;
            return true;
        }
        return false;
    }
    bool string(std::string_view& out) {
        if (!eat('"')) return false;
        std::size_t start = i_;
        for (; i_ < s_.size(); ++i_) {
            auto c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') {
                out = s_.substr(start, i_ - start);
                ++i_;
                return true;
            }
            if (c < 0x20 || c >= 0x7f || c == '\\') return false;  // escapes, UTF-8: full parser
        }
        return false;
    }
    bool optional_string(std::optional<std::string_view>& out) {
        std::string_view v;
        if (!string(v)) return false;
        out = v;
        return true;
    }
    bool presign(std::optional<long long>& out) {
        if (s_.substr(i_, 4) == "null") {
            i_ += 4;
            return true;
        }
        bool negative = eat('-');
        std::size_t start = i_;
        long long v = 0;
        while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9' && i_ - start < 15) v = v * 10 + (s_[i_++] - '0');
        std::size_t digits = i_ - start;
        if (digits == 0 || (digits > 1 && s_[start] == '0')) return false;
        if (i_ < s_.size() && ((s_[i_] >= '0' && s_[i_] <= '9') || s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E'))
            return false;  // long, fractional or exponent forms: full parser
        out = negative ? -v : v;
        return true;
    }
    // A nested value ("params", "config"): built directly when it only holds objects, arrays,
    // plain ASCII strings, small integers, booleans and null (the usual params); otherwise its
    // extent is found by bracket matching and nlohmann::json parses it strictly.
    bool document(Json& out) {
        std::size_t start = i_;
        if (simple_value(out, 0)) return true;
        i_ = start;
        return parsed_document(out);
    }

    // The simple subset, as nlohmann::json would build it (non-negative integers unsigned).
    bool simple_value(Json& out, int depth) {
        if (depth > 16 || i_ >= s_.size()) return false;
        char c = s_[i_];
        if (c == '"') {
            std::string_view v;
            if (!string(v)) return false;
            out = std::string(v);
            return true;
        }
        if (c == '{') {
            ++i_;
            out = Json::object();
            ws();
            if (eat('}')) return true;
            for (;;) {
                std::string_view key;
                if (!string(key)) return false;
                ws();
                if (!eat(':')) return false;
                ws();
                Json v;
                if (!simple_value(v, depth + 1)) return false;
                if (out.contains(key)) return false;  // repeated key: the full parser's rules
                out.emplace(std::string(key), std::move(v));
                ws();
                if (eat('}')) return true;
                if (!eat(',')) return false;
                ws();
            }
        }
        if (c == '[') {
            ++i_;
            out = Json::array();
            ws();
            if (eat(']')) return true;
            for (;;) {
                Json v;
                if (!simple_value(v, depth + 1)) return false;
                out.push_back(std::move(v));
                ws();
                if (eat(']')) return true;
                if (!eat(',')) return false;
                ws();
            }
        }
        if (s_.substr(i_, 4) == "true") return i_ += 4, out = true, true;
        if (s_.substr(i_, 5) == "false") return i_ += 5, out = false, true;
        if (s_.substr(i_, 4) == "null") return i_ += 4, out = nullptr, true;
        bool negative = eat('-');
        std::size_t digits_start = i_;
        std::uint64_t v = 0;
        while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9' && i_ - digits_start < 15) v = v * 10 + (s_[i_++] - '0');
        std::size_t digits = i_ - digits_start;
        if (digits == 0 || (digits > 1 && s_[digits_start] == '0')) return false;
        if (i_ < s_.size() && ((s_[i_] >= '0' && s_[i_] <= '9') || s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E'))
            return false;
        if (negative) out = -static_cast<std::int64_t>(v);
        else out = v;
        return true;
    }

    bool parsed_document(Json& out) {
        std::size_t start = i_;
        int depth = 0;
        bool in_string = false;
        for (; i_ < s_.size(); ++i_) {
            char c = s_[i_];
            if (in_string) {
                if (c == '\\') ++i_;
                else if (c == '"') in_string = false;
                continue;
            }
            if (c == '"') in_string = true;
            else if (c == '{' || c == '[') ++depth;
            else if (c == '}' || c == ']') {
                if (depth == 0) break;
                if (--depth == 0) {
                    ++i_;
                    break;
                }
            } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
                break;
            }
        }
        if (in_string || depth != 0 || i_ > s_.size()) return false;
        out = Json::parse(s_.substr(start, i_ - start), nullptr, false);
        return !out.is_discarded();
    }

    std::string_view s_;
    std::size_t i_ = 0;
    bool ok_ = false;
};

}  // namespace

struct BatchProcessor::State {
    State(model::DataPath path, Result<config::ResolvedConfig> cfg, Result<Credentials> creds, Timestamp now)
        : catalog_(std::move(path)), cfg_(std::move(cfg)), creds_(std::move(creds)), now_(now) {
        if (cfg_ && cfg_->region) default_region_ = cfg_->region->value;
    }

    void line(std::string_view text, std::string& out) {
        auto r = process(text, out);
        if (!r) append_error(out, r.error());
        out += '\n';
    }

    // The full parser's reading of a line: type checks in the order the contract's errors
    // take precedence (a bad config before a bad time, and so on).
    Result<void> slow_fields(std::string_view text, LineFields& f) {
        doc_ = Json::parse(text, nullptr, false);
        if (doc_.is_discarded()) return fail(error_type::json_error, "the line is not valid JSON", "line");
        if (!doc_.is_object()) return fail(kLineError, "the line must be a JSON object", "line");
        auto service = doc_.find("service");
        auto operation = doc_.find("operation");
        if (service == doc_.end() || !service->is_string())
            return fail(kLineError, "\"service\" is missing or not a string", "service");
        if (operation == doc_.end() || !operation->is_string())
            return fail(kLineError, "\"operation\" is missing or not a string", "operation");
        f.service = service->get_ref<const std::string&>();
        f.operation = operation->get_ref<const std::string&>();
        if (auto p = doc_.find("params"); p != doc_.end()) f.params = &*p;
        if (auto r = doc_.find("region"); r != doc_.end()) {
            if (!r->is_string()) return fail(kLineError, "\"region\" must be a string", "region");
            f.region = r->get_ref<const std::string&>();
        }
        if (auto c = doc_.find("config"); c != doc_.end()) {
            ClientConfig scratch;
            if (auto ok = apply_config(*c, scratch); !ok) return ok;
            f.config = &*c;
        }
        if (auto t = doc_.find("time"); t != doc_.end()) {
            if (!t->is_string()) return fail(kLineError, "\"time\" must be a string", "time");
            f.time = t->get_ref<const std::string&>();
        }
        if (auto e = doc_.find("endpoint_url"); e != doc_.end()) {
            if (!e->is_string()) return fail(kLineError, "\"endpoint_url\" must be a string", "endpoint_url");
            f.endpoint_url = e->get_ref<const std::string&>();
        }
        if (auto p = doc_.find("presign"); p != doc_.end() && !p->is_null()) {
            if (!p->is_number_integer()) return fail(kLineError, "\"presign\" must be a number of seconds", "presign");
            f.presign = p->get<long long>();
        }
        return {};
    }

    // The client for (service, region, config), made once; the last one is remembered, so a
    // run of lines for the same client costs one string comparison.
    Result<const Client*> client_for(const LineFields& f) {
        key_.assign(f.service);
        key_ += '\n';
        if (f.region) key_ += *f.region;
        else key_ += default_region_;
        if (f.config) {
            key_ += '\n';
            key_ += f.config->dump();
        }
        if (last_client_ && key_ == last_key_) return last_client_;
        auto it = clients_.find(key_);
        if (it == clients_.end()) {
            if (!cfg_) return cfg_.failure();
            auto model = catalog_.registry().service(f.service);
            if (!model) return model.failure();
            // The shared config files' settings for this service, then the line's own.
            ClientConfig config = client_config(*cfg_, (*model)->metadata().service_id);
            if (f.region) config.region = std::string(*f.region);
            if (f.config)
                if (auto ok = apply_config(*f.config, config); !ok) return ok.failure();
            auto client = catalog_.client(f.service, std::move(config));
            if (!client) return client.failure();
            it = clients_.emplace(key_, std::move(*client)).first;
        }
        last_key_ = key_;
        last_client_ = &it->second;
        return last_client_;
    }

    Result<void> process(std::string_view text, std::string& out) {
        LineFields f;
        if (!fast_.read(text, f, params_, config_)) {
            f = LineFields{};
            if (auto r = slow_fields(text, f); !r) return r;
        } else if (f.config) {
            ClientConfig scratch;
            if (auto ok = apply_config(*f.config, scratch); !ok) return ok;
        }
        static const Json kEmpty = Json::object();
        const Json& params = f.params ? *f.params : kEmpty;
        Timestamp time = now_;
        if (f.time) {
            auto parsed = parse_timestamp(*f.time);
            if (!parsed) return parsed.failure();
            time = *parsed;
        }
        CallOptions call;
        if (f.endpoint_url) call.endpoint_url = std::string(*f.endpoint_url);

        auto client = client_for(f);
        if (!client) return client.failure();
        if (!creds_) return creds_.failure();
        if (f.presign) {
            auto r = (*client)->presign(f.operation, params, *creds_, time, std::chrono::seconds(*f.presign), call);
            if (!r) return r.failure();
            out += "{\"method\":";
            append_json_string(out, r->method);
            out += ",\"url\":";
            append_json_string(out, r->url);
            out += ",\"headers\":{";
            bool first = true;
            for (const auto& h : r->headers) {
                if (!first) out += ',';
                first = false;
                append_json_string(out, h.name);
                out += ':';
                append_json_string(out, h.value);
            }
            out += "}}";
            return {};
        }
        auto r = (*client)->build(f.operation, params, *creds_, time, call);
        if (!r) return r.failure();
        if (r->url.starts_with("https://") || r->url.starts_with("http://")) append_request_json(out, *r);
        else out += to_json(*r);
        return {};
    }

    ServiceCatalog catalog_;
    Result<config::ResolvedConfig> cfg_;
    std::string default_region_;
    Result<Credentials> creds_;
    Timestamp now_;
    std::unordered_map<std::string, Client> clients_;
    std::string key_, last_key_;
    const Client* last_client_ = nullptr;
    FastLineReader fast_;
    Json doc_, params_, config_;
};

BatchProcessor::BatchProcessor(model::DataPath path, Result<config::ResolvedConfig> config, Result<Credentials> credentials,
                               Timestamp default_time)
    : state_(std::make_unique<State>(std::move(path), std::move(config), std::move(credentials), default_time)) {}

BatchProcessor::~BatchProcessor() = default;

void BatchProcessor::line(std::string_view text, std::string& out) { state_->line(text, out); }

int cmd_batch(const Args& argv, Io& io) {
    auto parsed = parse_args(argv, CommandSpec{});
    if (!parsed) return usage_error(io, parsed.error().message);
    const ParsedArgs& a = *parsed;
    if (a.has("--help")) {
        io.out << kHelp;
        return 0;
    }
    if (!a.positionals.empty()) return usage_error(io, "batch reads its lines from stdin and takes no arguments");
    auto now = signing_time(a);
    if (!now) return report(io, now.error());
    BatchProcessor batch(data_path(a), cli_config(a), cli_credentials(a), *now);
    // Lines are cut out of large reads (no per-line stream calls) and output goes out in
    // large writes: at a few microseconds per line, iostream overhead would be a large share.
    constexpr std::size_t kChunk = 1 << 16;
    std::string buffer, out;
    buffer.reserve(2 * kChunk);
    out.reserve(2 * kChunk);
    std::streambuf* in = io.in.rdbuf();
    auto handle = [&](std::string_view line) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        batch.line(line, out);
        if (out.size() >= kChunk) {
            io.out.write(out.data(), static_cast<std::streamsize>(out.size()));
            out.clear();
        }
    };
    for (;;) {
        std::size_t kept = buffer.size();
        buffer.resize(kept + kChunk);
        std::streamsize got = in ? in->sgetn(buffer.data() + kept, static_cast<std::streamsize>(kChunk)) : 0;
        buffer.resize(kept + static_cast<std::size_t>(std::max<std::streamsize>(got, 0)));
        if (got <= 0) break;
        std::string_view data = buffer;
        std::size_t start = 0;
        for (std::size_t nl = data.find('\n', kept); nl != std::string_view::npos; nl = data.find('\n', start)) {
            handle(data.substr(start, nl - start));
            start = nl + 1;
        }
        buffer.erase(0, start);
    }
    if (!buffer.empty()) handle(buffer);  // a last line without its newline
    io.out.write(out.data(), static_cast<std::streamsize>(out.size()));
    io.out.flush();
    return 0;
}

}  // namespace awsreq::cli
