// SPDX-License-Identifier: MIT
#include "checklistmodel.h"

#include "roles.h"

namespace Core {

ChecklistModel::ChecklistModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ChecklistModel::setChecklist(const Assistant::NodeChecklist &checklist)
{
    beginResetModel();
    m_checklist = checklist;
    endResetModel();
}

const Assistant::ChecklistItem *ChecklistModel::item(int row) const
{
    return row >= 0 && row < m_checklist.items.size() ? &m_checklist.items.at(row) : nullptr;
}

int ChecklistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_checklist.items.size());
}

int ChecklistModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant ChecklistModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Assistant::ChecklistItem &i = m_checklist.items.at(index.row());
    if (role == int(ModelRole::ChecklistState))
        return int(i.state);
    if (role == Qt::ToolTipRole) {
        QStringList tip = i.evidence;
        if (!i.fix.isEmpty())
            tip << tr("Fix: %1").arg(i.fix);
        if (!i.rules.isEmpty())
            tip << tr("Lint: %1").arg(i.rules.join(QStringLiteral(", ")));
        return tip.join(u'\n');
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Number:
        return i.number;
    case Item:
        return i.title;
    case State:
        return Assistant::itemStateName(i.state);
    case Evidence:
        return i.evidence.join(QStringLiteral("; "));
    case Fix:
        return i.fix;
    default:
        return {};
    }
}

QVariant ChecklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number:
        return tr("#");
    case Item:
        return tr("Checklist item");
    case State:
        return tr("State");
    case Evidence:
        return tr("Evidence");
    case Fix:
        return tr("Fix");
    default:
        return {};
    }
}

} // namespace Core
