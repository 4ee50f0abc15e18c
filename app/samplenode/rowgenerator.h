// SPDX-License-Identifier: MIT
#pragma once

#include <core/contract/storageclass.h>
#include <core/util/result.h>

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace SampleNode {

struct Cell
{
    QString column;
    Core::Json value; // null = SQL NULL
};

struct Row
{
    QList<Cell> cells;      // contract column order; a bad row may drop or add one
    bool malformed = false; // the writer garbles the line itself
    Cell *cell(const QString &column);
    const Cell *cell(const QString &column) const;
};

// Deterministic rows for one time-indexed storage contract. Row i (0-based) has time step
// i / entities and index tuple number i % entities, so index tuples never repeat; every other
// value depends only on (seed, i, column), never on the rows around it.
class RowGenerator
{
public:
    // Fails with a message naming the contract problem when rows cannot be generated for it.
    [[nodiscard]] static Core::Result<RowGenerator> create(const Core::StorageClass &storageClass,
                                                           quint64 seed,
                                                           const QDateTime &start,
                                                           int entities);

    Row row(qint64 index) const;

    const Core::StorageClass &storageClass() const { return m_class; }
    QStringList columnNames() const;
    int entities() const { return m_entities; }
    QString stepText() const { return m_stepText; }

    // Timestamps as the row stream writes them: UTC with a "Z".
    static QString utcText(const QDateTime &t);

private:
    RowGenerator() = default;
    QDateTime timeAt(qint64 step) const;
    Core::Json indexValue(const Core::Column &column, const QDateTime &time, int tuple) const;
    Core::Json payloadValue(const Core::Column &column,
                            int position,
                            const QDateTime &time,
                            qint64 index) const;
    QString poolUuid(const QString &column, quint64 n) const;

    Core::StorageClass m_class;
    quint64 m_seed = 0;
    QDateTime m_start;
    qint64 m_stepSeconds = 0; // fixed-length cadences (s, m, h, d, w)
    int m_stepMonths = 0;     // calendar cadences (mo, q, y)
    QString m_stepText;
    int m_entities = 1;
    QHash<QString, QString> m_fkTargets; // column -> "target_table.target_column"
};

} // namespace SampleNode
