// Internal: partitions.json in the shape aws.partition needs.
#pragma once

#include "value.hpp"

#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace awsreq::endpoints::detail {

struct PartitionEntry {
    std::string id;
    std::regex region_regex;
    std::set<std::string, std::less<>> regions;
    Value outputs;  ///< the partition's outputs with `name` set to its id
};

struct PartitionsData {
    std::vector<PartitionEntry> partitions;  ///< never empty
    /// botocore's aws.partition: first partition listing the region or matching its pattern,
    /// else the first partition.
    [[nodiscard]] const PartitionEntry& match(std::string_view region) const;
};

}  // namespace awsreq::endpoints::detail
