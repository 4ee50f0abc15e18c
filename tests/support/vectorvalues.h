// SPDX-License-Identifier: MIT
#pragma once

#include <core/sdk/pyvalue.h>

#include <QString>

#include <nlohmann/json.hpp>

namespace TestSupport {

// Decodes a 't'-tagged Python value of the SDK vectors ("pyval", described in the vectors'
// "description" field) into the value the SDK algorithms take. Fields a test does not need
// ("repr", "annotation", "json_value") are ignored. Throws std::invalid_argument naming the
// offending tag or key when the vector is malformed, which Qt Test reports as a failure.
Core::Py::Value decodePyval(const nlohmann::json &tagged);

// A model field's raw "hash_excluded" JSON (a bool in valid vectors, any JSON value in the
// error cases) as the Python value json.loads would give.
Core::Py::Value decodePlainJson(const nlohmann::json &plain);

// Parses `<vectorsDir>/<fileName>`. Throws std::runtime_error when it is missing or not JSON.
nlohmann::json readVectorFile(const QString &vectorsDir, const QString &fileName);

} // namespace TestSupport
