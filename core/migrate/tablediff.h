// SPDX-License-Identifier: MIT
#pragma once

#include <core/migrate/plan.h>

#include <QList>

namespace Core::Migrate {

// Operations grouped by the phase they run in. The phases make every plan executable in
// order: foreign keys go first and come back last, so tables and keys never wait on each
// other (this also breaks FK cycles); drops precede renames and creations, so a name that
// moves from one object to another is free when it is taken.
struct PhasedOperations
{
    QList<Operation> dropForeignKeys;
    QList<Operation> dropIndexes;
    QList<Operation> dropConstraints;
    QList<Operation> dropTables;
    QList<Operation> renames;
    QList<Operation> columnChanges;
    QList<Operation> createTables;
    QList<Operation> addConstraints;
    QList<Operation> createIndexes;
    QList<Operation> addForeignKeys;
    QList<Operation> comments;
    QList<Operation> catalog;

    QList<Operation> inExecutionOrder() const;
};

struct TableContext
{
    QString storageClass; // "module:qualname"
    bool protectFromDeletion = false;
    std::optional<qint64> estimatedRows; // nullopt: never analysed, size unknown
    const DiffOptions *options = nullptr;
};

// Everything a missing table needs: CREATE TABLE (columns, primary key, unique and check
// constraints), its indexes, foreign keys and comments as separate operations.
void planCreateTable(const TableSpec &desired, const TableContext &context, PhasedOperations &out);

// The changes that turn `actual` into `desired` (same schema and name).
void planAlterTable(const TableSpec &desired,
                    const TableSpec &actual,
                    const TableContext &context,
                    PhasedOperations &out,
                    QList<ColumnRenameCandidate> &renameCandidates);

// DROP TABLE of a table this provider registered earlier, with its outgoing foreign keys
// dropped in the first phase (so the order of drops never matters).
void planDropTable(const TableSpec &actual, const TableContext &context, PhasedOperations &out);

} // namespace Core::Migrate
