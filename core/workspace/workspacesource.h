// SPDX-License-Identifier: MIT
#pragma once

#include <core/bridge/pythonworkspace.h>

#include <QString>

#include <optional>

namespace Core {

// Where a workspace's manifest comes from: a manifest file, or a Python project to export.
struct WorkspaceSource
{
    QString manifestPath;
    std::optional<PythonWorkspace> python;

    bool isEmpty() const { return manifestPath.isEmpty() && !python; }
    QString label() const; // the path, or "Python project M (interpreter)"
};

// Where a workspace's database is: a libpq connection (profile, URI, service) or the sandbox.
struct WorkspaceConnection
{
    QString conninfo; // empty: not connected
    QString label;    // what the status bar says: a profile's name, "sandbox", ...
    bool isSandbox = false;

    bool isConnected() const { return !conninfo.isEmpty(); }
};

} // namespace Core
