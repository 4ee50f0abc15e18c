// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/json.h>
#include <core/db/dbschema.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core::Migrate {

// A migration plan: what must change in one database so that it matches one provider
// manifest. Plain values, produced by the diff (diff.h), enriched with live numbers by the risk
// analysis (risk.h), rendered as SQL / JSON / text (render.h) or as an Alembic revision, and
// executed by the apply engine. Every consumer reads these structs; nothing here talks SQL.

// ---- Object values: the "before" (database) and "after" (manifest) side of an operation. ----
// Types are PostgreSQL's format_type() spelling ("character varying(255)", "timestamp with time
// zone"), expressions as PostgreSQL prints them where the value came from the database and as
// authored where it came from the manifest.

struct ColumnSpec
{
    QString name;
    QString sqlType; // format_type() spelling
    bool nullable = true;
    std::optional<QString> serverDefault; // SQL expression
    // The default as the target server prints it (pg_get_expr): compared instead of the text.
    std::optional<QString> printedDefault{};
    std::optional<QString> comment;
    // Manifest side only (empty / nullopt for values read from the database).
    QString dataType;                   // the SDK dtype token, e.g. "float64"
    std::optional<QString> backendType; // e.g. "VARCHAR(255)"
    bool operator==(const ColumnSpec &) const = default;
};

struct PrimaryKeySpec
{
    QString name;
    QStringList columns;
    bool operator==(const PrimaryKeySpec &) const = default;
};

struct IndexSpec
{
    QString name;
    QStringList columns; // column names or expression text, in index order
    bool unique = false;
    std::optional<QString> where; // partial-index predicate
    QString method = QStringLiteral("btree");
    // The key columns and predicate as the target server prints them (pg_get_indexdef,
    // pg_get_expr): compared instead of the text. Empty / nullopt until printed.
    QStringList printedColumns{};
    std::optional<QString> printedWhere{};
    bool operator==(const IndexSpec &) const = default;
};

struct UniqueSpec
{
    QString name;
    QStringList columns;
    bool operator==(const UniqueSpec &) const = default;
};

struct CheckSpec
{
    QString name;
    QString expression; // the condition only, without the CHECK keyword or outer parentheses
    // The condition as the target server prints it (pg_get_constraintdef): compared instead of
    // the text. nullopt until printed.
    std::optional<QString> printedExpression{};
    bool operator==(const CheckSpec &) const = default;
};

struct ForeignKeySpec
{
    QString name;
    QStringList columns;
    QString targetSchema; // always resolved (never empty)
    QString targetTable;
    QStringList targetColumns;
    QString onDelete
        = QStringLiteral("NO ACTION"); // NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT
    QString onUpdate = QStringLiteral("NO ACTION");
    bool deferrable = false;
    bool initiallyDeferred = false;
    QString match = QStringLiteral("SIMPLE"); // SIMPLE, FULL, PARTIAL
    bool operator==(const ForeignKeySpec &) const = default;
};

// A whole table as CreateTable makes it (and as DropTable finds it). Foreign keys are not part
// of CREATE TABLE: they are separate AddForeignKey operations so that cycles can be ordered.
struct TableSpec
{
    QString schema;
    QString name;
    std::optional<QString> comment;
    QList<ColumnSpec> columns;
    std::optional<PrimaryKeySpec> primaryKey;
    QList<UniqueSpec> uniqueConstraints;
    QList<CheckSpec> checkConstraints;
    QList<IndexSpec> indexes;          // created by separate CreateIndex operations
    QList<ForeignKeySpec> foreignKeys; // created by separate AddForeignKey operations
    bool operator==(const TableSpec &) const = default;
};

// What the console's catalog (metatable_catalog.meta_tables) says, or should say, about a class.
struct CatalogSpec
{
    QString identifier;
    QString namespaceName;
    std::optional<QString> description;
    QStringList labels;
    Json provisioning = Json::object();
    bool protectFromDeletion = false;
    QString tableKind;                          // "time_indexed" or "relational"
    QMap<QString, Db::ColumnTexts> columnTexts; // each column's label and description
    bool operator==(const CatalogSpec &) const = default;
};

// One side of an operation: only the member matching the operation kind is set (e.g. `column`
// for AddColumn, `index` for CreateIndex; `comment` for the Set*Comment kinds, where nullopt on
// one side means "no comment").
struct ObjectState
{
    std::optional<TableSpec> table;
    std::optional<ColumnSpec> column;
    std::optional<PrimaryKeySpec> primaryKey;
    std::optional<IndexSpec> index;
    std::optional<UniqueSpec> unique;
    std::optional<CheckSpec> check;
    std::optional<ForeignKeySpec> foreignKey;
    std::optional<QString> comment;
    std::optional<CatalogSpec> catalog;
    bool operator==(const ObjectState &) const = default;
};

// ---- Operations ----

enum class OperationKind {
    CreateTable,            // after.table
    DropTable,              // before.table
    AddColumn,              // after.column
    DropColumn,             // before.column
    RenameColumn,           // before.column, after.column (same type), previousName -> objectName
    AlterColumnType,        // before.column, after.column
    AlterColumnNullability, // before.column, after.column
    AlterColumnDefault,     // before.column, after.column (serverDefault nullopt = DROP DEFAULT)
    AddPrimaryKey,          // after.primaryKey
    DropPrimaryKey,         // before.primaryKey
    RenamePrimaryKey,       // before/after.primaryKey
    CreateIndex,            // after.index
    DropIndex,              // before.index
    RenameIndex,            // before/after.index
    AddUniqueConstraint,    // after.unique
    DropUniqueConstraint,   // before.unique
    RenameUniqueConstraint, // before/after.unique
    AddCheckConstraint,     // after.check
    DropCheckConstraint,    // before.check
    RenameCheckConstraint,  // before/after.check
    AddForeignKey,          // after.foreignKey
    DropForeignKey,         // before.foreignKey
    RenameForeignKey,       // before/after.foreignKey
    SetTableComment,        // before/after.comment
    SetColumnComment,       // before/after.comment; objectName = column
    UpdateCatalogEntry,     // catalog-only: before/after.catalog (identifier, labels, ...)
};

enum class RiskLevel { Info, Warning, Danger, Blocker };

enum class RiskKind {
    DataLoss,              // drop table / drop column: rows or values are lost
    ProtectedFromDeletion, // the class says protect_from_deletion: never dropped
    DestructiveNotAllowed, // destructive and the plan was made without allowDestructive
    TableRewrite,          // type change that rewrites the table under an ACCESS EXCLUSIVE lock
    NullsBlockNotNull,     // SET NOT NULL on a column holding NULLs: the migration would fail
    NotNullWithoutDefault, // NOT NULL column without default added to a non-empty table
    IndexLocksWrites,      // CREATE INDEX blocks writes for the build on a large table
    ForeignKeyValidation,  // ADD FOREIGN KEY scans the table under lock
    VarcharNarrowing,      // values longer than the new bound: the migration would fail
    ConstraintViolations,  // existing rows violate a new CHECK / unique constraint
    ProbableRename,        // drop + add of a same-typed column, probably a rename
    FullTableScan,         // e.g. SET NOT NULL scans the table (no rewrite)
};

struct Risk
{
    RiskKind kind = RiskKind::DataLoss;
    RiskLevel level = RiskLevel::Info;
    QString reason;                     // what happens and why, with the numbers
    QString saferAlternative;           // empty when there is none
    std::optional<qint64> affectedRows; // live count from the database, when probed
    bool operator==(const Risk &) const = default;
};

struct Operation
{
    OperationKind kind = OperationKind::CreateTable;
    QString schema;
    QString table;
    QString objectName;     // column, index or constraint name (the new name for renames)
    QString previousName;   // renames only: the name in the database
    ObjectState before;     // the database side (empty for creations)
    ObjectState after;      // the manifest side (empty for drops)
    QStringList statements; // PostgreSQL DDL, one complete statement each, no trailing ';'
    QList<Risk> risks;
    bool destructive = false; // loses data (DropTable, DropColumn)
    bool catalogOnly = false; // no DDL: only the console's catalog rows change
    QString storageClass;     // "module:qualname" of the owning class; empty for unowned tables
    QString summary;          // one line for people, e.g. "add column \"value\" double precision"
    // The table exists before the plan runs (so it may hold rows): risk analysis counts only
    // on such tables, since a table the plan creates is empty.
    bool onExistingTable = false;

    RiskLevel highestRisk() const; // Info when there is no risk
    bool isBlocked() const { return highestRisk() == RiskLevel::Blocker; }
};

// ---- Plan ----

enum class FindingSeverity { Info, Warning, Error };

// Something the diff noticed that is not an operation: an external table missing, a type the
// console cannot map, a table it will not touch.
struct Finding
{
    FindingSeverity severity = FindingSeverity::Error;
    QString code; // stable, e.g. "external-table-missing", "external-column-missing"
    QString message;
    QString schema;
    QString table;
    QString pointer{}; // JSON pointer into the manifest, when the finding is about its text
    bool operator==(const Finding &) const = default;
};

struct TableRef
{
    QString schema;
    QString name;
    bool operator==(const TableRef &) const = default;
};

// A drop + add of a same-typed column in one table, which the plan can turn into a RENAME
// COLUMN when the caller accepts it (DiffOptions::columnRenames).
struct ColumnRenameCandidate
{
    QString schema;
    QString table;
    QString from; // the column in the database
    QString to;   // the column in the manifest
    bool operator==(const ColumnRenameCandidate &) const = default;
};

struct PlanSummary
{
    int operations = 0;
    int creates
        = 0; // CreateTable, AddColumn, AddPrimaryKey, CreateIndex, Add*Constraint, AddForeignKey
    int alters = 0;  // AlterColumn*, Set*Comment
    int drops = 0;   // Drop*
    int renames = 0; // Rename*
    int catalogOnly = 0;
    int destructive = 0;
    int blocked = 0; // operations with a Blocker risk
    int errors = 0;  // findings with severity Error
    int warnings = 0;
};

struct Plan
{
    QString providerKey;
    QList<Operation> operations;     // in execution order
    QList<TableRef> unmanagedTables; // in the provider's schemas, owned by no class: never touched
    QList<Finding> findings;
    QList<ColumnRenameCandidate> renameCandidates;
    bool allowDestructive = false; // the option the plan was made with

    PlanSummary summary() const;
    // True when the database matches the manifest: no operation and no error finding.
    bool isEmpty() const;
    bool hasErrors() const;
    bool hasBlockers() const;
};

// Options of the diff.
struct PrintedExpressions;

struct DiffOptions
{
    // The manifest's expressions as the target server prints them (expressionprinter.h). Without
    // them, expressions compare by their text up to case and spacing: a difference PostgreSQL
    // would not see can show up, a real one never hides.
    const PrintedExpressions *printed = nullptr;
    bool allowDestructive = false; // without it, DropTable / DropColumn carry a Blocker risk
    QList<ColumnRenameCandidate> columnRenames; // accepted candidates: RENAME COLUMN instead
};

QString operationKindName(OperationKind kind);         // "create_table", "rename_index", ...
QString riskLevelName(RiskLevel level);                // "info", "warning", "danger", "blocker"
QString riskKindName(RiskKind kind);                   // "data_loss", "table_rewrite", ...
QString findingSeverityName(FindingSeverity severity); // "info", "warning", "error"

} // namespace Core::Migrate
