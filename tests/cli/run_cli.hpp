// Runs the built awsreq binary the way a shell user would, capturing exit status and output.
#pragma once

#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace awsreq::test {

struct CliRun {
    int status = -1;
    std::string out;
    std::string err;
};

inline std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'') q += "'\\''";
        else q += c;
    }
    return q + "'";
}

/// Runs `awsreq ARGS...` with `env` (NAME=value entries; the AWS_* environment is cleared
/// first) and `input` on stdin.
inline CliRun run_awsreq(const std::vector<std::string>& args, const std::string& input = {},
                         const std::vector<std::string>& env = {}) {
    static std::atomic<int> counter{0};
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() /
                   ("awsreq-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(dir);
    { std::ofstream(dir / "in", std::ios::binary) << input; }
    std::string cmd = "env";
    for (const char* v : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
                          "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
                          "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWSREQ_DATA_PATH"})
        cmd += std::string(" -u ") + v;
    for (const auto& e : env) cmd += " " + shell_quote(e);
    cmd += " " + shell_quote(AWSREQ_BIN);
    for (const auto& a : args) cmd += " " + shell_quote(a);
    cmd += " < " + shell_quote((dir / "in").string()) + " > " + shell_quote((dir / "out").string()) + " 2> " +
           shell_quote((dir / "err").string());
    int raw = std::system(cmd.c_str());
    CliRun r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_file(dir / "out");
    r.err = read_file(dir / "err");
    fs::remove_all(dir);
    return r;
}

}  // namespace awsreq::test
