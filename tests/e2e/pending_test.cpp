// End-to-end cases written down but not runnable yet: each waits for library API that is being
// built on another branch. Reported as SKIP (exit 77) with what each one waits for; when the
// API lands on main, each becomes a real test in the radosgw programs.
#include <cstdio>

namespace {

struct Pending {
    const char* name;
    const char* waits_for;
};

constexpr Pending kPending[] = {
    {"radosgw: POST form upload (presigned POST policy, multipart/form-data)",
     "S3 POST policy (signing/post_policy.hpp) from branch 'streaming'"},
    {"radosgw: POST form upload refused for a key outside the starts-with condition",
     "S3 POST policy (signing/post_policy.hpp) from branch 'streaming'"},
    {"radosgw: POST form upload refused for a file over content-length-range",
     "S3 POST policy (signing/post_policy.hpp) from branch 'streaming'"},
    {"radosgw: aws-chunked upload (STREAMING-AWS4-HMAC-SHA256-PAYLOAD, chunk signature chain)",
     "aws-chunked signing (signing/chunked.hpp) from branch 'streaming'"},
    {"radosgw: aws-chunked upload refused when one chunk's bytes are changed",
     "aws-chunked signing (signing/chunked.hpp) from branch 'streaming'"},
};

}  // namespace

int main() {
    for (const auto& p : kPending) std::printf("PENDING: %s -- waits for %s\n", p.name, p.waits_for);
    std::printf("e2e-pending: %zu\n", sizeof(kPending) / sizeof(kPending[0]));
    return 77;  // meson: SKIP
}
