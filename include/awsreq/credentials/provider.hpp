// awsreq credentials: the provider interface and the loop that drives one.
#pragma once

#include <awsreq/credentials/exchange.hpp>

#include <memory>
#include <string_view>

namespace awsreq::credentials {

/// A credential source as a small state machine. Call next() with std::monostate first, then
/// with the outcome of each HttpCall / ProcessCall it yields, until it yields a Result. A
/// provider is single-use: make a new one to resolve again.
class Provider {
public:
    virtual ~Provider() = default;
    [[nodiscard]] virtual Step next(Input input) = 0;
    /// A stable name, used in `configure list` ("env", "shared-credentials-file", "imds", ...).
    [[nodiscard]] virtual std::string_view name() const = 0;
};

using ProviderPtr = std::unique_ptr<Provider>;

/// Drives `provider` to its result, performing HTTP calls with `transport` and processes with
/// `runner`. A null seam declines the call (NetworkDisabledError fed back), so a caller that
/// never asked for network IO never waits on any.
[[nodiscard]] Result<Credentials> drive(Provider& provider, const Transport* transport,
                                        const ProcessRunner* runner);

/// A provider that yields one fixed result (static credentials, or a configuration error).
[[nodiscard]] ProviderPtr make_fixed_provider(Result<Credentials> result, std::string_view name);

/// True when `e` means "not configured here" (a chain tries the next provider).
[[nodiscard]] bool is_not_loaded(const Error& e) noexcept;

/// The error a provider returns when it is not configured.
[[nodiscard]] Failure not_loaded(std::string message);

}  // namespace awsreq::credentials
