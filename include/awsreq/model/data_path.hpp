// awsreq model: where botocore-format model data lives, and the file-system seam to read it.
#pragma once

#include <awsreq/core/result.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace awsreq::model {

/// The file operations model loading needs. The library never touches files on its own: the
/// caller passes an implementation (real_file_system(), or an in-memory one in tests).
class FileSystem {
public:
    virtual ~FileSystem() = default;
    [[nodiscard]] virtual bool is_directory(const std::string& path) const = 0;
    [[nodiscard]] virtual bool is_file(const std::string& path) const = 0;
    /// Names (not paths) of the entries of a directory; empty when it cannot be read.
    [[nodiscard]] virtual std::vector<std::string> list_directory(const std::string& path) const = 0;
    /// The whole file as bytes, or an IOError naming the path.
    [[nodiscard]] virtual Result<std::string> read_file(const std::string& path) const = 0;
};

/// The process's real file system (std::filesystem and std::ifstream).
[[nodiscard]] std::shared_ptr<const FileSystem> real_file_system();

/// An ordered list of directories holding `<service>/<api-version>/service-2.json`, searched
/// first to last (botocore's data search path).
struct DataPath {
    std::vector<std::string> dirs;

    /// Builds the search path like the command line's contract: the explicit `--data-path`
    /// directories first, then the entries of `env_value` (AWSREQ_DATA_PATH, colon-separated,
    /// passed in by the caller: the library does not read the environment), then the usual
    /// install locations of botocore's `data/` that exist in `fs` (Debian's python3-botocore,
    /// pip installs under /usr/local and ~/.local). `home` may be empty.
    [[nodiscard]] static DataPath resolve(const std::vector<std::string>& explicit_dirs,
                                          std::string_view env_value, std::string_view home,
                                          const FileSystem& fs);

    /// The default locations that `resolve` probes, in order (globs already expanded in `fs`).
    [[nodiscard]] static std::vector<std::string> default_dirs(std::string_view home,
                                                               const FileSystem& fs);
};

}  // namespace awsreq::model
