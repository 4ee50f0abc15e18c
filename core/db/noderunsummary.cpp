// SPDX-License-Identifier: MIT
#include "noderunsummary.h"

#include "session.h"

namespace Core::Db {

Result<std::optional<QHash<QString, NodeRunSummary>>> readNodeRunSummaries(Session &session)
{
    // node_runs is keyed by node_identifier, the node class's path "module:qualname" (written
    // by core/run's run records); a database without the catalog has no run history.
    auto exists = session.query(
        QStringLiteral("SELECT count(*) = 2 FROM information_schema.columns "
                       "WHERE table_schema = 'metatable_catalog' AND table_name = 'node_runs' "
                       "AND column_name IN ('node_identifier', 'status')"));
    if (!exists)
        return fail(exists.error());
    if (!exists->boolean(0, 0))
        return std::optional<QHash<QString, NodeRunSummary>>();
    // status::text: the column may be an enum or text; both compare as their labels.
    auto rows = session.query(QStringLiteral(
        "SELECT node_identifier::text, count(*)::int, "
        "count(*) FILTER (WHERE status::text IN ('succeeded', 'succeeded_with_rejects'))::int "
        "FROM metatable_catalog.node_runs GROUP BY node_identifier"));
    if (!rows)
        return fail(rows.error());
    QHash<QString, NodeRunSummary> out;
    for (qsizetype i = 0; i < rows->size(); ++i)
        out.insert(rows->text(i, 0),
                   NodeRunSummary{rows->text(i, 1).toInt(), rows->text(i, 2).toInt()});
    return std::optional<QHash<QString, NodeRunSummary>>(std::move(out));
}

} // namespace Core::Db
