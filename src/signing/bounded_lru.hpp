// Internal: the small thread-safe cache behind the signing-key caches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace awsreq::detail {

/// A mutex-guarded list of (key, value) pairs that drops the least recently used pair when
/// full. Signing keys change daily, so a few dozen entries scanned in order beat a hash map
/// (and keep secrets out of hash functions).
template <class Key, class Value>
class BoundedLru {
public:
    explicit BoundedLru(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

    /// The value of the first key `match` accepts, marked as just used.
    template <class Match>
    std::optional<Value> find(Match&& match) {
        std::lock_guard lock(mu_);
        for (auto& s : slots_)
            if (match(s.key)) {
                s.last_used = ++tick_;
                return s.value;
            }
        return std::nullopt;
    }

    /// Adds the pair unless `match` accepts a key already there (another thread derived the
    /// same value meanwhile).
    template <class Match>
    void insert(Key key, Value value, Match&& match) {
        std::lock_guard lock(mu_);
        for (auto& s : slots_)
            if (match(s.key)) {
                s.last_used = ++tick_;
                return;
            }
        if (slots_.size() >= capacity_) {
            std::size_t oldest = 0;
            for (std::size_t i = 1; i < slots_.size(); ++i)
                if (slots_[i].last_used < slots_[oldest].last_used) oldest = i;
            slots_.erase(slots_.begin() + static_cast<std::ptrdiff_t>(oldest));
        }
        slots_.push_back(Slot{std::move(key), std::move(value), ++tick_});
    }

    std::size_t size() const {
        std::lock_guard lock(mu_);
        return slots_.size();
    }

    void clear() {
        std::lock_guard lock(mu_);
        slots_.clear();
    }

private:
    struct Slot {
        Key key;
        Value value;
        std::uint64_t last_used = 0;
    };
    std::size_t capacity_;
    mutable std::mutex mu_;
    std::vector<Slot> slots_;
    std::uint64_t tick_ = 0;
};

}  // namespace awsreq::detail
