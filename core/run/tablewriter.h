// SPDX-License-Identifier: MIT
#pragma once

#include <core/run/noderun.h>
#include <core/run/rowvalidator.h>
#include <core/util/result.h>

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace Core::Db {
class CopyIn;
class Session;
} // namespace Core::Db

namespace Core::Run {

// Where accepted rows go: the node's storage table and its grain.
struct WriteTarget
{
    QString schema;
    QString table;
    QStringList columns;      // the COPY column list: RowValidator::columnNames(), in order
    QStringList grainColumns; // the unique grain index: time index + index_names
    int timeColumn = 0;       // position of the time index in `columns`
};

// What the writer has done. `inserted` and `updated` count committed transactions plus the open
// one (a rollback takes its share back); `committed` only rows whose transaction committed.
struct WriteFigures
{
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 committed = 0; // rows in committed transactions: what other sessions see
    qint64 direct = 0;    // rows copied straight into the table
    qint64 staged = 0;    // rows that went through the staging table and the upsert
    qint64 batches = 0;   // transactions committed
    qint64 probes = 0;    // EXISTS probes of a chunk's time range
};

// Writes accepted rows into the storage table with COPY, upserting on the grain.
//
// Rows are gathered in chunks. A chunk whose rows cannot meet a stored row goes straight into
// the table with COPY: its earliest time index is later than the table's latest one when the
// transaction began, or no stored row lies in its time range (an EXISTS probe). The grain
// includes the time index and the validator refuses a grain seen earlier in the run, so such a
// chunk conflicts with nothing. Any other chunk is copied into a temporary staging table and
// merged with INSERT ... ON CONFLICT (grain) DO UPDATE, which tells inserted from updated rows.
// PLATFORM-NOTES.md: the staged path costs 2-3x a plain COPY.
//
// Atomic: one transaction for the run. Batched: a commit every `batchRows` accepted rows. A
// database error stops the writer: failure() says why, and later rows are ignored.
class TableWriter final : public AcceptedRowSink
{
public:
    TableWriter(Db::Session &session, WriteTarget target, WritePolicy policy, qint64 batchRows);
    ~TableWriter() override;

    // Opens the first transaction (the caller holds the node's lock).
    [[nodiscard]] VoidResult begin();
    void accepted(std::string_view copyLine, std::int64_t line) override;
    // Writes what is buffered and commits.
    [[nodiscard]] VoidResult finish();
    // Rolls back the open transaction: Atomic leaves the table as it was, Batched keeps the
    // committed batches.
    void abort(const QString &why);

    const std::optional<Error> &failure() const { return m_failure; }
    WriteFigures figures() const;
    qint64 pendingRows() const { return m_txRows; } // accepted, not yet committed

private:
    enum class Stream { None, Direct, Staged };

    VoidResult beginTransaction();
    VoidResult commitTransaction();
    VoidResult flushChunk();
    VoidResult openStream(Stream kind);
    VoidResult endStream();
    VoidResult mergeStage();
    Result<bool> storedRowsInRange();
    void failWith(Error error);

    Db::Session &m_session;
    WriteTarget m_target;
    WritePolicy m_policy;
    qint64 m_batchRows;

    std::string m_chunk;
    qint64 m_chunkRows = 0;
    std::int64_t m_chunkMin = 0;
    std::int64_t m_chunkMax = 0;
    std::string m_chunkMinText;
    std::string m_chunkMaxText;

    std::optional<std::int64_t> m_tableMax; // the table's latest time index (µs), per transaction
    std::unique_ptr<Db::CopyIn> m_stream;
    Stream m_streamKind = Stream::None;
    qint64 m_streamRows = 0;
    bool m_stageExists = false;
    qint64 m_stageRows = 0;

    bool m_inTransaction = false;
    qint64 m_txRows = 0;
    qint64 m_txInserted = 0;
    qint64 m_txUpdated = 0;
    WriteFigures m_figures;
    std::optional<Error> m_failure;
};

} // namespace Core::Run
