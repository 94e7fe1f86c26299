// awsreq credentials: temporary credentials kept and refreshed before they expire.
#pragma once

#include <awsreq/core/time.hpp>
#include <awsreq/signing/credentials.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>

namespace awsreq::credentials {

/// When cached credentials are refreshed, measured as time left before they expire. Inside the
/// advisory window one caller tries to refresh while others keep using the cached value, and a
/// failed refresh keeps it; inside the mandatory window every caller waits for a fresh value.
struct RefreshWindows {
    std::chrono::seconds advisory{15 * 60};
    std::chrono::seconds mandatory{10 * 60};
};

/// Thread-safe, expiry-aware credentials cache. `resolve(now)` fetches new credentials (for
/// example: build a chain for `now` and drive it). Credentials without an expiration are kept
/// for good. One refresh runs at a time; concurrent callers share its outcome. The cache never
/// reads the clock: callers pass `now`.
class RefreshingCredentials {
public:
    using Resolver = std::function<Result<Credentials>(Timestamp now)>;

    explicit RefreshingCredentials(Resolver resolve, RefreshWindows windows = {});

    /// Credentials valid beyond the mandatory window at `now`, refreshing when due.
    [[nodiscard]] Result<Credentials> get(Timestamp now);

    /// Drops the cached value, so the next get() resolves again.
    void invalidate();

private:
    bool within(const Credentials& c, Timestamp now, std::chrono::seconds window) const;
    Result<Credentials> refresh_locked(std::unique_lock<std::mutex>& lock, Timestamp now);

    Resolver resolve_;
    RefreshWindows windows_;
    std::mutex mutex_;
    std::condition_variable done_;
    std::optional<Credentials> cached_;
    std::optional<Error> last_error_;
    bool refreshing_ = false;
    unsigned long generation_ = 0;  // bumped when a refresh finishes
};

}  // namespace awsreq::credentials
