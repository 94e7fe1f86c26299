// awsreq core: a string that never prints itself.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace awsreq {

/// Holds a secret (secret access key, session token). It renders as "<redacted>" in every
/// printing path (operator<<, to_string); only reveal() gives the bytes, and the memory is wiped
/// when the value dies.
class SecretString {
public:
    SecretString() = default;
    explicit SecretString(std::string value) : value_(std::move(value)) {}
    SecretString(const SecretString&) = default;
    SecretString(SecretString&&) noexcept = default;
    SecretString& operator=(const SecretString&) = default;
    SecretString& operator=(SecretString&&) noexcept = default;
    ~SecretString();

    [[nodiscard]] std::string_view reveal() const noexcept { return value_; }
    [[nodiscard]] bool empty() const noexcept { return value_.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return value_.size(); }
    [[nodiscard]] static std::string to_string() { return "<redacted>"; }
    friend bool operator==(const SecretString& a, const SecretString& b) noexcept {
        return a.value_ == b.value_;
    }

private:
    std::string value_;
};

std::ostream& operator<<(std::ostream& os, const SecretString&);

}  // namespace awsreq
