// SPDX-License-Identifier: MIT
// One run of a DataNode: the refusals before it starts, the node's lock and record, the runner
// process feeding parser -> validator -> writer, and the outcome its write policy gives.
#include "noderun.h"

#include "runnerprocess.h"
#include "runrecords.h"
#include "runsetup.h"
#include "tablewriter.h"

#include <core/db/catalog.h>
#include <core/db/session.h>
#include <core/db/sqlidentifier.h>
#include <core/manifest/manifestio.h>

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QUuid>

namespace Core::Run {

namespace {

const QString LockScope = QStringLiteral("metatable-node-run");
constexpr int PollMs = 50;
constexpr int ProgressMs = 50;
constexpr int LogTailLines = 200;

// The storage table a run writes, as the catalog registered it.
struct RegisteredTable
{
    QString uid;
    QString schema;
    QString table;
};

Result<RegisteredTable>
registeredTable(Db::Session &session, const ProviderManifest &manifest, const StorageClass &sc)
{
    const QString migrateFirst = QStringLiteral(
        "Storage class %1 (table %2.%3) is %4 in the catalog of %5: register it by applying the "
        "migration first ('metatable upgrade MANIFEST --db CONNINFO', or Apply in the console's "
        "migration review), then run the node again.");
    auto bindings = Db::readBindings(session, manifest.provider.providerKey());
    if (!bindings)
        return fail(bindings.error());
    for (const Db::CatalogBinding &b : *bindings) {
        if (b.binding.physicalSchema != sc.schema()
            || b.binding.physicalTableName != sc.tableName())
            continue;
        if (b.provisioningStatus != u"active")
            return fail(ErrorCode::Refused,
                        migrateFirst.arg(storageClassName(sc),
                                         sc.schema(),
                                         sc.tableName(),
                                         QStringLiteral("only reserved, not active,"),
                                         session.redactedConninfo()));
        auto exists = session.query(QStringLiteral("SELECT to_regclass($1) IS NOT NULL"),
                                    {Db::quoteQualified(sc.schema(), sc.tableName())});
        if (!exists)
            return fail(exists.error());
        if (!exists->boolean(0, 0))
            return fail(ErrorCode::Refused,
                        migrateFirst.arg(storageClassName(sc),
                                         sc.schema(),
                                         sc.tableName(),
                                         QStringLiteral("registered but its table is missing"),
                                         session.redactedConninfo()));
        return RegisteredTable{b.binding.uid, sc.schema(), sc.tableName()};
    }
    return fail(ErrorCode::Refused,
                migrateFirst.arg(storageClassName(sc),
                                 sc.schema(),
                                 sc.tableName(),
                                 QStringLiteral("not registered"),
                                 session.redactedConninfo()));
}

// Passes accepted rows on to the writer, which is made after the validator that names the
// columns.
class Relay final : public AcceptedRowSink
{
public:
    AcceptedRowSink *to = nullptr;
    void accepted(std::string_view copyLine, std::int64_t line) override
    {
        to->accepted(copyLine, line);
    }
};

class NodeRun
{
public:
    NodeRun(const RunSetup &setup,
            const RunOptions &options,
            const RunCallbacks &callbacks,
            const CancelToken &cancel,
            RunRecord &record)
        : m_setup(setup)
        , m_options(options)
        , m_callbacks(callbacks)
        , m_cancel(cancel)
        , m_record(record)
    {}

    // Runs the runner to its end; fills the record's outcome.
    void execute(Db::Session &session, const RegisteredTable &table);

private:
    VoidResult prepare(Db::Session &session, const RegisteredTable &table);
    void pump();
    void conclude();
    void finishWith(RunStatus status, const QString &message);
    void logLine(const QString &line);
    void refreshCounters();
    void report(bool force);
    QString writtenSoFar() const;

    const RunSetup &m_setup;
    const RunOptions &m_options;
    const RunCallbacks &m_callbacks;
    const CancelToken &m_cancel;
    RunRecord &m_record;

    QTemporaryDir m_files;
    Relay m_relay;
    std::optional<RowValidator> m_validator;
    std::unique_ptr<RowParser> m_parser;
    std::unique_ptr<TableWriter> m_writer;
    RunnerProcess m_process;
    QElapsedTimer m_clock;
    qint64 m_lastReport = -ProgressMs;
    std::int64_t m_lastRejects = -1;
    QStringList m_log;
    bool m_cancelled = false;
    std::optional<Error> m_streamFailure;
};

VoidResult NodeRun::prepare(Db::Session &session, const RegisteredTable &table)
{
    ValidatorOptions vo;
    vo.samplesPerRule = m_options.samplesPerRule;
    auto validator = RowValidator::create(*m_setup.storageClass, m_relay, vo);
    if (!validator)
        return fail(validator.error());
    m_validator.emplace(std::move(*validator));
    const std::vector<std::string> &names = m_validator->columnNames();
    WriteTarget target{table.schema, table.table, {}, m_setup.grainColumns, 0};
    for (std::size_t i = 0; i < names.size(); ++i) {
        target.columns << QString::fromStdString(names[i]);
        if (target.columns.last() == m_setup.timeIndex)
            target.timeColumn = int(i);
    }
    m_writer = std::make_unique<TableWriter>(
        session, std::move(target), m_options.policy, m_options.batchRows);
    m_relay.to = m_writer.get();
    m_parser = makeRowParser(m_setup.format, names, *m_validator);

    if (!m_files.isValid())
        return fail(ErrorCode::Io,
                    QStringLiteral("Cannot create a temporary folder for the runner's "
                                   "configuration: %1")
                        .arg(m_files.errorString()));
    const QList<QPair<QString, Json>> files
        = {{QStringLiteral("config.json"), m_setup.config},
           {QStringLiteral("contract.json"), storageClassToJson(*m_setup.storageClass)}};
    for (const auto &[name, json] : files) {
        QFile f(m_files.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray::fromStdString(json.dump())) < 0)
            return fail(ErrorCode::Io,
                        QStringLiteral("Cannot write %1: %2").arg(f.fileName(), f.errorString()));
    }
    return m_writer->begin();
}

void NodeRun::logLine(const QString &line)
{
    m_log.append(line);
    if (m_log.size() > LogTailLines)
        m_log.removeFirst();
    if (m_callbacks.log)
        m_callbacks.log(line);
}

void NodeRun::refreshCounters()
{
    RunCounters &c = m_record.counters;
    c.rowsRead = m_validator->rowsRead();
    c.accepted = m_validator->rowsAccepted();
    c.rejected = m_validator->rejects().total();
    const WriteFigures f = m_writer->figures();
    c.inserted = f.inserted;
    c.updated = f.updated;
    c.committed = f.committed;
    c.expectedRows = m_parser->expectedRows();
    c.elapsedMs = double(m_clock.nsecsElapsed()) / 1e6;
}

void NodeRun::report(bool force)
{
    const qint64 now = m_clock.elapsed();
    if (!force && now - m_lastReport < ProgressMs)
        return;
    m_lastReport = now;
    refreshCounters();
    if (m_callbacks.progress)
        m_callbacks.progress(m_record.counters);
    const std::int64_t rejects = m_validator->rejects().total();
    if (m_callbacks.rejects && rejects != m_lastRejects)
        m_callbacks.rejects(m_validator->rejects());
    m_lastRejects = rejects;
}

void NodeRun::pump()
{
    const auto rows = [this](std::string_view chunk) {
        if (!m_streamFailure && !m_writer->failure())
            m_parser->feed(chunk);
    };
    const auto log = [this](const QString &line) { logLine(line); };
    while (m_process.poll(PollMs, rows, log)) {
        if (m_cancel.isCancelled()) {
            m_cancelled = true;
            m_process.stop(m_options.graceMs);
        } else if (m_writer->failure() || m_parser->failure()) {
            if (m_parser->failure())
                m_streamFailure = *m_parser->failure();
            m_process.stop(0); // nothing more can be written: no grace needed
        }
        report(false);
    }
    if (!m_cancelled && !m_streamFailure && !m_writer->failure()) {
        m_parser->finish();
        if (m_parser->failure())
            m_streamFailure = *m_parser->failure();
    }
}

QString NodeRun::writtenSoFar() const
{
    if (m_options.policy == WritePolicy::Atomic)
        return QStringLiteral("atomic: the transaction was rolled back, the table is as it was");
    const WriteFigures f = m_writer->figures();
    return QStringLiteral("batched: %1 rows in %2 committed batches stay in the table; %3 rows "
                          "after the last commit were rolled back")
        .arg(f.committed)
        .arg(f.batches)
        .arg(m_record.counters.accepted - f.committed);
}

void NodeRun::finishWith(RunStatus status, const QString &message)
{
    m_record.status = status;
    m_record.message = message;
}

void NodeRun::conclude()
{
    m_record.exitCode = m_process.exitCode();
    const auto failed = [this](const QString &what) {
        m_writer->abort(what);
        refreshCounters();
        finishWith(RunStatus::Failed, QStringLiteral("%1 (%2).").arg(what, writtenSoFar()));
    };
    refreshCounters();
    if (m_cancelled) {
        m_writer->abort(QStringLiteral("the run was cancelled"));
        refreshCounters();
        finishWith(RunStatus::Cancelled,
                   QStringLiteral("Cancelled after %1 rows (%2).")
                       .arg(m_record.counters.rowsRead)
                       .arg(writtenSoFar()));
    } else if (m_writer->failure()) {
        const Error &e = *m_writer->failure();
        failed(QStringLiteral("Writing into %1.%2 failed: %3%4")
                   .arg(m_record.tableSchema,
                        m_record.tableName,
                        e.message,
                        e.detail.isEmpty() ? QString() : QStringLiteral(" ") + e.detail));
    } else if (m_streamFailure) {
        failed(QStringLiteral("The runner's row stream cannot be read: %1")
                   .arg(m_streamFailure->message));
    } else if (!m_record.exitCode || *m_record.exitCode != 0) {
        failed(m_record.exitCode
                   ? QStringLiteral("The runner exited with code %1 after %2 rows; see its log")
                         .arg(*m_record.exitCode)
                         .arg(m_record.counters.rowsRead)
                   : QStringLiteral("The runner crashed after %1 rows; see its log")
                         .arg(m_record.counters.rowsRead));
    } else if (auto r = m_writer->finish(); !r) {
        failed(
            QStringLiteral("Writing into %1.%2 failed: %3 %4")
                .arg(
                    m_record.tableSchema, m_record.tableName, r.error().message, r.error().detail));
    } else {
        refreshCounters();
        const qint64 rejected = m_record.counters.rejected;
        if (rejected > 0)
            finishWith(RunStatus::SucceededWithRejects,
                       QStringLiteral("Succeeded with %1 rejects: %2 rows written, %3 rows "
                                      "refused and not written.")
                           .arg(rejected)
                           .arg(m_record.counters.committed)
                           .arg(rejected));
        else
            finishWith(RunStatus::Succeeded, QString());
    }
}

void NodeRun::execute(Db::Session &session, const RegisteredTable &table)
{
    if (auto r = prepare(session, table); !r) {
        finishWith(RunStatus::Failed, r.error().message);
        return;
    }
    RunnerLaunch launch{
        m_setup.program, m_setup.arguments, m_setup.workingDirectory, m_setup.environment};
    launch.environment.insert(QStringLiteral("METATABLE_CONFIG_FILE"),
                              m_files.filePath(QStringLiteral("config.json")));
    launch.environment.insert(QStringLiteral("METATABLE_CONTRACT_FILE"),
                              m_files.filePath(QStringLiteral("contract.json")));
    launch.environment.insert(QStringLiteral("METATABLE_ROW_FORMAT"),
                              m_setup.format == RowFormat::Csv ? QStringLiteral("csv")
                                                               : QStringLiteral("ndjson"));
    m_clock.start(); // elapsedMs counts from the runner's start
    if (auto r = m_process.start(launch); !r) {
        m_writer->abort(QStringLiteral("the runner did not start"));
        finishWith(RunStatus::Failed, r.error().message);
        return;
    }
    pump();
    conclude();
    report(true);
    fillRejects(m_record, m_validator->rejects());
    m_record.logTail = m_log.join(QLatin1Char('\n'));
}

RunRecord newRecord(const RunSetup &setup,
                    const RegisteredTable &table,
                    const QString &nodePath,
                    const RunOptions &options)
{
    RunRecord r;
    r.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.nodePath = nodePath;
    r.updateHash = setup.hashes.updateHash;
    r.storageHash = setup.hashes.storageHash;
    r.config = setup.config;
    r.storageClass = storageClassName(*setup.storageClass);
    r.tableSchema = table.schema;
    r.tableName = table.table;
    r.policy = options.policy;
    r.status = RunStatus::Running;
    r.startedAt = QDateTime::currentDateTimeUtc();
    return r;
}

// Says who holds the node's lock, from the newest record still running.
Error alreadyRunning(Db::Session &records, const QString &nodePath)
{
    QString who;
    auto running = readRunRecords(records, nodePath, 1, true);
    if (running && !running->isEmpty())
        who = QStringLiteral(" (run %1, started %2 UTC)")
                  .arg(running->first().runId,
                       running->first().startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    return Error{ErrorCode::Conflict,
                 QStringLiteral("Node %1 is already running%2: wait for that run to end or "
                                "cancel it, then start again. Runs of other nodes are not "
                                "affected.")
                     .arg(nodePath, who),
                 {}};
}

} // namespace

Result<RunRecord> runNode(const QString &conninfo,
                          const ProviderManifest &manifest,
                          const QString &nodePath,
                          const RunOptions &options,
                          const RunCallbacks &callbacks,
                          const CancelToken &cancel)
{
    auto setup = prepareRun(manifest, nodePath, options);
    if (!setup)
        return fail(setup.error());
    auto records = Db::Session::open(conninfo);
    if (!records)
        return fail(records.error());
    auto session = Db::Session::open(conninfo);
    if (!session)
        return fail(session.error());
    if (auto r = Db::ensureCatalog(**records); !r)
        return fail(r.error());
    auto table = registeredTable(**records, manifest, *setup->storageClass);
    if (!table)
        return fail(table.error());
    if (auto r = resolveRunner(*setup); !r)
        return fail(r.error());

    auto locked = (*session)->tryAdvisoryLock(LockScope, nodePath);
    if (!locked)
        return fail(locked.error());
    if (!*locked)
        return fail(alreadyRunning(**records, nodePath));
    if (auto r = closeAbandonedRuns(**records, nodePath); !r)
        return fail(r.error());

    RunRecord record = newRecord(*setup, *table, nodePath, options);
    if (auto r = insertRunRecord(**records, record, manifest.provider.providerKey(), table->uid);
        !r)
        return fail(r.error());
    if (callbacks.started)
        callbacks.started(record);
    {
        NodeRun run(*setup, options, callbacks, cancel, record);
        run.execute(**session, *table);
    }
    record.finishedAt = QDateTime::currentDateTimeUtc();
    (void)(*session)->advisoryUnlock(LockScope, nodePath);
    if (auto r = completeRunRecord(**records, record); !r) {
        if (!record.message.isEmpty())
            record.message += QLatin1Char(' ');
        record.message += QStringLiteral("Its record could not be completed in the catalog: %1")
                              .arg(r.error().message);
    }
    return record;
}

} // namespace Core::Run
