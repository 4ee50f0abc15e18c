// SPDX-License-Identifier: MIT
#include "livetable.h"

#include <core/db/session.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace Core::Db {

namespace {

// $1 and $2 are parallel arrays of schema and table names; one output row per pair, in order.
const QString LiveTablesSql = QStringLiteral(R"sql(
SELECT c.oid IS NOT NULL AS present,
       c.reltuples::bigint AS row_estimate,
       CASE WHEN c.oid IS NULL THEN 0 ELSE pg_total_relation_size(c.oid) END AS total_bytes,
       (extract(epoch FROM st.last_analyze) * 1000)::bigint AS last_analyze,
       (extract(epoch FROM st.last_autoanalyze) * 1000)::bigint AS last_autoanalyze,
       (extract(epoch FROM st.last_vacuum) * 1000)::bigint AS last_vacuum,
       (extract(epoch FROM st.last_autovacuum) * 1000)::bigint AS last_autovacuum,
       (SELECT coalesce(json_agg(json_build_object(
                   'pid', a.pid, 'user', a.usename, 'application', a.application_name,
                   'mode', l.mode, 'granted', l.granted, 'state', a.state, 'query', a.query,
                   'age', extract(epoch FROM now() - coalesce(a.xact_start, a.query_start)))
                   ORDER BY l.granted DESC, a.pid, l.mode), '[]'::json)::text
          FROM pg_locks l
          JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE c.oid IS NOT NULL
           AND l.locktype = 'relation'
           AND l.relation = c.oid
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND l.pid <> pg_backend_pid()) AS locks
  FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(schema_name, table_name, ord)
  LEFT JOIN pg_namespace n ON n.nspname = t.schema_name
  LEFT JOIN pg_class c
         ON c.relnamespace = n.oid AND c.relname = t.table_name AND c.relkind IN ('r', 'p')
  LEFT JOIN pg_stat_user_tables st ON st.relid = c.oid
 ORDER BY t.ord
)sql");

std::optional<QDateTime> timeAt(const Rows &rows, qsizetype row, qsizetype column)
{
    if (rows.isNull(row, column))
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(rows.text(row, column).toLongLong(), Qt::UTC);
}

QList<TableLockHolder> lockHolders(const QString &json)
{
    QList<TableLockHolder> holders;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        TableLockHolder h;
        h.pid = o.value(u"pid").toInt();
        h.user = o.value(u"user").toString();
        h.application = o.value(u"application").toString();
        h.mode = o.value(u"mode").toString();
        h.granted = o.value(u"granted").toBool();
        h.state = o.value(u"state").toString();
        h.query = redactSecrets(o.value(u"query").toString());
        h.ageSeconds = o.value(u"age").toDouble();
        holders.append(std::move(h));
    }
    return holders;
}

} // namespace

Result<QList<LiveTableFacts>> readLiveTables(Session &session,
                                             const QList<QPair<QString, QString>> &schemaTables)
{
    QList<LiveTableFacts> facts;
    if (schemaTables.isEmpty())
        return facts;
    QStringList schemas;
    QStringList tables;
    for (const auto &[schema, table] : schemaTables) {
        schemas.append(schema);
        tables.append(table);
    }
    const auto rows = session.query(LiveTablesSql, Params{schemas, tables});
    if (!rows)
        return fail(rows.error());
    if (rows->size() != schemaTables.size())
        return fail(ErrorCode::Internal,
                    QStringLiteral("The live table query returned %1 rows for %2 tables.")
                        .arg(rows->size())
                        .arg(schemaTables.size()));
    facts.reserve(schemaTables.size());
    for (qsizetype i = 0; i < rows->size(); ++i) {
        LiveTableFacts f;
        f.schema = schemaTables[i].first;
        f.table = schemaTables[i].second;
        f.exists = rows->boolean(i, 0);
        if (f.exists) {
            f.rowEstimate = rows->text(i, 1).toLongLong();
            f.totalBytes = rows->text(i, 2).toLongLong();
            f.lastAnalyze = timeAt(*rows, i, 3);
            f.lastAutoanalyze = timeAt(*rows, i, 4);
            f.lastVacuum = timeAt(*rows, i, 5);
            f.lastAutovacuum = timeAt(*rows, i, 6);
            f.locks = lockHolders(rows->text(i, 7));
        }
        facts.append(std::move(f));
    }
    return facts;
}

} // namespace Core::Db
