#include "cli.hpp"

namespace awsreq::cli {
int cmd_verify(const Args&, Io& io) { return usage_error(io, "awsreq verify is being built"); }
}  // namespace awsreq::cli
