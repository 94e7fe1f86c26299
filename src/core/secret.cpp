#include <awsreq/core/secret.hpp>
#include <awsreq/core/crypto.hpp>

#include <ostream>

namespace awsreq {

SecretString::~SecretString() {
    if (!value_.empty()) secure_wipe(value_.data(), value_.size());
}

std::ostream& operator<<(std::ostream& os, const SecretString&) { return os << "<redacted>"; }

}  // namespace awsreq
