// SPDX-License-Identifier: MIT
#include "tablewriter.h"

#include "valueparse.h"

#include <core/db/copyin.h>
#include <core/db/session.h>
#include <core/db/sqlidentifier.h>

namespace Core::Run {

namespace {

// A chunk is the unit of the direct-or-staged decision: large enough that the decision (and,
// when the path changes, a new COPY) costs nothing per row, small enough to stay in cache.
constexpr qint64 ChunkRows = 16384;
constexpr std::size_t ChunkBytes = 1 << 20;
// Staged rows are merged into the table this often, so the staging table stays small.
constexpr qint64 StageMergeRows = 262144;

const QString StageTable = QStringLiteral("metatable_run_stage");

// Field `index` of a COPY text line (fields separated by tabs; a timestamp holds none).
std::string_view copyField(std::string_view line, int index)
{
    std::size_t start = 0;
    for (int i = 0; i < index; ++i) {
        const std::size_t tab = line.find('\t', start);
        if (tab == std::string_view::npos)
            return {};
        start = tab + 1;
    }
    std::size_t end = line.find_first_of("\t\n", start);
    if (end == std::string_view::npos)
        end = line.size();
    return line.substr(start, end - start);
}

} // namespace

TableWriter::TableWriter(Db::Session &session,
                         WriteTarget target,
                         WritePolicy policy,
                         qint64 batchRows)
    : m_session(session)
    , m_target(std::move(target))
    , m_policy(policy)
    , m_batchRows(batchRows > 0 ? batchRows : 1)
{
    m_chunk.reserve(ChunkBytes + 4096);
}

TableWriter::~TableWriter()
{
    if (m_inTransaction)
        abort(QStringLiteral("the writer was destroyed"));
}

VoidResult TableWriter::begin()
{
    return beginTransaction();
}

void TableWriter::failWith(Error error)
{
    if (!m_failure)
        m_failure = std::move(error);
}

VoidResult TableWriter::beginTransaction()
{
    if (auto r = m_session.begin(); !r)
        return r;
    m_inTransaction = true;
    m_stageExists = false;
    m_stageRows = 0;
    m_txRows = m_txInserted = m_txUpdated = 0;
    // Read under the node's lock: later chunks beyond this instant cannot meet a stored row.
    auto max = m_session.query(
        QStringLiteral("SELECT (extract(epoch FROM max(%1)) * 1000000)::bigint FROM %2")
            .arg(Db::quoteIdentifier(m_target.columns.at(m_target.timeColumn)),
                 Db::quoteQualified(m_target.schema, m_target.table)));
    if (!max)
        return fail(max.error());
    m_tableMax.reset();
    if (!max->isNull(0, 0))
        m_tableMax = max->text(0, 0).toLongLong();
    return {};
}

void TableWriter::accepted(std::string_view copyLine, std::int64_t)
{
    if (m_failure)
        return;
    const std::string_view time = copyField(copyLine, m_target.timeColumn);
    const std::int64_t micros = parseTimestamp(time).utcMicros;
    if (m_chunkRows == 0 || micros < m_chunkMin) {
        m_chunkMin = micros;
        m_chunkMinText.assign(time);
    }
    if (m_chunkRows == 0 || micros > m_chunkMax) {
        m_chunkMax = micros;
        m_chunkMaxText.assign(time);
    }
    m_chunk.append(copyLine);
    ++m_chunkRows;
    ++m_txRows;
    VoidResult r;
    if (m_policy == WritePolicy::Batched && m_txRows >= m_batchRows) {
        r = commitTransaction();
        if (r)
            r = beginTransaction();
    } else if (m_chunkRows >= ChunkRows || m_chunk.size() >= ChunkBytes) {
        r = flushChunk();
    }
    if (!r)
        failWith(r.error());
}

Result<bool> TableWriter::storedRowsInRange()
{
    ++m_figures.probes;
    const QString column = Db::quoteIdentifier(m_target.columns.at(m_target.timeColumn));
    auto r = m_session.query(
        QStringLiteral("SELECT EXISTS (SELECT 1 FROM %1 WHERE %2 BETWEEN $1::timestamptz AND "
                       "$2::timestamptz)")
            .arg(Db::quoteQualified(m_target.schema, m_target.table), column),
        {QString::fromStdString(m_chunkMinText), QString::fromStdString(m_chunkMaxText)});
    if (!r)
        return fail(r.error());
    return r->boolean(0, 0);
}

VoidResult TableWriter::flushChunk()
{
    if (m_chunkRows == 0)
        return {};
    Stream kind = Stream::Direct;
    if (m_tableMax && m_chunkMin <= *m_tableMax) {
        if (m_streamKind == Stream::Staged) {
            kind = Stream::Staged; // stay on the open staging COPY rather than probe
        } else {
            if (auto r = endStream(); !r)
                return r;
            auto stored = storedRowsInRange();
            if (!stored)
                return fail(stored.error());
            kind = *stored ? Stream::Staged : Stream::Direct;
        }
    }
    if (auto r = openStream(kind); !r)
        return r;
    if (auto r = m_stream->write(m_chunk); !r)
        return r;
    m_streamRows += m_chunkRows;
    if (kind == Stream::Direct) {
        m_txInserted += m_chunkRows;
        m_figures.direct += m_chunkRows;
    } else {
        m_stageRows += m_chunkRows;
        m_figures.staged += m_chunkRows;
    }
    m_chunk.clear();
    m_chunkRows = 0;
    if (m_stageRows >= StageMergeRows) {
        if (auto r = endStream(); !r)
            return r;
        return mergeStage();
    }
    return {};
}

VoidResult TableWriter::openStream(Stream kind)
{
    if (m_streamKind == kind)
        return {};
    if (auto r = endStream(); !r)
        return r;
    if (kind == Stream::Staged && !m_stageExists) {
        // Only the contract's columns, no constraints: the cheapest table to COPY into.
        auto created = m_session.execute(
            QStringLiteral("CREATE TEMP TABLE %1 ON COMMIT DROP AS SELECT %2 FROM %3 WITH NO DATA")
                .arg(Db::quoteIdentifier(StageTable),
                     Db::quoteIdentifierList(m_target.columns),
                     Db::quoteQualified(m_target.schema, m_target.table)));
        if (!created)
            return fail(created.error());
        m_stageExists = true;
    }
    auto stream = kind == Stream::Direct
                      ? m_session.copyIn(m_target.schema, m_target.table, m_target.columns)
                      : m_session.copyIn(QStringLiteral("pg_temp"), StageTable, m_target.columns);
    if (!stream)
        return fail(stream.error());
    m_stream = std::move(*stream);
    m_streamKind = kind;
    m_streamRows = 0;
    return {};
}

VoidResult TableWriter::endStream()
{
    if (!m_stream)
        return {};
    auto copied = m_stream->finish();
    m_stream.reset();
    const qint64 sent = m_streamRows;
    m_streamKind = Stream::None;
    m_streamRows = 0;
    if (!copied)
        return fail(copied.error());
    if (*copied != sent)
        return fail(ErrorCode::Internal,
                    QStringLiteral("The server stored %1 rows of a COPY that sent %2.")
                        .arg(*copied)
                        .arg(sent));
    return {};
}

VoidResult TableWriter::mergeStage()
{
    if (m_stageRows == 0)
        return {};
    QStringList updates;
    for (const QString &c : m_target.columns) {
        if (!m_target.grainColumns.contains(c))
            updates << QStringLiteral("%1 = EXCLUDED.%1").arg(Db::quoteIdentifier(c));
    }
    // A table of grain columns only still reports a stored row as updated.
    if (updates.isEmpty())
        updates << QStringLiteral("%1 = EXCLUDED.%1")
                       .arg(Db::quoteIdentifier(m_target.grainColumns.first()));
    const QString columns = Db::quoteIdentifierList(m_target.columns);
    const QString sql
        = QStringLiteral("WITH written AS (INSERT INTO %1 (%2) SELECT %2 FROM %3 "
                         "ON CONFLICT (%4) DO UPDATE SET %5 RETURNING (xmax = 0) AS inserted) "
                         "SELECT count(*) FILTER (WHERE inserted), "
                         "count(*) FILTER (WHERE NOT inserted) FROM written")
              .arg(Db::quoteQualified(m_target.schema, m_target.table),
                   columns,
                   Db::quoteQualified(QStringLiteral("pg_temp"), StageTable),
                   Db::quoteIdentifierList(m_target.grainColumns),
                   updates.join(QLatin1String(", ")));
    auto merged = m_session.query(sql);
    if (!merged)
        return fail(merged.error());
    m_txInserted += merged->text(0, 0).toLongLong();
    m_txUpdated += merged->text(0, 1).toLongLong();
    auto cleared
        = m_session.execute(QStringLiteral("TRUNCATE %1")
                                .arg(Db::quoteQualified(QStringLiteral("pg_temp"), StageTable)));
    if (!cleared)
        return fail(cleared.error());
    m_stageRows = 0;
    return {};
}

VoidResult TableWriter::commitTransaction()
{
    if (auto r = flushChunk(); !r)
        return r;
    if (auto r = endStream(); !r)
        return r;
    if (auto r = mergeStage(); !r)
        return r;
    if (auto r = m_session.commit(); !r) {
        m_inTransaction = false;
        return r;
    }
    m_inTransaction = false;
    m_figures.committed += m_txRows;
    m_figures.inserted += m_txInserted;
    m_figures.updated += m_txUpdated;
    ++m_figures.batches;
    m_txRows = m_txInserted = m_txUpdated = 0;
    return {};
}

VoidResult TableWriter::finish()
{
    if (m_failure)
        return fail(*m_failure);
    if (!m_inTransaction)
        return fail(ErrorCode::Internal, QStringLiteral("The writer has no open transaction."));
    auto r = commitTransaction();
    if (!r)
        failWith(r.error());
    return r;
}

WriteFigures TableWriter::figures() const
{
    WriteFigures f = m_figures;
    f.inserted += m_txInserted;
    f.updated += m_txUpdated;
    return f;
}

void TableWriter::abort(const QString &why)
{
    if (m_stream) {
        m_stream->abort(why);
        m_stream.reset();
    }
    m_streamKind = Stream::None;
    m_streamRows = 0;
    m_chunk.clear();
    m_chunkRows = 0;
    if (m_inTransaction)
        m_session.rollback();
    m_inTransaction = false;
    m_txRows = m_txInserted = m_txUpdated = 0;
    m_stageRows = 0;
}

} // namespace Core::Run
