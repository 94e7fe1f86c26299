// awsreq core: Result<T>, a value or an Error. Every function that reads untrusted input
// returns one; exceptions appear only at the convenience edge (`value()` / `unwrap`).
#pragma once

#include <awsreq/core/error.hpp>

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace awsreq {

/// Marks an error for implicit conversion into any Result<T>.
struct Failure {
    Error error;
};
[[nodiscard]] inline Failure fail(Error e) { return Failure{std::move(e)}; }
[[nodiscard]] inline Failure fail(std::string type, std::string message, std::string field = {}) {
    return Failure{make_error(std::move(type), std::move(message), std::move(field))};
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
    Result(Failure f) : v_(std::in_place_index<1>, std::move(f.error)) {}  // NOLINT
    template <class U>
        requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, T> &&
                 !std::is_same_v<std::decay_t<U>, Failure> && !std::is_same_v<std::decay_t<U>, Result>)
    Result(U&& u) : v_(std::in_place_index<0>, T(std::forward<U>(u))) {}  // NOLINT

    [[nodiscard]] bool has_value() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    /// The value; throws awsreq::Exception when this holds an error.
    T& value() & { check(); return std::get<0>(v_); }
    const T& value() const& { check(); return std::get<0>(v_); }
    T&& value() && { check(); return std::get<0>(std::move(v_)); }

    T& operator*() & { return std::get<0>(v_); }
    const T& operator*() const& { return std::get<0>(v_); }
    T* operator->() { return &std::get<0>(v_); }
    const T* operator->() const { return &std::get<0>(v_); }

    [[nodiscard]] const Error& error() const& { return std::get<1>(v_); }
    [[nodiscard]] Error&& error() && { return std::get<1>(std::move(v_)); }
    /// Re-wraps this error for a Result of another type.
    [[nodiscard]] Failure failure() const { return Failure{error()}; }

private:
    void check() const {
        if (v_.index() != 0) throw Exception(std::get<1>(v_));
    }
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Failure f) : error_(std::move(f.error)) {}  // NOLINT
    [[nodiscard]] bool has_value() const noexcept { return !error_.has_value(); }
    explicit operator bool() const noexcept { return has_value(); }
    void value() const {
        if (error_) throw Exception(*error_);
    }
    [[nodiscard]] const Error& error() const& {
        static const Error none{};
        return error_ ? *error_ : none;
    }
    [[nodiscard]] Failure failure() const { return Failure{error()}; }

private:
    // Empty on success, so the common `return {}` builds no Error.
    std::optional<Error> error_;
};

/// Convenience edge: the value, or throw awsreq::Exception.
template <class T>
T unwrap(Result<T> r) {
    return std::move(r).value();
}

}  // namespace awsreq
