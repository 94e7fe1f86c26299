// Shared by the CLI tests of the model-driven commands (request, batch, presign): the botocore
// data path (tests skip with a warning without python3-botocore), credentials, a fixed time.
#pragma once

#include "run_cli.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

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
