// Helpers shared by the test programs: reading test data files, comparing URLs.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace awsreq::test {

inline std::filesystem::path testdata() { return AWSREQ_TESTDATA; }
inline std::filesystem::path shared_dir() { return AWSREQ_SHARED; }

/// Whole file as bytes; throws when missing so a wrong path fails the test loudly.
inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open test file " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// A URL as compared against botocore's (as the golden sample's comparer does): scheme, host
/// and path byte for byte, the query as a sorted list of its name=value pairs (order is free).
/// With `drop_signature`, X-Amz-Signature is left out (for URLs signed at the current time).
inline std::pair<std::string, std::vector<std::string>> url_key(const std::string& url, bool drop_signature = false) {
    auto q = url.find('?');
    std::vector<std::string> pairs;
    if (q != std::string::npos) {
        std::string query = url.substr(q + 1);
        for (std::size_t start = 0; start <= query.size();) {
            auto amp = query.find('&', start);
            if (amp == std::string::npos) amp = query.size();
            std::string pair = query.substr(start, amp - start);
            if (!(drop_signature && pair.rfind("X-Amz-Signature=", 0) == 0)) pairs.push_back(pair);
            start = amp + 1;
        }
        std::sort(pairs.begin(), pairs.end());
    }
    return {url.substr(0, q), pairs};
}

}  // namespace awsreq::test
