// awsreq http: an ordered list of HTTP headers with case-insensitive lookup.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace awsreq {

/// One header as it is sent: the name keeps the case it was produced in.
struct Header {
    std::string name;
    std::string value;
    friend bool operator==(const Header&, const Header&) = default;
};

/// Headers in sending order. Lookups ignore case (RFC 9110 field names are case-insensitive);
/// repeated names are kept, as SigV4 signs every value of a repeated header.
class HeaderList {
public:
    HeaderList() = default;
    HeaderList(std::initializer_list<Header> init) : items_(init) {}

    /// Appends, keeping any existing header of the same name.
    void add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }
    /// Replaces every header of this name with one (appended where the first one was).
    void set(std::string_view name, std::string value);
    /// Removes every header of this name; returns how many were removed.
    std::size_t remove(std::string_view name);

    /// The first value with this name, if any.
    [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;
    [[nodiscard]] bool contains(std::string_view name) const { return get(name).has_value(); }
    /// Every value with this name, in order.
    [[nodiscard]] std::vector<std::string_view> get_all(std::string_view name) const;

    [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
    [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
    void reserve(std::size_t n) { items_.reserve(n); }
    [[nodiscard]] auto begin() const noexcept { return items_.begin(); }
    [[nodiscard]] auto end() const noexcept { return items_.end(); }
    [[nodiscard]] auto begin() noexcept { return items_.begin(); }
    [[nodiscard]] auto end() noexcept { return items_.end(); }
    [[nodiscard]] const std::vector<Header>& items() const noexcept { return items_; }
    [[nodiscard]] const Header& operator[](std::size_t i) const { return items_[i]; }

    friend bool operator==(const HeaderList&, const HeaderList&) = default;

private:
    std::vector<Header> items_;
};

}  // namespace awsreq
