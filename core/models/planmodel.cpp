// SPDX-License-Identifier: MIT
#include "planmodel.h"

#include <core/migrate/locks.h>
#include <core/models/roles.h>

#include <QLocale>

namespace Core {

namespace {

constexpr quintptr GroupId = 0; // internalId of table rows; operation rows hold group + 1

// What a counted risk's number means, as a figure: "37 NULLs".
QString countLabel(Migrate::RiskKind kind, qint64 n)
{
    const QString v = QLocale::system().toString(n);
    switch (kind) {
    case Migrate::RiskKind::NullsBlockNotNull:
        return QStringLiteral("%1 NULLs").arg(v);
    case Migrate::RiskKind::ConstraintViolations:
        return QStringLiteral("%1 violating rows").arg(v);
    case Migrate::RiskKind::ForeignKeyValidation:
        return QStringLiteral("%1 orphans").arg(v);
    case Migrate::RiskKind::VarcharNarrowing:
        return QStringLiteral("%1 values too long").arg(v);
    case Migrate::RiskKind::DataLoss:
        return QStringLiteral("%1 lost").arg(v);
    default:
        return {}; // the row count says it
    }
}

} // namespace

PlanModel::PlanModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void PlanModel::setPlan(const Migrate::Plan &plan,
                        const QHash<QString, Migrate::TableFigures> &figures)
{
    beginResetModel();
    m_plan = plan;
    m_figures = figures;
    m_groups.clear();
    m_groupOf.clear();
    m_rowOf.clear();
    QHash<QString, int> groupByTable;
    for (int i = 0; i < m_plan.operations.size(); ++i) {
        const Migrate::Operation &op = m_plan.operations.at(i);
        const QString key = Migrate::figuresKey(op.schema, op.table);
        auto it = groupByTable.constFind(key);
        if (it == groupByTable.cend()) {
            it = groupByTable.insert(key, int(m_groups.size()));
            m_groups.append({op.schema, op.table, {}});
        }
        m_groupOf.append(*it);
        m_rowOf.append(int(m_groups[*it].operations.size()));
        m_groups[*it].operations.append(i);
    }
    endResetModel();
}

void PlanModel::clear()
{
    setPlan({}, {});
}

int PlanModel::operationAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == GroupId)
        return -1;
    return m_groups.at(int(index.internalId() - 1)).operations.at(index.row());
}

QModelIndex PlanModel::indexOfOperation(int operation, int column) const
{
    if (operation < 0 || operation >= m_groupOf.size())
        return {};
    return createIndex(m_rowOf.at(operation), column, quintptr(m_groupOf.at(operation) + 1));
}

QModelIndex PlanModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, GroupId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex PlanModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, GroupId);
}

int PlanModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0 || parent.internalId() != GroupId)
        return 0;
    return int(m_groups.at(parent.row()).operations.size());
}

int PlanModel::columnCount(const QModelIndex &) const
{
    return Count;
}

QString PlanModel::lockText(int operation) const
{
    const QList<Migrate::TableLock> locks = Migrate::locksFor(m_plan.operations.at(operation));
    if (locks.isEmpty())
        return tr("none");
    const Migrate::Operation &op = m_plan.operations.at(operation);
    if (locks.size() == 1 && locks.first().table == op.table)
        return Migrate::lockModeName(locks.first().mode);
    QStringList parts;
    for (const Migrate::TableLock &l : locks)
        parts.append(tr("%1 on %2").arg(Migrate::lockModeName(l.mode), l.table));
    return parts.join(QStringLiteral("; "));
}

QString PlanModel::countsText(const Migrate::Operation &op) const
{
    QStringList counts;
    for (const Migrate::Risk &r : op.risks) {
        if (r.affectedRows) {
            const QString label = countLabel(r.kind, *r.affectedRows);
            if (!label.isEmpty() && !counts.contains(label))
                counts.append(label);
        }
    }
    return counts.join(QStringLiteral(" · "));
}

QString PlanModel::figuresText(int operation) const
{
    const Migrate::Operation &op = m_plan.operations.at(operation);
    QStringList parts;
    const auto it = m_figures.constFind(Migrate::figuresKey(op.schema, op.table));
    if (it != m_figures.cend())
        parts.append(Migrate::formatFigures(*it));
    else if (!op.onExistingTable)
        parts.append(tr("new table"));
    const QString counts = countsText(op);
    if (!counts.isEmpty())
        parts.append(counts);
    const auto &fk = op.after.foreignKey ? op.after.foreignKey : op.before.foreignKey;
    if (fk) {
        const auto target
            = m_figures.constFind(Migrate::figuresKey(fk->targetSchema, fk->targetTable));
        if (target != m_figures.cend())
            parts.append(tr("target %1: %2").arg(fk->targetTable, Migrate::formatFigures(*target)));
    }
    return parts.join(QStringLiteral(" · "));
}

QVariant PlanModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == GroupId)
        return groupData(m_groups.at(index.row()), index.column(), role);
    return operationData(operationAt(index), index.column(), role);
}

QVariant PlanModel::groupData(const TableGroup &group, int column, int role) const
{
    Migrate::RiskLevel highest = Migrate::RiskLevel::Info;
    bool anyRisk = false;
    for (int op : group.operations) {
        const Migrate::Operation &o = m_plan.operations.at(op);
        if (!o.risks.isEmpty()) {
            anyRisk = true;
            highest = std::max(highest, o.highestRisk());
        }
    }
    if (role == int(ModelRole::RiskLevel))
        return anyRisk && column == Risk ? int(highest) : -1;
    if (role == int(ModelRole::ItemIndex))
        return -1;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case Operation:
        return tr("%1.%2 (%n operation(s))", nullptr, int(group.operations.size()))
            .arg(group.schema, group.table);
    case Risk:
        return anyRisk ? Migrate::riskLevelName(highest) : QString();
    case Figures: {
        const auto it = m_figures.constFind(Migrate::figuresKey(group.schema, group.table));
        if (it != m_figures.cend())
            return Migrate::formatFigures(*it);
        return m_plan.operations.at(group.operations.first()).onExistingTable ? QString()
                                                                              : tr("new table");
    }
    default:
        return {};
    }
}

QVariant PlanModel::operationData(int operation, int column, int role) const
{
    const Migrate::Operation &op = m_plan.operations.at(operation);
    if (role == int(ModelRole::RiskLevel))
        return op.risks.isEmpty() || column != Risk ? -1 : int(op.highestRisk());
    if (role == int(ModelRole::ItemIndex))
        return operation;
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Operation:
            return tr("%1. %2").arg(operation + 1).arg(op.summary);
        case Risk:
            return op.risks.isEmpty() ? QString() : Migrate::riskLevelName(op.highestRisk());
        case Lock:
            return lockText(operation);
        case Figures:
            return figuresText(operation);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case Risk: {
            QStringList reasons;
            for (const Migrate::Risk &r : op.risks)
                reasons.append(r.reason);
            return reasons.join(QLatin1Char('\n'));
        }
        case Lock: {
            QStringList lines;
            for (const Migrate::TableLock &l : Migrate::locksFor(op))
                lines.append(tr("%1 on %2.%3: %4")
                                 .arg(Migrate::lockModeName(l.mode),
                                      l.schema,
                                      l.table,
                                      Migrate::lockBlocks(l.mode)));
            return lines.isEmpty() ? tr("Locks nothing another session can see.")
                                   : lines.join(QLatin1Char('\n'));
        }
        default:
            return operationData(operation, column, Qt::DisplayRole); // full text of elided cells
        }
    }
    return {};
}

QVariant PlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Operation:
        return tr("Operation");
    case Risk:
        return tr("Risk");
    case Lock:
        return tr("Lock");
    case Figures:
        return tr("Live figures");
    default:
        return {};
    }
}

} // namespace Core
