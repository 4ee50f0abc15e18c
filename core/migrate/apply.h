// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/providermanifest.h>
#include <core/db/textaudit.h>
#include <core/migrate/locks.h>
#include <core/migrate/plan.h>
#include <core/util/canceltoken.h>
#include <core/util/result.h>

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Core::Db {
class Session;
struct DbSnapshot;
struct IntrospectOptions;
} // namespace Core::Db

namespace Core::Migrate {

// One DDL statement of an apply or a rehearsal, as it ran.
struct StatementReport
{
    int operation = -1; // index into the executed plan's operations
    QString statement;
    double elapsedMs = 0; // sub-millisecond: most DDL on a small table takes less than one
    // Rehearsals only: the table lock modes pg_locks shows the statement acquired on tables
    // that existed before the plan (a mode the transaction already held is not listed again).
    QList<TableLock> locksTaken{};
    std::optional<Error> error{}; // the server's error: no statement after it ran
};

// Called on the applying thread when a statement starts (finished false, no timing yet) and
// when it has finished or failed.
using StatementObserver = std::function<void(const StatementReport &report, bool finished)>;

struct ApplyOptions
{
    bool allowDestructive = false;
    // Bound every wait for a lock (the provider's advisory lock and each table lock the DDL
    // takes) and every statement, so an upgrade never hangs behind a long transaction.
    // 0 disables a timeout.
    int lockTimeoutMs = 5000;
    int statementTimeoutMs = 300000;
    // The plan the operator reviewed. Apply recomputes the plan under the lock; when the
    // recomputed one has work that differs from this one, apply refuses instead of running
    // statements nobody saw. nullopt = apply whatever the recomputed plan says.
    std::optional<Plan> reviewedPlan;
    // A rehearsal runs everything an apply runs (catalog rows, DDL, revision stamp) in the same
    // transaction under the same timeouts, then always rolls back. Blockers the counts find do
    // not stop it: the statements run until the first one fails, so the operator sees which
    // statement fails and the server's own error. Refusals that do not depend on the data
    // (manifest errors, protected or unpermitted drops, a stale reviewed plan) still apply.
    bool rehearse = false;
    StatementObserver onStatement{};
    // Written into each audit record of a text the apply changes (Db::TextAuditRecord::source):
    // the console's "save texts" passes Db::AuditSourceConsoleSave.
    QString auditSource = Db::AuditSourceUpgrade.toString();
    // Texts only: the apply refuses (ErrorCode::Refused, naming the operations) when the
    // reviewed or the recomputed plan holds anything but text operations (isTextOperation:
    // COMMENT ON, a catalog row's description and labels), so saving texts never migrates
    // structure on the side.
    bool metadataOnly = false;
    // The text_version of catalog rows (by uid) as the caller read them: when a row's version
    // differs under the lock, or the row is gone, the apply fails with ErrorCode::Conflict and
    // changes nothing, instead of writing over texts someone else changed since.
    QHash<QString, qint64> expectedTextVersions{};
};

// One storage class after an upgrade: its catalog row.
struct AppliedClass
{
    QString storageClass; // "module:qualname"
    QString schema;
    QString table;
    QString uid;
    QString contractHash;
    bool newlyReserved = false; // false: an existing row (same physical table) was reused
};

struct ApplyResult
{
    Plan plan; // the plan recomputed under the lock, with its counted risks: what was executed
    bool nothingToDo = false; // the database already matched; nothing was written
    QString revision;         // the version stamped into the provider's Alembic table
    std::optional<QString> previousRevision;
    QList<AppliedClass> classes;
    int statementsExecuted = 0;
    qint64 elapsedMs = 0;
    bool rehearsed = false; // a rehearsal: everything above was rolled back
    // Every DDL statement that ran, in order; in a rehearsal the last one may carry the error
    // that stopped it.
    QList<StatementReport> statements{};
    // One record per text the apply changed, as appended to the catalog's audit trail in the
    // same transaction; a rehearsal lists them without appending (an identity value is not
    // rolled back). id, time and role are not filled.
    QList<Db::TextAuditRecord> audited{};
    bool failed() const { return !statements.isEmpty() && statements.constLast().error; }
};

struct PlanOptions
{
    bool allowDestructive = false;
    // Count on the live data what the risks depend on (NULLs before SET NOT NULL, duplicates
    // before a unique index, orphans before a foreign key, rows a drop loses), as
    // assessRisks does, so the operator confirms the plan with the numbers apply will act on.
    bool countRisks = false;
    // Bounds each count (and the introspection) when countRisks is set; 0 = no limit.
    int statementTimeoutMs = 300000;
};

// The advisory-lock key that serialises upgrades of one provider ("metatable-upgrade:<key>").
QString providerLockKey(const QString &providerKey);

// What introspection must read for a manifest: every schema its classes live in or point to,
// the catalog, and the provider's Alembic version table.
Db::IntrospectOptions introspectOptionsFor(const ProviderManifest &manifest);

// Introspects and diffs (introspection reads one snapshot): the plan an operator reviews before
// apply. With countRisks the counts run in the same REPEATABLE READ READ ONLY transaction, under
// statement_timeout; a count that fails is said in its risk's reason.
[[nodiscard]] Result<Plan> planUpgrade(Db::Session &session,
                                       const ProviderManifest &manifest,
                                       const PlanOptions &options,
                                       const CancelToken &cancel = {});
[[nodiscard]] Result<Plan> planUpgrade(Db::Session &session,
                                       const ProviderManifest &manifest,
                                       bool allowDestructive,
                                       const CancelToken &cancel = {});

// Applies a manifest in ONE transaction under the provider's advisory lock: creates the catalog
// if needed, re-introspects and re-diffs (the reviewed plan may be stale), counts what the risks
// depend on (plain SELECTs: ACCESS SHARE locks only, under statement_timeout) and refuses a plan
// the counts block (NULLs before SET NOT NULL, duplicates before a unique index, orphans before
// a foreign key, ...) with the count, the table and the safer way, before it reserves a catalog
// row or takes a lock a DDL statement needs. A count that exceeds the statement or lock timeout
// also stops it: the DDL would scan the same rows under a stronger lock. It refuses destructive
// operations unless allowed and drops of protect_from_deletion tables always, reserves each
// class in the catalog (reusing existing rows and their UIDs), runs the DDL in plan order,
// finalizes the rows as 'active' with their contract hash, and stamps the provider's Alembic
// version table with revisionIdFor(plan). Each text the plan changes on an object that existed
// (a catalog row's description or labels, a table's or column's COMMENT ON; textchanges.h) is
// appended to the catalog's audit trail with options.auditSource. Everything commits or nothing
// does. When the database already matches, nothing is written and `nothingToDo` is set (a
// catalog of an older version is still migrated and kept).
[[nodiscard]] Result<ApplyResult> applyUpgrade(Db::Session &session,
                                               const ProviderManifest &manifest,
                                               const ApplyOptions &options,
                                               const CancelToken &cancel = {});

// The manifest with StorageClass::binding filled from the catalog for every class that has an
// 'active' row (reserved rows do not bind, as in the SDK); other classes are left unbound.
[[nodiscard]] Result<ProviderManifest> bindManifest(Db::Session &session,
                                                    ProviderManifest manifest);

// The same, from the catalog rows of a snapshot (no round trip).
ProviderManifest bindManifest(ProviderManifest manifest, const Db::DbSnapshot &snapshot);

// "5s", "1.5s", "250ms": how timeouts read in messages.
QString formatTimeout(int milliseconds);

} // namespace Core::Migrate
