// Shared by the CLI tests of the model-driven commands (request, batch, presign): the botocore
// data path (tests skip with a warning without python3-botocore), credentials, a fixed time.
#pragma once

#include "run_cli.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace awsreq::test {

inline const std::string kBotocoreData = "/usr/lib/python3/dist-packages/botocore/data";

inline bool have_botocore_models() {
    if (std::filesystem::exists(std::filesystem::path(kBotocoreData) / "s3")) return true;
    WARN("python3-botocore models not installed at " << kBotocoreData << ": skipped");
    return false;
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

inline std::vector<std::string> example_env() {
    return {"AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
}

/// `awsreq COMMAND ARGS... --data-path <botocore> --time 20150830T123600Z`.
inline CliRun run_model_command(std::vector<std::string> args, const std::string& input = {},
                                std::vector<std::string> env = example_env()) {
    args.insert(args.end(), {"--data-path", kBotocoreData, "--time", "20150830T123600Z"});
    return run_awsreq(args, input, env);
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

/// True when stderr is exactly one line starting with "Type: ".
inline bool one_line_error(const std::string& err, const std::string& type) {
    return err.rfind(type + ": ", 0) == 0 && err.find('\n') == err.size() - 1;
}

}  // namespace awsreq::test
