// SPDX-License-Identifier: MIT
// What `metatable config show` and `metatable config set` share: how they print values, and how
// they report a configuration that cannot be used.
#pragma once

#include <core/contract/json.h>
#include <core/contract/nodedefinition.h>

#include <QList>
#include <QString>

namespace Cli {

// A configuration value as a terminal shows it: compact JSON, so "null" the string and null
// the value read differently.
QString valueText(const Core::Json &value);

// One reason a configuration cannot be used: the dotted path of the value at fault
// (empty for the whole configuration) and what is wrong with it and how to fix it.
struct ConfigIssue
{
    QString path;
    QString message;
};

// Everything that keeps `node`'s configuration from being what its config_schema accepts;
// empty when the node can run with it.
QList<ConfigIssue> configIssues(const Core::NodeDefinition &node);

// Prints `issues` ("PATH: message" lines after `headline` on stderr; with --json, also
// {"error": {"message", "issues": [{path, message}]}} on stdout). Returns ExitFindings.
int reportIssues(const QString &command,
                 const QString &headline,
                 const QList<ConfigIssue> &issues,
                 bool json);

} // namespace Cli
