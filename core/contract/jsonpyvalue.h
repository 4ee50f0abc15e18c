// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/sdk/pyvalue.h>

#include <QString>

namespace Core {

// The Python value json.loads() gives for a JSON document: objects become dicts in document
// order, integers become int, numbers with a fraction or exponent become float. Hashing code
// uses it for the parts of a manifest that reach the SDK as plain JSON (storage layouts, extra
// hash components, dialect options, unvalidated configuration defaults).
Py::Value toPyValue(const Json &json);

// UTF-8 bytes of a QString as the Python str the SDK would hold.
Py::Value toPyStr(const QString &text);

} // namespace Core
