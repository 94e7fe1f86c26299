#include <awsreq/credentials/cache.hpp>

namespace awsreq::credentials {

RefreshingCredentials::RefreshingCredentials(Resolver resolve, RefreshWindows windows)
    : resolve_(std::move(resolve)), windows_(windows) {}

bool RefreshingCredentials::within(const Credentials& c, Timestamp now, std::chrono::seconds window) const {
    return c.expiration && *c.expiration - now <= window;
}

void RefreshingCredentials::invalidate() {
    std::lock_guard lock(mutex_);
    cached_.reset();
}

// Runs one refresh with the lock released; the caller holds `lock` and has set refreshing_.
Result<Credentials> RefreshingCredentials::refresh_locked(std::unique_lock<std::mutex>& lock, Timestamp now) {
    lock.unlock();
    Result<Credentials> fresh = [&]() -> Result<Credentials> {
        try {
            return resolve_(now);
        } catch (const std::exception& e) {
            return fail(error_type::credentials_error, std::string("credential refresh threw: ") + e.what());
        }
    }();
    lock.lock();
    refreshing_ = false;
    ++generation_;
    if (fresh) {
        cached_ = *fresh;
        last_error_.reset();
    } else {
        last_error_ = fresh.error();
    }
    done_.notify_all();
    return fresh;
}

Result<Credentials> RefreshingCredentials::get(Timestamp now) {
    std::unique_lock lock(mutex_);
    while (true) {
        if (cached_ && !within(*cached_, now, windows_.mandatory)) {
            if (within(*cached_, now, windows_.advisory) && !refreshing_) {
                refreshing_ = true;
                auto fresh = refresh_locked(lock, now);
                // An advisory refresh that fails keeps the still-usable value.
                if (!fresh && cached_ && !within(*cached_, now, windows_.mandatory)) return *cached_;
                return fresh;
            }
            return *cached_;
        }
        if (refreshing_) {
            auto seen = generation_;
            done_.wait(lock, [&] { return !refreshing_ || generation_ != seen; });
            if (generation_ != seen && last_error_ && !(cached_ && !within(*cached_, now, windows_.mandatory)))
                return fail(*last_error_);
            continue;
        }
        refreshing_ = true;
        return refresh_locked(lock, now);
    }
}

}  // namespace awsreq::credentials
