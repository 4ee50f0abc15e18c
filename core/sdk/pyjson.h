// SPDX-License-Identifier: MIT
#pragma once

#include <core/sdk/pyvalue.h>
#include <core/util/result.h>

#include <string>

namespace Core::Py {

// Python's json.dumps(value, sort_keys=True) byte for byte (sdk-contract.md section 6).
// Values json.dumps cannot encode give the Python TypeError text as an InvalidInput error,
// e.g. "Object of type set is not JSON serializable".
[[nodiscard]] Result<std::string> dumps(const Value &value);

// Python repr() of a finite or non-finite float, as json.dumps prints it.
std::string floatRepr(double value);

} // namespace Core::Py
