#include <awsreq/model/data_path.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace awsreq::model {
namespace {

class RealFileSystem final : public FileSystem {
public:
    bool is_directory(const std::string& path) const override {
        std::error_code ec;
        return std::filesystem::is_directory(path, ec);
    }
    bool is_file(const std::string& path) const override {
        std::error_code ec;
        return std::filesystem::is_regular_file(path, ec);
    }
    std::vector<std::string> list_directory(const std::string& path) const override {
        std::vector<std::string> names;
        std::error_code ec;
        for (auto it = std::filesystem::directory_iterator(path, ec);
             !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
            names.push_back(it->path().filename().string());
        return names;
    }
    Result<std::string> read_file(const std::string& path) const override {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            Error e = make_error(error_type::io_error, "cannot open " + path);
            e.file = path;
            return fail(std::move(e));
        }
        std::string data;
        in.seekg(0, std::ios::end);
        auto size = in.tellg();
        if (size > 0) {
            data.resize(static_cast<std::size_t>(size));
            in.seekg(0);
            in.read(data.data(), size);
        }
        if (!in) {
            Error e = make_error(error_type::io_error, "cannot read " + path);
            e.file = path;
            return fail(std::move(e));
        }
        return data;
    }
};

// "python3.11" and the like, newest first, found under `parent` in `fs`.
std::vector<std::string> python_dirs(const std::string& parent, const FileSystem& fs) {
    std::vector<std::string> out;
    for (auto& name : fs.list_directory(parent))
        if (name.rfind("python3", 0) == 0) out.push_back(parent + "/" + name);
    std::sort(out.begin(), out.end(), std::greater<>());
    return out;
}

}  // namespace

std::shared_ptr<const FileSystem> real_file_system() {
    static const auto fs = std::make_shared<const RealFileSystem>();
    return fs;
}

std::vector<std::string> DataPath::default_dirs(std::string_view home, const FileSystem& fs) {
    std::vector<std::string> candidates;
    if (!home.empty())
        for (auto& py : python_dirs(std::string(home) + "/.local/lib", fs))
            candidates.push_back(py + "/site-packages/botocore/data");
    for (auto& py : python_dirs("/usr/local/lib", fs)) {
        candidates.push_back(py + "/dist-packages/botocore/data");
        candidates.push_back(py + "/site-packages/botocore/data");
    }
    candidates.push_back("/usr/lib/python3/dist-packages/botocore/data");  // Debian, Ubuntu
    for (auto& py : python_dirs("/usr/lib", fs))
        candidates.push_back(py + "/site-packages/botocore/data");  // Fedora, Arch
    candidates.push_back("/usr/share/awsreq/data");
    std::vector<std::string> found;
    for (auto& c : candidates)
        if (fs.is_directory(c) && std::find(found.begin(), found.end(), c) == found.end())
            found.push_back(c);
    return found;
}

DataPath DataPath::resolve(const std::vector<std::string>& explicit_dirs, std::string_view env_value,
                           std::string_view home, const FileSystem& fs) {
    DataPath p;
    for (const auto& d : explicit_dirs)
        if (!d.empty()) p.dirs.push_back(d);
    while (!env_value.empty()) {
        auto colon = env_value.find(':');
        auto entry = env_value.substr(0, colon);
        if (!entry.empty()) p.dirs.emplace_back(entry);
        if (colon == std::string_view::npos) break;
        env_value.remove_prefix(colon + 1);
    }
    for (auto& d : default_dirs(home, fs))
        if (std::find(p.dirs.begin(), p.dirs.end(), d) == p.dirs.end()) p.dirs.push_back(d);
    return p;
}

}  // namespace awsreq::model
