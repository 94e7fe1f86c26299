#include <awsreq/config/env.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace awsreq::config {

Env map_env(std::map<std::string, std::string, std::less<>> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

Env process_env() {
    return [](std::string_view name) -> std::optional<std::string> {
        const char* v = std::getenv(std::string(name).c_str());
        if (v == nullptr) return std::nullopt;
        return std::string(v);
    };
}

FileSystem map_file_system(std::map<std::string, std::string, std::less<>> files) {
    return [files = std::move(files)](const std::string& path) -> Result<std::optional<std::string>> {
        auto it = files.find(path);
        if (it == files.end()) return std::optional<std::string>{};
        return std::optional<std::string>{it->second};
    };
}

FileSystem real_file_system() {
    return [](const std::string& path) -> Result<std::optional<std::string>> {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) {
            if (errno == ENOENT || errno == ENOTDIR) return std::optional<std::string>{};
            Error e = make_error(error_type::io_error, std::string("cannot read file: ") + std::strerror(errno));
            e.file = path;
            return fail(std::move(e));
        }
        std::ifstream in(path, std::ios::binary);
        if (!in || S_ISDIR(st.st_mode)) {
            Error e = make_error(error_type::io_error, "cannot open file for reading");
            e.file = path;
            return fail(std::move(e));
        }
        std::ostringstream ss;
        ss << in.rdbuf();
        return std::optional<std::string>{ss.str()};
    };
}

}  // namespace awsreq::config
