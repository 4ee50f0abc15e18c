// SPDX-License-Identifier: MIT
#pragma once

#include <core/migrate/plan.h>
#include <core/migrate/tablefigures.h>

#include <QAbstractItemModel>
#include <QHash>

namespace Core {

// A migration plan as a tree a reviewer reads: one row per table (in the order the plan first
// touches it), under it that table's operations in execution order, each with its step number,
// its risk, the lock it takes and the live figures that make it risky.
class PlanModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Section { Operation, Risk, Lock, Figures, Count };

    explicit PlanModel(QObject *parent = nullptr);

    void setPlan(const Migrate::Plan &plan, const QHash<QString, Migrate::TableFigures> &figures);
    void clear();
    const Migrate::Plan &plan() const { return m_plan; }

    // The plan's operation a row shows (-1 for a table row or an invalid index), and back.
    int operationAt(const QModelIndex &index) const;
    QModelIndex indexOfOperation(int operation, int column = 0) const;

    // "12,345 rows · 1.2 MB · 37 NULLs": the table's figures and the counts of its risks.
    QString figuresText(int operation) const;
    // "ACCESS EXCLUSIVE" (several tables: "SHARE ROW EXCLUSIVE on a, b"); "none" when it locks
    // nothing another session sees.
    QString lockText(int operation) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct TableGroup
    {
        QString schema;
        QString table;
        QList<int> operations; // indexes into m_plan.operations
    };
    QVariant groupData(const TableGroup &group, int column, int role) const;
    QVariant operationData(int operation, int column, int role) const;
    QString countsText(const Migrate::Operation &op) const;

    Migrate::Plan m_plan;
    QHash<QString, Migrate::TableFigures> m_figures;
    QList<TableGroup> m_groups;
    QList<int> m_groupOf; // operation -> group
    QList<int> m_rowOf;   // operation -> row in its group
};

} // namespace Core
