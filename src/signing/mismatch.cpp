#include <awsreq/signing/mismatch.hpp>

#include <awsreq/core/encoding.hpp>

#include <algorithm>
#include <optional>
#include <vector>

namespace awsreq {
namespace {


std::optional<std::string> element(std::string_view xml, std::string_view name) {
    std::string open = "<" + std::string(name) + ">", close = "</" + std::string(name) + ">";
    auto b = xml.find(open);
    if (b == std::string_view::npos) return std::nullopt;
    b += open.size();
    auto e = xml.find(close, b);
    if (e == std::string_view::npos) return std::nullopt;
    return xml_unescape(xml.substr(b, e - b));
}

// S3 also sends "<CanonicalRequestBytes>47 45 54 ...</CanonicalRequestBytes>".
std::optional<std::string> bytes_element(std::string_view xml, std::string_view name) {
    auto hex = element(xml, name);
    if (!hex) return std::nullopt;
    std::string compact;
    for (char c : *hex)
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') compact.push_back(c);
    auto decoded = hex_decode(compact);
    if (!decoded) return std::nullopt;
    return *decoded;
}

std::vector<std::string> lines_of(std::string_view s) {
    std::vector<std::string> out;
    while (true) {
        auto nl = s.find('\n');
        out.emplace_back(s.substr(0, nl));
        if (nl == std::string_view::npos) break;
        s.remove_prefix(nl + 1);
    }
    return out;
}

// Labels each line of a canonical request by the SigV4 part it belongs to.
std::vector<std::pair<std::string, std::string>> label_canonical(std::string_view text) {
    auto lines = lines_of(text);
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string part;
        if (i == 0) part = "method";
        else if (i == 1) part = "uri";
        else if (i == 2) part = "query";
        else if (i + 2 == lines.size()) part = "signed headers";
        else if (i + 1 == lines.size()) part = "payload hash";
        else if (lines[i].empty()) part = "end of headers";
        else part = "header " + lines[i].substr(0, lines[i].find(':'));
        out.emplace_back(part, lines[i]);
    }
    return out;
}

std::vector<MismatchLine> diff(const std::vector<std::pair<std::string, std::string>>& server,
                               const std::vector<std::pair<std::string, std::string>>& ours) {
    std::vector<MismatchLine> out;
    std::size_t n = std::max(server.size(), ours.size());
    for (std::size_t i = 0; i < n; ++i) {
        std::string s = i < server.size() ? server[i].second : "<no line>";
        std::string o = i < ours.size() ? ours[i].second : "<no line>";
        if (s == o) continue;
        std::string part = i < server.size() ? server[i].first : ours[i].first;
        if (i < server.size() && i < ours.size() && server[i].first != ours[i].first)
            part = server[i].first + " / " + ours[i].first;
        out.push_back(MismatchLine{part, static_cast<int>(i + 1), s, o});
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> label_string_to_sign(std::string_view text) {
    static const char* const kParts[] = {"algorithm", "request time", "credential scope", "canonical request hash"};
    auto lines = lines_of(text);
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < lines.size(); ++i)
        out.emplace_back(i < 4 ? kParts[i] : "extra line", lines[i]);
    return out;
}

}  // namespace

std::string MismatchReport::to_string() const {
    if (identical()) return "the server signed the same canonical request and string to sign as we did\n";
    std::string s;
    auto section = [&](const char* title, const std::vector<MismatchLine>& d) {
        if (d.empty()) return;
        s += title;
        s += '\n';
        for (const auto& l : d) {
            s += "  line " + std::to_string(l.line) + " (" + l.part + ")\n";
            s += "    server: " + l.server + "\n";
            s += "    ours:   " + l.ours + "\n";
        }
    };
    section("canonical request differs:", canonical_request_diffs);
    section("string to sign differs:", string_to_sign_diffs);
    return s;
}

Result<MismatchReport> diagnose_signature_mismatch(std::string_view xml, std::string_view our_canonical,
                                                   std::string_view our_string_to_sign) {
    MismatchReport r;
    auto creq = element(xml, "CanonicalRequest");
    if (!creq) creq = bytes_element(xml, "CanonicalRequestBytes");
    auto sts = element(xml, "StringToSign");
    if (!sts) sts = bytes_element(xml, "StringToSignBytes");
    if (!creq && !sts)
        return fail(error_type::parse_error,
                    "the error body has neither <CanonicalRequest> nor <StringToSign> (is it an S3 "
                    "SignatureDoesNotMatch error?)",
                    "error_xml");
    if (creq) {
        r.server_canonical_request = *creq;
        r.canonical_request_diffs = diff(label_canonical(*creq), label_canonical(our_canonical));
    }
    if (sts) {
        r.server_string_to_sign = *sts;
        r.string_to_sign_diffs = diff(label_string_to_sign(*sts), label_string_to_sign(our_string_to_sign));
    }
    return r;
}

}  // namespace awsreq
