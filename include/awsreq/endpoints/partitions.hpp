// awsreq endpoints: partitions.json, the data behind the rules' `aws.partition` function.
#pragma once

#include <awsreq/core/result.hpp>

#include <memory>
#include <string_view>

namespace awsreq::endpoints {

namespace detail {
struct PartitionsData;
}

/// The AWS partitions (aws, aws-cn, aws-us-gov, ...) with their region lists, region patterns
/// and outputs (dnsSuffix, dualStackDnsSuffix, supportsFIPS, supportsDualStack). Immutable and
/// cheap to copy (shared).
class Partitions {
public:
    /// Parses botocore's `partitions.json`. `file_name` only labels errors.
    [[nodiscard]] static Result<Partitions> parse(std::string_view json_text, std::string_view file_name = {});

    /// The id of the partition `aws.partition(region)` selects: the first whose region list holds
    /// `region` or whose `regionRegex` matches it, else the first partition (as botocore does).
    [[nodiscard]] std::string_view partition_id(std::string_view region) const;

    [[nodiscard]] std::size_t size() const noexcept;
    [[nodiscard]] const detail::PartitionsData& data() const noexcept { return *data_; }

private:
    explicit Partitions(std::shared_ptr<const detail::PartitionsData> d) : data_(std::move(d)) {}
    std::shared_ptr<const detail::PartitionsData> data_;
};

}  // namespace awsreq::endpoints
