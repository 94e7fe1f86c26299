#include <awsreq/model/names.hpp>

#include <array>
#include <utility>

namespace awsreq::model {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Names botocore maps by hand because the general rule splits them badly.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kSpecialCases{{
    {"CreateCachediSCSIVolume", "create_cached_iscsi_volume"},
    {"DescribeCachediSCSIVolumes", "describe_cached_iscsi_volumes"},
    {"DescribeStorediSCSIVolumes", "describe_stored_iscsi_volumes"},
    {"CreateStorediSCSIVolume", "create_stored_iscsi_volume"},
    {"ListHITsForQualificationType", "list_hits_for_qualification_type"},
    {"ExecutePartiQLStatement", "execute_partiql_statement"},
    {"ExecutePartiQLTransaction", "execute_partiql_transaction"},
    {"ExecutePartiQLBatch", "execute_partiql_batch"},
}};

}  // namespace

std::string snake_case(std::string_view name) {
    if (name.find('_') != std::string_view::npos) return std::string(name);
    for (const auto& [api, snake] : kSpecialCases)
        if (api == name) return std::string(snake);

    // 1. A trailing run of two or more capitals plus 's' (ARNs, ACLs) becomes "_arns".
    std::string s(name);
    if (s.size() >= 3 && s.back() == 's') {
        std::size_t start = s.size() - 1;
        while (start > 0 && is_upper(s[start - 1])) --start;
        if (s.size() - 1 - start >= 2) {
            std::string tail = s.substr(start);
            for (char& c : tail) c = static_cast<char>(c - (is_upper(c) ? 'A' - 'a' : 0));
            s = s.substr(0, start) + "_" + tail;
        }
    }
    // 2. "(.)([A-Z][a-z]+)" -> "\1_\2", scanning left to right without overlaps.
    std::string s1;
    s1.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();) {
        if (i + 2 < s.size() && is_upper(s[i + 1]) && is_lower(s[i + 2])) {
            std::size_t end = i + 2;
            while (end < s.size() && is_lower(s[end])) ++end;
            s1 += s[i];
            s1 += '_';
            s1.append(s, i + 1, end - (i + 1));
            i = end;
        } else {
            s1 += s[i++];
        }
    }
    // 3. "([a-z0-9])([A-Z])" -> "\1_\2", then lower-case everything.
    std::string out;
    out.reserve(s1.size() + 8);
    for (std::size_t i = 0; i < s1.size();) {
        if (i + 1 < s1.size() && (is_lower(s1[i]) || is_digit(s1[i])) && is_upper(s1[i + 1])) {
            out += s1[i];
            out += '_';
            out += s1[i + 1];
            i += 2;
        } else {
            out += s1[i++];
        }
    }
    for (char& c : out)
        if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace awsreq::model
