// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

namespace Core {

// JSON as the manifest holds it: objects keep their key order, so a document written back
// reads like the one that was loaded. Used for the parts of the model that are JSON by nature
// (configuration schemas and values, dialect options, storage layouts, provisioning).
using Json = nlohmann::ordered_json;

} // namespace Core
