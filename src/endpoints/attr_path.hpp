// Internal: getAttr paths ("resourceId[1]", "url#scheme" style steps) and template detection.
#pragma once

#include "compiled.hpp"

#include <string_view>
#include <vector>

namespace awsreq::endpoints::detail {

/// Splits a getAttr path on '.'; a part holding `word[digits]` becomes an indexed step, as
/// botocore's GET_ATTR_RE search does.
std::vector<AttrStep> compile_attr_path(std::string_view path);

/// botocore's is_template: the string holds `{` letters-or-# `}` somewhere.
bool looks_like_template(std::string_view s) noexcept;

}  // namespace awsreq::endpoints::detail
