// SPDX-License-Identifier: MIT
#include "configchangesmodel.h"

#include <core/models/roles.h>

namespace Core {

namespace {

QString shown(const std::optional<Json> &v)
{
    return v ? QString::fromStdString(v->dump()) : ConfigChangesModel::tr("(default)");
}

} // namespace

ConfigChangesModel::ConfigChangesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ConfigChangesModel::setChanges(const QList<Row> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int ConfigChangesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConfigChangesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant ConfigChangesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    if (role == int(ModelRole::HashExcluded))
        return r.hashExcluded;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Field:
        return r.path.join(u'.');
    case Before:
        return shown(r.before);
    case After:
        return shown(r.after);
    case Identity:
        return r.hashExcluded ? tr("excluded: same identity") : tr("hashed: new identity");
    default:
        return {};
    }
}

QVariant ConfigChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Field:
        return tr("Field");
    case Before:
        return tr("Manifest");
    case After:
        return tr("Draft");
    case Identity:
        return tr("Update identity");
    default:
        return {};
    }
}

} // namespace Core
