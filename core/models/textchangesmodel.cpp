// SPDX-License-Identifier: MIT
#include "textchangesmodel.h"

#include "roles.h"

namespace Core {

TextChangesModel::TextChangesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TextChangesModel::setPlan(const QList<Steward::PlannedChange> &plan,
                               const ProviderManifest &manifest)
{
    beginResetModel();
    m_plan = plan;
    m_names.clear();
    for (const Steward::PlannedChange &p : plan)
        m_names << p.key.display(manifest);
    endResetModel();
}

int TextChangesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.size());
}

int TextChangesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : SectionCount;
}

QVariant TextChangesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Steward::PlannedChange &p = m_plan.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (Section(index.column())) {
        case Text:
            return m_names.at(index.row());
        case Before:
            return p.before.display(p.key.field);
        case After:
            return p.after.display(p.key.field);
        case SectionCount:
            break;
        }
    }
    if (role == int(ModelRole::Pending))
        return index.column() == After;
    return {};
}

QVariant TextChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Section(section)) {
    case Text:
        return tr("Text");
    case Before:
        return tr("Now");
    case After:
        return tr("After");
    case SectionCount:
        break;
    }
    return {};
}

} // namespace Core
