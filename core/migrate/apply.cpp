// SPDX-License-Identifier: MIT
#include "apply.h"

#include <core/contract/contracthash.h>
#include <core/db/catalog.h>
#include <core/db/introspect.h>
#include <core/db/session.h>
#include <core/db/sqlidentifier.h>
#include <core/migrate/diff.h>
#include <core/migrate/expressionprinter.h>
#include <core/migrate/model.h>
#include <core/migrate/revision.h>
#include <core/migrate/risk.h>
#include <core/migrate/textchanges.h>

#include <QElapsedTimer>
#include <QHash>
#include <QSet>

namespace Core::Migrate {

namespace {

// What the catalog must say about one class once the upgrade is done.
struct DesiredRow
{
    const StorageClass *storageClass = nullptr;
    QString schema;
    Db::Reservation reservation;
};

QString classSchema(const StorageClass &storageClass, const ProviderManifest &manifest)
{
    return storageClass.schema().isEmpty() ? manifest.provider.schema : storageClass.schema();
}

QString qualifiedText(const QString &schema, const QString &table)
{
    return schema + QLatin1Char('.') + table;
}

Result<QList<DesiredRow>> desiredRows(const ProviderManifest &manifest)
{
    QList<DesiredRow> rows;
    for (const StorageClass &sc : manifest.storageClasses) {
        auto hash = computeContractHash(sc, std::nullopt);
        if (!hash)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("Cannot compute the contract hash of %1 (table %2): %3")
                            .arg(sc.classRef.path(), sc.tableName(), hash.error().message),
                        hash.error().detail);
        DesiredRow row;
        row.storageClass = &sc;
        row.schema = classSchema(sc, manifest);
        Db::Reservation &r = row.reservation;
        r.providerKey = manifest.provider.providerKey();
        // The SDK reserves provider models under their SQLAlchemy table name.
        r.identifier = sc.tableName();
        r.metatableIdentifier = sc.registration.identifier.value_or(QString());
        r.namespaceName = sc.registration.namespaceName;
        r.physicalSchema = row.schema;
        r.physicalTableName = sc.tableName();
        r.tableKind
            = sc.isTimeIndexed() ? QStringLiteral("time_indexed") : QStringLiteral("relational");
        if (sc.isTimeIndexed()) {
            auto contract = validateTimeIndexContract(sc);
            if (!contract)
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("%1 (table %2): %3")
                                .arg(sc.classRef.path(), sc.tableName(), contract.error().message));
            r.timeIndexName = contract->timeIndexName;
            r.indexNames = contract->indexNames;
            r.cadence = contract->cadence;
        }
        r.contractHash = hash->hash;
        r.description = sc.registration.description.value_or(QString());
        r.labels = sc.registration.labels;
        r.columnTexts = catalogColumnTexts(sc);
        r.protectFromDeletion = sc.registration.protectFromDeletion;
        rows.append(row);
    }
    return rows;
}

// True when every class already has an active row with its current contract hash.
bool catalogUpToDate(const QList<DesiredRow> &rows, const Db::DbSnapshot &snapshot)
{
    if (!snapshot.catalogExists)
        return rows.isEmpty();
    for (const DesiredRow &row : rows) {
        const Db::CatalogEntry *e
            = snapshot.catalogEntry(row.schema, row.reservation.physicalTableName);
        if (!e || e->provisioningStatus != u"active"
            || e->contractHash != row.reservation.contractHash)
            return false;
    }
    return true;
}

// Refuses plans that must not run: manifest errors, protected drops, destructive operations
// without permission, and anything else the diff marked as blocked.
VoidResult checkRunnable(const Plan &plan, const Db::DbSnapshot &snapshot, bool allowDestructive)
{
    QStringList problems;
    for (const Finding &f : plan.findings) {
        if (f.severity == FindingSeverity::Error)
            problems.append(f.message);
    }
    for (const Operation &op : plan.operations) {
        const Db::CatalogEntry *e = snapshot.catalogEntry(op.schema, op.table);
        const bool isProtected = op.kind == OperationKind::DropTable && e && e->protectFromDeletion;
        if (isProtected) {
            problems.append(QStringLiteral("%1.%2 is protect_from_deletion: it is never dropped "
                                           "(clear the flag in the manifest and upgrade first "
                                           "if the table really must go)")
                                .arg(op.schema, op.table));
            continue;
        }
        if (op.destructive && !allowDestructive) {
            problems.append(QStringLiteral("%1 is destructive (data is lost): pass "
                                           "--allow-destructive to apply it")
                                .arg(op.summary));
            continue;
        }
        for (const Risk &risk : op.risks) {
            if (risk.level != RiskLevel::Blocker)
                continue;
            if (risk.kind == RiskKind::DestructiveNotAllowed && allowDestructive)
                continue;
            QString problem = QStringLiteral("%1 on table %2: %3")
                                  .arg(op.summary, qualifiedText(op.schema, op.table), risk.reason);
            if (!risk.saferAlternative.isEmpty())
                problem += QStringLiteral(" Safer: %1").arg(risk.saferAlternative);
            problems.append(problem);
        }
    }
    if (problems.isEmpty())
        return {};
    return fail(ErrorCode::Refused,
                QStringLiteral("The upgrade was refused; nothing was changed:\n  - %1")
                    .arg(problems.join(QStringLiteral("\n  - "))));
}

// Appends one audit record per text the plan changed, in the apply's transaction (a rehearsal
// only lists them), and counts the change in the text_version of rows whose texts changed only
// in COMMENT ON.
VoidResult recordTextChanges(Db::Session &session,
                             ApplyResult &result,
                             const Db::DbSnapshot &snapshot,
                             const ApplyOptions &options)
{
    TextChanges changes = textChanges(result.plan, snapshot, options.auditSource);
    for (Db::TextAuditRecord &record : changes.records) {
        for (const AppliedClass &c : std::as_const(result.classes)) {
            if (record.metaTableUid.isEmpty() && c.schema == record.physicalSchema
                && c.table == record.physicalTableName)
                record.metaTableUid = c.uid;
        }
    }
    // A rehearsal leaves the database byte for byte as it was, and identity values are not
    // transactional: appended and rolled back, the records would still advance the audit's
    // sequence. It reports them in `audited` instead.
    if (!options.rehearse) {
        if (auto r = Db::appendTextAudit(session, changes.records); !r)
            return r;
    }
    if (auto r = Db::countTextChange(session, changes.commentOnlyUids); !r)
        return r;
    result.audited = changes.records;
    return {};
}

// Turns a failed DDL statement into a message that says which table, which limit, and what to
// do about it.
Error statementError(const Error &error,
                     const Operation &op,
                     const QString &statement,
                     const ApplyOptions &options)
{
    const QString table = qualifiedText(op.schema, op.table);
    if (error.detail.contains(u"SQLSTATE 55P03"))
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("lock_timeout of %1 expired waiting for a lock on table "
                                        "%2: another session holds it; retry or raise "
                                        "--lock-timeout. Nothing was changed.")
                             .arg(formatTimeout(options.lockTimeoutMs), table),
                         error.detail);
    if (error.detail.contains(u"SQLSTATE 57014"))
        return makeError(ErrorCode::Cancelled,
                         QStringLiteral("statement_timeout of %1 expired while running \"%2\" on "
                                        "table %3; raise --statement-timeout or run it when the "
                                        "table is less busy. Nothing was changed.")
                             .arg(formatTimeout(options.statementTimeoutMs), op.summary, table),
                         error.detail);
    return makeError(error.code,
                     QStringLiteral("Applying \"%1\" on table %2 failed; the whole upgrade was "
                                    "rolled back and nothing was changed.")
                         .arg(op.summary, table),
                     QStringLiteral("%1\nstatement: %2").arg(error.detail, statement));
}

VoidResult
stampRevision(Db::Session &session, const ProviderInfo &provider, const QString &revision)
{
    const QString table = Db::quoteQualified(provider.schema, provider.registryTableName);
    // The shape Alembic gives its version table, so Alembic itself can take over from here.
    const QString create
        = QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (version_num VARCHAR(32) NOT NULL, "
                         "CONSTRAINT %2 PRIMARY KEY (version_num))")
              .arg(table, Db::quoteIdentifier(provider.registryTableName + QStringLiteral("_pkc")));
    for (const QString &sql : {create, QStringLiteral("DELETE FROM %1").arg(table)}) {
        if (auto r = session.execute(sql); !r)
            return fail(r.error());
    }
    auto r = session.execute(QStringLiteral("INSERT INTO %1 (version_num) VALUES ($1)").arg(table),
                             {revision});
    if (!r)
        return fail(r.error());
    return {};
}

VoidResult createSchemas(Db::Session &session, const ProviderManifest &manifest)
{
    QStringList schemas{manifest.provider.schema};
    for (const StorageClass &sc : manifest.storageClasses)
        schemas.append(classSchema(sc, manifest));
    schemas.removeDuplicates();
    for (const QString &schema : schemas) {
        auto r = session.execute(
            QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1").arg(Db::quoteIdentifier(schema)));
        if (!r)
            return fail(r.error());
    }
    return {};
}

// Catalog rows of tables the plan drops go with them.
VoidResult forgetDroppedTables(Db::Session &session, const Plan &plan, const QString &providerKey)
{
    for (const Operation &op : plan.operations) {
        if (op.kind != OperationKind::DropTable)
            continue;
        auto r = session.execute(
            QStringLiteral("DELETE FROM metatable_catalog.meta_tables WHERE provider_key = $1 "
                           "AND physical_schema = $2 AND physical_table_name = $3"),
            {providerKey, op.schema, op.table});
        if (!r)
            return fail(r.error());
    }
    return {};
}

// Counts, for every risk of the plan that depends on the data, what the DDL would meet. A
// count that ran out of time says the table is too big or too busy for the DDL, which scans the
// same rows under a stronger lock and the same timeouts: apply stops there. Other failed counts
// are said in their risks' reasons, and the DDL has the last word.
VoidResult
countRisks(Db::Session &session, Plan &plan, const ApplyOptions &options, const CancelToken &cancel)
{
    SessionRiskProbe probe(session);
    if (auto r = assessRisks(plan, probe, cancel); !r)
        return r;
    for (const Error &e : probe.failures()) {
        if (e.code == ErrorCode::Cancelled)
            return fail(ErrorCode::Cancelled,
                        QStringLiteral("%1\nstatement_timeout of %2 expired before the upgrade "
                                       "took any table lock; the DDL would scan the same rows "
                                       "under an ACCESS EXCLUSIVE lock. Raise "
                                       "--statement-timeout or upgrade when the table is less "
                                       "busy. Nothing was changed.")
                            .arg(e.message, formatTimeout(options.statementTimeoutMs)),
                        e.detail);
        if (e.code == ErrorCode::Conflict)
            return fail(ErrorCode::Conflict,
                        QStringLiteral("%1\nlock_timeout of %2 expired: another session holds an "
                                       "ACCESS EXCLUSIVE lock on the table. Retry or raise "
                                       "--lock-timeout. Nothing was changed.")
                            .arg(e.message, formatTimeout(options.lockTimeoutMs)),
                        e.detail);
    }
    return {};
}

// The table locks this transaction holds on tables that existed before it. PostgreSQL records
// each mode a transaction acquires separately (holding ACCESS EXCLUSIVE, a later COMMENT still
// acquires SHARE UPDATE EXCLUSIVE), so the difference of two readings is what a statement took.
Result<QList<TableLock>> heldLocks(Db::Session &session, const Db::DbSnapshot &snapshot)
{
    auto rows = session.query(QStringLiteral(
        "select n.nspname, c.relname, l.mode from pg_locks l "
        "join pg_class c on c.oid = l.relation join pg_namespace n on n.oid = c.relnamespace "
        "where l.pid = pg_backend_pid() and l.granted and l.locktype = 'relation' "
        "and c.relkind in ('r', 'p')"));
    if (!rows)
        return fail(rows.error());
    QList<TableLock> held;
    for (qsizetype r = 0; r < rows->size(); ++r) {
        const auto mode = lockModeFromPg(rows->text(r, 2));
        if (mode && snapshot.table(rows->text(r, 0), rows->text(r, 1)))
            held.append({rows->text(r, 0), rows->text(r, 1), *mode});
    }
    return held;
}

// Runs the plan's DDL in order, reporting each statement. An apply fails on the first error;
// a rehearsal records it as the last report and stops, and also records the locks each
// statement took.
VoidResult runStatements(Db::Session &session,
                         ApplyResult &result,
                         const Db::DbSnapshot &snapshot,
                         const ApplyOptions &options,
                         const CancelToken &cancel)
{
    QList<TableLock> held;
    if (options.rehearse) {
        auto before = heldLocks(session, snapshot);
        if (!before)
            return fail(before.error());
        held = *before;
    }
    for (int i = 0; i < result.plan.operations.size(); ++i) {
        const Operation &op = result.plan.operations.at(i);
        for (const QString &statement : op.statements) {
            if (cancel.isCancelled())
                return fail(ErrorCode::Cancelled,
                            QStringLiteral("The upgrade was cancelled; nothing was changed."));
            StatementReport report{i, statement};
            if (options.onStatement)
                options.onStatement(report, false);
            QElapsedTimer timer;
            timer.start();
            auto r = session.execute(statement);
            report.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
            if (!r && cancel.isCancelled())
                return fail(ErrorCode::Cancelled,
                            QStringLiteral("The upgrade was cancelled while \"%1\" waited or "
                                           "ran; nothing was changed.")
                                .arg(op.summary),
                            r.error().detail);
            if (!r && !options.rehearse)
                return fail(statementError(r.error(), op, statement, options));
            if (!r)
                report.error = statementError(r.error(), op, statement, options);
            if (r && options.rehearse) {
                auto now = heldLocks(session, snapshot);
                if (!now)
                    return fail(now.error());
                for (const TableLock &lock : *now) {
                    if (!held.contains(lock))
                        report.locksTaken.append(lock);
                }
                held = *now;
            }
            if (options.onStatement)
                options.onStatement(report, true);
            result.statements.append(report);
            if (report.error)
                return {};
            ++result.statementsExecuted;
        }
    }
    return {};
}

// Binds every class whose table has an active row in `active` ("schema.table"), unbinds others.
void bindActive(ProviderManifest &manifest, const QHash<QString, Binding> &active)
{
    for (StorageClass &sc : manifest.storageClasses) {
        const auto it = active.constFind(qualifiedText(classSchema(sc, manifest), sc.tableName()));
        if (it == active.constEnd())
            sc.binding.reset();
        else
            sc.binding = *it;
    }
}

} // namespace

QString formatTimeout(int milliseconds)
{
    if (milliseconds <= 0)
        return QStringLiteral("no limit");
    if (milliseconds % 1000 == 0)
        return QStringLiteral("%1s").arg(milliseconds / 1000);
    if (milliseconds < 1000)
        return QStringLiteral("%1ms").arg(milliseconds);
    return QStringLiteral("%1s").arg(double(milliseconds) / 1000.0, 0, 'g', 6);
}

QString providerLockKey(const QString &providerKey)
{
    return QStringLiteral("metatable-upgrade:") + providerKey;
}

Db::IntrospectOptions introspectOptionsFor(const ProviderManifest &manifest)
{
    QStringList schemas{manifest.provider.schema};
    for (const StorageClass &sc : manifest.storageClasses) {
        schemas.append(classSchema(sc, manifest));
        for (const ForeignKeyDef &fk : sc.ddl.foreignKeys) {
            if (fk.targetSchema && !fk.targetSchema->isEmpty())
                schemas.append(*fk.targetSchema);
        }
    }
    for (const ExternalTable &t : manifest.externalTables)
        schemas.append(t.schema);
    schemas.removeDuplicates();
    Db::IntrospectOptions options;
    options.schemas = schemas;
    options.alembicSchema = manifest.provider.schema;
    options.alembicTable = manifest.provider.registryTableName;
    options.readCatalog = true;
    return options;
}

Result<Plan> planUpgrade(Db::Session &session,
                         const ProviderManifest &manifest,
                         const PlanOptions &options,
                         const CancelToken &cancel)
{
    // Expressions are printed in a transaction of their own, before the snapshot's.
    auto printed = printExpressions(session, manifest, cancel);
    if (!printed)
        return fail(printed.error());
    DiffOptions diffOptions;
    diffOptions.allowDestructive = options.allowDestructive;
    diffOptions.printed = &*printed;
    if (!options.countRisks) {
        auto snapshot = Db::introspect(session, introspectOptionsFor(manifest), cancel);
        if (!snapshot)
            return fail(snapshot.error());
        return diffManifest(manifest, *snapshot, diffOptions);
    }
    // The counts describe the same snapshot the plan was made from.
    Db::Transaction tx(session);
    if (auto r = tx.begin(Db::TransactionMode::ReadOnlySnapshot); !r)
        return fail(r.error());
    if (auto r = session.setStatementTimeout(options.statementTimeoutMs); !r)
        return fail(r.error());
    auto snapshot = Db::introspect(session, introspectOptionsFor(manifest), cancel);
    if (!snapshot)
        return fail(snapshot.error());
    Plan plan = diffManifest(manifest, *snapshot, diffOptions);
    SessionRiskProbe probe(session);
    if (auto r = assessRisks(plan, probe, cancel); !r)
        return fail(r.error());
    if (auto r = tx.commit(); !r)
        return fail(r.error());
    return plan;
}

Result<Plan> planUpgrade(Db::Session &session,
                         const ProviderManifest &manifest,
                         bool allowDestructive,
                         const CancelToken &cancel)
{
    PlanOptions options;
    options.allowDestructive = allowDestructive;
    return planUpgrade(session, manifest, options, cancel);
}

Result<ApplyResult> applyUpgrade(Db::Session &session,
                                 const ProviderManifest &manifest,
                                 const ApplyOptions &options,
                                 const CancelToken &cancel)
{
    QElapsedTimer timer;
    timer.start();
    const QString providerKey = manifest.provider.providerKey();
    auto rows = desiredRows(manifest);
    if (!rows)
        return fail(rows.error());
    if (options.metadataOnly && options.reviewedPlan) {
        if (auto r = checkTextsOnly(*options.reviewedPlan, QStringLiteral("reviewed")); !r)
            return fail(r.error());
    }

    // Printing the manifest's expressions needs a transaction of its own, and reads no data:
    // it happens before the upgrade's.
    auto printed = printExpressions(session, manifest, cancel);
    if (!printed)
        return fail(printed.error());

    Db::Transaction tx(session);
    if (auto r = tx.begin(); !r)
        return fail(r.error());
    if (auto r = session.setLockTimeout(options.lockTimeoutMs); !r)
        return fail(r.error());
    if (auto r = session.setStatementTimeout(options.statementTimeoutMs); !r)
        return fail(r.error());
    if (auto r = session.advisoryXactLock(providerLockKey(providerKey)); !r) {
        if (r.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::Conflict,
                        QStringLiteral("lock_timeout of %1 expired waiting for another upgrade "
                                       "of provider '%2' to finish; retry or raise "
                                       "--lock-timeout. Nothing was changed.")
                            .arg(formatTimeout(options.lockTimeoutMs), providerKey),
                        r.error().detail);
        return fail(r.error());
    }
    // The catalog's DDL locks only the catalog's own tables, never the provider's: the counts
    // below still run before any lock on a user table stronger than ACCESS SHARE.
    auto catalogBefore = Db::catalogVersion(session);
    if (!catalogBefore)
        return fail(catalogBefore.error());
    if (auto r = Db::ensureCatalog(session); !r)
        return fail(r.error());

    // The plan reviewed before the lock may be stale: another upgrade may have run meanwhile.
    auto snapshot = Db::introspect(session, introspectOptionsFor(manifest), cancel);
    if (!snapshot)
        return fail(snapshot.error());
    DiffOptions diffOptions;
    diffOptions.allowDestructive = options.allowDestructive;

    ApplyResult result;
    diffOptions.printed = &*printed;
    result.plan = diffManifest(manifest, *snapshot, diffOptions);
    result.previousRevision = snapshot->alembicRevision;
    if (auto r = checkRunnable(result.plan, *snapshot, options.allowDestructive); !r)
        return fail(r.error());
    if (options.metadataOnly) {
        if (auto r = checkTextsOnly(result.plan, QStringLiteral("current")); !r)
            return fail(r.error());
    }
    if (auto r = checkTextVersions(options.expectedTextVersions, *snapshot); !r)
        return fail(r.error());
    // Counted under the advisory lock, so no other upgrade changes the tables between count and
    // DDL (ordinary writers still can: the DDL stays the final check), and under the
    // statement_timeout set above. A blocker refused here has reserved nothing and holds only
    // the ACCESS SHARE locks of its counts.
    if (auto r = countRisks(session, result.plan, options, cancel); !r)
        return fail(r.error());
    const Plan &plan = result.plan;
    result.rehearsed = options.rehearse;
    if (!options.rehearse) {
        if (auto r = checkRunnable(plan, *snapshot, options.allowDestructive); !r)
            return fail(r.error());
    }

    if (plan.operations.isEmpty() && catalogUpToDate(*rows, *snapshot)
        && snapshot->alembicRevision) {
        // Rolling back also undoes a catalog schema created above: a no-op writes nothing (but
        // the migration of an existing catalog, below).
        result.nothingToDo = true;
        result.revision = *snapshot->alembicRevision;
        for (const DesiredRow &row : *rows) {
            const Db::CatalogEntry *e
                = snapshot->catalogEntry(row.schema, row.reservation.physicalTableName);
            result.classes.append({row.storageClass->classRef.path(),
                                   row.schema,
                                   row.reservation.physicalTableName,
                                   e->uid,
                                   e->contractHash,
                                   false});
        }
        result.elapsedMs = timer.elapsed();
        // An older catalog migrated above is kept: reading the audit trail needs it, and an
        // upgrade is how the operator is told to get it.
        const bool catalogMigrated = *catalogBefore > 0 && *catalogBefore < Db::CatalogVersion;
        if (catalogMigrated && !options.rehearse) {
            if (auto r = tx.commit(); !r)
                return fail(r.error());
        }
        return result;
    }
    // Catalog-only operations are left out of the comparison (revisionIdFor ignores them): the
    // catalog created above makes the diff list registrations the reviewed plan could not.
    if (options.reviewedPlan && !plan.operations.isEmpty()
        && revisionIdFor(*options.reviewedPlan) != revisionIdFor(plan))
        return fail(ErrorCode::Conflict,
                    QStringLiteral("The database changed after the plan was reviewed (%1 "
                                   "operations now, %2 reviewed); nothing was changed. Run the "
                                   "upgrade again to review the current plan.")
                        .arg(plan.operations.size())
                        .arg(options.reviewedPlan->operations.size()));

    // Reserve first, as the SDK does: the rows exist (unusable) before any DDL runs.
    QStringList uids;
    for (const DesiredRow &row : *rows) {
        const bool existed
            = snapshot->catalogEntry(row.schema, row.reservation.physicalTableName) != nullptr;
        auto entry = Db::upsertReservation(session, row.reservation);
        if (!entry)
            return fail(entry.error());
        uids.append(entry->uid);
        result.classes.append({row.storageClass->classRef.path(),
                               row.schema,
                               row.reservation.physicalTableName,
                               entry->uid,
                               row.reservation.contractHash,
                               !existed});
    }

    if (auto r = createSchemas(session, manifest); !r)
        return fail(r.error());
    if (auto r = runStatements(session, result, *snapshot, options, cancel); !r)
        return fail(r.error());
    if (result.failed())
        return result; // a rehearsal stopped by a statement: rolled back on return
    if (auto r = forgetDroppedTables(session, plan, providerKey); !r)
        return fail(r.error());
    if (auto r = recordTextChanges(session, result, *snapshot, options); !r)
        return fail(r.error());

    // An upgrade that only registers existing tables keeps the revision the database has.
    const bool hasDdl = result.statementsExecuted > 0;
    result.revision
        = hasDdl || !snapshot->alembicRevision ? revisionIdFor(plan) : *snapshot->alembicRevision;
    auto finalized = Db::finalize(session, uids, result.revision);
    if (!finalized)
        return fail(finalized.error());
    if (!finalized->missing.isEmpty() || !finalized->unknown.isEmpty())
        return fail(ErrorCode::Internal,
                    QStringLiteral("After the DDL ran, %1 catalog rows still have no table "
                                   "(%2); the upgrade was rolled back.")
                        .arg(finalized->missing.size() + finalized->unknown.size())
                        .arg((finalized->missing + finalized->unknown).join(QStringLiteral(", "))));
    if (auto r = stampRevision(session, manifest.provider, result.revision); !r)
        return fail(r.error());
    if (options.rehearse) {
        result.rehearsed = true;
        result.elapsedMs = timer.elapsed();
        return result; // the transaction rolls back on return
    }
    if (auto r = tx.commit(); !r)
        return fail(r.error());
    result.elapsedMs = timer.elapsed();
    return result;
}

Result<ProviderManifest> bindManifest(Db::Session &session, ProviderManifest manifest)
{
    auto bindings = Db::readBindings(session, manifest.provider.providerKey());
    if (!bindings)
        return fail(bindings.error());
    QHash<QString, Binding> active;
    for (const Db::CatalogBinding &b : *bindings) {
        if (b.provisioningStatus == u"active")
            active.insert(qualifiedText(b.binding.physicalSchema, b.binding.physicalTableName),
                          b.binding);
    }
    bindActive(manifest, active);
    return manifest;
}

ProviderManifest bindManifest(ProviderManifest manifest, const Db::DbSnapshot &snapshot)
{
    const QString providerKey = manifest.provider.providerKey();
    QHash<QString, Binding> active;
    for (const Db::CatalogEntry &e : snapshot.catalog) {
        if (e.providerKey == providerKey && e.provisioningStatus == u"active")
            active.insert(qualifiedText(e.physicalSchema, e.physicalTableName),
                          Binding{e.uid, e.physicalTableName, e.physicalSchema, e.dataSourceUid});
    }
    bindActive(manifest, active);
    return manifest;
}

} // namespace Core::Migrate
