#include <awsreq/http/header_list.hpp>

#include <awsreq/core/encoding.hpp>

#include <algorithm>

namespace awsreq {


void HeaderList::set(std::string_view name, std::string value) {
    auto first = std::find_if(items_.begin(), items_.end(),
                              [&](const Header& h) { return iequals(h.name, name); });
    if (first == items_.end()) {
        items_.push_back(Header{std::string(name), std::move(value)});
        return;
    }
    first->value = std::move(value);
    auto idx = first - items_.begin();
    items_.erase(std::remove_if(items_.begin() + idx + 1, items_.end(),
                                [&](const Header& h) { return iequals(h.name, name); }),
                 items_.end());
}

std::size_t HeaderList::remove(std::string_view name) {
    auto before = items_.size();
    items_.erase(std::remove_if(items_.begin(), items_.end(),
                                [&](const Header& h) { return iequals(h.name, name); }),
                 items_.end());
    return before - items_.size();
}

std::optional<std::string_view> HeaderList::get(std::string_view name) const {
    for (const auto& h : items_)
        if (iequals(h.name, name)) return std::string_view(h.value);
    return std::nullopt;
}

std::vector<std::string_view> HeaderList::get_all(std::string_view name) const {
    std::vector<std::string_view> out;
    for (const auto& h : items_)
        if (iequals(h.name, name)) out.emplace_back(h.value);
    return out;
}

}  // namespace awsreq
