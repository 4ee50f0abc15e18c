// SPDX-License-Identifier: MIT
#include "tablefigures.h"

#include <core/db/session.h>
#include <core/db/sqlidentifier.h>

#include <QLocale>
#include <QSet>

namespace Core::Migrate {

QString figuresKey(const QString &schema, const QString &table)
{
    return schema + QLatin1Char('\n') + table;
}

QList<TableRef> tablesTouched(const Plan &plan)
{
    QList<TableRef> tables;
    QSet<QString> seen;
    const auto add = [&](const QString &schema, const QString &table) {
        if (!seen.contains(figuresKey(schema, table))) {
            seen.insert(figuresKey(schema, table));
            tables.append({schema, table});
        }
    };
    for (const Operation &op : plan.operations) {
        if (op.onExistingTable)
            add(op.schema, op.table);
        const auto &fk = op.after.foreignKey ? op.after.foreignKey : op.before.foreignKey;
        if (fk)
            add(fk->targetSchema, fk->targetTable); // an unknown target is dropped by the query
    }
    return tables;
}

Result<QHash<QString, TableFigures>> readTableFigures(Db::Session &session,
                                                      const QList<TableRef> &tables,
                                                      qint64 exactBelowRows,
                                                      const CancelToken &cancel)
{
    QHash<QString, TableFigures> figures;
    if (tables.isEmpty())
        return figures;
    QStringList schemas;
    QStringList names;
    for (const TableRef &t : tables) {
        schemas.append(t.schema);
        names.append(t.name);
    }
    auto rows = session.query(
        QStringLiteral("select n.nspname, c.relname, c.reltuples::bigint, "
                       "pg_total_relation_size(c.oid) "
                       "from unnest($1::text[], $2::text[]) as t(s, r) "
                       "join pg_namespace n on n.nspname = t.s "
                       "join pg_class c on c.relnamespace = n.oid and c.relname = t.r "
                       "and c.relkind in ('r', 'p')"),
        {schemas, names});
    if (!rows)
        return fail(rows.error());
    for (qsizetype r = 0; r < rows->size(); ++r) {
        TableFigures f;
        f.schema = rows->text(r, 0);
        f.table = rows->text(r, 1);
        const qint64 estimate = rows->text(r, 2).toLongLong();
        if (estimate >= 0)
            f.rows = estimate; // -1: never vacuumed or analysed
        f.totalBytes = rows->text(r, 3).toLongLong();
        if (!f.rows || *f.rows < exactBelowRows) {
            if (cancel.isCancelled())
                return fail(ErrorCode::Cancelled,
                            QStringLiteral("Reading table figures was "
                                           "cancelled."));
            auto counted = session.query(QStringLiteral("select count(*) from %1")
                                             .arg(Db::quoteQualified(f.schema, f.table)));
            if (counted) {
                f.rows = counted->text(0, 0).toLongLong();
                f.rowsExact = true;
            } else if (session.inTransaction()) {
                return fail(counted.error()); // the transaction is aborted: nothing more runs
            }
        }
        figures.insert(figuresKey(f.schema, f.table), f);
    }
    return figures;
}

QString formatBytes(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString formatFigures(const TableFigures &figures)
{
    const QLocale locale = QLocale::system();
    QString rows = figures.rows ? locale.toString(*figures.rows) : QStringLiteral("?");
    if (figures.rows && !figures.rowsExact)
        rows.prepend(QLatin1Char('~'));
    const QString noun = figures.rows == 1 ? QStringLiteral("row") : QStringLiteral("rows");
    return QStringLiteral("%1 %2 · %3").arg(rows, noun, formatBytes(figures.totalBytes));
}

} // namespace Core::Migrate
