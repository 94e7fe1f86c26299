// awsreq config: the two seams through which configuration reaches the library.
//
// Nothing below the command line reads the environment or the disk on its own; callers hand
// in an Env and a FileSystem (tests use in-memory maps, applications the process ones).
#pragma once

#include <awsreq/core/result.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace awsreq::config {

/// Looks up one environment variable; nullopt when it is unset.
using Env = std::function<std::optional<std::string>(std::string_view name)>;

/// Reads one whole file. nullopt when the file does not exist; an IOError when it exists but
/// cannot be read.
using FileSystem = std::function<Result<std::optional<std::string>>(const std::string& path)>;

/// An Env over a fixed map of variables (tests, embedding).
[[nodiscard]] Env map_env(std::map<std::string, std::string, std::less<>> vars);
/// The process environment (getenv). Only the edge of a program should choose this.
[[nodiscard]] Env process_env();

/// A FileSystem over a fixed map from path to contents.
[[nodiscard]] FileSystem map_file_system(std::map<std::string, std::string, std::less<>> files);
/// The real disk.
[[nodiscard]] FileSystem real_file_system();

}  // namespace awsreq::config
