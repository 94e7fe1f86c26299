#include <awsreq/endpoints/partitions.hpp>

#include "partitions_data.hpp"

#include <nlohmann/json.hpp>

namespace awsreq::endpoints {
namespace detail {

const PartitionEntry& PartitionsData::match(std::string_view region) const {
    for (const auto& p : partitions) {
        if (p.regions.find(region) != p.regions.end()) return p;
        // Python's re.match anchors at the start only; the patterns carry their own '$'.
        if (std::regex_search(region.begin(), region.end(), p.region_regex, std::regex_constants::match_continuous))
            return p;
    }
    return partitions.front();
}

}  // namespace detail

namespace {

Failure bad(std::string_view file_name, std::string message, std::string field) {
    Error e = make_error(error_type::parse_error, std::string(file_name.empty() ? "partitions" : file_name) + ": " + message,
                         std::move(field));
    e.file = std::string(file_name);
    return Failure{std::move(e)};
}

}  // namespace

Result<Partitions> Partitions::parse(std::string_view json_text, std::string_view file_name) {
    nlohmann::json doc = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (doc.is_discarded()) return bad(file_name, "not valid JSON", "");
    if (!doc.is_object() || !doc.contains("partitions") || !doc["partitions"].is_array() || doc["partitions"].empty())
        return bad(file_name, "expected an object with a non-empty \"partitions\" array", "partitions");
    auto data = std::make_shared<detail::PartitionsData>();
    std::size_t i = 0;
    for (const auto& p : doc["partitions"]) {
        std::string where = "partitions[" + std::to_string(i++) + "]";
        if (!p.is_object()) return bad(file_name, where + " is not an object", where);
        detail::PartitionEntry entry;
        auto id = p.find("id");
        if (id == p.end() || !id->is_string()) return bad(file_name, where + ".id must be a string", where + ".id");
        entry.id = id->get<std::string>();
        auto outputs = p.find("outputs");
        if (outputs == p.end() || !outputs->is_object())
            return bad(file_name, where + ".outputs must be an object", where + ".outputs");
        nlohmann::json out = *outputs;
        out["name"] = entry.id;
        entry.outputs = detail::from_json(out);
        auto regex = p.find("regionRegex");
        if (regex == p.end() || !regex->is_string())
            return bad(file_name, where + ".regionRegex must be a string", where + ".regionRegex");
        try {
            entry.region_regex = std::regex(regex->get<std::string>(), std::regex::ECMAScript | std::regex::optimize);
        } catch (const std::regex_error&) {
            return bad(file_name, where + ".regionRegex is not a valid pattern", where + ".regionRegex");
        }
        if (auto regions = p.find("regions"); regions != p.end()) {
            if (!regions->is_object()) return bad(file_name, where + ".regions must be an object", where + ".regions");
            for (auto it = regions->begin(); it != regions->end(); ++it) entry.regions.insert(it.key());
        }
        data->partitions.push_back(std::move(entry));
    }
    return Partitions(std::move(data));
}

std::string_view Partitions::partition_id(std::string_view region) const { return data_->match(region).id; }

std::size_t Partitions::size() const noexcept { return data_->partitions.size(); }

}  // namespace awsreq::endpoints
