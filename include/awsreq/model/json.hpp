// awsreq model: the JSON value type of models and request parameters.
#pragma once

#include <nlohmann/json.hpp>

namespace awsreq {

/// JSON that keeps object members in document order. botocore keeps the order of model members
/// and of the caller's parameters (query and JSON bodies list them in that order), so the
/// library does too.
using Json = nlohmann::ordered_json;

}  // namespace awsreq
