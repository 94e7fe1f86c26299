#include "cli.hpp"

namespace awsreq::cli {
int cmd_sign(const Args&, Io& io) { return usage_error(io, "awsreq sign is being built"); }
}  // namespace awsreq::cli
