// Helpers shared by the test programs: reading test data files.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

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

}  // namespace awsreq::test
