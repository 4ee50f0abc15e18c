// SPDX-License-Identifier: MIT
#include "plan.h"

namespace Core::Migrate {

RiskLevel Operation::highestRisk() const
{
    RiskLevel highest = RiskLevel::Info;
    for (const Risk &risk : risks) {
        if (static_cast<int>(risk.level) > static_cast<int>(highest))
            highest = risk.level;
    }
    return highest;
}

PlanSummary Plan::summary() const
{
    PlanSummary s;
    s.operations = int(operations.size());
    for (const Operation &op : operations) {
        switch (op.kind) {
        case OperationKind::CreateTable:
        case OperationKind::AddColumn:
        case OperationKind::AddPrimaryKey:
        case OperationKind::CreateIndex:
        case OperationKind::AddUniqueConstraint:
        case OperationKind::AddCheckConstraint:
        case OperationKind::AddForeignKey:
            ++s.creates;
            break;
        case OperationKind::AlterColumnType:
        case OperationKind::AlterColumnNullability:
        case OperationKind::AlterColumnDefault:
        case OperationKind::SetTableComment:
        case OperationKind::SetColumnComment:
            ++s.alters;
            break;
        case OperationKind::DropTable:
        case OperationKind::DropColumn:
        case OperationKind::DropPrimaryKey:
        case OperationKind::DropIndex:
        case OperationKind::DropUniqueConstraint:
        case OperationKind::DropCheckConstraint:
        case OperationKind::DropForeignKey:
            ++s.drops;
            break;
        case OperationKind::RenameColumn:
        case OperationKind::RenamePrimaryKey:
        case OperationKind::RenameIndex:
        case OperationKind::RenameUniqueConstraint:
        case OperationKind::RenameCheckConstraint:
        case OperationKind::RenameForeignKey:
            ++s.renames;
            break;
        case OperationKind::UpdateCatalogEntry:
            break;
        }
        if (op.catalogOnly)
            ++s.catalogOnly;
        if (op.destructive)
            ++s.destructive;
        if (op.isBlocked())
            ++s.blocked;
    }
    for (const Finding &finding : findings) {
        if (finding.severity == FindingSeverity::Error)
            ++s.errors;
        else if (finding.severity == FindingSeverity::Warning)
            ++s.warnings;
    }
    return s;
}

bool Plan::isEmpty() const
{
    return operations.isEmpty() && !hasErrors();
}

bool Plan::hasErrors() const
{
    for (const Finding &finding : findings) {
        if (finding.severity == FindingSeverity::Error)
            return true;
    }
    return false;
}

bool Plan::hasBlockers() const
{
    for (const Operation &op : operations) {
        if (op.isBlocked())
            return true;
    }
    return false;
}

QString operationKindName(OperationKind kind)
{
    switch (kind) {
    case OperationKind::CreateTable:
        return QStringLiteral("create_table");
    case OperationKind::DropTable:
        return QStringLiteral("drop_table");
    case OperationKind::AddColumn:
        return QStringLiteral("add_column");
    case OperationKind::DropColumn:
        return QStringLiteral("drop_column");
    case OperationKind::RenameColumn:
        return QStringLiteral("rename_column");
    case OperationKind::AlterColumnType:
        return QStringLiteral("alter_column_type");
    case OperationKind::AlterColumnNullability:
        return QStringLiteral("alter_column_nullability");
    case OperationKind::AlterColumnDefault:
        return QStringLiteral("alter_column_default");
    case OperationKind::AddPrimaryKey:
        return QStringLiteral("add_primary_key");
    case OperationKind::DropPrimaryKey:
        return QStringLiteral("drop_primary_key");
    case OperationKind::RenamePrimaryKey:
        return QStringLiteral("rename_primary_key");
    case OperationKind::CreateIndex:
        return QStringLiteral("create_index");
    case OperationKind::DropIndex:
        return QStringLiteral("drop_index");
    case OperationKind::RenameIndex:
        return QStringLiteral("rename_index");
    case OperationKind::AddUniqueConstraint:
        return QStringLiteral("add_unique_constraint");
    case OperationKind::DropUniqueConstraint:
        return QStringLiteral("drop_unique_constraint");
    case OperationKind::RenameUniqueConstraint:
        return QStringLiteral("rename_unique_constraint");
    case OperationKind::AddCheckConstraint:
        return QStringLiteral("add_check_constraint");
    case OperationKind::DropCheckConstraint:
        return QStringLiteral("drop_check_constraint");
    case OperationKind::RenameCheckConstraint:
        return QStringLiteral("rename_check_constraint");
    case OperationKind::AddForeignKey:
        return QStringLiteral("add_foreign_key");
    case OperationKind::DropForeignKey:
        return QStringLiteral("drop_foreign_key");
    case OperationKind::RenameForeignKey:
        return QStringLiteral("rename_foreign_key");
    case OperationKind::SetTableComment:
        return QStringLiteral("set_table_comment");
    case OperationKind::SetColumnComment:
        return QStringLiteral("set_column_comment");
    case OperationKind::UpdateCatalogEntry:
        return QStringLiteral("update_catalog_entry");
    }
    return QStringLiteral("unknown");
}

QString riskLevelName(RiskLevel level)
{
    switch (level) {
    case RiskLevel::Info:
        return QStringLiteral("info");
    case RiskLevel::Warning:
        return QStringLiteral("warning");
    case RiskLevel::Danger:
        return QStringLiteral("danger");
    case RiskLevel::Blocker:
        return QStringLiteral("blocker");
    }
    return QStringLiteral("unknown");
}

QString riskKindName(RiskKind kind)
{
    switch (kind) {
    case RiskKind::DataLoss:
        return QStringLiteral("data_loss");
    case RiskKind::ProtectedFromDeletion:
        return QStringLiteral("protected_from_deletion");
    case RiskKind::DestructiveNotAllowed:
        return QStringLiteral("destructive_not_allowed");
    case RiskKind::TableRewrite:
        return QStringLiteral("table_rewrite");
    case RiskKind::NullsBlockNotNull:
        return QStringLiteral("nulls_block_not_null");
    case RiskKind::NotNullWithoutDefault:
        return QStringLiteral("not_null_without_default");
    case RiskKind::IndexLocksWrites:
        return QStringLiteral("index_locks_writes");
    case RiskKind::ForeignKeyValidation:
        return QStringLiteral("foreign_key_validation");
    case RiskKind::VarcharNarrowing:
        return QStringLiteral("varchar_narrowing");
    case RiskKind::ConstraintViolations:
        return QStringLiteral("constraint_violations");
    case RiskKind::ProbableRename:
        return QStringLiteral("probable_rename");
    case RiskKind::FullTableScan:
        return QStringLiteral("full_table_scan");
    }
    return QStringLiteral("unknown");
}

QString findingSeverityName(FindingSeverity severity)
{
    switch (severity) {
    case FindingSeverity::Info:
        return QStringLiteral("info");
    case FindingSeverity::Warning:
        return QStringLiteral("warning");
    case FindingSeverity::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("unknown");
}

} // namespace Core::Migrate
