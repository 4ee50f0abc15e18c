// SPDX-License-Identifier: MIT
#include "tablediff.h"

#include "ddl.h"
#include "model.h"
#include "risk.h"

#include <core/db/sqlidentifier.h>

#include <QHash>
#include <QSet>

#include <functional>

namespace Core::Migrate {

namespace {

using Db::quoteIdentifier;
using Db::quoteQualified;

Operation makeOperation(OperationKind kind,
                        const TableSpec &table,
                        const QString &objectName,
                        const TableContext &context,
                        bool existing)
{
    Operation op;
    op.kind = kind;
    op.schema = table.schema;
    op.table = table.name;
    op.objectName = objectName;
    op.storageClass = context.storageClass;
    op.onExistingTable = existing;
    return op;
}

void finish(Operation &op,
            const QString &statement,
            const QString &summary,
            const TableContext &ctx)
{
    if (!statement.isEmpty())
        op.statements.append(statement);
    op.summary = summary;
    op.destructive = op.kind == OperationKind::DropTable || op.kind == OperationKind::DropColumn;
    op.risks = staticRisks(op,
                           ctx.options && ctx.options->allowDestructive,
                           ctx.protectFromDeletion,
                           ctx.estimatedRows);
}

QString on(const TableSpec &table)
{
    return QStringLiteral(" on ") + quoteQualified(table.schema, table.name);
}

QStringList columnNames(const TableSpec &table)
{
    QStringList names;
    for (const ColumnSpec &c : table.columns)
        names.append(c.name);
    return names;
}

// Pairs desired and actual objects: same name and structure = unchanged; same structure under
// another name = rename; the rest are created or dropped. A desired object without a name
// (PostgreSQL picks one) matches any name.
template <class T>
struct Matching
{
    QList<QPair<T, T>> renames; // (actual, desired)
    QList<T> creates;
    QList<T> drops;
};

template <class T>
Matching<T> matchByStructure(const QList<T> &desired,
                             const QList<T> &actual,
                             const std::function<QString(const T &)> &key)
{
    Matching<T> m;
    QList<bool> actualUsed(actual.size(), false);
    QList<bool> desiredUsed(desired.size(), false);
    for (qsizetype d = 0; d < desired.size(); ++d) {
        for (qsizetype a = 0; a < actual.size(); ++a) {
            if (!actualUsed[a] && actual[a].name == desired[d].name
                && key(actual[a]) == key(desired[d])) {
                actualUsed[a] = desiredUsed[d] = true;
                break;
            }
        }
    }
    for (qsizetype d = 0; d < desired.size(); ++d) {
        if (desiredUsed[d])
            continue;
        for (qsizetype a = 0; a < actual.size(); ++a) {
            if (!actualUsed[a] && key(actual[a]) == key(desired[d])) {
                actualUsed[a] = desiredUsed[d] = true;
                if (!desired[d].name.isEmpty())
                    m.renames.append({actual[a], desired[d]});
                break;
            }
        }
    }
    for (qsizetype d = 0; d < desired.size(); ++d) {
        if (!desiredUsed[d])
            m.creates.append(desired[d]);
    }
    for (qsizetype a = 0; a < actual.size(); ++a) {
        if (!actualUsed[a])
            m.drops.append(actual[a]);
    }
    return m;
}

void renameColumnsIn(QStringList &columns, const QHash<QString, QString> &renamed)
{
    for (QString &c : columns)
        c = renamed.value(c, c);
}

void planColumnChanges(const TableSpec &desired,
                       const ColumnSpec &before,
                       const ColumnSpec &after,
                       const TableContext &ctx,
                       PhasedOperations &out)
{
    const QString col = quoteIdentifier(after.name);
    auto make = [&](OperationKind kind) {
        Operation op = makeOperation(kind, desired, after.name, ctx, true);
        op.before.column = before;
        op.after.column = after;
        return op;
    };
    if (normalizeType(before.sqlType) != normalizeType(after.sqlType)) {
        Operation op = make(OperationKind::AlterColumnType);
        finish(op,
               alterColumnTypeSql(desired.schema, desired.name, after),
               QStringLiteral("change type of column %1 from %2 to %3")
                   .arg(col, before.sqlType, after.sqlType),
               ctx);
        out.columnChanges.append(op);
    }
    if (defaultKey(before) != defaultKey(after)) {
        Operation op = make(OperationKind::AlterColumnDefault);
        finish(op,
               alterColumnDefaultSql(desired.schema, desired.name, after),
               after.serverDefault
                   ? QStringLiteral("set default of column %1 to %2").arg(col, *after.serverDefault)
                   : QStringLiteral("drop default of column %1").arg(col),
               ctx);
        out.columnChanges.append(op);
    }
    if (before.nullable != after.nullable) {
        Operation op = make(OperationKind::AlterColumnNullability);
        finish(op,
               alterColumnNullabilitySql(desired.schema, desired.name, after),
               after.nullable ? QStringLiteral("allow NULL in column %1").arg(col)
                              : QStringLiteral("make column %1 NOT NULL").arg(col),
               ctx);
        out.columnChanges.append(op);
    }
    if (before.comment != after.comment) {
        Operation op
            = makeOperation(OperationKind::SetColumnComment, desired, after.name, ctx, true);
        op.before.comment = before.comment;
        op.after.comment = after.comment;
        finish(op,
               columnCommentSql(desired.schema, desired.name, after.name, after.comment),
               QStringLiteral("set comment of column %1").arg(col),
               ctx);
        out.comments.append(op);
    }
}

template <class T>
void planObjectSet(const TableSpec &desired,
                   const QList<T> &want,
                   const QList<T> &have,
                   const std::function<QString(const T &)> &key,
                   std::optional<T> ObjectState::*member,
                   OperationKind createKind,
                   OperationKind dropKind,
                   OperationKind renameKind,
                   const std::function<QString(const T &)> &createSql,
                   const std::function<QString(const T &)> &dropSql,
                   const std::function<QString(const QString &, const QString &)> &renameSql,
                   const QString &noun,
                   const TableContext &ctx,
                   bool existing,
                   QList<Operation> &creates,
                   QList<Operation> &drops,
                   QList<Operation> &renames)
{
    const Matching<T> m = matchByStructure<T>(want, have, key);
    for (const auto &[before, after] : m.renames) {
        Operation op = makeOperation(renameKind, desired, after.name, ctx, existing);
        op.previousName = before.name;
        op.before.*member = before;
        op.after.*member = after;
        finish(
            op,
            renameSql(before.name, after.name),
            QStringLiteral("rename %1 %2 to %3%4")
                .arg(noun, quoteIdentifier(before.name), quoteIdentifier(after.name), on(desired)),
            ctx);
        renames.append(op);
    }
    for (const T &before : m.drops) {
        Operation op = makeOperation(dropKind, desired, before.name, ctx, existing);
        op.before.*member = before;
        finish(op,
               dropSql(before),
               QStringLiteral("drop %1 %2%3").arg(noun, quoteIdentifier(before.name), on(desired)),
               ctx);
        drops.append(op);
    }
    for (const T &after : m.creates) {
        Operation op = makeOperation(createKind, desired, after.name, ctx, existing);
        op.after.*member = after;
        finish(op,
               createSql(after),
               QStringLiteral("add %1 %2%3").arg(noun, quoteIdentifier(after.name), on(desired)),
               ctx);
        creates.append(op);
    }
}

// Indexes and foreign keys: the parts of a table that are not inside CREATE TABLE.
void planIndexesAndForeignKeys(const TableSpec &desired,
                               const TableSpec &actual,
                               const TableContext &ctx,
                               bool existing,
                               PhasedOperations &out)
{
    const QString schema = desired.schema;
    const QString table = desired.name;
    const QStringList columns = columnNames(desired);
    planObjectSet<IndexSpec>(
        desired,
        desired.indexes,
        actual.indexes,
        indexKey,
        &ObjectState::index,
        OperationKind::CreateIndex,
        OperationKind::DropIndex,
        OperationKind::RenameIndex,
        [&](const IndexSpec &i) { return createIndexSql(schema, table, i, columns); },
        [&](const IndexSpec &i) { return dropIndexSql(schema, i.name); },
        [&](const QString &a, const QString &b) { return renameIndexSql(schema, a, b); },
        QStringLiteral("index"),
        ctx,
        existing,
        out.createIndexes,
        out.dropIndexes,
        out.renames);
    planObjectSet<ForeignKeySpec>(
        desired,
        desired.foreignKeys,
        actual.foreignKeys,
        foreignKeyKey,
        &ObjectState::foreignKey,
        OperationKind::AddForeignKey,
        OperationKind::DropForeignKey,
        OperationKind::RenameForeignKey,
        [&](const ForeignKeySpec &f) { return addForeignKeySql(schema, table, f); },
        [&](const ForeignKeySpec &f) { return dropConstraintSql(schema, table, f.name); },
        [&](const QString &a, const QString &b) {
            return renameConstraintSql(schema, table, a, b);
        },
        QStringLiteral("foreign key"),
        ctx,
        existing,
        out.addForeignKeys,
        out.dropForeignKeys,
        out.renames);
}

} // namespace

QList<Operation> PhasedOperations::inExecutionOrder() const
{
    QList<Operation> all;
    for (const QList<Operation> *phase : {&dropForeignKeys,
                                          &dropIndexes,
                                          &dropConstraints,
                                          &dropTables,
                                          &renames,
                                          &columnChanges,
                                          &createTables,
                                          &addConstraints,
                                          &createIndexes,
                                          &addForeignKeys,
                                          &comments,
                                          &catalog})
        all.append(*phase);
    return all;
}

void planCreateTable(const TableSpec &desired, const TableContext &ctx, PhasedOperations &out)
{
    Operation create = makeOperation(OperationKind::CreateTable, desired, desired.name, ctx, false);
    create.after.table = desired;
    finish(create,
           createTableSql(desired),
           QStringLiteral("create table %1").arg(quoteQualified(desired.schema, desired.name)),
           ctx);
    out.createTables.append(create);

    planIndexesAndForeignKeys(desired, TableSpec{}, ctx, false, out);

    if (desired.comment) {
        Operation op
            = makeOperation(OperationKind::SetTableComment, desired, desired.name, ctx, false);
        op.after.comment = desired.comment;
        finish(op,
               tableCommentSql(desired.schema, desired.name, desired.comment),
               QStringLiteral("set comment of table %1")
                   .arg(quoteQualified(desired.schema, desired.name)),
               ctx);
        out.comments.append(op);
    }
    for (const ColumnSpec &column : desired.columns) {
        if (!column.comment)
            continue;
        Operation op
            = makeOperation(OperationKind::SetColumnComment, desired, column.name, ctx, false);
        op.after.comment = column.comment;
        finish(op,
               columnCommentSql(desired.schema, desired.name, column.name, column.comment),
               QStringLiteral("set comment of column %1").arg(quoteIdentifier(column.name)),
               ctx);
        out.comments.append(op);
    }
}

void planDropTable(const TableSpec &actual, const TableContext &ctx, PhasedOperations &out)
{
    for (const ForeignKeySpec &fk : actual.foreignKeys) {
        if (fk.targetSchema == actual.schema && fk.targetTable == actual.name)
            continue;
        Operation op = makeOperation(OperationKind::DropForeignKey, actual, fk.name, ctx, true);
        op.before.foreignKey = fk;
        finish(op,
               dropConstraintSql(actual.schema, actual.name, fk.name),
               QStringLiteral("drop foreign key %1%2").arg(quoteIdentifier(fk.name), on(actual)),
               ctx);
        out.dropForeignKeys.append(op);
    }
    Operation op = makeOperation(OperationKind::DropTable, actual, actual.name, ctx, true);
    op.before.table = actual;
    finish(op,
           dropTableSql(actual.schema, actual.name),
           QStringLiteral("drop table %1").arg(quoteQualified(actual.schema, actual.name)),
           ctx);
    out.dropTables.append(op);
}

void planAlterTable(const TableSpec &desired,
                    const TableSpec &actualIn,
                    const TableContext &ctx,
                    PhasedOperations &out,
                    QList<ColumnRenameCandidate> &renameCandidates)
{
    TableSpec actual = actualIn;
    const QString schema = desired.schema;
    const QString table = desired.name;

    // Columns: by name; a dropped and an added column of one type are a rename candidate.
    QList<ColumnSpec> added;
    QList<ColumnSpec> dropped;
    for (const ColumnSpec &want : desired.columns) {
        auto it = std::find_if(actual.columns.cbegin(),
                               actual.columns.cend(),
                               [&](const ColumnSpec &c) { return c.name == want.name; });
        if (it == actual.columns.cend())
            added.append(want);
    }
    for (const ColumnSpec &have : actual.columns) {
        auto it = std::find_if(desired.columns.cbegin(),
                               desired.columns.cend(),
                               [&](const ColumnSpec &c) { return c.name == have.name; });
        if (it == desired.columns.cend())
            dropped.append(have);
    }
    QHash<QString, QString> renamed;            // old -> new
    QList<QPair<ColumnSpec, ColumnSpec>> pairs; // (before, after) of accepted renames
    QSet<QString> candidateColumns;
    for (const ColumnSpec &gone : dropped) {
        for (const ColumnSpec &fresh : added) {
            if (candidateColumns.contains(fresh.name)
                || normalizeType(gone.sqlType) != normalizeType(fresh.sqlType))
                continue;
            const ColumnRenameCandidate candidate{schema, table, gone.name, fresh.name};
            candidateColumns.insert(fresh.name);
            candidateColumns.insert(QStringLiteral("\x1f") + gone.name);
            if (ctx.options && ctx.options->columnRenames.contains(candidate)) {
                renamed.insert(gone.name, fresh.name);
                pairs.append({gone, fresh});
            } else {
                renameCandidates.append(candidate);
            }
            break;
        }
    }
    for (const auto &[before, after] : pairs) {
        Operation op = makeOperation(OperationKind::RenameColumn, desired, after.name, ctx, true);
        op.previousName = before.name;
        op.before.column = before;
        op.after.column = after;
        finish(op,
               renameColumnSql(schema, table, before.name, after.name),
               QStringLiteral("rename column %1 to %2")
                   .arg(quoteIdentifier(before.name), quoteIdentifier(after.name)),
               ctx);
        out.renames.append(op);
        ColumnSpec moved = before;
        moved.name = after.name;
        planColumnChanges(desired, moved, after, ctx, out);
    }
    auto isCandidate = [&](const QString &from, const QString &to) {
        for (const ColumnRenameCandidate &c : renameCandidates) {
            if (c.schema == schema && c.table == table && (c.from == from || c.to == to))
                return true;
        }
        return false;
    };
    for (const ColumnSpec &gone : dropped) {
        if (renamed.contains(gone.name))
            continue;
        Operation op = makeOperation(OperationKind::DropColumn, desired, gone.name, ctx, true);
        op.before.column = gone;
        finish(op,
               dropColumnSql(schema, table, gone.name),
               QStringLiteral("drop column %1").arg(quoteIdentifier(gone.name)),
               ctx);
        if (isCandidate(gone.name, QString()))
            op.risks.append(
                Risk{RiskKind::ProbableRename,
                     RiskLevel::Warning,
                     QStringLiteral("A column of the same type is added to this table in "
                                    "the same plan: this is probably a rename, and "
                                    "dropping loses the column's values."),
                     QStringLiteral("Accept the rename (RENAME COLUMN keeps the data)."),
                     std::nullopt});
        out.columnChanges.append(op);
    }
    for (const ColumnSpec &fresh : added) {
        if (renamed.values().contains(fresh.name))
            continue;
        Operation op = makeOperation(OperationKind::AddColumn, desired, fresh.name, ctx, true);
        ColumnSpec afterColumn = fresh;
        afterColumn.comment.reset(); // COMMENT ON is its own operation
        op.after.column = fresh;
        finish(op,
               addColumnSql(schema, table, afterColumn),
               QStringLiteral("add column %1 %2").arg(quoteIdentifier(fresh.name), fresh.sqlType),
               ctx);
        if (isCandidate(QString(), fresh.name))
            op.risks.append(
                Risk{RiskKind::ProbableRename,
                     RiskLevel::Warning,
                     QStringLiteral("A column of the same type is dropped from this "
                                    "table in the same plan: this is probably a "
                                    "rename."),
                     QStringLiteral("Accept the rename (RENAME COLUMN keeps the data)."),
                     std::nullopt});
        out.columnChanges.append(op);
        if (fresh.comment) {
            Operation c
                = makeOperation(OperationKind::SetColumnComment, desired, fresh.name, ctx, true);
            c.after.comment = fresh.comment;
            finish(c,
                   columnCommentSql(schema, table, fresh.name, fresh.comment),
                   QStringLiteral("set comment of column %1").arg(quoteIdentifier(fresh.name)),
                   ctx);
            out.comments.append(c);
        }
    }
    for (const ColumnSpec &want : desired.columns) {
        auto it = std::find_if(actual.columns.cbegin(),
                               actual.columns.cend(),
                               [&](const ColumnSpec &c) { return c.name == want.name; });
        if (it != actual.columns.cend())
            planColumnChanges(desired, *it, want, ctx, out);
    }

    // Objects of the table compare with the column names they will have after the renames.
    if (actual.primaryKey)
        renameColumnsIn(actual.primaryKey->columns, renamed);
    for (IndexSpec &i : actual.indexes)
        renameColumnsIn(i.columns, renamed);
    for (UniqueSpec &u : actual.uniqueConstraints)
        renameColumnsIn(u.columns, renamed);
    for (ForeignKeySpec &f : actual.foreignKeys)
        renameColumnsIn(f.columns, renamed);

    QList<PrimaryKeySpec> wantPk, havePk;
    if (desired.primaryKey)
        wantPk.append(*desired.primaryKey);
    if (actual.primaryKey)
        havePk.append(*actual.primaryKey);
    planObjectSet<PrimaryKeySpec>(
        desired,
        wantPk,
        havePk,
        primaryKeyKey,
        &ObjectState::primaryKey,
        OperationKind::AddPrimaryKey,
        OperationKind::DropPrimaryKey,
        OperationKind::RenamePrimaryKey,
        [&](const PrimaryKeySpec &p) { return addPrimaryKeySql(schema, table, p); },
        [&](const PrimaryKeySpec &p) { return dropConstraintSql(schema, table, p.name); },
        [&](const QString &a, const QString &b) {
            return renameConstraintSql(schema, table, a, b);
        },
        QStringLiteral("primary key"),
        ctx,
        true,
        out.addConstraints,
        out.dropConstraints,
        out.renames);
    planObjectSet<UniqueSpec>(
        desired,
        desired.uniqueConstraints,
        actual.uniqueConstraints,
        uniqueKey,
        &ObjectState::unique,
        OperationKind::AddUniqueConstraint,
        OperationKind::DropUniqueConstraint,
        OperationKind::RenameUniqueConstraint,
        [&](const UniqueSpec &u) { return addUniqueSql(schema, table, u); },
        [&](const UniqueSpec &u) { return dropConstraintSql(schema, table, u.name); },
        [&](const QString &a, const QString &b) {
            return renameConstraintSql(schema, table, a, b);
        },
        QStringLiteral("unique constraint"),
        ctx,
        true,
        out.addConstraints,
        out.dropConstraints,
        out.renames);
    planObjectSet<CheckSpec>(
        desired,
        desired.checkConstraints,
        actual.checkConstraints,
        checkKey,
        &ObjectState::check,
        OperationKind::AddCheckConstraint,
        OperationKind::DropCheckConstraint,
        OperationKind::RenameCheckConstraint,
        [&](const CheckSpec &c) { return addCheckSql(schema, table, c); },
        [&](const CheckSpec &c) { return dropConstraintSql(schema, table, c.name); },
        [&](const QString &a, const QString &b) {
            return renameConstraintSql(schema, table, a, b);
        },
        QStringLiteral("check constraint"),
        ctx,
        true,
        out.addConstraints,
        out.dropConstraints,
        out.renames);
    planIndexesAndForeignKeys(desired, actual, ctx, true, out);

    if (desired.comment != actual.comment) {
        Operation op
            = makeOperation(OperationKind::SetTableComment, desired, desired.name, ctx, true);
        op.before.comment = actual.comment;
        op.after.comment = desired.comment;
        finish(op,
               tableCommentSql(schema, table, desired.comment),
               QStringLiteral("set comment of table %1").arg(quoteQualified(schema, table)),
               ctx);
        out.comments.append(op);
    }
}

} // namespace Core::Migrate
