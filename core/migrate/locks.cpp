// SPDX-License-Identifier: MIT
#include "locks.h"

namespace Core::Migrate {

namespace {

// ALTER TABLE takes ACCESS EXCLUSIVE unless its form says otherwise (PostgreSQL 15, ALTER TABLE:
// "an ACCESS EXCLUSIVE lock is acquired unless explicitly noted").
LockMode tableLockFor(OperationKind kind)
{
    switch (kind) {
    case OperationKind::CreateIndex:
        return LockMode::Share; // CREATE INDEX without CONCURRENTLY
    case OperationKind::RenameIndex:
        return LockMode::ShareUpdateExclusive; // ALTER INDEX RENAME, since PostgreSQL 12
    case OperationKind::AddForeignKey:
        return LockMode::ShareRowExclusive; // on the table and on the referenced table
    case OperationKind::SetTableComment:
    case OperationKind::SetColumnComment:
        return LockMode::ShareUpdateExclusive; // COMMENT ON
    default:
        return LockMode::AccessExclusive;
    }
}

} // namespace

QList<TableLock> locksFor(const Operation &operation)
{
    if (operation.catalogOnly || operation.kind == OperationKind::UpdateCatalogEntry
        || operation.kind == OperationKind::CreateTable || !operation.onExistingTable)
        return {};
    QList<TableLock> locks{{operation.schema, operation.table, tableLockFor(operation.kind)}};
    // A foreign key is two triggers on the referenced table as well: adding one locks it against
    // writes, dropping one locks it as the trigger removal does.
    const std::optional<ForeignKeySpec> &fk = operation.kind == OperationKind::AddForeignKey
                                                  ? operation.after.foreignKey
                                                  : operation.before.foreignKey;
    if ((operation.kind == OperationKind::AddForeignKey
         || operation.kind == OperationKind::DropForeignKey)
        && fk && !(fk->targetSchema == operation.schema && fk->targetTable == operation.table))
        locks.append({fk->targetSchema, fk->targetTable, LockMode::ShareRowExclusive});
    return locks;
}

QString lockModeName(LockMode mode)
{
    switch (mode) {
    case LockMode::AccessShare:
        return QStringLiteral("ACCESS SHARE");
    case LockMode::RowShare:
        return QStringLiteral("ROW SHARE");
    case LockMode::RowExclusive:
        return QStringLiteral("ROW EXCLUSIVE");
    case LockMode::ShareUpdateExclusive:
        return QStringLiteral("SHARE UPDATE EXCLUSIVE");
    case LockMode::Share:
        return QStringLiteral("SHARE");
    case LockMode::ShareRowExclusive:
        return QStringLiteral("SHARE ROW EXCLUSIVE");
    case LockMode::Exclusive:
        return QStringLiteral("EXCLUSIVE");
    case LockMode::AccessExclusive:
        return QStringLiteral("ACCESS EXCLUSIVE");
    }
    return {};
}

std::optional<LockMode> lockModeFromPg(const QString &pgLocksMode)
{
    static const struct
    {
        const char *name;
        LockMode mode;
    } names[] = {
        {"AccessShareLock", LockMode::AccessShare},
        {"RowShareLock", LockMode::RowShare},
        {"RowExclusiveLock", LockMode::RowExclusive},
        {"ShareUpdateExclusiveLock", LockMode::ShareUpdateExclusive},
        {"ShareLock", LockMode::Share},
        {"ShareRowExclusiveLock", LockMode::ShareRowExclusive},
        {"ExclusiveLock", LockMode::Exclusive},
        {"AccessExclusiveLock", LockMode::AccessExclusive},
    };
    for (const auto &n : names) {
        if (pgLocksMode == QLatin1String(n.name))
            return n.mode;
    }
    return std::nullopt;
}

QString lockBlocks(LockMode mode)
{
    switch (mode) {
    case LockMode::AccessShare:
    case LockMode::RowShare:
    case LockMode::RowExclusive:
        return QStringLiteral("blocks only schema changes");
    case LockMode::ShareUpdateExclusive:
        return QStringLiteral("blocks other schema changes, VACUUM and ANALYZE; reads and writes "
                              "go on");
    case LockMode::Share:
        return QStringLiteral("blocks writes (INSERT, UPDATE, DELETE); reads go on");
    case LockMode::ShareRowExclusive:
    case LockMode::Exclusive:
        return QStringLiteral("blocks writes and other schema changes; reads go on");
    case LockMode::AccessExclusive:
        return QStringLiteral("blocks every read and write of the table");
    }
    return {};
}

bool blocksWrites(LockMode mode)
{
    return mode >= LockMode::Share;
}

} // namespace Core::Migrate
