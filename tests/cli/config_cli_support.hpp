// Helpers for the configure/credentials CLI tests: temp files and running the built binary.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace awsreq::test {

struct RunResult {
    int status = -1;
    std::string out;
    std::string err;
};

/// A fresh directory under the system temp dir, removed when the value dies.
class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "awsreq-cli-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    std::string write(const std::string& name, const std::string& text) const {
        auto p = path_ / name;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }

private:
    std::filesystem::path path_;
};

inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

/// Runs the awsreq binary with exactly `env` as its environment and `args`.
inline RunResult run_awsreq(const std::map<std::string, std::string>& env, const std::string& args,
                            const TempDir& dir) {
    std::string cmd = "env -i";
    for (const auto& [k, v] : env) cmd += " " + k + "=" + shell_quote(v);
    auto err_path = (dir.path() / "stderr.txt").string();
    cmd += " " + shell_quote(AWSREQ_BIN) + " " + args + " 2>" + shell_quote(err_path);
    RunResult r;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (p == nullptr) return r;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    std::ifstream e(err_path);
    r.err.assign(std::istreambuf_iterator<char>(e), {});
    return r;
}

}  // namespace awsreq::test
