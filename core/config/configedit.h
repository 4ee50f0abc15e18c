// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/util/result.h>

#include <QString>
#include <QStringList>

#include <optional>

namespace Core::Config {

// One FIELD=VALUE of a configuration edit: the field's dotted path ("base.window.days") and
// its new value.
struct ConfigAssignment
{
    QStringList path;
    Json value;
};

// Reads "FIELD=VALUE": VALUE is JSON when it parses as JSON (5, null, true, ["a","b"],
// {"k": 1}, "\"5\""), else the plain string (us → "us"). FIELD is split at dots; an empty
// field or path segment is an error.
[[nodiscard]] Result<ConfigAssignment> parseAssignment(const QString &text);

// `config` with the assignment applied, following the configuration schema: every segment must
// be a field of the model it lies in (unless that model accepts extra keys), and an absent or
// null intermediate value becomes an empty object only where the schema declares a nested
// model there. Values are not validated here (see the node's validation before writing).
// Error messages leave the assignment's path to the caller.
[[nodiscard]] Result<Json>
assignConfigValue(const Json &configSchema, const Json &config, const ConfigAssignment &assignment);

// The value at a dotted path of `config`, or nullopt when any part of it is absent.
std::optional<Json> configValueAt(const Json &config, const QStringList &path);

} // namespace Core::Config
