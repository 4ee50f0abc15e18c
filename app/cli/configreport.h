// SPDX-License-Identifier: MIT
// What `metatable config show` and `metatable config set` share: how they print values, and how
// they report a configuration that cannot be used.
#pragma once

#include <core/config/configvalidate.h>
#include <core/contract/json.h>
#include <core/contract/nodedefinition.h>

#include <QList>
#include <QString>

namespace Cli {

// A configuration value as a terminal shows it: compact JSON, so "null" the string and null
// the value read differently.
QString valueText(const Core::Json &value);

// Everything that keeps `node`'s configuration from being what its config_schema accepts, as
// pydantic would judge it (errors, and warnings for keys pydantic ignores).
QList<Core::Config::ConfigIssue> configIssues(const Core::NodeDefinition &node);

// Prints `issues` ("PATH: message" lines after "headline:" on stderr; with --json, also
// {"error": {"message", "issues": [{path, message, warning}]}} on stdout). Returns ExitFindings.
int reportIssues(const QString &command,
                 const QString &headline,
                 const QList<Core::Config::ConfigIssue> &issues,
                 bool json);

} // namespace Cli
