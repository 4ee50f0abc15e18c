// SPDX-License-Identifier: MIT
#pragma once

#include <core/migrate/plan.h>
#include <core/util/canceltoken.h>
#include <core/util/result.h>

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Core::Db {
class Session;
}

namespace Core::Migrate {

// What a reviewer weighs an operation against: how much the table it locks holds right now.
struct TableFigures
{
    QString schema;
    QString table;
    std::optional<qint64> rows; // nullopt: not counted and never analysed
    bool rowsExact = false;     // counted with count(*), not the planner's estimate
    qint64 totalBytes = 0;      // pg_total_relation_size: heap, indexes and TOAST
    bool operator==(const TableFigures &) const = default;
};

// "schema\ntable": how figures are keyed.
QString figuresKey(const QString &schema, const QString &table);

// Every existing table the plan's operations touch or point to (foreign-key targets), in plan
// order, without repeats.
QList<TableRef> tablesTouched(const Plan &plan);

// Sizes and planner estimates of `tables` in one round trip, then an exact count(*) for every
// table whose estimate is below `exactBelowRows` or unknown (each under the session's
// statement_timeout: a count that fails leaves the estimate). Tables that do not exist are left
// out of the result.
[[nodiscard]] Result<QHash<QString, TableFigures>> readTableFigures(Db::Session &session,
                                                                    const QList<TableRef> &tables,
                                                                    qint64 exactBelowRows,
                                                                    const CancelToken &cancel = {});

// "12,345 rows · 1.2 MB" ("~12,345 rows" for an estimate).
QString formatFigures(const TableFigures &figures);
QString formatBytes(qint64 bytes);

} // namespace Core::Migrate
