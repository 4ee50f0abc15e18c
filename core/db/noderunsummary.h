// SPDX-License-Identifier: MIT
#pragma once

#include <core/util/result.h>

#include <QHash>
#include <QString>

#include <optional>

namespace Core::Db {

class Session;

// How often a node ran, from the run history in metatable_catalog.node_runs (one row per run,
// keyed by node_identifier, the node class's path "module:qualname", with a status).
struct NodeRunSummary
{
    int runs = 0;
    int succeeded = 0; // status 'succeeded' or 'succeeded_with_rejects'
    bool operator==(const NodeRunSummary &) const = default;
};

// The summaries by node path; nullopt when the database has no node_runs table (no catalog).
// Read-only.
[[nodiscard]] Result<std::optional<QHash<QString, NodeRunSummary>>>
readNodeRunSummaries(Session &session);

} // namespace Core::Db
