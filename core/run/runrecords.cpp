// SPDX-License-Identifier: MIT
#include "runrecords.h"

#include <core/db/catalog.h>
#include <core/db/session.h>

namespace Core::Run {

namespace {

QString jsonText(const Json &json)
{
    return QString::fromStdString(json.dump());
}

Json parseJson(const QString &text, Json fallback)
{
    try {
        return Json::parse(text.toStdString());
    } catch (const Json::exception &) {
        return fallback;
    }
}

QString str(const Json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

QString countsText(const RunRecord &r)
{
    Json counts = Json::object();
    for (const auto &[rule, count] : r.rejectCounts)
        counts[ruleId(rule)] = count;
    return jsonText(counts);
}

QString samplesText(const RunRecord &r)
{
    Json samples = Json::array();
    for (const auto &[rule, sample] : r.samples) {
        Json s = rejectSampleJson(sample);
        s["rule"] = ruleId(rule);
        samples.push_back(std::move(s));
    }
    return jsonText(samples);
}

QVariant optionalInt(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant();
}

const char *SelectColumns
    = "uid::text, node_identifier, update_hash, storage_hash, configuration::text, storage_class,"
      " table_schema, table_name, write_policy, status,"
      " to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'),"
      " to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'),"
      " rows_received, rows_accepted, rows_rejected, rows_inserted, rows_updated, rows_written,"
      " expected_rows, elapsed_ms, reject_counts::text, reject_samples::text, exit_code,"
      " log_tail, coalesce(error, '')";

void readRejects(RunRecord &r, const QString &countsJson, const QString &samplesJson)
{
    const Json counts = parseJson(countsJson, Json::object());
    for (const RejectRule rule : allRules()) {
        const auto it = counts.find(ruleId(rule));
        if (it != counts.end() && it->is_number_integer() && it->get<qint64>() > 0)
            r.rejectCounts.append({rule, it->get<qint64>()});
    }
    for (const Json &s : parseJson(samplesJson, Json::array())) {
        const auto rule = ruleFromId(str(s, "rule"));
        if (!rule || !s.contains("line") || !s["line"].is_number_integer())
            continue;
        r.samples.append({*rule,
                          RejectSample{s["line"].get<std::int64_t>(),
                                       str(s, "column"),
                                       str(s, "value"),
                                       str(s, "reason"),
                                       str(s, "grain_key")}});
    }
}

RunRecord recordAt(const Db::Rows &rows, qsizetype i)
{
    RunRecord r;
    r.runId = rows.text(i, 0);
    r.nodePath = rows.text(i, 1);
    r.updateHash = rows.text(i, 2);
    r.storageHash = rows.text(i, 3);
    r.config = parseJson(rows.text(i, 4), Json::object());
    r.storageClass = rows.text(i, 5);
    r.tableSchema = rows.text(i, 6);
    r.tableName = rows.text(i, 7);
    r.policy = writePolicyFromName(rows.text(i, 8)).value_or(WritePolicy::Atomic);
    r.status = runStatusFromName(rows.text(i, 9)).value_or(RunStatus::Failed);
    r.startedAt = QDateTime::fromString(rows.text(i, 10), Qt::ISODateWithMs);
    if (!rows.isNull(i, 11))
        r.finishedAt = QDateTime::fromString(rows.text(i, 11), Qt::ISODateWithMs);
    r.counters.rowsRead = rows.text(i, 12).toLongLong();
    r.counters.accepted = rows.text(i, 13).toLongLong();
    r.counters.rejected = rows.text(i, 14).toLongLong();
    r.counters.inserted = rows.text(i, 15).toLongLong();
    r.counters.updated = rows.text(i, 16).toLongLong();
    r.counters.committed = rows.text(i, 17).toLongLong();
    if (!rows.isNull(i, 18))
        r.counters.expectedRows = rows.text(i, 18).toLongLong();
    r.counters.elapsedMs = rows.text(i, 19).toDouble();
    readRejects(r, rows.text(i, 20), rows.text(i, 21));
    if (!rows.isNull(i, 22))
        r.exitCode = rows.text(i, 22).toInt();
    r.logTail = rows.text(i, 23);
    r.message = rows.text(i, 24);
    return r;
}

} // namespace

void fillRejects(RunRecord &record, const RejectLog &log)
{
    record.rejectCounts.clear();
    record.samples.clear();
    for (const RejectRule rule : allRules()) {
        if (log.count(rule) == 0)
            continue;
        record.rejectCounts.append({rule, log.count(rule)});
        for (const RejectSample &s : log.samples(rule))
            record.samples.append({rule, s});
    }
}

VoidResult insertRunRecord(Db::Session &session,
                           const RunRecord &r,
                           const QString &providerKey,
                           const QString &metaTableUid)
{
    auto inserted = session.execute(
        QStringLiteral(
            "INSERT INTO metatable_catalog.node_runs (uid, provider_key, node_identifier,"
            " update_hash, storage_hash, meta_table_uid, configuration, storage_class,"
            " table_schema, table_name, write_policy, status, started_at, expected_rows)"
            " VALUES ($1::uuid, $2, $3, $4, $5, $6::uuid, $7::json, $8, $9, $10, $11, $12,"
            " $13::timestamptz, $14)"),
        {r.runId,
         providerKey,
         r.nodePath,
         r.updateHash,
         r.storageHash,
         metaTableUid.isEmpty() ? QVariant() : QVariant(metaTableUid),
         jsonText(r.config),
         r.storageClass,
         r.tableSchema,
         r.tableName,
         writePolicyName(r.policy),
         runStatusName(r.status),
         r.startedAt.toUTC().toString(Qt::ISODateWithMs),
         optionalInt(r.counters.expectedRows)});
    if (!inserted)
        return fail(inserted.error());
    return {};
}

VoidResult completeRunRecord(Db::Session &session, const RunRecord &r)
{
    auto updated = session.execute(
        QStringLiteral(
            "UPDATE metatable_catalog.node_runs SET status = $2, finished_at = $3::timestamptz,"
            " rows_received = $4, rows_accepted = $5, rows_rejected = $6, rows_inserted = $7,"
            " rows_updated = $8, rows_written = $9, expected_rows = $10, elapsed_ms = $11,"
            " reject_counts = $12::jsonb, reject_samples = $13::jsonb, exit_code = $14,"
            " log_tail = $15, error = $16 WHERE uid = $1::uuid"),
        {r.runId,
         runStatusName(r.status),
         r.finishedAt.toUTC().toString(Qt::ISODateWithMs),
         r.counters.rowsRead,
         r.counters.accepted,
         r.counters.rejected,
         r.counters.inserted,
         r.counters.updated,
         r.counters.committed,
         optionalInt(r.counters.expectedRows),
         r.counters.elapsedMs,
         countsText(r),
         samplesText(r),
         r.exitCode ? QVariant(*r.exitCode) : QVariant(),
         r.logTail,
         r.message.isEmpty() ? QVariant() : QVariant(r.message)});
    if (!updated)
        return fail(updated.error());
    if (*updated != 1)
        return fail(
            ErrorCode::Internal,
            QStringLiteral("The record of run %1 is missing from the catalog.").arg(r.runId));
    return {};
}

Result<QList<RunRecord>>
readRunRecords(Db::Session &session, const QString &nodePath, int limit, bool runningOnly)
{
    auto rows = session.query(
        QStringLiteral("SELECT %1 FROM metatable_catalog.node_runs"
                       " WHERE ($1 = '' OR node_identifier = $1) AND (NOT $2 OR status = 'running')"
                       " ORDER BY started_at DESC, uid LIMIT $3")
            .arg(QLatin1String(SelectColumns)),
        {nodePath, runningOnly, limit});
    if (!rows)
        return fail(rows.error());
    QList<RunRecord> out;
    out.reserve(rows->size());
    for (qsizetype i = 0; i < rows->size(); ++i)
        out.append(recordAt(*rows, i));
    return out;
}

Result<qint64> closeAbandonedRuns(Db::Session &session, const QString &nodePath)
{
    return session.execute(
        QStringLiteral("UPDATE metatable_catalog.node_runs SET status = 'failed',"
                       " finished_at = now(), error = 'The console running it ended before the "
                       "run was completed; what it wrote stays as its write policy left it.'"
                       " WHERE node_identifier = $1 AND status = 'running'"),
        {nodePath});
}

Result<QList<RunRecord>> listRuns(const QString &conninfo, const QString &nodePath, int limit)
{
    auto session = Db::Session::open(conninfo);
    if (!session)
        return fail(session.error());
    auto exists = Db::catalogExists(**session);
    if (!exists)
        return fail(exists.error());
    if (!*exists)
        return QList<RunRecord>();
    auto version = (*session)->query(
        QStringLiteral("SELECT coalesce(max(version), 0) FROM metatable_catalog.schema_version"));
    if (!version)
        return fail(version.error());
    if (version->text(0, 0).toInt() < 2)
        return QList<RunRecord>(); // a catalog from before run records: no run was recorded
    return readRunRecords(**session, nodePath, limit);
}

} // namespace Core::Run
